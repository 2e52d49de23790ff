//! Numbered rows: the report numbers the records of several lists `编号` 1, 2, 3 … in print
//! order, each list from 1: 个人基本信息's 手机号码, 居住信息 and 职业信息 tables
//! (`basicInfo.records.numbering`), each kind of 公共信息明细 record but 住房公积金参缴记录, which
//! prints no number (`publicInfo.records.numbering`), and 查询记录's two lists
//! (`queryRecord.records.numbering`). A record read where none is printed
//! (a row split in two, a header row read as data) or a record lost moves every later record
//! off its number, and the values of such records are not where the reader put them: the rules
//! name each value of every record whose printed `编号` is not its place in the list.

use serde::Serialize;
use serde_json::Value;

use super::Check;
use crate::report::CreditReport;

const BASIC: &str = "basicInfo.records.numbering";
const PUBLIC: &str = "publicInfo.records.numbering";
const QUERY: &str = "queryRecord.records.numbering";

/// One list at `path`, its records as JSON objects: each record's printed `no` against its
/// place, as rule `rule`.
fn check_list(rule: &str, path: &str, records: &[Value], out: &mut Vec<Check>) {
    let no = |r: &Value| r.get("no").and_then(Value::as_str).unwrap_or("").trim().to_string();
    // A list whose numbers were not read at all says nothing about its order.
    if records.iter().all(|r| no(r).is_empty()) {
        return;
    }
    let mut off = Vec::new();
    let mut values = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if no(r) == (i + 1).to_string() {
            continue;
        }
        off.push((i + 1).to_string());
        // Each value of the record, so that a reviewer is sent to the values themselves; a
        // record without one is named whole.
        let before = values.len();
        if let Value::Object(fields) = r {
            for (key, value) in fields {
                if value.as_str().is_some_and(|s| !s.trim().is_empty()) {
                    values.push(format!("{path}[{i}].{key}"));
                }
            }
        }
        if values.len() == before {
            values.push(format!("{path}[{i}]"));
        }
    }
    let n = records.len();
    out.push(if off.is_empty() {
        Check::new(
            rule,
            true,
            vec![path.to_string()],
            format!("{path}: {n} records numbered 1 to {n}"),
        )
    } else {
        Check::new(
            rule,
            false,
            values,
            format!(
                "{path}: record(s) {} of {n} do not print their place as 编号",
                off.join(", ")
            ),
        )
    });
}

/// A list's records as JSON objects, as the result prints them.
fn rows<T: Serialize>(records: &[T]) -> Vec<Value> {
    // Plain string structs always serialise; a null keeps the places of the others regardless.
    records
        .iter()
        .map(|r| serde_json::to_value(r).unwrap_or(Value::Null))
        .collect()
}

pub(super) fn run(r: &CreditReport, out: &mut Vec<Check>) {
    let (b, p, q) = (&r.person_basic_info, &r.public_info_detail, &r.query_record);
    // (rule, section, its numbered lists).
    let sections = [
        (
            BASIC,
            "personBasicInfo",
            vec![
                ("personInfo.mobile", rows(&b.person_info.mobile)),
                ("livedInfos", rows(&b.lived_infos)),
                ("experiences", rows(&b.experiences)),
            ],
        ),
        (
            PUBLIC,
            "publicInfoDetail",
            vec![
                ("owingTaxRecord", rows(&p.owing_tax_record)),
                ("civilJudgmentRecord", rows(&p.civil_judgment_record)),
                ("forceExecuteRecord", rows(&p.force_execute_record)),
                ("administrativePenaltyRecord", rows(&p.administrative_penalty_record)),
                ("lowSecurityRescueRecord", rows(&p.low_security_rescue_record)),
                ("executiveQualificationRecord", rows(&p.executive_qualification_record)),
                ("administrativeRewardRecord", rows(&p.administrative_reward_record)),
            ],
        ),
        (
            QUERY,
            "queryRecord",
            vec![
                ("personQueryRecord", rows(&q.person_query_record)),
                ("companyQueryRecord", rows(&q.company_query_record)),
            ],
        ),
    ];
    for (rule, section, lists) in &sections {
        for (name, records) in lists {
            check_list(rule, &format!("{section}.{name}"), records, out);
        }
    }
}
