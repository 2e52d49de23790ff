//! Numbered rows: the report numbers the records of several lists `编号` 1, 2, 3 … in print
//! order, each list from 1: 个人基本信息's 手机号码, 居住信息 and 职业信息 tables
//! (`basicInfo.records.numbering`), each kind of 公共信息明细 record but 住房公积金参缴记录, which
//! prints no number (`publicInfo.records.numbering`), and 查询记录's two lists
//! (`queryRecord.records.numbering`). A record read where none is printed
//! (a row split in two, a header row read as data) or a record lost moves every later record
//! off its number, and the values of such records are not where the reader put them: the rules
//! name each value of every record whose printed `编号` is not its place in the list.

use serde::Serialize;

use super::Check;
use crate::report::CreditReport;

const BASIC: &str = "basicInfo.records.numbering";
const PUBLIC: &str = "publicInfo.records.numbering";
const QUERY: &str = "queryRecord.records.numbering";

/// One list at `path`: each record's printed `no` against its place, as rule `rule`.
fn check_list<T: Serialize>(rule: &str, path: &str, records: &[T], no: impl Fn(&T) -> &str, out: &mut Vec<Check>) {
    // A list whose numbers were not read at all says nothing about its order.
    if records.iter().all(|r| no(r).trim().is_empty()) {
        return;
    }
    let mut off = Vec::new();
    let mut values = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if no(r).trim() == (i + 1).to_string() {
            continue;
        }
        off.push((i + 1).to_string());
        // Each value of the record, so that a reviewer is sent to the values themselves; a
        // record without one is named whole.
        let before = values.len();
        if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(r) {
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

pub(super) fn run(r: &CreditReport, out: &mut Vec<Check>) {
    let b = &r.person_basic_info;
    check_list(
        BASIC,
        "personBasicInfo.personInfo.mobile",
        &b.person_info.mobile,
        |m| &m.no,
        out,
    );
    check_list(BASIC, "personBasicInfo.livedInfos", &b.lived_infos, |m| &m.no, out);
    check_list(BASIC, "personBasicInfo.experiences", &b.experiences, |m| &m.no, out);
    let p = &r.public_info_detail;
    check_list(
        PUBLIC,
        "publicInfoDetail.owingTaxRecord",
        &p.owing_tax_record,
        |r| &r.no,
        out,
    );
    check_list(
        PUBLIC,
        "publicInfoDetail.civilJudgmentRecord",
        &p.civil_judgment_record,
        |r| &r.no,
        out,
    );
    check_list(
        PUBLIC,
        "publicInfoDetail.forceExecuteRecord",
        &p.force_execute_record,
        |r| &r.no,
        out,
    );
    check_list(
        PUBLIC,
        "publicInfoDetail.administrativePenaltyRecord",
        &p.administrative_penalty_record,
        |r| &r.no,
        out,
    );
    check_list(
        PUBLIC,
        "publicInfoDetail.lowSecurityRescueRecord",
        &p.low_security_rescue_record,
        |r| &r.no,
        out,
    );
    check_list(
        PUBLIC,
        "publicInfoDetail.executiveQualificationRecord",
        &p.executive_qualification_record,
        |r| &r.no,
        out,
    );
    check_list(
        PUBLIC,
        "publicInfoDetail.administrativeRewardRecord",
        &p.administrative_reward_record,
        |r| &r.no,
        out,
    );
    let q = &r.query_record;
    check_list(
        QUERY,
        "queryRecord.personQueryRecord",
        &q.person_query_record,
        |r| &r.no,
        out,
    );
    check_list(
        QUERY,
        "queryRecord.companyQueryRecord",
        &q.company_query_record,
        |r| &r.no,
        out,
    );
}
