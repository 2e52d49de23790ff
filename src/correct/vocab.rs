//! The closed vocabularies a credit report prints (report_layout.md §2–§13) and the OCR
//! confusions seen in real scans (§15).
//!
//! Entries are written as printed; comparison happens on the folded form of `snap::fold`
//! (whitespace, dash, bracket and quote variants ignored), so `逾期31—60天未还本金` also covers
//! `逾期31－60天未还本金`. Every list here is *closed*: a text that is not (nearly) one of its
//! entries is left as read by the corrector, never forced into one.

/// Level-1 section titles, without the numeral (`三 信贷交易信息明细` → `信贷交易信息明细`). Both
/// versions and the design-era sample (§1, §9, §10).
pub static SECTION_TITLES_L1: &[&str] = &[
    "个人基本信息",
    "信息概要",
    "信贷交易信息明细",
    "非信贷交易信息明细",
    "公共信息明细",
    "非金融信用交易信息",
    "公开信息",
    "其他非公开信息",
    "本人声明",
    "异议标注",
    "查询记录",
    "报告说明",
    "编制说明",
];

/// Level-2 section titles, without the `（一）` numeral; a parenthesised note after the title
/// (`（未结清/未销户）`) is not part of the entry.
pub static SECTION_TITLES_L2: &[&str] = &[
    // 一 个人基本信息
    "身份信息",
    "配偶信息",
    "居住信息",
    "职业信息",
    // 二 信息概要
    "个人信用报告\u{201c}数字解读\u{201d}",
    "信贷交易信息提示",
    "信贷交易违约信息概要",
    "信贷交易授信及负债信息概要",
    "非信贷交易信息概要",
    "公共信息概要",
    "非金融信用交易信息概要",
    "公开信息概要",
    "查询记录概要",
    // 三 信贷交易信息明细
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
    // 五 公共信息明细
    "欠税记录",
    "民事判决记录",
    "强制执行记录",
    "行政处罚记录",
    "住房公积金参缴记录",
    "低保救助记录",
    "执业资格记录",
    "行政奖励记录",
    // design-era 七 公开信息
    "判决信息",
    "执行信息",
    "认定类信息",
    "惩戒类信息",
    "欠缴信息",
    "其他公开信息",
];

/// Stand-alone lines that are neither numbered headings nor captions: the title block,
/// sub-headings inside sections (§7.9, §8, §10).
pub static STANDALONE_LINES: &[&str] = &[
    "个人信用报告",
    "（本人版）",
    "（授信机构版）",
    "（机构版）",
    "有相关还款责任的个人借款",
    "有相关还款责任的企业借款",
    "后付费记录",
    "机构查询记录明细",
    "本人查询记录明细",
];

/// Full-width title rows of tables (the first row of a summary table, §4, §6, §7).
pub static TABLE_TITLES: &[&str] = &[
    "其他证件信息",
    "防欺诈警示",
    "异议信息提示",
    "被追偿信息汇总",
    "呆账信息汇总",
    "逾期（透支）信息汇总",
    "非循环贷账户信息汇总",
    "循环额度下分账户信息汇总",
    "循环贷账户一信息汇总",
    "循环贷账户二信息汇总",
    "循环贷账户信息汇总",
    "贷记卡账户信息汇总",
    "准贷记卡账户信息汇总",
    "相关还款责任信息汇总",
    "为个人",
    "为企业",
    "担保责任",
    "其他相关还款责任",
    "后付费业务欠费信息汇总",
    "公共信息汇总",
    "非金融信用交易信息汇总",
    "公开信息汇总",
    "异议及说明信息",
    "上一次查询记录",
    "大额专项分期信息",
    "特殊事件说明",
];

/// Column-header labels of every table (§4–§10), as the section parsers look them up.
pub static HEADER_LABELS: &[&str] = &[
    // header block and 其他证件信息 / 防欺诈警示
    "被查询者姓名",
    "被查询者证件类型",
    "被查询者证件号码",
    "查询机构",
    "查询原因",
    "查询操作员",
    "查询操作机构",
    "证件类型",
    "证件号码",
    "生效日期",
    "截止日期",
    // 身份信息, 配偶, 居住, 职业
    "性别",
    "出生日期",
    "婚姻状况",
    "就业状况",
    "数据发生机构名称",
    "学历",
    "学位",
    "国籍",
    "电子邮箱",
    "通讯地址",
    "户籍地址",
    "编号",
    "手机号码",
    "信息更新日期",
    "姓名",
    "工作单位",
    "联系电话",
    "居住地址",
    "住宅电话",
    "居住状况",
    "单位性质",
    "单位地址",
    "单位电话",
    "职业",
    "行业",
    "职务",
    "职称",
    "进入本单位年份",
    // 信息概要
    "数字解读",
    "相对位置",
    "说明",
    "业务类型",
    "账户数",
    "首笔业务发放月份",
    "首笔贷款发放月份",
    "余额",
    "账户类型",
    "月份数",
    "单月最高逾期/透支总额",
    "最长逾期/透支月数",
    "管理机构数",
    "授信总额",
    "最近6个月平均应还款",
    "发卡机构数",
    "单家机构最高授信额",
    "单家机构最低授信额",
    "已用额度",
    "最近6个月平均使用额度",
    "透支余额",
    "最近6个月平均透支余额",
    "担保金额",
    "还款责任金额",
    "欠费金额",
    "信息类型",
    "记录数",
    "涉及金额",
    "笔数",
    "最近1个月内的查询机构数",
    "最近1个月内的查询次数",
    "最近2年内的查询次数",
    "贷款审批",
    "信用卡审批",
    "本人查询",
    "贷后管理",
    "担保资格审查",
    "特约商户实名审查",
    "异议标注",
    "添加日期",
    // account basic-info forms (§7.1–§7.5, §7.9, §7.10)
    "管理机构",
    "发卡机构",
    "账户标识",
    "开立日期",
    "到期日期",
    "借款金额",
    "账户授信额度",
    "共享授信额度",
    "账户币种",
    "币种",
    "业务种类",
    "担保方式",
    "还款期数",
    "还款频率",
    "还款方式",
    "共同借款标志",
    "债权接收日期",
    "原债权人",
    "原债务业务种类",
    "债权金额",
    "债权转移时的还款状态",
    "责任人类型",
    "保证合同编号",
    "主业务借款人",
    "主业务借款人证件类型",
    "主业务借款人证件号码",
    "授信协议标识",
    "授信额度用途",
    "授信额度",
    "授信限额",
    "授信限额编号",
    // status sub-tables (§7.6)
    "账户状态",
    "五级分类",
    "剩余还款期数",
    "本月应还款",
    "应还款日",
    "本月实还款",
    "最近一次还款日期",
    "当前逾期期数",
    "当前逾期总额",
    "逾期31—60天未还本金",
    "逾期61—90天未还本金",
    "逾期91—180天未还本金",
    "逾期180天以上未还本金",
    "账户关闭日期",
    "转出月份",
    "未出单的大额专项分期余额",
    "剩余分期期数",
    "最大使用额度",
    "账单日",
    "销户日期",
    "最大透支余额",
    "透支180天以上未付余额",
    "还款状态",
    "逾期月数",
    "还款日期",
    "还款金额",
    "当前还款状态",
    // 大额专项分期, 特殊交易, remarks (§7.6, §7.8)
    "大额专项分期额度",
    "分期额度生效日期",
    "分期额度到期日期",
    "已用分期金额",
    "已用分期额度",
    "特殊交易类型",
    "发生日期",
    "变更月数",
    "发生金额",
    "明细记录",
    "机构说明",
    "本人声明",
    "特殊标注",
    "征信中心说明",
    // 后付费 (§8)
    "机构名称",
    "业务开通日期",
    "当前缴费状态",
    "当前欠费金额",
    "记账年月",
    // 公共信息明细 (§9)
    "主管税务机关",
    "欠税总额",
    "欠税统计日期",
    "立案法院",
    "案由",
    "立案日期",
    "结案方式",
    "判决/调解结果",
    "判决/调解生效日期",
    "诉讼标的",
    "诉讼标的金额",
    "执行法院",
    "执行案由",
    "案件状态",
    "结案日期",
    "申请执行标的",
    "申请执行标的价值",
    "已执行标的",
    "已执行标的金额",
    "处罚机构",
    "处罚内容",
    "处罚金额",
    "行政复议结果",
    "参缴地",
    "参缴日期",
    "初缴月份",
    "缴至月份",
    "缴费状态",
    "月缴存额",
    "个人缴存比例",
    "单位缴存比例",
    "缴费单位",
    "人员类别",
    "所在地",
    "家庭月收入",
    "申请日期",
    "批准日期",
    "执业资格名称",
    "等级",
    "获得日期",
    "吊销日期",
    "颁发机构",
    "机构所在地",
    "奖励机构",
    "奖励内容",
    // 本人声明 / 异议标注 (§10)
    "声明内容",
    "标注内容",
    "查询日期",
    // design-era 非金融信用交易信息 (§9)
    "信用交易编号",
    "当前负债金额",
    "债权人名称",
    "逾期金额",
    "逾期天数",
    "欠息金额",
    "缴款金额",
    "实际还款日期",
    "当前缴费情况",
    "最近一次缴纳日期",
    // printed by the design-era sample (强制执行 案号, 七 公开信息 tables); listed so that they are
    // recognised as themselves instead of being snapped to a near neighbour (执行案号 ≠ 执行案由)
    "执行案号",
    "申请执行标的金额",
    "欠税金额",
    "主管机构名称",
    "信息描述",
    "判决法院",
    "案号",
    "诉讼类型",
    "诉讼地位",
    "判决/调解应付金额",
    "执行立案日期",
    "执行完毕日期",
    "是否被列入失信被执行人名单",
    "限制出境开始日期",
    "限制出境解除日期",
    "所在单位",
    "认定类别",
    "认定机构名称",
    "认定书编号",
    "认定内容",
    "认定状态",
    "惩戒类别",
    "惩戒机构名称",
    "惩戒决定书编号",
    "惩戒内容",
    "惩戒状态",
    "欠缴类型",
    "款项名称",
    "欠缴证明编号",
    "应缴金额",
    "实缴金额",
];

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
/// 责任人类型 (§7.9).
pub static DUTY_TYPES: &[&str] = &["保证", "应收账款债务人", "共同债务人", "其他"];
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
/// "not opened", which normally prints blank.
pub static GRID_STATUS: &[char] = &[
    '*', '#', '/', 'N', '0', '1', '2', '3', '4', '5', '6', '7', 'B', 'M', 'D', 'Z', 'C', 'G', 'A',
];
/// Status codes of the 后付费 缴费记录 grid (report_layout.md §8, 编制说明): months past the
/// grace period run 0–6.
pub static PAYMENT_STATUS: &[char] = &['*', '#', '/', 'N', '0', '1', '2', '3', '4', '5', '6', 'C', 'G'];
/// 债权转移时的还款状态 (§13): 0–7 and 9.
pub static TRANSFER_STATUS: &[char] = &['0', '1', '2', '3', '4', '5', '6', '7', '9'];

/// OCR confusions catalogued in report_layout.md §15 (misread → printed). They are applied as
/// substring replacements, and a replacement only counts when the whole result is an entry of
/// the vocabulary in question, so `货款` can never turn a free text into `贷款`.
pub static CONFUSIONS: &[(&str, &str)] = &[
    ("结消", "结清"),
    ("舰度", "额度"),
    ("概度", "额度"),
    ("师种", "币种"),
    ("营理", "管理"),
    ("货后", "贷后"),
    ("费后", "贷后"),
    ("货款", "贷款"),
    ("资款", "贷款"),
    ("瓷询", "查询"),
];

/// Every vocabulary by name, for reports and self-checks.
pub static ALL: &[(&str, &[&str])] = &[
    ("section_titles_l1", SECTION_TITLES_L1),
    ("section_titles_l2", SECTION_TITLES_L2),
    ("standalone_lines", STANDALONE_LINES),
    ("table_titles", TABLE_TITLES),
    ("header_labels", HEADER_LABELS),
    ("row_labels", ROW_LABELS),
    ("prefix_labels", PREFIX_LABELS),
    ("caption_words", CAPTION_WORDS),
    ("caption_notes", CAPTION_NOTES),
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
}

/// The value kind each label implies. Labels missing here (names, institutions, addresses,
/// identifiers, sentences) head free text, which is never corrected.
pub static LABEL_KINDS: &[(&str, ValueKind)] = {
    use ValueKind::*;
    &[
        ("生效日期", Date),
        ("截止日期", Date),
        ("出生日期", Date),
        ("信息更新日期", Date),
        ("首笔业务发放月份", Date),
        ("首笔贷款发放月份", Date),
        ("开立日期", Date),
        ("到期日期", Date),
        ("债权接收日期", Date),
        ("应还款日", Date),
        ("最近一次还款日期", Date),
        ("账户关闭日期", Date),
        ("转出月份", Date),
        ("账单日", Date),
        ("销户日期", Date),
        ("还款日期", Date),
        ("分期额度生效日期", Date),
        ("分期额度到期日期", Date),
        ("发生日期", Date),
        ("添加日期", Date),
        ("业务开通日期", Date),
        ("记账年月", Date),
        ("欠税统计日期", Date),
        ("立案日期", Date),
        ("判决/调解生效日期", Date),
        ("结案日期", Date),
        ("参缴日期", Date),
        ("初缴月份", Date),
        ("缴至月份", Date),
        ("申请日期", Date),
        ("批准日期", Date),
        ("获得日期", Date),
        ("吊销日期", Date),
        ("查询日期", Date),
        ("实际还款日期", Date),
        ("最近一次缴纳日期", Date),
        ("执行立案日期", Date),
        ("执行完毕日期", Date),
        ("限制出境开始日期", Date),
        ("限制出境解除日期", Date),
        ("进入本单位年份", Year),
        ("借款金额", Amount),
        ("账户授信额度", Amount),
        ("共享授信额度", Amount),
        ("余额", Amount),
        ("本月应还款", Amount),
        ("本月实还款", Amount),
        ("当前逾期总额", Amount),
        ("逾期31—60天未还本金", Amount),
        ("逾期61—90天未还本金", Amount),
        ("逾期91—180天未还本金", Amount),
        ("逾期180天以上未还本金", Amount),
        ("已用额度", Amount),
        ("未出单的大额专项分期余额", Amount),
        ("最近6个月平均使用额度", Amount),
        ("最大使用额度", Amount),
        ("透支余额", Amount),
        ("最近6个月平均透支余额", Amount),
        ("最大透支余额", Amount),
        ("透支180天以上未付余额", Amount),
        ("还款金额", Amount),
        ("大额专项分期额度", Amount),
        ("已用分期金额", Amount),
        ("已用分期额度", Amount),
        ("发生金额", Amount),
        ("债权金额", Amount),
        ("还款责任金额", Amount),
        ("授信额度", Amount),
        ("授信限额", Amount),
        ("担保金额", Amount),
        ("授信总额", Amount),
        ("单家机构最高授信额", Amount),
        ("单家机构最低授信额", Amount),
        ("最近6个月平均应还款", Amount),
        ("欠费金额", Amount),
        ("当前欠费金额", Amount),
        ("欠税总额", Amount),
        ("诉讼标的金额", Amount),
        ("申请执行标的价值", Amount),
        ("已执行标的金额", Amount),
        ("处罚金额", Amount),
        ("月缴存额", Amount),
        ("家庭月收入", Amount),
        ("涉及金额", Amount),
        ("单月最高逾期/透支总额", Amount),
        ("当前负债金额", Amount),
        ("逾期金额", Amount),
        ("欠息金额", Amount),
        ("缴款金额", Amount),
        ("申请执行标的金额", Amount),
        ("欠税金额", Amount),
        ("判决/调解应付金额", Amount),
        ("应缴金额", Amount),
        ("实缴金额", Amount),
        ("账户数", Count),
        ("管理机构数", Count),
        ("发卡机构数", Count),
        ("还款期数", Count),
        ("剩余还款期数", Count),
        ("当前逾期期数", Count),
        ("剩余分期期数", Count),
        ("变更月数", Count),
        ("逾期月数", Count),
        ("月份数", Count),
        ("最长逾期/透支月数", Count),
        ("记录数", Count),
        ("笔数", Count),
        ("编号", Count),
        ("逾期天数", Count),
        ("贷款审批", Count),
        ("信用卡审批", Count),
        ("本人查询", Count),
        ("贷后管理", Count),
        ("担保资格审查", Count),
        ("特约商户实名审查", Count),
        ("个人缴存比例", Percent),
        ("单位缴存比例", Percent),
        ("被查询者证件号码", IdNumber),
        ("证件号码", IdNumber),
        ("主业务借款人证件号码", IdNumber),
        ("手机号码", Phone),
        ("联系电话", Phone),
        ("住宅电话", Phone),
        ("单位电话", Phone),
        ("当前还款状态", GridStatus),
        ("还款状态", GridStatus),
        ("债权转移时的还款状态", TransferStatus),
        ("账户状态", Code(ACCOUNT_STATES)),
        ("五级分类", Code(FIVE_CLASS)),
        ("币种", Code(CURRENCIES)),
        ("账户币种", Code(CURRENCIES)),
        ("担保方式", Code(GUARANTEE)),
        ("还款方式", Code(REPAY_METHODS)),
        ("还款频率", Code(REPAY_FREQ)),
        ("业务种类", Code(BUSINESS_KINDS)),
        ("原债务业务种类", Code(BUSINESS_KINDS)),
        ("业务类型", Code(BUSINESS_TYPES)),
        ("账户类型", Code(ACCOUNT_TYPES)),
        ("查询原因", Code(QUERY_REASONS)),
        ("证件类型", Code(ID_TYPES)),
        ("被查询者证件类型", Code(ID_TYPES)),
        ("主业务借款人证件类型", Code(ID_TYPES)),
        ("性别", Code(GENDER)),
        ("婚姻状况", Code(MARITAL)),
        ("学历", Code(EDUCATION)),
        ("学位", Code(DEGREE)),
        ("就业状况", Code(EMPLOYMENT)),
        ("居住状况", Code(RESIDENCE_STATUS)),
        ("单位性质", Code(COMPANY_NATURE)),
        ("职业", Code(OCCUPATIONS)),
        ("行业", Code(INDUSTRIES)),
        ("职务", Code(POSITIONS)),
        ("职称", Code(TITLES)),
        ("共同借款标志", Code(CO_BORROWER)),
        ("责任人类型", Code(DUTY_TYPES)),
        ("授信额度用途", Code(CREDIT_USE)),
        ("当前缴费状态", Code(PAYMENT_STATES)),
        ("结案方式", Code(CASE_CLOSINGS)),
        ("特殊交易类型", Code(SPECIAL_TRADES)),
    ]
};

/// The value kind a (snapped, printed-form) label implies; `None` for free text.
pub fn kind_of(label: &str) -> Option<ValueKind> {
    let key = crate::correct::snap::fold(label);
    LABEL_KINDS
        .iter()
        .find(|(l, _)| crate::correct::snap::fold(l) == key)
        .map(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::correct::snap::fold;

    #[test]
    fn vocabularies_have_no_folded_duplicates() {
        for (name, entries) in ALL {
            let mut seen = std::collections::HashSet::new();
            for e in entries.iter() {
                assert!(seen.insert(fold(e)), "{name}: duplicate {e}");
            }
        }
    }

    #[test]
    fn every_kind_label_is_a_known_header_label() {
        for (label, _) in LABEL_KINDS {
            assert!(
                HEADER_LABELS.iter().any(|h| fold(h) == fold(label)),
                "{label} not in HEADER_LABELS"
            );
        }
    }

    #[test]
    fn kinds_are_found_through_folding() {
        assert_eq!(kind_of("逾期61－90天未还本金"), Some(ValueKind::Amount));
        assert_eq!(kind_of("开立日期"), Some(ValueKind::Date));
        assert_eq!(kind_of("管理机构"), None);
        assert_eq!(kind_of("账户状态"), Some(ValueKind::Code(ACCOUNT_STATES)));
    }
}
