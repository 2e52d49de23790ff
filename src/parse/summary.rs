//! 二 信息概要 → `infoSummary` (report_layout.md §6), except 授信及负债信息概要 (`summary_debt`).
//!
//! The summary tables are told apart by their column labels rather than by their titles, so a
//! title lost by OCR or printed as a line instead of a table row does not matter.

use crate::evidence::provenance;
use crate::layout::Block;
use crate::report::{
    AccountCountRow, BadDebtsSummary, CreditTransBreachInfoSummary, CreditTransInfoHint, InfoSummary, LastQueryRecord,
    NoncreditTransInfoSummary, ObjectionAndDescription, OverdueInfoCollection, PersonalCreditReportExplication,
    PublicInfoSummary, QueryRecordSummary, RecourseDetail,
};

use super::form::{accepts, groups, items, read_form, read_list, split_titles, Group, Item};
use super::summary_debt::parse_extension_debt;
use super::text::key;

const SECTION: &str = "infoSummary";

/// Total row label (CONVENTIONS §13).
const TOTAL: &str = "合计";

/// The titles of 信贷交易违约信息概要's tables (被追偿, 呆账, 逾期（透支）), each with its variants.
pub(super) const BREACH_TITLES: &[&[&str]] = &[
    &["被追偿信息汇总"],
    &["呆账信息汇总"],
    &["逾期（透支）信息汇总", "逾期透支信息汇总"],
];

/// The title of 查询记录概要's 上一次查询记录 table.
pub(super) const LAST_QUERY_TITLES: &[&str] = &["上一次查询记录"];

/// The blocks of the sub-sections of 二 信息概要.
#[derive(Default)]
pub struct SummaryBlocks<'a> {
    /// （一）个人信用报告"数字解读" (授信机构版)
    pub explication: &'a [Block],
    /// 信贷交易信息提示
    pub hint: &'a [Block],
    /// 信贷交易违约信息概要
    pub breach: &'a [Block],
    /// 信贷交易授信及负债信息概要
    pub extension_debt: &'a [Block],
    /// 非信贷交易信息概要
    pub noncredit: &'a [Block],
    /// 公共信息概要
    pub public: &'a [Block],
    /// 查询记录概要
    pub query: &'a [Block],
}

/// Parses 二 信息概要.
pub fn parse_summary(b: &SummaryBlocks<'_>) -> InfoSummary {
    InfoSummary {
        personal_credit_report_explication: parse_explication(b.explication),
        credit_trans_info_hint: parse_hint(b.hint),
        credit_trans_breach_info_summary: parse_breach(b.breach),
        credit_trans_extension_and_debt_summary: parse_extension_debt(b.extension_debt),
        noncredit_trans_info_summary: read_list(&items(b.noncredit), set_noncredit, SECTION),
        public_info_summary: read_list(&items(b.public), set_public, SECTION),
        query_record_summary: parse_query_summary(b.query),
    }
}

fn set_explication(e: &mut PersonalCreditReportExplication, label: &str, v: String) -> bool {
    match label {
        "数字解读" => e.digit_explication = v,
        "相对位置" => e.relative_location = v,
        // 说明 holds one 影响因素 per printed line; cell lines arrive joined, so the split is
        // made at each 影响因素 marker.
        "说明" => e.desc = split_factors(&v),
        _ => return false,
    }
    true
}

/// Splits the 说明 text into its 影响因素 entries (CONVENTIONS §17); text without the marker
/// (the reason printed with a `--` score) is one entry.
fn split_factors(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut prev = 0;
    for (i, _) in v.match_indices("影响因素").filter(|&(i, _)| i > 0) {
        out.push(v[prev..i].to_string());
        prev = i;
    }
    out.push(v[prev..].to_string());
    out.retain(|s| !s.is_empty());
    out
}

fn parse_explication(blocks: &[Block]) -> PersonalCreditReportExplication {
    read_form(&items(blocks), set_explication, SECTION)
}

/// Labels of the 信贷交易信息提示 table.
fn is_hint_label(k: &str) -> bool {
    matches!(k, "业务类型" | "账户数" | "首笔业务发放月份" | "首笔贷款发放月份")
}

/// 信贷交易信息提示: the 业务类型 header spans the group cell (贷款 / 信用卡 / 其他, row-spanning)
/// and the sub-type cell, so both arrive under it, group first.
fn parse_hint(blocks: &[Block]) -> CreditTransInfoHint {
    let mut hint = CreditTransInfoHint::default();
    let its = items(blocks);
    for g in groups(&its, &is_hint_label).iter().filter(|g| g.has("业务类型")) {
        let (Some(t), n, first) = (
            g.find("业务类型"),
            g.find("账户数"),
            g.find("首笔业务发放月份").or(g.find("首笔贷款发放月份")),
        ) else {
            continue;
        };
        let get = |r: usize, h: Option<usize>| h.map(|h| g.value(r, h)).unwrap_or_default();
        for r in 0..g.rows.len() {
            let cells = g.rows.get(r).and_then(|row| row.get(t)).cloned().unwrap_or_default();
            if cells.iter().any(|c| key(&c.text) == TOTAL) {
                hint.total_account_num = get(r, n);
                continue;
            }
            let (group, kind) = match cells.as_slice() {
                [] => continue,
                [only] if matches!(key(&only.text).as_str(), "贷款" | "信用卡" | "其他") => {
                    (only.text.clone(), String::new())
                }
                [only] => (String::new(), only.text.clone()),
                [group, rest @ ..] => (group.text.clone(), rest.iter().map(|v| v.text.as_str()).collect()),
            };
            // Evidence: the sub-type is the cell(s) after the group cell (or the only one).
            let kind_cells = match cells.as_slice() {
                [only] => std::slice::from_ref(only),
                [_, rest @ ..] => rest,
                [] => &[],
            };
            provenance::note_keyed(
                Some("type"),
                &kind,
                &kind_cells.iter().flat_map(|v| v.boxes.clone()).collect::<Vec<_>>(),
            );
            let row = AccountCountRow {
                kind: kind.clone(),
                account_num: get(r, n),
                first_got_at: get(r, first),
            };
            let target = match key(&group).as_str() {
                "贷款" => &mut hint.detail.loan,
                "信用卡" => &mut hint.detail.credit_card,
                "其他" => &mut hint.detail.others,
                _ if kind.contains("贷款") => &mut hint.detail.loan,
                _ if kind.contains('卡') => &mut hint.detail.credit_card,
                _ => &mut hint.detail.others,
            };
            target.push(row);
        }
    }
    hint
}

fn set_recourse(d: &mut RecourseDetail, label: &str, v: String) -> bool {
    match label {
        "业务类型" => d.kind = v,
        "账户数" => d.account_num = v,
        "余额" => d.surplus_amount = v,
        _ => return false,
    }
    true
}

fn set_bad_debt(d: &mut BadDebtsSummary, label: &str, v: String) -> bool {
    match label {
        "账户数" => d.account_num = v,
        "余额" => d.surplus_amount = v,
        _ => return false,
    }
    true
}

fn set_overdue(o: &mut OverdueInfoCollection, label: &str, v: String) -> bool {
    match label {
        "账户类型" => o.kind = v,
        "账户数" => o.account_num = v,
        "月份数" => o.month_num = v,
        "单月最高逾期/透支总额" | "单月最高逾期（透支）总额" => o.max_amount_per_month = v,
        "最长逾期/透支月数" | "最长逾期（透支）月数" => o.max_overdue_month_num = v,
        _ => return false,
    }
    true
}

/// Records of group `g` built with `set`.
fn group_rows<T: Default + serde::Serialize>(g: &Group, set: super::form::Setter<T>) -> Vec<T> {
    (0..g.rows.len())
        .map(|r| super::form::apply(&g.pairs(r), set, SECTION))
        .collect()
}

/// 信贷交易违约信息概要: 被追偿 (业务类型 | 账户数 | 余额 + 合计), 呆账 (账户数 | 余额) and 逾期（透支）
/// (账户类型 | …) tables, told apart by their labels. Row names are kept as printed, so both
/// naming sets (循环贷账户一 / 循环额度下分账户) pass through (CONVENTIONS §14).
fn parse_breach(blocks: &[Block]) -> CreditTransBreachInfoSummary {
    let mut out = CreditTransBreachInfoSummary::default();
    let its = items(blocks);
    let (rec, bad, over) = (accepts(set_recourse), accepts(set_bad_debt), accepts(set_overdue));
    let is_label = |k: &str| rec(k) || bad(k) || over(k);
    // Titles are only cut away (a title row would otherwise read as a value row of the table
    // above); the labels decide which table is which.
    let parts = split_titles(&its, BREACH_TITLES);
    for g in parts.iter().flat_map(|p| groups(p.items, &is_label)) {
        if g.has("账户类型") || g.has("月份数") {
            out.overdue_info_collection.extend(group_rows(&g, set_overdue));
        } else if g.has("业务类型") {
            for d in group_rows(&g, set_recourse) {
                if key(&d.kind) == TOTAL {
                    out.recourse_info_summary.total_account_num = d.account_num;
                    out.recourse_info_summary.surplus_amount = d.surplus_amount;
                } else {
                    out.recourse_info_summary.detail.push(d);
                }
            }
        } else if let Some(d) = group_rows(&g, set_bad_debt).into_iter().next() {
            out.bad_debts_summary = d;
        }
    }
    out
}

fn set_noncredit(n: &mut NoncreditTransInfoSummary, label: &str, v: String) -> bool {
    match label {
        "业务类型" => n.kind = v,
        "账户数" => n.account_num = v,
        "欠费金额" => n.debt_amount = v,
        _ => return false,
    }
    true
}

fn set_public(p: &mut PublicInfoSummary, label: &str, v: String) -> bool {
    match label {
        "信息类型" => p.kind = v,
        "记录数" => p.record_num = v,
        "涉及金额" => p.reference_amount = v,
        _ => return false,
    }
    true
}

fn set_last_query(l: &mut LastQueryRecord, label: &str, v: String) -> bool {
    match label {
        "查询日期" | "上一次查询日期" => l.date = v,
        // A bank rendering splits the institution into type and code; both belong to it.
        "查询机构" | "上一次查询机构" | "上一次查询机构类型" | "上一次查询机构代码" => {
            l.company_name.push_str(&v)
        }
        "查询原因" | "上一次查询原因" => l.detail = v,
        _ => return false,
    }
    true
}

fn set_objection(o: &mut ObjectionAndDescription, label: &str, v: String) -> bool {
    match label {
        "异议标注" | "本人声明" | "机构说明" | "特殊标注" | "征信中心说明" => {
            o.objection_label = v
        }
        "添加日期" => o.add_date = v,
        _ => return false,
    }
    true
}

/// Super-headers of the query-count table.
const Q_COMPANY: &str = "最近1个月内的查询机构数";
const Q_COUNT: &str = "最近1个月内的查询次数";
const Q_2YEAR: &str = "最近2年内的查询次数";

fn is_query_label(k: &str) -> bool {
    matches!(
        k,
        Q_COMPANY
            | Q_COUNT
            | Q_2YEAR
            | "贷款审批"
            | "信用卡审批"
            | "本人查询"
            | "贷后管理"
            | "担保资格审查"
            | "特约商户实名审查"
    )
}

/// The query-count table: 贷款审批 and 信用卡审批 appear under two super-headers, so the
/// super-header decides; without one (lost by OCR) the first occurrence is the institution count.
fn read_query_counts(g: &Group, s: &mut QueryRecordSummary) {
    let mut seen: Vec<&str> = Vec::new();
    for (h, hc) in g.headers.iter().enumerate() {
        let v = g.value(0, h);
        let label = hc.key.as_str();
        let repeat = seen.contains(&label);
        seen.push(label);
        let under_company = match g.super_of(h) {
            Some(Q_COMPANY) => true,
            Some(_) => false,
            None => !repeat,
        };
        match label {
            "贷款审批" if under_company => s.last_1_month_query_company_num.loan_approval = v,
            "信用卡审批" if under_company => s.last_1_month_query_company_num.credit_approval = v,
            "贷款审批" => s.last_1_month_query_num.loan_approval = v,
            "信用卡审批" => s.last_1_month_query_num.credit_approval = v,
            "本人查询" => s.last_1_month_query_num.self_query = v,
            "贷后管理" => s.last_2_year_query_num.manager_after_loan = v,
            "担保资格审查" => s.last_2_year_query_num.guarantee_investigate = v,
            "特约商户实名审查" => s.last_2_year_query_num.bespoke_merchants_real_name_investigate = v,
            Q_COMPANY | Q_COUNT | Q_2YEAR => {}
            other => super::labels::log_unknown(SECTION, other, "unknown label skipped"),
        }
    }
}

/// 上一次查询记录 (授信机构版): a title and one value row, usually without a header row, read as
/// date | institution | reason.
fn read_last_query(its: &[Item]) -> LastQueryRecord {
    let labelled: LastQueryRecord = read_form(its, set_last_query, SECTION);
    if labelled != LastQueryRecord::default() {
        return labelled;
    }
    let Some(Item::Row(cells)) = its.iter().find(|it| matches!(it, Item::Row(_))) else {
        return LastQueryRecord::default();
    };
    let printed: Vec<_> = cells.iter().filter(|c| !c.text.is_empty()).collect();
    match printed.as_slice() {
        [date, middle @ .., reason] if !middle.is_empty() => {
            let company_name: String = middle.iter().map(|c| c.text.as_str()).collect();
            provenance::note_keyed(Some("date"), &date.text, &date.boxes);
            let middle_boxes: Vec<_> = middle.iter().flat_map(|c| c.boxes.clone()).collect();
            provenance::note_keyed(Some("companyName"), &company_name, &middle_boxes);
            provenance::note_keyed(Some("detail"), &reason.text, &reason.boxes);
            LastQueryRecord {
                date: date.text.clone(),
                company_name,
                detail: reason.text.clone(),
            }
        }
        _ => {
            tracing::debug!(section = SECTION, "上一次查询记录 row without three cells skipped");
            LastQueryRecord::default()
        }
    }
}

fn parse_query_summary(blocks: &[Block]) -> QueryRecordSummary {
    let its = items(blocks);
    let mut s = QueryRecordSummary::default();
    for g in groups(&its, &is_query_label).iter().filter(|g| !g.rows.is_empty()) {
        read_query_counts(g, &mut s);
    }
    for p in split_titles(&its, &[LAST_QUERY_TITLES]) {
        if p.title.is_some() {
            s.last_query_record = read_last_query(p.items);
        }
    }
    s.objection_and_description = read_list(&its, set_objection, SECTION);
    s
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;
