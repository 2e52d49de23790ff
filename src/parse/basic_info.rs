//! 一 个人基本信息 → `personBasicInfo` (report_layout.md §5): 身份信息 with the 本人版's
//! 数据发生机构名称 rows, phones, 配偶信息, 居住信息 and 职业信息.

use crate::layout::Block;
use crate::report::{ConnubialInfo, Experience, LivedInfo, Mobile, PersonBasicInfo, PersonInfo, SourcedValue};

use super::form::{accepts, apply, groups, items, misread_labels, read_form, read_keyed, records, HCell};
use super::table;

const SECTION: &str = "personBasicInfo";

/// Provider label: in a 本人版 each value row is followed by a row naming the institution that
/// reported each value, column by column.
const PROVIDER: &str = "数据发生机构名称";

/// The identity field a label names.
fn identity_field<'a>(p: &'a mut PersonInfo, label: &str) -> Option<&'a mut SourcedValue> {
    Some(match label {
        "性别" => &mut p.gender,
        "出生日期" => &mut p.birthday,
        "婚姻状况" => &mut p.is_married,
        "就业状况" => &mut p.job,
        "学历" => &mut p.education,
        "学位" => &mut p.qualification,
        "国籍" => &mut p.country,
        "电子邮箱" => &mut p.email,
        "通讯地址" => &mut p.post_addr,
        "户籍地址" => &mut p.register_addr,
        _ => return None,
    })
}

fn set_mobile(m: &mut Mobile, label: &str, v: String) -> bool {
    match label {
        "编号" => m.no = v,
        "手机号码" => m.mobile = v,
        "信息更新日期" => m.update_at = v,
        PROVIDER => m.organization = v,
        _ => return false,
    }
    true
}

/// （一）身份信息: value groups, provider groups (paired with the value group above them by
/// column position) and the phone list.
fn parse_identity(blocks: &[Block]) -> PersonInfo {
    let mut p = PersonInfo::default();
    let its = items(blocks);
    let mobile_label = accepts(set_mobile);
    let is_label = |k: &str| identity_field(&mut PersonInfo::default(), k).is_some() || mobile_label(k);
    let gs = groups(&its, &is_label);
    // Header cells of the last value group, for pairing a provider row with its fields.
    let mut last_fields: Vec<HCell> = Vec::new();
    for g in &gs {
        if g.has("手机号码") {
            p.mobile.extend(
                records(std::slice::from_ref(g))
                    .iter()
                    .map(|r| apply(r, set_mobile, SECTION)),
            );
            continue;
        }
        let mut fields = Vec::new();
        let misread = misread_labels(g.headers.iter().map(|hc| hc.key.as_str()), &is_label);
        for ((h, hc), misread) in g.headers.iter().enumerate().zip(misread) {
            let value = g.value(0, h);
            // A misread label's value, repaired as its format allows; one that does not fit
            // says the label was another.
            let (key, value) = match misread.map(|l| (l, crate::correct::value_under(&value, l))) {
                Some((label, Some(fixed))) if hc.key != PROVIDER => (label, fixed),
                _ => (hc.key.as_str(), value),
            };
            if hc.key == PROVIDER {
                let target = last_fields
                    .iter()
                    .filter(|f| overlap(f, hc) > 0.0)
                    .max_by(|a, b| overlap(a, hc).total_cmp(&overlap(b, hc)));
                match target.and_then(|f| identity_field(&mut p, &f.key)) {
                    Some(field) => field.organization = value,
                    None => tracing::debug!(section = SECTION, "provider cell without a field above it skipped"),
                }
            } else if let Some(field) = identity_field(&mut p, key) {
                field.value = value;
                fields.push(HCell {
                    key: key.to_string(),
                    ..hc.clone()
                });
            } else {
                super::labels::log_unknown(SECTION, &hc.key, "unknown label skipped");
            }
        }
        if !fields.is_empty() {
            last_fields = fields;
        }
    }
    p
}

fn overlap(a: &HCell, b: &HCell) -> f32 {
    table::overlap((a.x0, a.x1), (b.x0, b.x1))
}

fn set_spouse(c: &mut ConnubialInfo, label: &str, v: String) -> bool {
    match label {
        "姓名" => c.name = v,
        "证件类型" => c.id_type = v,
        "证件号码" => c.id_num = v,
        "工作单位" => c.company = v,
        "联系电话" => c.tel = v,
        PROVIDER => c.organization = v,
        _ => return false,
    }
    true
}

fn set_lived(l: &mut LivedInfo, label: &str, v: String) -> bool {
    match label {
        "编号" => l.no = v,
        "居住地址" => l.address = v,
        "住宅电话" => l.home_tel = v,
        "居住状况" => l.status = v,
        "信息更新日期" => l.update_at = v,
        PROVIDER => l.organization = v,
        _ => return false,
    }
    true
}

fn set_experience(e: &mut Experience, label: &str, v: String) -> bool {
    match label {
        "编号" => e.no = v,
        "工作单位" => e.company = v,
        "单位性质" => e.company_character = v,
        "单位地址" => e.address = v,
        "单位电话" => e.office_tel = v,
        "职业" => e.job_nature = v,
        "行业" => e.industry = v,
        "职务" => e.title = v,
        "职称" => e.level = v,
        "进入本单位年份" => e.started_at = v,
        "信息更新日期" => e.update_at = v,
        PROVIDER => e.organization = v,
        // Some bank renderings repeat 就业状况 here; the schema keeps it in personInfo.job.
        "就业状况" => {}
        _ => return false,
    }
    true
}

/// The blocks of the four sub-sections of 一 个人基本信息.
pub struct BasicInfoBlocks<'a> {
    /// （一）身份信息
    pub identity: &'a [Block],
    /// （二）配偶信息
    pub spouse: &'a [Block],
    /// （三）居住信息
    pub residence: &'a [Block],
    /// （四）职业信息
    pub occupation: &'a [Block],
}

/// Parses 一 个人基本信息. Both versions read the same way: the 授信机构版 simply has no provider
/// rows, so `organization` stays empty.
pub fn parse_basic_info(b: &BasicInfoBlocks<'_>) -> PersonBasicInfo {
    PersonBasicInfo {
        person_info: parse_identity(b.identity),
        connubial_info: read_form(&items(b.spouse), set_spouse, SECTION),
        lived_infos: read_keyed(&items(b.residence), set_lived, SECTION),
        experiences: read_keyed(&items(b.occupation), set_experience, SECTION),
    }
}

#[cfg(test)]
mod tests {
    use super::super::form::testutil::{line, table};
    use super::*;

    const ORG: &str = "数据发生机构名称";

    fn personal_identity() -> Vec<Block> {
        vec![table(&[
            &["性别", "出生日期", "婚姻状况", "就业状况"],
            &["男", "1981.08.15", "已婚", "在职"],
            &[ORG, ORG, ORG, ORG],
            &["工商银行", "建设银行", "工商银行", "中国银行"],
            &["学历", "学位", "国籍", "电子邮箱"],
            &["本科", "学士", "中国", "zhang15@hotmail.com"],
            &[ORG, ORG, ORG, ORG],
            &["工商银行", "工商银行", "农业银行", "工商银行"],
            &["2|通讯地址", "2|户籍地址"],
            &["2|北京市西城区金融大街 35 号", "2|北京市朝阳区春晓园北区7号楼C522室"],
            &["2|数据发生机构名称", "2|数据发生机构名称"],
            &["2|工商银行", "2|中信银行"],
            &["编号", "手机号码", "信息更新日期", ORG],
            &["1", "13811117777", "2015.05.01", "工商银行"],
            &["2", "13811112222", "2015.01.22", "中国银行"],
        ])]
    }

    #[test]
    fn personal_identity_with_providers_and_phones() {
        let p = parse_identity(&personal_identity());
        assert_eq!(
            p.gender,
            SourcedValue {
                value: "男".into(),
                organization: "工商银行".into()
            }
        );
        assert_eq!(p.birthday.organization, "建设银行");
        assert_eq!(
            p.job,
            SourcedValue {
                value: "在职".into(),
                organization: "中国银行".into()
            }
        );
        assert_eq!(
            p.country,
            SourcedValue {
                value: "中国".into(),
                organization: "农业银行".into()
            }
        );
        assert_eq!(p.email.value, "zhang15@hotmail.com");
        assert_eq!(p.post_addr.value, "北京市西城区金融大街35号");
        assert_eq!(p.register_addr.organization, "中信银行");
        assert_eq!(p.mobile.len(), 2);
        assert_eq!(p.mobile[1].mobile, "13811112222");
        assert_eq!(p.mobile[1].organization, "中国银行");
        assert_eq!(p.mobile[1].no, "2");
    }

    #[test]
    fn institution_identity_single_row_without_providers() {
        let blocks = vec![table(&[
            &[
                "性别",
                "出生日期",
                "婚姻状况",
                "学历",
                "学位",
                "就业状况",
                "国籍",
                "电子邮箱",
            ],
            &[
                "女",
                "1990.01.02",
                "未婚",
                "硕士研究生",
                "硕士",
                "职员",
                "中国",
                "a@b.cn",
            ],
            &["5|通讯地址", "3|户籍地址"],
            &["5|上海市浦东新区", "3|上海市黄浦区"],
            &["编号", "4|手机号码", "3|信息更新日期"],
            &["1", "4|13900000000", "3|2019.07.01"],
        ])];
        let p = parse_identity(&blocks);
        assert_eq!(p.education.value, "硕士研究生");
        assert_eq!(p.job.value, "职员");
        assert_eq!(p.email.value, "a@b.cn");
        assert_eq!(p.register_addr.value, "上海市黄浦区");
        assert_eq!(p.gender.organization, "");
        assert_eq!(
            p.mobile,
            vec![Mobile {
                no: "1".into(),
                mobile: "13900000000".into(),
                update_at: "2019.07.01".into(),
                organization: "".into()
            }]
        );
    }

    #[test]
    fn spouse_residence_and_stacked_occupation() {
        let spouse = vec![table(&[
            &["姓名", "证件类型", "证件号码", "工作单位", "联系电话"],
            &[
                "李金花",
                "外国人居留证",
                "123560000008888",
                "三星电子北京分公司财务部",
                "13800003333",
            ],
            &["5|数据发生机构名称"],
            &["5|工商银行"],
        ])];
        let residence = vec![
            table(&[
                &["编号", "居住地址", "住宅电话", "居住状况", "信息更新日期"],
                &["1", "北京市朝阳区", "010—83234323", "按揭", "2015.05.01"],
            ]),
            table(&[
                &["2", "北京市海淀区", "010—62123212", "集体宿舍", "2015.01.22"],
                &["编号", "4|数据发生机构名称"],
                &["1", "4|工商银行"],
                &["2", "4|中国银行"],
            ]),
        ];
        let occupation = vec![
            table(&[
                &["编号", "工作单位", "单位性质", "单位地址", "单位电话"],
                &[
                    "1",
                    "中国人民银行征信中心企业部",
                    "机关、事业单位",
                    "北京市西城区金融大街35号",
                    "010—83233333",
                ],
                &["编号", "职业", "行业", "职务", "职称", "进入本单位年份", "信息更新日期"],
                &[
                    "1",
                    "办事人员和有关人员",
                    "金融业",
                    "中级领导",
                    "中级",
                    "2008",
                    "2015.05.01",
                ],
            ]),
            line("stray"),
            table(&[&["编号", "数据发生机构名称"], &["1", "工商银行"]]),
        ];
        let b = BasicInfoBlocks {
            identity: &[],
            spouse: &spouse,
            residence: &residence,
            occupation: &occupation,
        };
        let out = parse_basic_info(&b);
        assert_eq!(out.connubial_info.name, "李金花");
        assert_eq!(out.connubial_info.organization, "工商银行");
        assert_eq!(out.lived_infos.len(), 2);
        assert_eq!(out.lived_infos[1].status, "集体宿舍");
        assert_eq!(out.lived_infos[1].organization, "中国银行");
        assert_eq!(out.experiences.len(), 1);
        let e = &out.experiences[0];
        assert_eq!(
            (e.company.as_str(), e.title.as_str(), e.level.as_str()),
            ("中国人民银行征信中心企业部", "中级领导", "中级")
        );
        assert_eq!((e.started_at.as_str(), e.organization.as_str()), ("2008", "工商银行"));
        assert_eq!(out.person_info, PersonInfo::default());
    }
}
