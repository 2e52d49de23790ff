//! 查询记录 detail tables.

use serde::{Deserialize, Serialize};

/// 查询记录
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct QueryRecord {
    /// 本人查询记录明细
    pub person_query_record: Vec<QueryRecordEntry>,
    /// 机构查询记录明细 (授信机构版: its single query table)
    pub company_query_record: Vec<QueryRecordEntry>,
}

/// One query-record row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct QueryRecordEntry {
    /// 编号
    pub no: String,
    /// 查询日期
    pub date: String,
    /// 查询机构
    pub query_company: String,
    /// 查询原因
    pub query_reason: String,
}
