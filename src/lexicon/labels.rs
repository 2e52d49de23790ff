//! The labels, table titles and stand-alone lines a report prints (report_layout.md §2–§10),
//! each written once, with the value kind it implies and the readers that look it up.
//!
//! Entries are written as printed; readers compare them folded (see [`super::fold`]), so
//! `逾期31—60天未还本金` also covers `逾期31－60天未还本金`.

use std::sync::OnceLock;

use super::codes::*;
use super::fold::Fold;

/// What a value cell under a label must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A date in any printed form: `YYYY.MM.DD`, `YYYY.MM`, `YYYY年MM月DD日`.
    Date,
    /// A four-digit year (进入本单位年份).
    Year,
    /// Whole-yuan amount `360,000` (or `--`).
    Amount,
    /// A small count: 账户数, 还款期数 (or `--`).
    Count,
    /// `12%`.
    Percent,
    /// 18-digit resident ID (other ID shapes are left alone).
    IdNumber,
    /// Mobile or landline number.
    Phone,
    /// One repayment-status character (当前还款状态).
    GridStatus,
    /// 债权转移时的还款状态.
    TransferStatus,
    /// A value of a closed code table.
    Code(&'static [&'static str]),
    /// An institution's name: a legal name as printed, or the 授信机构版's masked form
    /// `type“CODE”`.
    Institution,
}

/// What kind of printed word an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A column-header label of a table (§4–§10).
    Column,
    /// The full-width title row of a table (the first row of a summary table, §4, §6, §7).
    TableTitle,
    /// A stand-alone line that is neither a numbered heading nor a caption: the title block,
    /// sub-headings inside sections (§7.9, §8, §10).
    Standalone,
}

/// Which section parsers look a word up, beyond OCR correction (which knows every word). A
/// parser proposes corrections only among its own words, so each keeps exactly the set it
/// reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readers(u8);

impl Readers {
    /// Only OCR correction.
    pub const NONE: Readers = Readers(0);
    /// The form-table parsers (header, basic info, summaries, public records, queries).
    pub const FORM: Readers = Readers(1);
    /// The credit-detail parser (三 信贷交易信息明细).
    pub const DETAIL: Readers = Readers(2);
    /// Both.
    pub const BOTH: Readers = Readers(3);

    /// Whether every reader of `other` is one of these.
    pub const fn has(self, other: Readers) -> bool {
        self.0 & other.0 == other.0
    }
}

/// One printed word.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    /// As printed.
    pub text: &'static str,
    /// What it is.
    pub role: Role,
    /// Which parsers read it.
    pub readers: Readers,
    /// The kind of value it heads; `None` for free text (names, institutions, addresses,
    /// identifiers, sentences), which is never corrected.
    pub kind: Option<ValueKind>,
}

const fn column(text: &'static str, readers: Readers, kind: Option<ValueKind>) -> Word {
    Word {
        text,
        role: Role::Column,
        readers,
        kind,
    }
}

const fn title(text: &'static str, readers: Readers) -> Word {
    Word {
        text,
        role: Role::TableTitle,
        readers,
        kind: None,
    }
}

const fn standalone(text: &'static str, readers: Readers) -> Word {
    Word {
        text,
        role: Role::Standalone,
        readers,
        kind: None,
    }
}

const NONE: Readers = Readers::NONE;
const FORM: Readers = Readers::FORM;
const DETAIL: Readers = Readers::DETAIL;
const BOTH: Readers = Readers::BOTH;

/// Every label, table title and stand-alone line.
pub static WORDS: &[Word] = {
    use ValueKind::*;
    &[
        // header block and 其他证件信息 / 防欺诈警示
        column("被查询者姓名", FORM, None),
        column("被查询者证件类型", FORM, Some(Code(ID_TYPES))),
        column("被查询者证件号码", FORM, Some(IdNumber)),
        column("查询机构", FORM, Some(Institution)),
        column("查询原因", FORM, Some(Code(QUERY_REASONS))),
        column("查询操作员", NONE, None),
        column("查询操作机构", FORM, None),
        column("证件类型", FORM, Some(Code(ID_TYPES))),
        column("证件号码", FORM, Some(IdNumber)),
        column("生效日期", BOTH, Some(Date)),
        column("截止日期", FORM, Some(Date)),
        // 身份信息, 配偶, 居住, 职业
        column("性别", FORM, Some(Code(GENDER))),
        column("出生日期", FORM, Some(Date)),
        column("婚姻状况", FORM, Some(Code(MARITAL))),
        column("就业状况", FORM, Some(Code(EMPLOYMENT))),
        column("数据发生机构名称", FORM, Some(Institution)),
        column("学历", FORM, Some(Code(EDUCATION))),
        column("学位", FORM, Some(Code(DEGREE))),
        column("国籍", FORM, None),
        column("电子邮箱", FORM, None),
        column("通讯地址", FORM, None),
        column("户籍地址", FORM, None),
        column("编号", FORM, Some(Count)),
        column("手机号码", FORM, Some(Phone)),
        column("信息更新日期", FORM, Some(Date)),
        column("姓名", FORM, None),
        column("工作单位", FORM, None),
        column("联系电话", FORM, Some(Phone)),
        column("居住地址", FORM, None),
        column("住宅电话", FORM, Some(Phone)),
        column("居住状况", FORM, Some(Code(RESIDENCE_STATUS))),
        column("单位性质", FORM, Some(Code(COMPANY_NATURE))),
        column("单位地址", FORM, None),
        column("单位电话", FORM, Some(Phone)),
        column("职业", FORM, Some(Code(OCCUPATIONS))),
        column("行业", FORM, Some(Code(INDUSTRIES))),
        column("职务", FORM, Some(Code(POSITIONS))),
        column("职称", FORM, Some(Code(TITLES))),
        column("进入本单位年份", FORM, Some(Year)),
        // 信息概要
        column("数字解读", FORM, None),
        column("相对位置", FORM, None),
        column("说明", FORM, None),
        column("业务类型", FORM, Some(Code(BUSINESS_TYPES))),
        column("账户数", FORM, Some(Count)),
        column("首笔业务发放月份", FORM, Some(Date)),
        column("首笔贷款发放月份", FORM, Some(Date)),
        column("余额", BOTH, Some(Amount)),
        column("账户类型", FORM, Some(Code(ACCOUNT_TYPES))),
        column("月份数", FORM, Some(Count)),
        column("单月最高逾期/透支总额", FORM, Some(Amount)),
        column("最长逾期/透支月数", FORM, Some(Count)),
        column("管理机构数", FORM, Some(Count)),
        column("授信总额", FORM, Some(Amount)),
        column("最近6个月平均应还款", FORM, Some(Amount)),
        column("发卡机构数", FORM, Some(Count)),
        column("单家机构最高授信额", FORM, Some(Amount)),
        column("单家机构最低授信额", FORM, Some(Amount)),
        column("已用额度", BOTH, Some(Amount)),
        column("最近6个月平均使用额度", BOTH, Some(Amount)),
        column("透支余额", BOTH, Some(Amount)),
        column("最近6个月平均透支余额", BOTH, Some(Amount)),
        column("担保金额", FORM, Some(Amount)),
        column("还款责任金额", BOTH, Some(Amount)),
        column("欠费金额", FORM, Some(Amount)),
        column("信息类型", FORM, None),
        column("记录数", FORM, Some(Count)),
        column("涉及金额", FORM, Some(Amount)),
        column("笔数", NONE, Some(Count)),
        column("最近1个月内的查询机构数", FORM, None),
        column("最近1个月内的查询次数", FORM, None),
        column("最近2年内的查询次数", FORM, None),
        column("贷款审批", FORM, Some(Count)),
        column("信用卡审批", FORM, Some(Count)),
        column("本人查询", FORM, Some(Count)),
        column("贷后管理", FORM, Some(Count)),
        column("担保资格审查", FORM, Some(Count)),
        column("特约商户实名审查", FORM, Some(Count)),
        column("异议标注", BOTH, None),
        column("添加日期", BOTH, Some(Date)),
        // account basic-info forms (§7.1–§7.5, §7.9, §7.10)
        column("管理机构", DETAIL, Some(Institution)),
        column("发卡机构", DETAIL, Some(Institution)),
        column("账户标识", DETAIL, None),
        column("开立日期", DETAIL, Some(Date)),
        column("到期日期", BOTH, Some(Date)),
        column("借款金额", DETAIL, Some(Amount)),
        column("账户授信额度", DETAIL, Some(Amount)),
        column("共享授信额度", DETAIL, Some(Amount)),
        column("账户币种", DETAIL, Some(Code(CURRENCIES))),
        column("币种", DETAIL, Some(Code(CURRENCIES))),
        column("业务种类", DETAIL, Some(Code(BUSINESS_KINDS))),
        column("担保方式", DETAIL, Some(Code(GUARANTEE))),
        column("还款期数", DETAIL, Some(Count)),
        column("还款频率", DETAIL, Some(Code(REPAY_FREQ))),
        column("还款方式", DETAIL, Some(Code(REPAY_METHODS))),
        column("共同借款标志", DETAIL, Some(Code(CO_BORROWER))),
        column("债权接收日期", DETAIL, Some(Date)),
        column("原债权人", DETAIL, None),
        column("原债务业务种类", DETAIL, Some(Code(BUSINESS_KINDS))),
        column("债权金额", DETAIL, Some(Amount)),
        column("债权转移时的还款状态", DETAIL, Some(TransferStatus)),
        column("责任人类型", DETAIL, Some(Code(DUTY_TYPES))),
        column("保证合同编号", DETAIL, None),
        column("主业务借款人", DETAIL, None),
        column("主业务借款人证件类型", DETAIL, Some(Code(ID_TYPES))),
        column("主业务借款人证件号码", DETAIL, Some(IdNumber)),
        column("授信协议标识", DETAIL, None),
        column("授信额度用途", DETAIL, Some(Code(CREDIT_USE))),
        column("授信额度", DETAIL, Some(Amount)),
        column("授信限额", DETAIL, Some(Amount)),
        column("授信限额编号", DETAIL, None),
        // status sub-tables (§7.6)
        column("账户状态", DETAIL, Some(Code(ACCOUNT_STATES))),
        column("五级分类", DETAIL, Some(Code(FIVE_CLASS))),
        column("剩余还款期数", DETAIL, Some(Count)),
        column("本月应还款", DETAIL, Some(Amount)),
        column("应还款日", DETAIL, Some(Date)),
        column("本月实还款", DETAIL, Some(Amount)),
        column("最近一次还款日期", DETAIL, Some(Date)),
        column("当前逾期期数", DETAIL, Some(Count)),
        column("当前逾期总额", DETAIL, Some(Amount)),
        column("逾期31—60天未还本金", DETAIL, Some(Amount)),
        column("逾期61—90天未还本金", DETAIL, Some(Amount)),
        column("逾期91—180天未还本金", DETAIL, Some(Amount)),
        column("逾期180天以上未还本金", DETAIL, Some(Amount)),
        column("账户关闭日期", DETAIL, Some(Date)),
        column("转出月份", DETAIL, Some(Date)),
        column("未出单的大额专项分期余额", DETAIL, Some(Amount)),
        column("剩余分期期数", DETAIL, Some(Count)),
        column("最大使用额度", DETAIL, Some(Amount)),
        column("账单日", DETAIL, Some(Date)),
        column("销户日期", DETAIL, Some(Date)),
        column("最大透支余额", DETAIL, Some(Amount)),
        column("透支180天以上未付余额", DETAIL, Some(Amount)),
        column("还款状态", DETAIL, Some(GridStatus)),
        column("逾期月数", DETAIL, Some(Count)),
        column("还款日期", DETAIL, Some(Date)),
        column("还款金额", DETAIL, Some(Amount)),
        column("当前还款状态", DETAIL, Some(GridStatus)),
        // 大额专项分期, 特殊交易, remarks (§7.6, §7.8)
        column("大额专项分期额度", DETAIL, Some(Amount)),
        column("分期额度生效日期", DETAIL, Some(Date)),
        column("分期额度到期日期", DETAIL, Some(Date)),
        column("已用分期金额", DETAIL, Some(Amount)),
        column("已用分期额度", DETAIL, Some(Amount)),
        column("特殊交易类型", DETAIL, Some(Code(SPECIAL_TRADES))),
        column("发生日期", DETAIL, Some(Date)),
        column("变更月数", DETAIL, Some(Count)),
        column("发生金额", DETAIL, Some(Amount)),
        column("明细记录", DETAIL, None),
        column("机构说明", DETAIL, None),
        column("本人声明", DETAIL, None),
        column("特殊标注", DETAIL, None),
        column("征信中心说明", DETAIL, None),
        // 后付费 (§8)
        column("机构名称", FORM, None),
        column("业务开通日期", FORM, Some(Date)),
        column("当前缴费状态", FORM, Some(Code(PAYMENT_STATES))),
        column("当前欠费金额", FORM, Some(Amount)),
        column("记账年月", FORM, Some(Date)),
        // 公共信息明细 (§9)
        column("主管税务机关", FORM, None),
        column("欠税总额", FORM, Some(Amount)),
        column("欠税统计日期", FORM, Some(Date)),
        column("立案法院", FORM, None),
        column("案由", FORM, None),
        column("立案日期", FORM, Some(Date)),
        column("结案方式", FORM, Some(Code(CASE_CLOSINGS))),
        column("判决/调解结果", FORM, None),
        column("判决/调解生效日期", FORM, Some(Date)),
        column("诉讼标的", FORM, None),
        column("诉讼标的金额", FORM, Some(Amount)),
        column("执行法院", FORM, None),
        column("执行案由", FORM, None),
        column("案件状态", FORM, None),
        column("结案日期", FORM, Some(Date)),
        column("申请执行标的", FORM, None),
        column("申请执行标的价值", FORM, Some(Amount)),
        column("已执行标的", FORM, None),
        column("已执行标的金额", FORM, Some(Amount)),
        column("处罚机构", FORM, None),
        column("处罚内容", FORM, None),
        column("处罚金额", FORM, Some(Amount)),
        column("行政复议结果", FORM, None),
        column("参缴地", FORM, None),
        column("参缴日期", FORM, Some(Date)),
        column("初缴月份", FORM, Some(Date)),
        column("缴至月份", FORM, Some(Date)),
        column("缴费状态", FORM, None),
        column("月缴存额", FORM, Some(Amount)),
        column("个人缴存比例", FORM, Some(Percent)),
        column("单位缴存比例", FORM, Some(Percent)),
        column("缴费单位", FORM, None),
        column("人员类别", FORM, None),
        column("所在地", FORM, None),
        column("家庭月收入", FORM, Some(Amount)),
        column("申请日期", FORM, Some(Date)),
        column("批准日期", FORM, Some(Date)),
        column("执业资格名称", FORM, None),
        column("等级", FORM, None),
        column("获得日期", FORM, Some(Date)),
        column("吊销日期", FORM, Some(Date)),
        column("颁发机构", FORM, None),
        column("机构所在地", FORM, None),
        column("奖励机构", FORM, None),
        column("奖励内容", FORM, None),
        // 本人声明 / 异议标注 (§10)
        column("声明内容", FORM, None),
        column("标注内容", FORM, None),
        column("查询日期", FORM, Some(Date)),
        // design-era 非金融信用交易信息 (§9)
        column("信用交易编号", NONE, None),
        column("当前负债金额", NONE, Some(Amount)),
        column("债权人名称", NONE, None),
        column("逾期金额", NONE, Some(Amount)),
        column("逾期天数", NONE, Some(Count)),
        column("欠息金额", NONE, Some(Amount)),
        column("缴款金额", NONE, Some(Amount)),
        column("实际还款日期", NONE, Some(Date)),
        column("当前缴费情况", NONE, None),
        column("最近一次缴纳日期", NONE, Some(Date)),
        // printed by the design-era sample (强制执行 案号, 七 公开信息 tables); listed so that they are
        // recognised as themselves instead of being snapped to a near neighbour (执行案号 ≠ 执行案由)
        column("执行案号", NONE, None),
        column("申请执行标的金额", NONE, Some(Amount)),
        column("欠税金额", NONE, Some(Amount)),
        column("主管机构名称", NONE, None),
        column("信息描述", NONE, None),
        column("判决法院", NONE, None),
        column("案号", NONE, None),
        column("诉讼类型", NONE, None),
        column("诉讼地位", NONE, None),
        column("判决/调解应付金额", NONE, Some(Amount)),
        column("执行立案日期", NONE, Some(Date)),
        column("执行完毕日期", NONE, Some(Date)),
        column("是否被列入失信被执行人名单", NONE, None),
        column("限制出境开始日期", NONE, Some(Date)),
        column("限制出境解除日期", NONE, Some(Date)),
        column("所在单位", NONE, None),
        column("认定类别", NONE, None),
        column("认定机构名称", NONE, None),
        column("认定书编号", NONE, None),
        column("认定内容", NONE, None),
        column("认定状态", NONE, None),
        column("惩戒类别", NONE, None),
        column("惩戒机构名称", NONE, None),
        column("惩戒决定书编号", NONE, None),
        column("惩戒内容", NONE, None),
        column("惩戒状态", NONE, None),
        column("欠缴类型", NONE, None),
        column("款项名称", NONE, None),
        column("欠缴证明编号", NONE, None),
        column("应缴金额", NONE, Some(Amount)),
        column("实缴金额", NONE, Some(Amount)),
        title("其他证件信息", FORM),
        title("防欺诈警示", FORM),
        title("异议信息提示", FORM),
        title("被追偿信息汇总", FORM),
        title("呆账信息汇总", FORM),
        title("逾期（透支）信息汇总", FORM),
        title("非循环贷账户信息汇总", FORM),
        title("循环额度下分账户信息汇总", FORM),
        title("循环贷账户一信息汇总", FORM),
        title("循环贷账户二信息汇总", FORM),
        title("循环贷账户信息汇总", FORM),
        title("贷记卡账户信息汇总", FORM),
        title("准贷记卡账户信息汇总", FORM),
        title("相关还款责任信息汇总", FORM),
        title("为个人", NONE),
        title("为企业", NONE),
        title("担保责任", FORM),
        title("其他相关还款责任", FORM),
        title("后付费业务欠费信息汇总", NONE),
        title("公共信息汇总", NONE),
        title("非金融信用交易信息汇总", NONE),
        title("公开信息汇总", NONE),
        title("异议及说明信息", FORM),
        title("上一次查询记录", FORM),
        title("大额专项分期信息", NONE),
        title("特殊事件说明", NONE),
        standalone("个人信用报告", NONE),
        standalone("（本人版）", NONE),
        standalone("（授信机构版）", NONE),
        standalone("（机构版）", NONE),
        standalone("有相关还款责任的个人借款", NONE),
        standalone("有相关还款责任的企业借款", NONE),
        standalone("后付费记录", NONE),
        standalone("机构查询记录明细", FORM),
        standalone("本人查询记录明细", FORM),
    ]
};

/// Row labels of summary tables (the first cell of a value row: 合计, 欠税信息 …). They are not
/// column labels — a row holding them is a value row — but a text that reads as one of them (or
/// as a 业务类型 / 账户类型 value) must not be snapped to a column label either.
pub static ROW_LABELS: &[&str] = &[
    "合计",
    "欠税信息",
    "民事判决信息",
    "强制执行信息",
    "行政处罚信息",
    "判决信息",
    "执行信息",
    "认定类信息",
    "惩戒类信息",
    "欠缴信息",
    "非金融信用交易信息",
];

/// Labels printed in front of their value in the same cell or line (`报告编号：…`).
pub static PREFIX_LABELS: &[&str] = &["报告编号", "报告时间"];

/// Caption words (`账户3（授信协议标识：…）`, `授信协议1`, `记录1`) and the labels inside a
/// caption's parentheses (§2, §7.0).
pub static CAPTION_WORDS: &[&str] = &["账户", "授信协议", "记录"];
/// Labels inside caption parentheses.
pub static CAPTION_NOTES: &[&str] = &["授信协议标识", "卡片尾号", "其他机构转入"];

/// Remark tables (`| 机构说明 | 添加日期 |` …): the label that names the remark kind.
pub static REMARK_KINDS: &[&str] = &["机构说明", "本人声明", "异议标注", "特殊标注", "征信中心说明"];

/// Other renderings of a label (S3 prints `关闭日期`) → the label.
pub static LABEL_VARIANTS: &[(&str, &str)] = &[("关闭日期", "账户关闭日期")];

/// Tables printed with a title row and value rows but no column-header row (授信机构版
/// `上一次查询记录`, report_layout.md §6): the columns their title implies, left to right.
pub static IMPLIED_COLUMNS: &[(&str, &[&str])] = &[("上一次查询记录", &["查询日期", "查询机构", "查询原因"])];

/// Labels of the report header table's second row (classification finds the header table by
/// them when its rulings are lost).
pub static HEADER_TABLE_LABELS: &[&str] = &[
    "被查询者姓名",
    "被查询者证件类型",
    "被查询者证件号码",
    "查询机构",
    "查询原因",
];

/// The texts of the words that satisfy `keep`, in table order.
fn texts(keep: impl Fn(&Word) -> bool) -> Vec<&'static str> {
    WORDS.iter().filter(|w| keep(w)).map(|w| w.text).collect()
}

/// Column-header labels of every table (§4–§10).
pub fn column_labels() -> &'static [&'static str] {
    static V: OnceLock<Vec<&'static str>> = OnceLock::new();
    V.get_or_init(|| texts(|w| w.role == Role::Column))
}

/// Full-width title rows of tables.
pub fn table_titles() -> &'static [&'static str] {
    static V: OnceLock<Vec<&'static str>> = OnceLock::new();
    V.get_or_init(|| texts(|w| w.role == Role::TableTitle))
}

/// Stand-alone lines.
pub fn standalone_lines() -> &'static [&'static str] {
    static V: OnceLock<Vec<&'static str>> = OnceLock::new();
    V.get_or_init(|| texts(|w| w.role == Role::Standalone))
}

/// Every word the form-table parsers read (labels and titles), as printed.
pub fn form_words() -> &'static [&'static str] {
    static V: OnceLock<Vec<&'static str>> = OnceLock::new();
    V.get_or_init(|| texts(|w| w.readers.has(Readers::FORM)))
}

/// Every label the credit-detail parser reads, in its fold ([`Fold::DETAIL_LABEL`]).
pub fn detail_labels() -> &'static [String] {
    static V: OnceLock<Vec<String>> = OnceLock::new();
    V.get_or_init(|| {
        WORDS
            .iter()
            .filter(|w| w.readers.has(Readers::DETAIL))
            .map(|w| Fold::DETAIL_LABEL.apply(w.text))
            .collect()
    })
}

/// The value kind a (printed-form) label implies; `None` for free text and unknown labels.
pub fn kind_of(label: &str) -> Option<ValueKind> {
    let key = Fold::MATCH.apply(label);
    WORDS
        .iter()
        .filter(|w| w.kind.is_some())
        .find(|w| Fold::MATCH.apply(w.text) == key)
        .and_then(|w| w.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_have_no_folded_duplicates() {
        let mut seen = std::collections::HashSet::new();
        for w in WORDS {
            assert!(seen.insert(Fold::MATCH.apply(w.text)), "duplicate {}", w.text);
        }
    }

    #[test]
    fn only_column_labels_head_values() {
        for w in WORDS.iter().filter(|w| w.kind.is_some()) {
            assert_eq!(w.role, Role::Column, "{}", w.text);
        }
    }

    #[test]
    fn kinds_are_found_through_folding() {
        assert_eq!(kind_of("逾期61－90天未还本金"), Some(ValueKind::Amount));
        assert_eq!(kind_of("开立日期"), Some(ValueKind::Date));
        assert_eq!(kind_of("管理机构"), Some(ValueKind::Institution));
        assert_eq!(kind_of("账户标识"), None);
        assert_eq!(kind_of("账户状态"), Some(ValueKind::Code(ACCOUNT_STATES)));
    }

    #[test]
    fn reader_sets_are_selections_of_the_words() {
        assert!(form_words().contains(&"机构查询记录明细"));
        assert!(!form_words().contains(&"为个人"));
        assert!(detail_labels().iter().any(|l| l == "逾期31-60天未还本金"));
        for (_, variant) in LABEL_VARIANTS {
            assert!(detail_labels().iter().any(|l| l == variant), "{variant}");
        }
        for (t, cols) in IMPLIED_COLUMNS {
            assert!(table_titles().contains(t));
            assert!(cols.iter().all(|c| column_labels().contains(c)));
        }
        for l in HEADER_TABLE_LABELS.iter().chain(REMARK_KINDS) {
            assert!(column_labels().contains(l), "{l}");
        }
    }
}
