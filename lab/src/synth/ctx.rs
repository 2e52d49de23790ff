//! Per-report generation state: the version switch, the report date, the random stream, and the
//! helpers that print values the way each version prints them.

use super::date::{Date, Month};
use super::rng::SplitMix64;
use super::vocab;

/// Which of the two second-generation products is drawn (§1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// 本人版
    Personal,
    /// 授信机构版
    Institution,
}

impl Version {
    /// `本人版` / `授信机构版`
    pub fn label(self) -> &'static str {
        match self {
            Version::Personal => "本人版",
            Version::Institution => "授信机构版",
        }
    }
    pub fn title_line(self) -> &'static str {
        match self {
            Version::Personal => "（本人版）",
            Version::Institution => "（授信机构版）",
        }
    }
    /// Name of the R4 family (§1 "Revolving-loan names").
    pub fn r4_name(self) -> &'static str {
        match self {
            Version::Personal => "循环贷账户一",
            Version::Institution => "循环额度下分账户",
        }
    }
    /// Name of the R1 family.
    pub fn r1_name(self) -> &'static str {
        match self {
            Version::Personal => "循环贷账户二",
            Version::Institution => "循环贷账户",
        }
    }
}

/// Generation state of one report.
pub struct Ctx {
    pub version: Version,
    pub rng: SplitMix64,
    /// Report date; the report time is printed with `clock`.
    pub today: Date,
    pub clock: (u32, u32, u32),
    /// Institutions reused across sections so summaries can count distinct ones.
    pub banks: Vec<String>,
}

impl Ctx {
    pub fn new(rng: &mut SplitMix64, version: Version) -> Self {
        let mut rng = rng.split();
        let today = Date::new(
            rng.range(2016, 2025) as i32,
            rng.range(1, 12) as u32,
            rng.range(1, 28) as u32,
        );
        let clock = (
            rng.range(8, 20) as u32,
            rng.range(0, 59) as u32,
            rng.range(0, 59) as u32,
        );
        let n = rng.urange(3, 7);
        let mut banks: Vec<String> = Vec::new();
        while banks.len() < n {
            let b = institution_name(&mut rng, version);
            if !banks.contains(&b) {
                banks.push(b);
            }
        }
        Ctx {
            version,
            rng,
            today,
            clock,
            banks,
        }
    }

    pub fn personal(&self) -> bool {
        self.version == Version::Personal
    }

    /// The month of the report.
    pub fn this_month(&self) -> Month {
        self.today.month()
    }

    /// `2015.06.01 10:05:15`
    pub fn report_time(&self) -> String {
        format!(
            "{} {:02}:{:02}:{:02}",
            self.today.dot(),
            self.clock.0,
            self.clock.1,
            self.clock.2
        )
    }

    /// `YYYYMMDDhhmmss`, the prefix of the report number (§3) and the PDF date.
    pub fn stamp(&self) -> String {
        format!(
            "{:04}{:02}{:02}{:02}{:02}{:02}",
            self.today.y, self.today.m, self.today.d, self.clock.0, self.clock.1, self.clock.2
        )
    }

    /// One of this report's lenders.
    pub fn bank(&mut self) -> String {
        let i = self.rng.below(self.banks.len() as u64) as usize;
        self.banks[i].clone()
    }

    /// A 数据发生机构名称 (本人版 only; the 授信机构版 prints none).
    pub fn provider(&mut self) -> String {
        if self.rng.chance(0.5) {
            self.rng.pick(vocab::BANK_SHORT).to_string()
        } else {
            self.bank()
        }
    }

    /// A date `lo..=hi` days before the report.
    pub fn days_ago(&mut self, lo: i64, hi: i64) -> Date {
        let n = self.rng.range(lo, hi);
        self.today.add_days(-n)
    }

    /// An account identifier such as `ICBCZH00001`.
    pub fn account_id(&mut self) -> String {
        let head = self.rng.word("ABCDEFGHJKLMNPQRSTUVWXYZ", 2, 5);
        let tail = self.rng.word("0123456789", 5, 12);
        format!("{head}{tail}")
    }
}

/// An institution as the version prints it: a legal name (本人版) or `类型“代码”` (授信机构版).
pub fn institution_name(rng: &mut SplitMix64, version: Version) -> String {
    match version {
        Version::Personal => {
            if rng.chance(0.8) {
                let bank = rng.pick(vocab::BANKS);
                let (city, _) = rng.pick(vocab::CITIES);
                // `广东省广州市` → `广州市`: branch names carry the city, not the province.
                let city = city
                    .rsplit(['省', '区'])
                    .next()
                    .filter(|c| !c.is_empty())
                    .unwrap_or(city);
                match rng.below(4) {
                    0 => format!("{bank}股份有限公司{city}分行"),
                    1 => format!("{bank}股份有限公司信用卡中心"),
                    2 => format!("{}{city}分行", bank.trim_start_matches("中国")),
                    _ => format!("{bank}股份有限公司{city}{}支行", rng.pick(vocab::STREETS)),
                }
            } else {
                rng.pick(vocab::NONBANK).to_string()
            }
        }
        Version::Institution => {
            let kind = rng.pick(vocab::ORG_TYPES);
            let code = rng.word("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 4, 8);
            format!("{kind}“{code}”")
        }
    }
}

/// A street address that often wraps inside its cell.
pub fn address(rng: &mut SplitMix64) -> String {
    let (city, district) = rng.pick(vocab::CITIES);
    let mut s = format!("{city}{district}{}{}号", rng.pick(vocab::STREETS), rng.range(1, 300));
    if rng.chance(0.7) {
        s.push_str(&format!("{}{}号楼", rng.pick(vocab::COMPOUNDS), rng.range(1, 30)));
    }
    if rng.chance(0.6) {
        s.push_str(&format!("{}单元{}室", rng.range(1, 6), rng.range(101, 2805)));
    }
    s
}
