//! 报告头: who was checked, by whom and why.

use serde::{Deserialize, Serialize};

/// 报告头
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CreditHeader {
    /// 报告编号
    pub serial_no: String,
    /// 报告时间
    pub report_time: String,
    /// 被查询者姓名
    pub who_was_checked: String,
    /// 被查询者证件类型
    pub id_type: String,
    /// 被查询者证件号码
    pub id_num: String,
    /// 查询操作机构
    pub organization: String,
    /// 查询原因
    pub reason: String,
    /// 其他证件信息
    pub other_id_info: Vec<OtherIdInfo>,
    /// 防欺诈警示
    pub anti_hack_info: AntiHackInfo,
    /// 异议信息提示
    pub objection_info: String,
}

/// 其他证件信息: one further identity document of the subject.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct OtherIdInfo {
    /// 证件类型
    #[serde(rename = "type")]
    pub kind: String,
    /// 证件号码
    pub id_num: String,
}

/// 防欺诈警示
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AntiHackInfo {
    /// 警示信息
    pub warning_info: String,
    /// 生效日期
    pub effect_date: String,
    /// 截至日期
    pub due_date: String,
}
