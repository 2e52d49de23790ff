//! Plants in 信息概要: one printed count or total that the detail records do not add up to.
//! They run on the finished report, after the summary has been derived from the detail.

use super::super::date::amount;
use super::print::{after, below, reprint_value, table_with};
use super::Draft;
use zhengxin::report::AccountCountRow;

/// A printed count plus `by`.
fn plus(count: &str, by: u64) -> Option<String> {
    Some((count.trim().parse::<u64>().ok()? + by).to_string())
}

/// Prints 合计 one more than the rows of 信贷交易信息提示 add up to.
pub fn hint_total(d: &mut Draft<'_>) -> Option<()> {
    let h = &mut d.truth.info_summary.credit_trans_info_hint;
    let new = plus(&h.total_account_num, 1)?;
    let cell = table_with(d.blocks, "首笔业务发放月份").and_then(|t| after(t, "合计"));
    reprint_value(&mut h.total_account_num, cell, new)
}

/// Adds one account to a row of 信贷交易信息提示 (and to its 合计, which still adds up), so the
/// rows count one account more than the detail lists.
fn hint_row(d: &mut Draft<'_>, loans: bool) -> Option<()> {
    let h = &mut d.truth.info_summary.credit_trans_info_hint;
    let rows: &mut Vec<AccountCountRow> = if loans {
        &mut h.detail.loan
    } else {
        &mut h.detail.credit_card
    };
    if rows.is_empty() {
        return None;
    }
    let i = d.rng.below(rows.len() as u64) as usize;
    let row = &mut rows[i];
    let t = table_with(d.blocks, "首笔业务发放月份")?;
    let new = plus(&row.account_num, 1)?;
    let total = plus(&h.total_account_num, 1)?;
    // Both cells are checked before either is changed.
    (after(t, &row.kind)?.text == row.account_num && after(t, "合计")?.text == h.total_account_num).then_some(())?;
    reprint_value(&mut row.account_num, after(t, &row.kind), new)?;
    reprint_value(&mut h.total_account_num, after(t, "合计"), total)
}

pub fn hint_loans(d: &mut Draft<'_>) -> Option<()> {
    hint_row(d, true)
}

pub fn hint_cards(d: &mut Draft<'_>) -> Option<()> {
    hint_row(d, false)
}

/// Prints a loan family's 余额 in 授信及负债信息概要 1,000–50,000 above what its open accounts owe.
pub fn debt_loans(d: &mut Draft<'_>) -> Option<()> {
    let s = &mut d.truth.info_summary.credit_trans_extension_and_debt_summary;
    let families = [
        (&mut s.acyclic_loan_account_info_summary, &["非循环贷账户信息汇总"][..]),
        (
            &mut s.cyclical_amount_account_info_summary,
            &["循环贷账户一信息汇总", "循环额度下分账户信息汇总"][..],
        ),
        (
            &mut s.cyclical_loan_account_info_summary,
            &["循环贷账户二信息汇总", "循环贷账户信息汇总"][..],
        ),
    ];
    let mut present: Vec<_> = families
        .into_iter()
        .filter(|(f, _)| !f.account_num.is_empty())
        .collect();
    if present.is_empty() {
        return None;
    }
    let i = d.rng.below(present.len() as u64) as usize;
    let (sum, titles) = present.swap_remove(i);
    let old: u64 = sum.surplus_amount.replace(',', "").parse().ok()?;
    let new = amount(old + 1_000 * d.rng.range(1, 50) as u64);
    let blocks = &mut *d.blocks;
    let t = titles.iter().find_map(|title| {
        let i = blocks
            .iter()
            .position(|b| matches!(b, super::super::model::Block::Table(t) if super::print::has(t, title)))?;
        Some(i)
    })?;
    let cell = super::print::table_at(blocks, t).and_then(|t| below(t, "余额"));
    reprint_value(&mut sum.surplus_amount, cell, new)
}

/// Prints a card family's open-account count in 授信及负债信息概要 above the number of accounts
/// of that family the detail lists at all (so no reading of "open" can explain it).
pub fn debt_cards(d: &mut Draft<'_>) -> Option<()> {
    let s = &mut d.truth.info_summary.credit_trans_extension_and_debt_summary;
    let detail = &d.truth.credit_trans_info_detail;
    let mut families = Vec::new();
    if !s.credit_account_info_summary.account_num.is_empty() {
        families.push((
            &mut s.credit_account_info_summary.account_num,
            "贷记卡账户信息汇总",
            detail.credit_account.len(),
        ));
    }
    if !s.quasi_credit_account_info_summary.account_num.is_empty() {
        families.push((
            &mut s.quasi_credit_account_info_summary.account_num,
            "准贷记卡账户信息汇总",
            detail.quasi_credit_account.len(),
        ));
    }
    if families.is_empty() {
        return None;
    }
    let i = d.rng.below(families.len() as u64) as usize;
    let (count, title, listed) = families.swap_remove(i);
    let cell = table_with(d.blocks, title).and_then(|t| below(t, "账户数"));
    reprint_value(count, cell, (listed + 1).to_string())
}

/// Prints 被追偿信息汇总's 合计 one above its rows and the 被追偿 accounts listed.
pub fn recourse(d: &mut Draft<'_>) -> Option<()> {
    let r = &mut d
        .truth
        .info_summary
        .credit_trans_breach_info_summary
        .recourse_info_summary;
    let new = plus(&r.total_account_num, 1)?;
    let cell = table_with(d.blocks, "被追偿信息汇总").and_then(|t| after(t, "合计"));
    reprint_value(&mut r.total_account_num, cell, new)
}

/// Prints 呆账信息汇总's 账户数 one above the 呆账 accounts listed.
pub fn bad_debt(d: &mut Draft<'_>) -> Option<()> {
    let b = &mut d.truth.info_summary.credit_trans_breach_info_summary.bad_debts_summary;
    let new = plus(&b.account_num, 1)?;
    let cell = table_with(d.blocks, "呆账信息汇总").and_then(|t| below(t, "账户数"));
    reprint_value(&mut b.account_num, cell, new)
}

/// Prints one 逾期（透支）信息汇总 row's 账户类型 as the next row's, so one type is printed twice.
pub fn overdue_types(d: &mut Draft<'_>) -> Option<()> {
    let rows = &mut d
        .truth
        .info_summary
        .credit_trans_breach_info_summary
        .overdue_info_collection;
    if rows.len() < 2 {
        return None;
    }
    let i = d.rng.below(rows.len() as u64) as usize;
    let new = rows[(i + 1) % rows.len()].kind.clone();
    let t = table_with(d.blocks, "逾期（透支）信息汇总")?;
    let old = rows[i].kind.clone();
    let cell = t
        .rows
        .iter_mut()
        .flat_map(|r| r.cells.iter_mut())
        .find(|c| c.text == old);
    reprint_value(&mut rows[i].kind, cell, new)
}

/// Prints one 逾期（透支）信息汇总 row's 账户数 as `1` where the row prints `--` throughout, or
/// as `--` where it prints counts: a row that mixes the two.
pub fn overdue_row_values(d: &mut Draft<'_>) -> Option<()> {
    let rows = &mut d
        .truth
        .info_summary
        .credit_trans_breach_info_summary
        .overdue_info_collection;
    if rows.is_empty() {
        return None;
    }
    let i = d.rng.below(rows.len() as u64) as usize;
    let row = &mut rows[i];
    let new = if row.account_num.trim() == "--" { "1" } else { "--" };
    let cell = table_with(d.blocks, "逾期（透支）信息汇总").and_then(|t| after(t, &row.kind));
    reprint_value(&mut row.account_num, cell, new.to_string())
}

/// Prints one 公共信息汇总 row's 记录数 one above the records of that kind.
pub fn public_records(d: &mut Draft<'_>) -> Option<()> {
    let rows = &mut d.truth.info_summary.public_info_summary;
    if rows.is_empty() {
        return None;
    }
    let i = d.rng.below(rows.len() as u64) as usize;
    let row = &mut rows[i];
    let new = plus(&row.record_num, 1)?;
    let cell = table_with(d.blocks, "公共信息汇总").and_then(|t| after(t, &row.kind));
    reprint_value(&mut row.record_num, cell, new)
}

/// Prints one count of 查询记录概要 (an institution-query column) above the number of
/// institution query records in the whole report, so no reading of its window explains it.
pub fn query_counts(d: &mut Draft<'_>) -> Option<()> {
    let s = &mut d.truth.info_summary.query_record_summary;
    let n = d.truth.query_record.company_query_record.len();
    // The value row's columns, in print order; column 4 (本人查询) counts other records.
    let mut fields: [(usize, &mut String); 7] = [
        (0, &mut s.last_1_month_query_company_num.loan_approval),
        (1, &mut s.last_1_month_query_company_num.credit_approval),
        (2, &mut s.last_1_month_query_num.loan_approval),
        (3, &mut s.last_1_month_query_num.credit_approval),
        (5, &mut s.last_2_year_query_num.manager_after_loan),
        (6, &mut s.last_2_year_query_num.guarantee_investigate),
        (7, &mut s.last_2_year_query_num.bespoke_merchants_real_name_investigate),
    ];
    let k = d.rng.below(fields.len() as u64) as usize;
    let (col, field) = &mut fields[k];
    field.parse::<u64>().ok()?;
    let t = table_with(d.blocks, "最近2年内的查询次数")?;
    // Title row, label row, value row.
    let cell = t
        .rows
        .get_mut(2)
        .and_then(|r| (r.cells.len() == 8).then_some(r))
        .and_then(|r| r.cells.get_mut(*col));
    reprint_value(field, cell, (n + 1).to_string())
}
