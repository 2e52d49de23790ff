//! 查询记录概要 against the query records: each count equals the records of that reason inside
//! the window it names. "最近1个月" and "最近2年" are not defined to the day, so any count
//! between the strictest reading (28 days, 730 days) and the widest (31, 731) is accepted.

use std::collections::BTreeSet;

use super::values::{self, Day};
use super::Check;
use crate::report::{CreditReport, QueryRecordEntry};

const RULE: &str = "summary.query.counts";
const MONTH: (i64, i64) = (28, 31);
const TWO_YEARS: (i64, i64) = (730, 731);

/// Records (and distinct institutions) of `reason` within `days` before the report day.
fn within<'a>(
    records: &'a [QueryRecordEntry],
    report: Day,
    reason: Option<&'a str>,
    days: i64,
) -> impl Iterator<Item = &'a QueryRecordEntry> {
    records.iter().filter(move |q| {
        reason.is_none_or(|r| q.query_reason.trim() == r)
            && values::date(&q.date).is_some_and(|d| (0..=days).contains(&(report.ordinal() - d.ordinal())))
    })
}

pub(super) fn run(r: &CreditReport, out: &mut Vec<Check>) {
    let Some((report, ..)) = values::date_time(&r.credit_header.report_time) else {
        return;
    };
    let s = &r.info_summary.query_record_summary;
    let q = &r.query_record;
    // Records whose date cannot be read would make every count uncertain.
    if q.company_query_record
        .iter()
        .chain(&q.person_query_record)
        .any(|e| values::date(&e.date).is_none())
    {
        return;
    }
    let base = "infoSummary.queryRecordSummary";
    let company = "queryRecord.companyQueryRecord";
    let times = |reason: &str, (lo, hi): (i64, i64)| {
        (
            within(&q.company_query_record, report, Some(reason), lo).count() as u64,
            within(&q.company_query_record, report, Some(reason), hi).count() as u64,
        )
    };
    let orgs = |reason: &str, (lo, hi): (i64, i64)| {
        let n = |days| {
            within(&q.company_query_record, report, Some(reason), days)
                .map(|e| e.query_company.trim())
                .collect::<BTreeSet<_>>()
                .len() as u64
        };
        (n(lo), n(hi))
    };
    let person = (
        within(&q.person_query_record, report, None, MONTH.0).count() as u64,
        within(&q.person_query_record, report, None, MONTH.1).count() as u64,
    );
    let items: [(&str, &str, (u64, u64), &str); 8] = [
        (
            "last1MonthQueryCompanyNum.loanApproval",
            &s.last_1_month_query_company_num.loan_approval,
            orgs("贷款审批", MONTH),
            company,
        ),
        (
            "last1MonthQueryCompanyNum.creditApproval",
            &s.last_1_month_query_company_num.credit_approval,
            orgs("信用卡审批", MONTH),
            company,
        ),
        (
            "last1MonthQueryNum.loanApproval",
            &s.last_1_month_query_num.loan_approval,
            times("贷款审批", MONTH),
            company,
        ),
        (
            "last1MonthQueryNum.creditApproval",
            &s.last_1_month_query_num.credit_approval,
            times("信用卡审批", MONTH),
            company,
        ),
        (
            "last1MonthQueryNum.selfQuery",
            &s.last_1_month_query_num.self_query,
            person,
            "queryRecord.personQueryRecord",
        ),
        (
            "last2YearQueryNum.managerAfterLoan",
            &s.last_2_year_query_num.manager_after_loan,
            times("贷后管理", TWO_YEARS),
            company,
        ),
        (
            "last2YearQueryNum.guaranteeInvestigate",
            &s.last_2_year_query_num.guarantee_investigate,
            times("担保资格审查", TWO_YEARS),
            company,
        ),
        (
            "last2YearQueryNum.bespokeMerchantsRealNameInvestigate",
            &s.last_2_year_query_num.bespoke_merchants_real_name_investigate,
            times("特约商户实名审查", TWO_YEARS),
            company,
        ),
    ];
    for (key, printed, (lo, hi), list) in items {
        let Some(n) = values::count(printed) else { continue };
        // The 授信机构版 prints the self-query count but no self-query records: nothing to compare.
        if list.ends_with("personQueryRecord") && q.person_query_record.is_empty() {
            continue;
        }
        let ok = (lo..=hi).contains(&n);
        out.push(Check::new(
            RULE,
            ok,
            vec![format!("{base}.{key}"), list.to_string()],
            if ok {
                format!("{key}: {n} agrees with the query records")
            } else if lo == hi {
                format!("{key}: the summary says {n}, the query records hold {lo}")
            } else {
                format!("{key}: the summary says {n}, the query records hold {lo} to {hi}")
            },
        ));
    }
}
