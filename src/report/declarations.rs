//! 本人声明 and 异议标注 at the end of the report.

use serde::{Deserialize, Serialize};

/// 本人声明
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SelfDeclare {
    /// 编号
    pub no: String,
    /// 声明内容
    pub declare_content: String,
    /// 添加日期
    pub add_date: String,
}

/// 异议标注
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ObjectionLabel {
    /// 编号
    pub no: String,
    /// 标注内容
    pub label_content: String,
    /// 添加日期
    pub add_date: String,
}
