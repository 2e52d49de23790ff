//! The section registry: every section a report may print, its title in every version, and
//! report order (report_layout.md §1, §9, §10).
//!
//! Titles are written as printed; the segmenter compares them in key form. Numbering differs
//! between the two versions and the design-era sample (本人声明 is 六 in a 授信机构版, 九 in
//! the sample), so it is not part of the registry.

use std::sync::OnceLock;

/// A section of the report. Sections that have no schema key (design-era 六/七/八, 报告说明,
/// 编制说明) are recognised so that their content does not leak into a neighbour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionId {
    /// Everything before `一 个人基本信息`: title, header tables, 其他证件信息, 防欺诈警示, 异议信息提示.
    Header,
    /// 一 个人基本信息 (text before its first sub-heading).
    BasicInfo,
    /// （一）身份信息
    Identity,
    /// （二）配偶信息
    Spouse,
    /// （三）居住信息
    Residence,
    /// （四）职业信息
    Occupation,
    /// 二 信息概要 (text before its first sub-heading).
    InfoSummary,
    /// （一）个人信用报告"数字解读" (授信机构版)
    DigitExplication,
    /// 信贷交易信息提示
    CreditTransHint,
    /// 信贷交易违约信息概要
    BreachSummary,
    /// 信贷交易授信及负债信息概要
    ExtensionDebtSummary,
    /// 非信贷交易信息概要
    NoncreditSummary,
    /// 公共信息概要
    PublicSummary,
    /// 非金融信用交易信息概要 (design-era sample only; no schema key)
    NonFinancialSummary,
    /// 公开信息概要 (design-era sample only; no schema key)
    OpenInfoSummary,
    /// 查询记录概要
    QuerySummary,
    /// 三 信贷交易信息明细, whole (its sub-headings are the detail parser's business).
    CreditTransDetail,
    /// 四 非信贷交易信息明细
    NoncreditDetail,
    /// 五 公共信息明细 (text before its first sub-heading).
    PublicDetail,
    /// （一）欠税记录
    OwingTax,
    /// （二）民事判决记录
    CivilJudgment,
    /// （三）强制执行记录
    ForceExecute,
    /// （四）行政处罚记录
    AdministrativePenalty,
    /// （五）住房公积金参缴记录
    HousingFund,
    /// （六）低保救助记录
    LowSecurityRescue,
    /// （七）执业资格记录
    ExecutiveQualification,
    /// （八）行政奖励记录
    AdministrativeReward,
    /// 六 非金融信用交易信息 (design-era sample only; no schema key)
    NonFinancialCredit,
    /// 七 公开信息 (design-era sample only; no schema key)
    OpenInfo,
    /// 八 其他非公开信息 (design-era sample only; no schema key)
    OtherNonPublic,
    /// 本人声明
    SelfDeclare,
    /// 异议标注
    ObjectionLabel,
    /// 查询记录
    QueryRecord,
    /// 报告说明 (no schema key)
    ReportNotes,
    /// 编制说明 (no schema key)
    CompilationNotes,
}

/// A level-1 section: its title spellings, whether the heading may lack a numeral, its level-2
/// children (sections of their own), and the sub-headings inside it that its own parser reads
/// (they do not split the document).
#[derive(Debug)]
pub struct Level1 {
    /// Which section.
    pub id: SectionId,
    /// Title spellings.
    pub titles: &'static [&'static str],
    /// The heading is printed without a numeral.
    pub unnumbered: bool,
    /// Level-2 sections: id and title spellings, the printed title first.
    pub children: &'static [(SectionId, &'static [&'static str])],
    /// Sub-headings read by the section's own parser.
    pub inner: &'static [&'static str],
}

/// Sub-section titles of 三 信贷交易信息明细, both naming sets (report_layout.md §1), in printed
/// order.
pub static CREDIT_DETAIL_TITLES: &[&str] = &[
    "被追偿信息",
    "非循环贷账户",
    "循环额度下分账户",
    "循环贷账户一",
    "循环贷账户",
    "循环贷账户二",
    "贷记卡账户",
    "准贷记卡账户",
    "相关还款责任信息",
    "授信协议信息",
];

/// Sub-headings of the design-era 七 公开信息.
static OPEN_INFO_TITLES: &[&str] = &[
    "判决信息",
    "执行信息",
    "认定类信息",
    "惩戒类信息",
    "欠缴信息",
    "其他公开信息",
];

/// Level-1 sections in report order (both versions fit this order).
pub static LEVEL1: &[Level1] = &[
    Level1 {
        id: SectionId::BasicInfo,
        titles: &["个人基本信息"],
        unnumbered: false,
        children: &[
            (SectionId::Identity, &["身份信息"]),
            (SectionId::Spouse, &["配偶信息"]),
            (SectionId::Residence, &["居住信息"]),
            (SectionId::Occupation, &["职业信息"]),
        ],
        inner: &[],
    },
    Level1 {
        id: SectionId::InfoSummary,
        titles: &["信息概要"],
        unnumbered: false,
        children: &[
            (
                SectionId::DigitExplication,
                &["个人信用报告\u{201c}数字解读\u{201d}", "数字解读"],
            ),
            (SectionId::CreditTransHint, &["信贷交易信息提示"]),
            (SectionId::BreachSummary, &["信贷交易违约信息概要"]),
            (SectionId::ExtensionDebtSummary, &["信贷交易授信及负债信息概要"]),
            (SectionId::NoncreditSummary, &["非信贷交易信息概要"]),
            (SectionId::PublicSummary, &["公共信息概要"]),
            (SectionId::NonFinancialSummary, &["非金融信用交易信息概要"]),
            (SectionId::OpenInfoSummary, &["公开信息概要"]),
            (SectionId::QuerySummary, &["查询记录概要"]),
        ],
        inner: &[],
    },
    Level1 {
        id: SectionId::CreditTransDetail,
        titles: &["信贷交易信息明细"],
        unnumbered: false,
        children: &[],
        inner: CREDIT_DETAIL_TITLES,
    },
    Level1 {
        id: SectionId::NoncreditDetail,
        titles: &["非信贷交易信息明细"],
        unnumbered: false,
        children: &[],
        inner: &[],
    },
    Level1 {
        id: SectionId::PublicDetail,
        titles: &["公共信息明细"],
        unnumbered: false,
        children: &[
            (SectionId::OwingTax, &["欠税记录"]),
            (SectionId::CivilJudgment, &["民事判决记录"]),
            (SectionId::ForceExecute, &["强制执行记录"]),
            (SectionId::AdministrativePenalty, &["行政处罚记录"]),
            (SectionId::HousingFund, &["住房公积金参缴记录"]),
            (SectionId::LowSecurityRescue, &["低保救助记录"]),
            (SectionId::ExecutiveQualification, &["执业资格记录"]),
            (SectionId::AdministrativeReward, &["行政奖励记录"]),
        ],
        inner: &[],
    },
    Level1 {
        id: SectionId::NonFinancialCredit,
        titles: &["非金融信用交易信息"],
        unnumbered: false,
        children: &[],
        inner: &[],
    },
    Level1 {
        id: SectionId::OpenInfo,
        titles: &["公开信息"],
        unnumbered: false,
        children: &[],
        inner: OPEN_INFO_TITLES,
    },
    Level1 {
        id: SectionId::OtherNonPublic,
        titles: &["其他非公开信息"],
        unnumbered: false,
        children: &[],
        inner: &[],
    },
    Level1 {
        id: SectionId::SelfDeclare,
        titles: &["本人声明"],
        unnumbered: false,
        children: &[],
        inner: &[],
    },
    Level1 {
        id: SectionId::ObjectionLabel,
        titles: &["异议标注"],
        unnumbered: false,
        children: &[],
        inner: &[],
    },
    Level1 {
        id: SectionId::QueryRecord,
        titles: &["查询记录"],
        unnumbered: false,
        children: &[],
        inner: &[],
    },
    Level1 {
        id: SectionId::ReportNotes,
        titles: &["报告说明"],
        unnumbered: true,
        children: &[],
        inner: &[],
    },
    Level1 {
        id: SectionId::CompilationNotes,
        titles: &["编制说明"],
        unnumbered: true,
        children: &[],
        inner: &[],
    },
];

/// Whether `c` is a Chinese numeral of a heading number (`三`, `十一` is two of them). OCR's
/// readings of `一` as a dash are the readers' business (see
/// [`crate::lexicon::confusions::ONE_LOOKALIKES`]): each reads text folded its own way.
pub fn is_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// Every level-1 title.
pub fn level1_titles() -> &'static [&'static str] {
    static V: OnceLock<Vec<&'static str>> = OnceLock::new();
    V.get_or_init(|| LEVEL1.iter().flat_map(|l| l.titles.iter().copied()).collect())
}

/// Every level-2 title as printed: the children's titles and the sub-headings the sections'
/// own parsers read.
pub fn level2_titles() -> &'static [&'static str] {
    static V: OnceLock<Vec<&'static str>> = OnceLock::new();
    V.get_or_init(|| {
        LEVEL1
            .iter()
            .flat_map(|l| {
                l.children
                    .iter()
                    .filter_map(|(_, t)| t.first().copied())
                    .chain(l.inner.iter().copied())
            })
            .collect()
    })
}

/// Level-1 titles printed without a numeral.
pub fn unnumbered_titles() -> &'static [&'static str] {
    static V: OnceLock<Vec<&'static str>> = OnceLock::new();
    V.get_or_init(|| {
        LEVEL1
            .iter()
            .filter(|l| l.unnumbered)
            .flat_map(|l| l.titles.iter().copied())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_titles_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for t in level1_titles().iter().chain(level2_titles()) {
            assert!(seen.insert(*t), "{t}");
        }
        assert_eq!(unnumbered_titles(), ["报告说明", "编制说明"]);
    }
}
