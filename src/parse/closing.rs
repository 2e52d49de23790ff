//! The closing sections (report_layout.md §10): 本人声明 → `selfDeclare`, 异议标注 →
//! `objectionLabel`, 查询记录 → `queryRecord`.

use crate::layout::Block;
use crate::report::{ObjectionLabel, QueryRecord, QueryRecordEntry, SelfDeclare};

use super::form::{items, read_list, split_titles};
use super::ReportVersion;

const SECTION: &str = "closing";

fn set_declare(d: &mut SelfDeclare, label: &str, v: String) -> bool {
    match label {
        "编号" => d.no = v,
        "声明内容" => d.declare_content = v,
        "添加日期" => d.add_date = v,
        _ => return false,
    }
    true
}

fn set_objection(o: &mut ObjectionLabel, label: &str, v: String) -> bool {
    match label {
        "编号" => o.no = v,
        "标注内容" => o.label_content = v,
        "添加日期" => o.add_date = v,
        _ => return false,
    }
    true
}

fn set_query(q: &mut QueryRecordEntry, label: &str, v: String) -> bool {
    match label {
        "编号" => q.no = v,
        "查询日期" => q.date = v,
        "查询机构" | "查询操作机构" => q.query_company = v,
        "查询原因" => q.query_reason = v,
        _ => return false,
    }
    true
}

/// Parses 本人声明.
pub fn parse_self_declare(blocks: &[Block]) -> Vec<SelfDeclare> {
    read_list(&items(blocks), set_declare, SECTION)
}

/// Parses 异议标注.
pub fn parse_objection_label(blocks: &[Block]) -> Vec<ObjectionLabel> {
    read_list(&items(blocks), set_objection, SECTION)
}

const T_COMPANY: usize = 0;
const T_PERSON: usize = 1;

/// Parses 查询记录: a 本人版 has `机构查询记录明细` and `本人查询记录明细`; a 授信机构版 one
/// untitled table, which is the institutions' (CONVENTIONS §18).
pub fn parse_query_record(blocks: &[Block], version: ReportVersion) -> QueryRecord {
    let its = items(blocks);
    let mut out = QueryRecord::default();
    for part in split_titles(&its, &[&["机构查询记录明细"], &["本人查询记录明细"]]) {
        let rows = read_list(part.items, set_query, SECTION);
        match part.title {
            Some(T_PERSON) => out.person_query_record.extend(rows),
            Some(T_COMPANY) => out.company_query_record.extend(rows),
            _ => {
                if version == ReportVersion::Personal && !rows.is_empty() {
                    tracing::debug!(section = SECTION, "untitled query table in a 本人版 read as 机构查询");
                }
                out.company_query_record.extend(rows);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::form::testutil::{line, table};
    use super::*;

    const HEAD: &[&str] = &["编号", "查询日期", "查询机构", "查询原因"];

    #[test]
    fn personal_has_two_titled_tables() {
        let blocks = vec![
            line("机构查询记录明细"),
            table(&[
                HEAD,
                &["1", "2015.05.31", "中国工商银行", "贷款审批"],
                &["2", "2015.04.14", "中国招商银行", "信用卡审批"],
            ]),
            line("本人查询记录明细"),
            table(&[
                HEAD,
                &["1", "2015.05.14", "本人", "本人查询（互联网个人信用信息服务平台）"],
            ]),
        ];
        let q = parse_query_record(&blocks, ReportVersion::Personal);
        assert_eq!(q.company_query_record.len(), 2);
        assert_eq!(q.company_query_record[1].query_company, "中国招商银行");
        assert_eq!(q.person_query_record.len(), 1);
        assert_eq!(
            q.person_query_record[0].query_reason,
            "本人查询（互联网个人信用信息服务平台）"
        );
    }

    #[test]
    fn institution_single_table_is_company() {
        let blocks = vec![table(&[HEAD, &["1", "2019.07.01", "商业银行“ABCD”", "贷后管理"]])];
        let q = parse_query_record(&blocks, ReportVersion::Institution);
        assert_eq!(q.company_query_record.len(), 1);
        assert_eq!(q.company_query_record[0].date, "2019.07.01");
        assert!(q.person_query_record.is_empty());
    }

    #[test]
    fn declarations_and_objections() {
        let d = parse_self_declare(&[table(&[
            &["编号", "声明内容", "添加日期"],
            &[
                "1",
                "本人身份证丢失，2013 年 11 月后的新业务均非本人办理。",
                "2013.11.14",
            ],
        ])]);
        assert_eq!(
            d,
            vec![SelfDeclare {
                no: "1".into(),
                declare_content: "本人身份证丢失，2013年11月后的新业务均非本人办理。".into(),
                add_date: "2013.11.14".into()
            }]
        );
        let o = parse_objection_label(&[table(&[
            &["编号", "标注内容", "添加日期"],
            &["1", "其他证件正处于异议处理期。", "2015.04.15"],
        ])]);
        assert_eq!(o[0].label_content, "其他证件正处于异议处理期。");
        assert!(parse_objection_label(&[]).is_empty());
    }
}
