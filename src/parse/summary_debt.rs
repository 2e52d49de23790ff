//! 信贷交易授信及负债信息概要 → `creditTransExtensionAndDebtSummary` (report_layout.md §6).
//!
//! Three of its tables share the same five labels (非循环贷 / 循环贷账户一 / 循环贷账户二), so
//! the title decides; both naming sets are accepted (CONVENTIONS §15). A table whose title was
//! lost is placed by its labels, loan summaries in printed order.

use crate::layout::Block;
use crate::report::{
    ConcernedRefundDutyInfoSummary, CreditAccountInfoSummary, CreditTransExtensionAndDebtSummary,
    LoanAccountInfoSummary, QuasiCreditAccountInfoSummary, RefundDutyByBorrower,
};

use super::form::{accepts, groups, items, read_form, split_titles, Group, Item};

const SECTION: &str = "creditTransExtensionAndDebtSummary";

const T_ACYCLIC: usize = 0;
const T_CYCLICAL_AMOUNT: usize = 1;
const T_CYCLICAL_LOAN: usize = 2;
const T_CREDIT: usize = 3;
const T_QUASI: usize = 4;
const T_DUTY: usize = 5;
pub(super) const TITLES: &[&[&str]] = &[
    &["非循环贷账户信息汇总", "非循环贷账户汇总信息"],
    &[
        "循环贷账户一信息汇总",
        "循环额度下分账户信息汇总",
        "循环额度下分账户汇总信息",
    ],
    &["循环贷账户二信息汇总", "循环贷账户信息汇总", "循环贷账户汇总信息"],
    &["贷记卡账户信息汇总", "贷记卡账户汇总信息"],
    &["准贷记卡账户信息汇总", "准贷记卡账户汇总信息"],
    &["相关还款责任信息汇总", "相关还款责任汇总信息"],
];

fn set_loan(s: &mut LoanAccountInfoSummary, label: &str, v: String) -> bool {
    match label {
        "管理机构数" => s.manage_company_num = v,
        "账户数" => s.account_num = v,
        "授信总额" => s.extension_amount = v,
        "余额" => s.surplus_amount = v,
        "最近6个月平均应还款" => s.avg_6month_pay = v,
        _ => return false,
    }
    true
}

fn set_credit(s: &mut CreditAccountInfoSummary, label: &str, v: String) -> bool {
    match label {
        "发卡机构数" => s.company_num = v,
        "账户数" => s.account_num = v,
        "授信总额" => s.extension_amount = v,
        "单家机构最高授信额" => s.max_amount_per_company = v,
        "单家机构最低授信额" => s.min_amount_per_company = v,
        "已用额度" => s.used_amount = v,
        "最近6个月平均使用额度" => s.avg_6month_used_amount = v,
        _ => return false,
    }
    true
}

fn set_quasi(s: &mut QuasiCreditAccountInfoSummary, label: &str, v: String) -> bool {
    match label {
        "发卡机构数" => s.company_num = v,
        "账户数" => s.account_num = v,
        "授信总额" => s.extension_amount = v,
        "单家机构最高授信额" => s.max_amount_per_company = v,
        "单家机构最低授信额" => s.min_amount_per_company = v,
        "透支余额" => s.surplus_amount = v,
        "最近6个月平均透支余额" => s.avg_6month_overdraft_amount = v,
        _ => return false,
    }
    true
}

/// Parses 信贷交易授信及负债信息概要.
pub fn parse_extension_debt(blocks: &[Block]) -> CreditTransExtensionAndDebtSummary {
    let mut out = CreditTransExtensionAndDebtSummary::default();
    let its = items(blocks);
    // Loan summaries placed without a title go to the first of these still empty.
    let mut untitled_loans = 0usize;
    for part in split_titles(&its, TITLES) {
        match part.title {
            Some(T_ACYCLIC) => out.acyclic_loan_account_info_summary = read_form(part.items, set_loan, SECTION),
            Some(T_CYCLICAL_AMOUNT) => {
                out.cyclical_amount_account_info_summary = read_form(part.items, set_loan, SECTION);
            }
            Some(T_CYCLICAL_LOAN) => out.cyclical_loan_account_info_summary = read_form(part.items, set_loan, SECTION),
            Some(T_CREDIT) => out.credit_account_info_summary = read_form(part.items, set_credit, SECTION),
            Some(T_QUASI) => out.quasi_credit_account_info_summary = read_form(part.items, set_quasi, SECTION),
            Some(T_DUTY) => out.concerned_refund_duty_info_summary = parse_duty(part.items),
            _ => place_untitled(part.items, &mut out, &mut untitled_loans),
        }
    }
    out
}

/// Tables before any recognised title: placed by their labels.
fn place_untitled(its: &[Item], out: &mut CreditTransExtensionAndDebtSummary, untitled_loans: &mut usize) {
    let (loan, credit, quasi) = (accepts(set_loan), accepts(set_credit), accepts(set_quasi));
    let is_label = |k: &str| loan(k) || credit(k) || quasi(k);
    for g in groups(its, &is_label).iter().filter(|g| !g.rows.is_empty()) {
        let pairs = g.pairs(0);
        if g.has("管理机构数") {
            let s = super::form::apply(&pairs, set_loan, SECTION);
            let slot = match *untitled_loans {
                0 => &mut out.acyclic_loan_account_info_summary,
                1 => &mut out.cyclical_amount_account_info_summary,
                _ => &mut out.cyclical_loan_account_info_summary,
            };
            *slot = s;
            *untitled_loans += 1;
        } else if g.has("已用额度") {
            out.credit_account_info_summary = super::form::apply(&pairs, set_credit, SECTION);
        } else if g.has("透支余额") {
            out.quasi_credit_account_info_summary = super::form::apply(&pairs, set_quasi, SECTION);
        } else if g.has("担保金额") || g.has("还款责任金额") {
            // The 相关还款责任 title was lost: read the rest as that table.
            out.concerned_refund_duty_info_summary = parse_duty(its);
            return;
        }
    }
}

const GUARANTEE: &str = "担保责任";
const OTHER_DUTY: &str = "其他相关还款责任";

fn is_duty_label(k: &str) -> bool {
    matches!(
        k,
        GUARANTEE | OTHER_DUTY | "账户数" | "担保金额" | "还款责任金额" | "余额"
    )
}

/// One 为个人 / 为企业 block: `担保责任 | 其他相关还款责任` over `账户数 | 担保金额 | 余额 | 账户数 |
/// 还款责任金额 | 余额`. The repeated labels are placed by the super-header above them; without
/// one, the first occurrence is the guarantee's.
fn read_duty(g: &Group) -> RefundDutyByBorrower {
    let mut d = RefundDutyByBorrower::default();
    let mut seen: Vec<&str> = Vec::new();
    for (h, hc) in g.headers.iter().enumerate() {
        let v = g.value(0, h);
        let label = hc.key.as_str();
        let repeat = seen.contains(&label);
        seen.push(label);
        let guarantee = match g.super_of(h) {
            Some(GUARANTEE) => true,
            Some(_) => false,
            None => label == "担保金额" || (label != "还款责任金额" && !repeat),
        };
        match (guarantee, label) {
            (true, "账户数") => d.guarantee_duty.account_num = v,
            (true, "担保金额") => d.guarantee_duty.guarantee_amount = v,
            (true, "余额") => d.guarantee_duty.surplus_amount = v,
            (false, "账户数") => d.other_refund_duty.account_num = v,
            (false, "还款责任金额") => d.other_refund_duty.refund_duty_amount = v,
            (false, "余额") => d.other_refund_duty.surplus_amount = v,
            _ => super::labels::log_unknown(SECTION, label, "unexpected label skipped"),
        }
    }
    d
}

/// 相关还款责任信息汇总: a 为个人 block then a 为企业 block; untitled blocks are taken in that
/// order.
fn parse_duty(its: &[Item]) -> ConcernedRefundDutyInfoSummary {
    let mut out = ConcernedRefundDutyInfoSummary::default();
    let mut untitled = 0usize;
    for part in split_titles(its, &[&["为个人"], &["为企业"]]) {
        for g in groups(part.items, &is_duty_label).iter().filter(|g| !g.rows.is_empty()) {
            let who = part.title.unwrap_or_else(|| {
                untitled += 1;
                untitled - 1
            });
            let d = read_duty(g);
            match who {
                0 => out.for_person = d,
                1 => out.for_company = d,
                _ => tracing::debug!(section = SECTION, "third 相关还款责任 block skipped"),
            }
        }
    }
    out
}
