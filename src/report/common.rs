//! Shapes that recur across the account families of 信贷交易信息明细.

use serde::{Deserialize, Serialize};

/// 还款记录: the repayment grid of a loan or card account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RefundRecord {
    /// The grid title without `的还款记录`, e.g. `2010年07月—2015年05月`.
    pub date_range: String,
    /// First month of the title, `YYYY.MM`.
    pub start_date: String,
    /// Last month of the title, `YYYY.MM`.
    pub end_date: String,
    /// One entry per printed year, newest first.
    pub detail: Vec<RefundYear>,
}

/// One year row of a repayment grid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RefundYear {
    /// 年
    pub year: String,
    /// Only the non-blank cells of the row.
    pub month: Vec<RefundMonth>,
}

/// One cell of a repayment grid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RefundMonth {
    /// 月份, `"1"`…`"12"`
    pub month_value: String,
    /// 金额
    pub amount: String,
    /// 状态 (N, 1, 2, …, C, G, #, *)
    pub state: String,
}

/// 特殊交易类型 row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SpecialTransType {
    /// 特殊交易类型
    #[serde(rename = "type")]
    pub kind: String,
    /// 发生日期
    pub occur_date: String,
    /// 变更月数
    pub change_month_num: String,
    /// 发生金额
    pub occur_amount: String,
    /// 明细记录
    pub detail_record: String,
}

/// A dated remark attached to an account: 机构说明, 本人声明, 异议标注 or 特殊标注.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct DatedNote {
    /// The remark text.
    pub value: String,
    /// 添加日期
    pub add_date: String,
}

/// `…以后的最新还款记录`: the latest repayment after the account's 截至 date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct LatestRepayment {
    /// The date printed before `以后的最新还款记录`.
    pub value: String,
    /// 五级分类
    pub five_level_type: String,
    /// 余额
    pub surplus_amount: String,
    /// 还款日期
    pub refund_date: String,
    /// 还款金额
    pub refund_amount: String,
    /// 当前还款状态
    pub curr_refund_state: String,
}

/// An account state with an outstanding balance: 呆账 (`badDebt`) and 催收 (`debtCollection`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct BalanceState {
    /// 余额
    pub surplus_amount: String,
    /// 最近一次还款日期
    pub latest_repay_date: String,
}

/// A closed account state: 结清 (`clear`) and 结束 (`debtFinish`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ClosedState {
    /// 账户关闭日期
    pub account_closed_date: String,
}
