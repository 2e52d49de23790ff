//! Closed code tables: the values a report prints under a coded label (report_layout.md §3,
//! §7, §13) and the one-character status codes of the repayment grids.
//!
//! Entries are written as printed; readers compare them in a folded form (see
//! [`super::fold`]). Every list is *closed*: a text that is not (nearly) one of its entries is
//! left as read, never forced into one.

/// 账户状态 (§7.6, code tables A.27–A.31, CONVENTIONS 9). `呆帐` is a bank-rendering spelling.
pub static ACCOUNT_STATES: &[&str] = &[
    "正常",
    "逾期",
    "结清",
    "呆账",
    "呆帐",
    "转出",
    "担保物不足",
    "强制平仓",
    "司法追偿",
    "银行止付",
    "止付",
    "冻结",
    "销户",
    "未激活",
    "催收",
    "结束",
];
/// Institution types of the 授信机构版's masked institution names, `type“CODE”` (report_layout.md
/// "Institution display": `商业银行“XXXX”`): the kinds of lender and data provider the credit
/// reference system registers.
pub static INSTITUTION_TYPES: &[&str] = &[
    "商业银行",
    "村镇银行",
    "外资银行",
    "住房储蓄银行",
    "政策性银行",
    "农村商业银行",
    "农村合作银行",
    "农村信用合作社",
    "农村资金互助社",
    "财务公司",
    "信托公司",
    "金融租赁公司",
    "融资租赁公司",
    "汽车金融公司",
    "消费金融公司",
    "贷款公司",
    "小额贷款公司",
    "网络小额贷款公司",
    "融资担保公司",
    "保险公司",
    "证券公司",
    "资产管理公司",
    "商业保理公司",
    "公积金管理中心",
    "其他机构",
];
/// 五级分类 (§7.6).
pub static FIVE_CLASS: &[&str] = &["正常", "关注", "次级", "可疑", "损失", "违约", "未分类"];
/// 币种 / 账户币种 (§3: sample `人民币`, real reports `人民币元`).
pub static CURRENCIES: &[&str] = &[
    "人民币",
    "人民币元",
    "美元",
    "日元",
    "欧元",
    "港元",
    "英镑",
    "澳大利亚元",
    "加拿大元",
    "瑞士法郎",
    "新加坡元",
];
/// 担保方式 (§13).
pub static GUARANTEE: &[&str] = &[
    "质押",
    "抵押",
    "保证",
    "信用/免担保",
    "组合（含保证）",
    "组合（不含保证）",
    "农户联保",
    "其他",
];
/// 还款方式 (§13); both the code table's `，` and the sample's `、` spellings.
pub static REPAY_METHODS: &[&str] = &[
    "分期等额本息",
    "分期等额本金",
    "到期还本分期结息",
    "等比累进分期还款",
    "等额累进分期还款",
    "其他类型分期还款",
    "到期一次还本付息",
    "预先付息到期还本",
    "随时还",
    "其他类型非分期还款",
    "按期结息，到期还本",
    "按期结息、到期还本",
    "按期结息，自由还本",
    "按期结息、自由还本",
    "按期计算还本付息",
    "循环贷款下其他还款方式",
    "不区分还款方式",
];
/// 还款频率 (§13).
pub static REPAY_FREQ: &[&str] = &[
    "日",
    "周",
    "月",
    "季",
    "半年",
    "年",
    "一次性",
    "不定期",
    "旬",
    "双周",
    "双月",
    "其他",
];
/// 业务种类 (§13, §7.1, §7.4) including the sample's own names.
pub static BUSINESS_KINDS: &[&str] = &[
    "个人住房商业贷款",
    "个人商用房（含商住两用）贷款",
    "个人住房公积金贷款",
    "个人汽车消费贷款",
    "个人助学贷款",
    "国家助学贷款",
    "商业助学贷款",
    "个人经营性贷款",
    "个人创业担保贷款",
    "农户贷款",
    "经营性农户贷款",
    "消费性农户贷款",
    "其他个人消费贷款",
    "其他贷款",
    "约定购回式证券交易",
    "股票质押式回购交易",
    "融资融券业务",
    "其他证券类融资",
    "融资租赁业务",
    "贷记卡",
    "准贷记卡",
    "大额专项分期卡",
    "资产处置",
    "代偿债务",
    "垫款",
    "个人商业住房贷款",
    "个人消费贷款",
    "固定资产贷款",
    "贷款",
    "融资租赁",
];
/// 业务类型 of 信贷交易信息提示, 被追偿信息汇总, 后付费 summary and records (§6, §8), and of the
/// design-era 非金融信用交易信息 records (融资租赁, 商业贸易信用交易, 公积金).
pub static BUSINESS_TYPES: &[&str] = &[
    "贷款",
    "信用卡",
    "其他",
    "个人住房贷款",
    "个人商用房贷款（包括商住两用房）",
    "其他类贷款",
    "贷记卡",
    "准贷记卡",
    "资产处置业务",
    "垫款业务",
    "电信业务",
    "水电气等公用事业",
    "固定电话后付费",
    "移动电话后付费",
    "自来水费",
    "燃气费",
    "融资租赁",
    "商业贸易信用交易",
    "公积金",
];
/// 账户类型 of 逾期（透支）信息汇总 (§6).
pub static ACCOUNT_TYPES: &[&str] = &[
    "非循环贷账户",
    "循环贷账户一",
    "循环贷账户二",
    "循环额度下分账户",
    "循环贷账户",
    "贷记卡账户",
    "准贷记卡账户",
];
/// 查询原因 (§4: 本人版 values and code table A.4).
pub static QUERY_REASONS: &[&str] = &[
    "本人查询（临柜）",
    "本人查询（互联网个人信用信息服务平台）",
    "本人查询（商业银行网上银行）",
    "本人查询（自助查询机）",
    "贷后管理",
    "贷款审批",
    "信用卡审批",
    "担保资格审查",
    "特约商户实名审查",
    "保前审查",
    "保后管理",
    "法人代表、负责人、高管等资信审查",
    "客户准入资格审查",
    "融资审批",
    "资信审查",
    "额度审批",
    "公积金提取复核查询",
    "司法调查",
];
/// 证件类型 (§13, plus the sample's 军官证 and 企业 机构信用代码).
pub static ID_TYPES: &[&str] = &[
    "身份证",
    "户口簿",
    "护照",
    "军人身份证件",
    "港澳居民来往内地通行证",
    "台湾同胞来往内地通行证",
    "外国人居留证",
    "警官证",
    "香港身份证",
    "澳门身份证",
    "台湾身份证",
    "其他证件",
    "军官证",
    "机构信用代码",
];
/// 性别.
pub static GENDER: &[&str] = &["男", "女", "未知", "未说明"];
/// 婚姻状况.
pub static MARITAL: &[&str] = &["未婚", "已婚", "丧偶", "离婚", "单身", "未知"];
/// 学历.
pub static EDUCATION: &[&str] = &[
    "研究生",
    "本科",
    "大专",
    "中专、职高、技校",
    "高中",
    "初中及以下",
    "其他",
    "未知",
];
/// 学位.
pub static DEGREE: &[&str] = &["名誉博士", "博士", "硕士", "学士", "无", "其他", "未知"];
/// 就业状况.
pub static EMPLOYMENT: &[&str] = &[
    "国家公务员",
    "专业技术人员",
    "职员",
    "企业管理人员",
    "工人",
    "农民",
    "学生",
    "现役军人",
    "自由职业者",
    "个体经营者",
    "无业人员",
    "退（离）休人员",
    "其他",
    "在职",
    "未知",
];
/// 居住状况 (A.5).
pub static RESIDENCE_STATUS: &[&str] = &[
    "自置",
    "按揭",
    "亲属楼宇",
    "集体宿舍",
    "租房",
    "共有住宅",
    "其他",
    "自有",
    "借住",
    "未知",
];
/// 单位性质.
pub static COMPANY_NATURE: &[&str] = &[
    "机关、事业单位",
    "国有企业",
    "外资企业",
    "个体、私营企业",
    "其他（包括三资企业、民营企业、民间团体等）",
    "未知",
];
/// 职业.
pub static OCCUPATIONS: &[&str] = &[
    "国家机关、党群组织、企业、事业单位负责人",
    "专业技术人员",
    "办事人员和有关人员",
    "商业、服务业人员",
    "农、林、牧、渔、水利业生产人员",
    "生产、运输设备操作人员及有关人员",
    "军人",
    "不便分类的其他从业人员",
    "未知",
];
/// 行业 (GB/T 4754 sections).
pub static INDUSTRIES: &[&str] = &[
    "农、林、牧、渔业",
    "采矿业",
    "制造业",
    "电力、热力、燃气及水生产和供应业",
    "建筑业",
    "批发和零售业",
    "交通运输、仓储和邮政业",
    "住宿和餐饮业",
    "信息传输、软件和信息技术服务业",
    "金融业",
    "房地产业",
    "租赁和商务服务业",
    "科学研究和技术服务业",
    "水利、环境和公共设施管理业",
    "居民服务、修理和其他服务业",
    "教育",
    "卫生和社会工作",
    "文化、体育和娱乐业",
    "公共管理、社会保障和社会组织",
    "国际组织",
    "未知",
];
/// 职务.
pub static POSITIONS: &[&str] = &["高级领导", "中级领导", "一般员工", "其他", "未知"];
/// 职称.
pub static TITLES: &[&str] = &["高级", "中级", "初级", "无", "未知"];
/// 共同借款标志 (§7.2).
pub static CO_BORROWER: &[&str] = &["无", "主借款人", "从借款人"];
/// 责任人类型 (§7.9). The sample prints 保证 and 应收账款债务人; 共同借款人 is the first code
/// of the credit-reference data standard's 相关还款责任人类型, and the corpus prints it too.
pub static DUTY_TYPES: &[&str] = &["保证", "应收账款债务人", "共同借款人", "共同债务人", "其他"];
/// 授信额度用途 (§7.10).
pub static CREDIT_USE: &[&str] = &["非循环贷款额度", "循环贷款额度", "信用卡共享额度"];
/// 当前缴费状态 (§8).
pub static PAYMENT_STATES: &[&str] = &["正常", "欠费"];
/// 结案方式 (§9).
pub static CASE_CLOSINGS: &[&str] = &["判决", "调解", "其他", "执行结案", "执行完毕", "终结执行"];
/// 特殊交易类型 (§7.8).
pub static SPECIAL_TRADES: &[&str] = &[
    "担保人（第三方）代偿",
    "提前结清",
    "个性化分期",
    "其他",
    "提前还款（全部）",
    "提前还款（部分）",
    "展期",
];

/// Repayment-grid status codes (编制说明, §7.7, §8): one character each. `/` is the XML code for
/// "not opened", which normally prints blank; some producers print a lone `-` for a month
/// without one. Left out, a `-` read right in a state row was taken for a misreading and read
/// again held to the other codes, which made it `1` or `2`.
pub static GRID_STATUS: &[char] = &[
    '*', '#', '/', '-', 'N', '0', '1', '2', '3', '4', '5', '6', '7', 'B', 'M', 'D', 'Z', 'C', 'G', 'A',
];
/// Status codes of the 后付费 缴费记录 grid (report_layout.md §8, 编制说明): months past the
/// grace period run 0–6; `-` is a month without a record.
pub static PAYMENT_STATUS: &[char] = &['*', '#', '/', '-', 'N', '0', '1', '2', '3', '4', '5', '6', 'C', 'G'];
/// 债权转移时的还款状态 (§13): 0–7 and 9.
pub static TRANSFER_STATUS: &[char] = &['0', '1', '2', '3', '4', '5', '6', '7', '9'];

/// Every vocabulary by name, for reports and self-checks.
pub static ALL: &[(&str, &[&str])] = &[
    ("account_states", ACCOUNT_STATES),
    ("five_class", FIVE_CLASS),
    ("currencies", CURRENCIES),
    ("guarantee", GUARANTEE),
    ("repay_methods", REPAY_METHODS),
    ("repay_freq", REPAY_FREQ),
    ("business_kinds", BUSINESS_KINDS),
    ("business_types", BUSINESS_TYPES),
    ("account_types", ACCOUNT_TYPES),
    ("query_reasons", QUERY_REASONS),
    ("id_types", ID_TYPES),
    ("gender", GENDER),
    ("marital", MARITAL),
    ("education", EDUCATION),
    ("degree", DEGREE),
    ("employment", EMPLOYMENT),
    ("residence_status", RESIDENCE_STATUS),
    ("company_nature", COMPANY_NATURE),
    ("occupations", OCCUPATIONS),
    ("industries", INDUSTRIES),
    ("positions", POSITIONS),
    ("titles", TITLES),
    ("co_borrower", CO_BORROWER),
    ("duty_types", DUTY_TYPES),
    ("credit_use", CREDIT_USE),
    ("payment_states", PAYMENT_STATES),
    ("case_closings", CASE_CLOSINGS),
    ("special_trades", SPECIAL_TRADES),
];

/// Printed spellings of one 账户状态 (`呆帐`: bank renderings) → the word the schema names it by.
pub static STATE_SPELLINGS: &[(&str, &str)] = &[("呆帐", "呆账")];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Fold;

    #[test]
    fn code_tables_have_no_folded_duplicates() {
        for (name, entries) in ALL {
            let mut seen = std::collections::HashSet::new();
            for e in entries.iter() {
                assert!(seen.insert(Fold::MATCH.apply(e)), "{name}: duplicate {e}");
            }
        }
    }
}
