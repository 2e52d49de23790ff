//! Seeded names, institutions, dates and amount formats for the negative documents.

use crate::synth::rng::SplitMix64;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀兰", "霞",
];
pub(super) const BANKS: &[&str] = &[
    "中国工商银行",
    "中国建设银行",
    "中国农业银行",
    "中国银行",
    "交通银行",
    "招商银行",
    "中信银行",
    "兴业银行",
    "上海浦东发展银行",
    "中国民生银行",
];
pub(super) const CITIES: &[&str] = &[
    "北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "苏州",
];
const COMPANY_CORE: &[&str] = &[
    "华信", "恒通", "瑞丰", "金桥", "远航", "新宇", "宏达", "天成", "博远", "嘉和",
];
const COMPANY_TRADE: &[&str] = &[
    "科技",
    "商贸",
    "信息技术",
    "建筑工程",
    "餐饮管理",
    "物流",
    "文化传媒",
    "电子",
];

pub(super) fn person(rng: &mut SplitMix64) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

pub(super) fn company(rng: &mut SplitMix64) -> String {
    format!(
        "{}{}{}有限公司",
        rng.pick(CITIES),
        rng.pick(COMPANY_CORE),
        rng.pick(COMPANY_TRADE)
    )
}

/// 18-character unified social credit code (统一社会信用代码) shape: 91 + 6-digit region +
/// 9 alphanumerics + check character. The check character is random, not computed; nothing
/// downstream validates it.
pub(super) fn credit_code(rng: &mut SplitMix64) -> String {
    const ALNUM: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut s = format!("91{:06}", rng.range_i64(110000, 659999));
    for _ in 0..10 {
        s.push(ALNUM[rng.below(ALNUM.len() as u64) as usize] as char);
    }
    s
}

pub(super) fn digits(rng: &mut SplitMix64, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.below(10) as u8)).collect()
}

/// A plausible 18-digit resident ID number shape (region, birth date, sequence, check).
pub(super) fn id_number(rng: &mut SplitMix64) -> String {
    let (y, m, d) = date(rng, 1960, 1999);
    let check = *rng.pick(&["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"]);
    format!(
        "{:06}{y:04}{m:02}{d:02}{}{check}",
        rng.range_i64(110000, 659999),
        digits(rng, 3)
    )
}

/// A calendar date (day capped at 28 so every month is valid).
pub(super) fn date(rng: &mut SplitMix64, from_year: i64, to_year: i64) -> (i64, i64, i64) {
    (
        rng.range_i64(from_year, to_year),
        rng.range_i64(1, 12),
        rng.range_i64(1, 28),
    )
}

/// `12,345.67` from cents.
pub(super) fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{}.{:02}", thousands(c / 100), c % 100)
}

/// `12,345` grouping of a whole number.
pub(super) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Amount in financial capital numerals (大写金额), e.g. 1,000,500.00 → 壹佰万零伍佰元整.
pub(super) fn capital_amount(cents: u64) -> String {
    const D: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
    const UNIT: [&str; 4] = ["", "拾", "佰", "仟"];
    const BIG: [&str; 3] = ["", "万", "亿"];
    let (yuan, jiao, fen) = (cents / 100, (cents / 10) % 10, cents % 10);
    let mut out = String::new();
    if yuan > 0 {
        let s = yuan.to_string();
        let mut pending_zero = false;
        let mut group_has_digit = false;
        for (i, ch) in s.bytes().enumerate() {
            let pos = s.len() - 1 - i;
            let d = (ch - b'0') as usize;
            if d == 0 {
                pending_zero = !out.is_empty();
            } else {
                if pending_zero {
                    out.push_str(D[0]);
                    pending_zero = false;
                }
                out.push_str(D[d]);
                out.push_str(UNIT[pos % 4]);
                group_has_digit = true;
            }
            if pos % 4 == 0 && pos > 0 {
                if group_has_digit {
                    out.push_str(BIG[(pos / 4).min(2)]);
                }
                group_has_digit = false;
            }
        }
        out.push('元');
    }
    match (jiao, fen) {
        (0, 0) => out.push('整'),
        _ => {
            if jiao > 0 {
                out.push_str(D[jiao as usize]);
                out.push('角');
            } else if yuan > 0 {
                out.push_str(D[0]);
            }
            if fen > 0 {
                out.push_str(D[fen as usize]);
                out.push('分');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_amounts_follow_banking_rules() {
        assert_eq!(capital_amount(100_050_000), "壹佰万零伍佰元整");
        assert_eq!(capital_amount(1_000_050_000), "壹仟万零伍佰元整");
        assert_eq!(capital_amount(1_234_567), "壹万贰仟叁佰肆拾伍元陆角柒分");
        assert_eq!(capital_amount(1_005), "壹拾元零伍分");
        assert_eq!(capital_amount(50), "伍角");
        assert_eq!(capital_amount(10_000_000_000), "壹亿元整");
        assert_eq!(capital_amount(10_000), "壹佰元整");
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(123_456_789), "1,234,567.89");
        assert_eq!(money(-5), "-0.05");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn identifiers_have_fixed_lengths() {
        let mut rng = SplitMix64::new(3);
        for _ in 0..50 {
            assert_eq!(credit_code(&mut rng).len(), 18);
            assert_eq!(id_number(&mut rng).len(), 18);
        }
    }
}
