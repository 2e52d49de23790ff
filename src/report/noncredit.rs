//! 非信贷交易信息明细: utility and telecom accounts with their payment grids.

use serde::{Deserialize, Serialize};

/// 非信贷交易信息明细: one 后付费 account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct NoncreditTransInfo {
    /// The caption (`账户`)
    pub name: String,
    /// 机构名称
    pub company_name: String,
    /// 业务类型
    #[serde(rename = "type")]
    pub kind: String,
    /// 业务开通日期
    pub start_date: String,
    /// 当前缴费状态
    pub curr_payed_state: String,
    /// 当前欠费金额
    pub curr_overdue_amount: String,
    /// 记账年月
    pub account_date: String,
    /// 缴费记录
    pub refund_record: PaymentRecord,
}

/// 缴费记录: a payment grid. Unlike the credit grids it has no start/end month and no amounts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PaymentRecord {
    /// The grid title without `的缴费记录`
    pub date_range: String,
    /// One entry per printed year, newest first.
    pub detail: Vec<PaymentYear>,
}

/// One year row of a payment grid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PaymentYear {
    /// 年
    pub year: String,
    /// Only the non-blank cells of the row.
    pub month: Vec<PaymentMonth>,
}

/// One cell of a payment grid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PaymentMonth {
    /// 月份, `"1"`…`"12"`
    pub month_value: String,
    /// 状态
    pub state: String,
}
