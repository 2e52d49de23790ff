//! 个人基本信息: identity, spouse, residences and employment.

use serde::{Deserialize, Serialize};

/// 个人基本信息
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PersonBasicInfo {
    /// 身份信息
    pub person_info: PersonInfo,
    /// 配偶信息
    pub connubial_info: ConnubialInfo,
    /// 居住信息
    pub lived_infos: Vec<LivedInfo>,
    /// 职业信息
    pub experiences: Vec<Experience>,
}

/// 身份信息. Each field carries the 数据发生机构名称 that reported it (本人版 only).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PersonInfo {
    /// 性别
    pub gender: SourcedValue,
    /// 出生日期
    pub birthday: SourcedValue,
    /// 婚姻状况
    pub is_married: SourcedValue,
    /// 就业状况
    pub job: SourcedValue,
    /// 学历
    pub education: SourcedValue,
    /// 学位
    pub qualification: SourcedValue,
    /// 国籍
    pub country: SourcedValue,
    /// 电子邮箱
    pub email: SourcedValue,
    /// 通讯地址
    pub post_addr: SourcedValue,
    /// 户籍地址
    pub register_addr: SourcedValue,
    /// 手机号码
    pub mobile: Vec<Mobile>,
}

/// One 身份信息 item and the institution that reported it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SourcedValue {
    /// The value as printed.
    pub value: String,
    /// 数据发生机构名称
    pub organization: String,
}

/// 手机号码 row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Mobile {
    /// 编号
    pub no: String,
    /// 手机号码
    pub mobile: String,
    /// 信息更新日期
    pub update_at: String,
    /// 数据发生机构名称
    pub organization: String,
}

/// 配偶信息
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ConnubialInfo {
    /// 姓名
    pub name: String,
    /// 证件类型
    pub id_type: String,
    /// 证件号码
    pub id_num: String,
    /// 工作单位
    pub company: String,
    /// 联系电话
    pub tel: String,
    /// 数据发生机构名称
    pub organization: String,
}

/// 居住信息 record (joined per 编号 across the stacked tables).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct LivedInfo {
    /// 编号
    pub no: String,
    /// 居住地址
    pub address: String,
    /// 居住状况
    pub status: String,
    /// 住宅电话
    pub home_tel: String,
    /// 信息更新日期
    pub update_at: String,
    /// 数据发生机构名称
    pub organization: String,
}

/// 职业信息 record (joined per 编号 across the stacked tables).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Experience {
    /// 编号
    pub no: String,
    /// 工作单位
    pub company: String,
    /// 单位地址
    pub address: String,
    /// 单位电话
    pub office_tel: String,
    /// 单位性质
    pub company_character: String,
    /// 职业
    pub job_nature: String,
    /// 行业
    pub industry: String,
    /// 职务
    pub title: String,
    /// 职称
    pub level: String,
    /// 进入本单位年份
    pub started_at: String,
    /// 信息更新日期
    pub update_at: String,
    /// 数据发生机构名称
    pub organization: String,
}
