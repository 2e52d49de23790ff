//! 二 信息概要 (§6). Every figure is derived from the detail records already drawn, so the
//! summary agrees with the rest of the report the way a real one does.

use std::collections::BTreeMap;

use super::super::ctx::Ctx;
use super::super::date::{amount, Date};
use super::super::model::{Block, Cell, Table, BLACK, BLUE, ORANGE, PINK, RED, UNITS};
use super::super::vocab;
use super::sub_title;
use zhengxin::report::*;

/// Parses a printed amount (`1,010,000`); `--` and blanks count as zero.
pub fn num(s: &str) -> u64 {
    s.replace(',', "").parse().unwrap_or(0)
}

/// Everything the summary is computed from.
pub struct Inputs<'a> {
    pub detail: &'a CreditTransInfoDetail,
    pub noncredit: &'a [NoncreditTransInfo],
    pub public: &'a PublicInfoDetail,
    pub queries: &'a QueryRecord,
    /// "其他" business lines (securities, leasing) that have no detail section: (count, first month).
    pub others: Option<(usize, String)>,
}

pub fn build(cx: &mut Ctx, inp: &Inputs<'_>, out: &mut Vec<Block>, sec: usize) -> InfoSummary {
    let mut s = InfoSummary::default();
    out.push(Block::Heading {
        text: format!("{} 信息概要", super::cn_num(sec)),
        level: 1,
        color: BLACK,
    });
    let mut n = 0;
    let mut head = |t: &str, color| {
        n += 1;
        Block::Heading {
            text: sub_title(n, t),
            level: 2,
            color,
        }
    };
    if !cx.personal() && cx.rng.chance(0.9) {
        out.push(head("个人信用报告“数字解读”", BLACK));
        s.personal_credit_report_explication = score(cx, out);
    }
    let d = inp.detail;
    let n_accounts = d.acyclic_credit_account.len()
        + d.cyclical_amount_per_account.len()
        + d.cyclical_loan_account.len()
        + d.credit_account.len()
        + d.quasi_credit_account.len();
    if n_accounts > 0 || inp.others.is_some() {
        out.push(head("信贷交易信息提示", ORANGE));
        s.credit_trans_info_hint = hint(inp, out);
    }
    let breach = breach(cx, d);
    if let Some((b, tables)) = breach {
        out.push(head("信贷交易违约信息概要", RED));
        out.extend(tables);
        s.credit_trans_breach_info_summary = b;
    }
    let mut tables = Vec::new();
    s.credit_trans_extension_and_debt_summary = debt(cx, d, &mut tables);
    if !tables.is_empty() {
        let t = if cx.personal() {
            "信贷交易授信及负债信息概要（未结清/未销户）"
        } else {
            "信贷交易授信及负债信息概要"
        };
        out.push(head(t, BLACK));
        out.extend(tables);
    }
    if !inp.noncredit.is_empty() {
        out.push(head("非信贷交易信息概要", BLACK));
        let mut groups: BTreeMap<&str, (usize, u64)> = BTreeMap::new();
        for a in inp.noncredit {
            let cat = vocab::POSTPAY_KINDS
                .iter()
                .find(|(k, _)| *k == a.kind)
                .map(|(_, c)| *c)
                .unwrap_or("电信业务");
            let e = groups.entry(cat).or_default();
            e.0 += 1;
            e.1 += num(&a.curr_overdue_amount);
        }
        let mut t = Table::uniform(BLUE);
        t.title("后付费业务欠费信息汇总");
        t.hdr(&["业务类型", "账户数", "欠费金额"]);
        for (k, (c, v)) in groups {
            let row = NoncreditTransInfoSummary {
                kind: k.into(),
                account_num: c.to_string(),
                debt_amount: amount(v),
            };
            t.val(&[&row.kind, &row.account_num, &row.debt_amount]);
            s.noncredit_trans_info_summary.push(row);
        }
        out.push(Block::Table(t));
    }
    let p = inp.public;
    if !(p.owing_tax_record.is_empty()
        && p.civil_judgment_record.is_empty()
        && p.force_execute_record.is_empty()
        && p.administrative_penalty_record.is_empty())
    {
        out.push(head("公共信息概要", PINK));
        let rows = [
            (
                "欠税信息",
                p.owing_tax_record.len(),
                p.owing_tax_record.iter().map(|r| num(&r.owing_tax_amount)).sum::<u64>(),
            ),
            (
                "民事判决信息",
                p.civil_judgment_record.len(),
                p.civil_judgment_record.iter().map(|r| num(&r.litigation_amount)).sum(),
            ),
            (
                "强制执行信息",
                p.force_execute_record.len(),
                p.force_execute_record
                    .iter()
                    .map(|r| num(&r.apply_execute_subject_value))
                    .sum(),
            ),
            (
                "行政处罚信息",
                p.administrative_penalty_record.len(),
                p.administrative_penalty_record
                    .iter()
                    .map(|r| num(&r.penalty_amount))
                    .sum(),
            ),
        ];
        let mut t = Table::uniform(PINK);
        t.title("公共信息汇总");
        t.hdr(&["信息类型", "记录数", "涉及金额"]);
        for (k, c, v) in rows {
            let row = PublicInfoSummary {
                kind: k.into(),
                record_num: c.to_string(),
                reference_amount: if c == 0 { "--".into() } else { amount(v) },
            };
            t.val(&[&row.kind, &row.record_num, &row.reference_amount]);
            s.public_info_summary.push(row);
        }
        out.push(Block::Table(t));
    }
    if cx.rng.chance(0.92) {
        out.push(head("查询记录概要", BLACK));
        s.query_record_summary = queries(cx, inp.queries, out);
    }
    s
}

fn score(cx: &mut Ctx, out: &mut Vec<Block>) -> PersonalCreditReportExplication {
    let e = if cx.rng.chance(0.85) {
        let factors = [
            "存在逾期还款记录",
            "近期没有信用活动",
            "信用卡使用率较高",
            "贷款账户数较多",
            "近期查询次数较多",
            "信用历史较短",
        ];
        let k = cx.rng.urange(1, 2);
        let mut desc = Vec::new();
        for i in 0..k {
            desc.push(format!("影响因素{}：{}", i + 1, cx.rng.pick(&factors)));
        }
        PersonalCreditReportExplication {
            digit_explication: cx.rng.range(350, 900).to_string(),
            relative_location: format!(">{}%", cx.rng.range(1, 19) * 5),
            desc,
        }
    } else {
        PersonalCreditReportExplication {
            digit_explication: "--".into(),
            relative_location: "--".into(),
            desc: vec!["信息主体信贷记录不足，无法给出数字解读。".into()],
        }
    };
    let mut t = Table::with_cols(BLUE, &[1.0, 1.0, 2.6]);
    t.row(vec![Cell::h("数字解读"), Cell::h("相对位置"), Cell::h("说明")]);
    t.row(vec![
        Cell::v(&e.digit_explication),
        Cell::v(&e.relative_location),
        Cell::v(e.desc.join("\n")),
    ]);
    out.push(Block::Table(t));
    e
}

fn first_month<'a>(it: impl Iterator<Item = &'a String>) -> String {
    it.min()
        .map(|d| d.chars().take(7).collect())
        .unwrap_or_else(|| "--".into())
}

fn hint(inp: &Inputs<'_>, out: &mut Vec<Block>) -> CreditTransInfoHint {
    let d = inp.detail;
    let loans: Vec<(&String, &String)> = d
        .acyclic_credit_account
        .iter()
        .chain(d.cyclical_amount_per_account.iter())
        .map(|a| (&a.kind, &a.start_date))
        .chain(d.cyclical_loan_account.iter().map(|a| (&a.kind, &a.start_date)))
        .collect();
    let groups = [
        (
            "个人住房贷款",
            loans
                .iter()
                .filter(|(k, _)| k.contains("住房"))
                .map(|(_, d)| *d)
                .collect::<Vec<_>>(),
        ),
        (
            "个人商用房贷款（包括商住两用房）",
            loans
                .iter()
                .filter(|(k, _)| k.contains("商用房"))
                .map(|(_, d)| *d)
                .collect(),
        ),
        (
            "其他类贷款",
            loans
                .iter()
                .filter(|(k, _)| !k.contains("住房") && !k.contains("商用房"))
                .map(|(_, d)| *d)
                .collect(),
        ),
    ];
    let cards = [
        (
            "贷记卡",
            d.credit_account.iter().map(|a| &a.start_date).collect::<Vec<_>>(),
        ),
        (
            "准贷记卡",
            d.quasi_credit_account.iter().map(|a| &a.start_date).collect(),
        ),
    ];
    let mut h = CreditTransInfoHint::default();
    let mut t = Table::with_cols(ORANGE, &[1.0, 2.6, 1.0, 1.3]);
    t.row(vec![
        Cell::h("业务类型").span(2),
        Cell::h("账户数"),
        Cell::h("首笔业务发放月份"),
    ]);
    let mut total = 0;
    for (label, rows, dest) in [("贷款", &groups[..], 0), ("信用卡", &cards[..], 1)] {
        let present: Vec<_> = rows.iter().filter(|(_, v)| !v.is_empty()).collect();
        for (i, (kind, dates)) in present.iter().enumerate() {
            let r = AccountCountRow {
                kind: kind.to_string(),
                account_num: dates.len().to_string(),
                first_got_at: first_month(dates.iter().copied()),
            };
            let mut cells = Vec::new();
            if i == 0 {
                cells.push(Cell::h(label).rows(present.len()));
            }
            cells.extend([Cell::h(&r.kind), Cell::v(&r.account_num), Cell::v(&r.first_got_at)]);
            t.row(cells);
            total += dates.len();
            if dest == 0 {
                h.detail.loan.push(r)
            } else {
                h.detail.credit_card.push(r)
            }
        }
    }
    if let Some((n, first)) = &inp.others {
        let r = AccountCountRow {
            kind: "--".into(),
            account_num: n.to_string(),
            first_got_at: first.clone(),
        };
        t.row(vec![
            Cell::h("其他"),
            Cell::v("--"),
            Cell::v(&r.account_num),
            Cell::v(&r.first_got_at),
        ]);
        total += n;
        h.detail.others.push(r);
    }
    h.total_account_num = total.to_string();
    t.row(vec![
        Cell::h("合计").span(2),
        Cell::v(&h.total_account_num),
        Cell::v("--"),
    ]);
    out.push(Block::Table(t));
    h
}

fn overdue_stats(grids: &[&RefundRecord]) -> Option<(usize, usize, u64, u32)> {
    let mut accounts = 0;
    let mut months = 0;
    let mut max_amt = 0;
    let mut max_len = 0;
    for g in grids {
        let mut hit = false;
        for m in g.detail.iter().flat_map(|y| y.month.iter()) {
            if let Ok(k) = m.state.parse::<u32>() {
                hit = true;
                months += 1;
                max_amt = max_amt.max(num(&m.amount));
                max_len = max_len.max(k);
            }
        }
        accounts += hit as usize;
    }
    (accounts > 0).then_some((accounts, months, max_amt, max_len))
}

fn breach(cx: &mut Ctx, d: &CreditTransInfoDetail) -> Option<(CreditTransBreachInfoSummary, Vec<Block>)> {
    let mut b = CreditTransBreachInfoSummary::default();
    let mut blocks = Vec::new();
    if !d.recovery_info.is_empty() {
        let mut t = Table::uniform(RED);
        t.title("被追偿信息汇总");
        t.hdr(&["业务类型", "账户数", "余额"]);
        let mut tot = (0, 0);
        for (label, kind) in [("资产处置业务", "资产处置"), ("垫款业务", "代偿债务")] {
            let rs: Vec<_> = d.recovery_info.iter().filter(|r| r.kind == kind).collect();
            if rs.is_empty() {
                continue;
            }
            let bal: u64 = rs
                .iter()
                .map(|r| num(&r.account_state.debt_collection.surplus_amount))
                .sum();
            let row = RecourseDetail {
                kind: label.into(),
                account_num: rs.len().to_string(),
                surplus_amount: amount(bal),
            };
            t.val(&[&row.kind, &row.account_num, &row.surplus_amount]);
            b.recourse_info_summary.detail.push(row);
            tot.0 += rs.len();
            tot.1 += bal;
        }
        b.recourse_info_summary.total_account_num = tot.0.to_string();
        b.recourse_info_summary.surplus_amount = amount(tot.1);
        t.val(&[
            "合计",
            &b.recourse_info_summary.total_account_num,
            &b.recourse_info_summary.surplus_amount,
        ]);
        blocks.push(Block::Table(t));
    }
    let mut bad = (0usize, 0u64);
    for st in d
        .acyclic_credit_account
        .iter()
        .chain(&d.cyclical_amount_per_account)
        .map(|a| &a.account_state)
        .chain(d.cyclical_loan_account.iter().map(|a| &a.account_state))
    {
        if st.value == "呆账" {
            bad.0 += 1;
            bad.1 += num(&st.bad_debt.surplus_amount);
        }
    }
    for (v, s) in d
        .credit_account
        .iter()
        .map(|a| (&a.account_state.value, &a.account_state.bad_debt.surplus_amount))
        .chain(
            d.quasi_credit_account
                .iter()
                .map(|a| (&a.account_state.value, &a.account_state.bad_debt.surplus_amount)),
        )
    {
        if v == "呆账" {
            bad.0 += 1;
            bad.1 += num(s);
        }
    }
    if bad.0 > 0 {
        b.bad_debts_summary = BadDebtsSummary {
            account_num: bad.0.to_string(),
            surplus_amount: amount(bad.1),
        };
        let mut t = Table::uniform(RED);
        t.title("呆账信息汇总");
        t.hdr(&["账户数", "余额"]);
        t.val(&[&b.bad_debts_summary.account_num, &b.bad_debts_summary.surplus_amount]);
        blocks.push(Block::Table(t));
    }
    let fams: [(String, Vec<&RefundRecord>); 5] = [
        (
            "非循环贷账户".into(),
            d.acyclic_credit_account.iter().map(|a| &a.refund_record).collect(),
        ),
        (
            cx.version.r4_name().into(),
            d.cyclical_amount_per_account.iter().map(|a| &a.refund_record).collect(),
        ),
        (
            cx.version.r1_name().into(),
            d.cyclical_loan_account.iter().map(|a| &a.refund_record).collect(),
        ),
        (
            "贷记卡账户".into(),
            d.credit_account.iter().map(|a| &a.refund_record).collect(),
        ),
        (
            "准贷记卡账户".into(),
            d.quasi_credit_account.iter().map(|a| &a.refund_record).collect(),
        ),
    ];
    let stats: Vec<_> = fams.iter().map(|(_, g)| overdue_stats(g)).collect();
    if stats.iter().any(Option::is_some) {
        let mut t = Table::uniform(RED);
        t.title("逾期（透支）信息汇总");
        t.hdr(&[
            "账户类型",
            "账户数",
            "月份数",
            "单月最高逾期/透支总额",
            "最长逾期/透支月数",
        ]);
        for ((name, _), st) in fams.iter().zip(stats) {
            let row = match st {
                Some((a, m, amt, len)) => OverdueInfoCollection {
                    kind: name.clone(),
                    account_num: a.to_string(),
                    month_num: m.to_string(),
                    max_amount_per_month: amount(amt),
                    max_overdue_month_num: len.to_string(),
                },
                None => OverdueInfoCollection {
                    kind: name.clone(),
                    account_num: "--".into(),
                    month_num: "--".into(),
                    max_amount_per_month: "--".into(),
                    max_overdue_month_num: "--".into(),
                },
            };
            t.val(&[
                &row.kind,
                &row.account_num,
                &row.month_num,
                &row.max_amount_per_month,
                &row.max_overdue_month_num,
            ]);
            b.overdue_info_collection.push(row);
        }
        blocks.push(Block::Table(t));
    }
    (!blocks.is_empty()).then_some((b, blocks))
}

fn is_open(state: &str) -> bool {
    !matches!(state, "结清" | "转出" | "销户" | "未激活")
}

fn loan_summary(
    title: &str,
    rows: &[(&String, &String, &LoanAccountState)],
    tables: &mut Vec<Block>,
) -> LoanAccountInfoSummary {
    let open: Vec<_> = rows.iter().filter(|(_, _, s)| is_open(&s.value)).collect();
    if open.is_empty() {
        return LoanAccountInfoSummary::default();
    }
    let orgs: std::collections::BTreeSet<_> = open.iter().map(|(o, _, _)| o.as_str()).collect();
    let s = LoanAccountInfoSummary {
        manage_company_num: orgs.len().to_string(),
        account_num: open.len().to_string(),
        extension_amount: amount(open.iter().map(|(_, a, _)| num(a)).sum()),
        surplus_amount: amount(
            open.iter()
                .map(|(_, _, s)| num(&s.normal.surplus_amount) + num(&s.bad_debt.surplus_amount))
                .sum(),
        ),
        avg_6month_pay: amount(open.iter().map(|(_, _, s)| num(&s.normal.scheduled_payment)).sum()),
    };
    let mut t = Table::uniform(BLUE);
    t.title(title);
    t.hdr(&["管理机构数", "账户数", "授信总额", "余额", "最近6个月平均应还款"]);
    t.val(&[
        &s.manage_company_num,
        &s.account_num,
        &s.extension_amount,
        &s.surplus_amount,
        &s.avg_6month_pay,
    ]);
    tables.push(Block::Table(t));
    s
}

fn per_company(rows: &[(&String, u64)]) -> (String, String, String) {
    let mut m: BTreeMap<&str, u64> = BTreeMap::new();
    for (c, v) in rows {
        *m.entry(c.as_str()).or_default() += v;
    }
    (
        m.len().to_string(),
        amount(m.values().copied().max().unwrap_or(0)),
        amount(m.values().copied().min().unwrap_or(0)),
    )
}

fn debt(cx: &mut Ctx, d: &CreditTransInfoDetail, tables: &mut Vec<Block>) -> CreditTransExtensionAndDebtSummary {
    let mut s = CreditTransExtensionAndDebtSummary::default();
    let d1: Vec<_> = d
        .acyclic_credit_account
        .iter()
        .map(|a| (&a.manage_company, &a.refund_amount, &a.account_state))
        .collect();
    s.acyclic_loan_account_info_summary = loan_summary("非循环贷账户信息汇总", &d1, tables);
    let r4: Vec<_> = d
        .cyclical_amount_per_account
        .iter()
        .map(|a| (&a.manage_company, &a.refund_amount, &a.account_state))
        .collect();
    s.cyclical_amount_account_info_summary = loan_summary(&format!("{}信息汇总", cx.version.r4_name()), &r4, tables);
    let r1: Vec<_> = d
        .cyclical_loan_account
        .iter()
        .map(|a| (&a.manage_company, &a.account_extension_amount, &a.account_state))
        .collect();
    s.cyclical_loan_account_info_summary = loan_summary(&format!("{}信息汇总", cx.version.r1_name()), &r1, tables);
    let cards: Vec<_> = d
        .credit_account
        .iter()
        .filter(|a| is_open(&a.account_state.value))
        .collect();
    if !cards.is_empty() {
        let lim: Vec<_> = cards
            .iter()
            .map(|a| (&a.card_company, num(&a.account_extension_amount)))
            .collect();
        let (orgs, max, min) = per_company(&lim);
        let c = CreditAccountInfoSummary {
            company_num: orgs,
            account_num: cards.len().to_string(),
            extension_amount: amount(lim.iter().map(|(_, v)| v).sum()),
            max_amount_per_company: max,
            min_amount_per_company: min,
            used_amount: amount(cards.iter().map(|a| num(&a.account_state.normal.used_amount)).sum()),
            avg_6month_used_amount: amount(cards.iter().map(|a| num(&a.account_state.normal.avg_6month_pay)).sum()),
        };
        let mut t = Table::uniform(BLUE);
        t.title("贷记卡账户信息汇总");
        t.hdr(&[
            "发卡机构数",
            "账户数",
            "授信总额",
            "单家机构最高授信额",
            "单家机构最低授信额",
            "已用额度",
            "最近6个月平均使用额度",
        ]);
        t.val(&[
            &c.company_num,
            &c.account_num,
            &c.extension_amount,
            &c.max_amount_per_company,
            &c.min_amount_per_company,
            &c.used_amount,
            &c.avg_6month_used_amount,
        ]);
        tables.push(Block::Table(t));
        s.credit_account_info_summary = c;
    }
    let q: Vec<_> = d
        .quasi_credit_account
        .iter()
        .filter(|a| is_open(&a.account_state.value))
        .collect();
    if !q.is_empty() {
        let lim: Vec<_> = q
            .iter()
            .map(|a| (&a.card_company, num(&a.account_extension_amount)))
            .collect();
        let (orgs, max, min) = per_company(&lim);
        let c = QuasiCreditAccountInfoSummary {
            company_num: orgs,
            account_num: q.len().to_string(),
            extension_amount: amount(lim.iter().map(|(_, v)| v).sum()),
            max_amount_per_company: max,
            min_amount_per_company: min,
            surplus_amount: amount(q.iter().map(|a| num(&a.account_state.normal.over_draft_amount)).sum()),
            avg_6month_overdraft_amount: amount(
                q.iter()
                    .map(|a| num(&a.account_state.normal.latest_6_months_avg_over_draft_amount))
                    .sum(),
            ),
        };
        let mut t = Table::uniform(BLUE);
        t.title("准贷记卡账户信息汇总");
        t.hdr(&[
            "发卡机构数",
            "账户数",
            "授信总额",
            "单家机构最高授信额",
            "单家机构最低授信额",
            "透支余额",
            "最近6个月平均透支余额",
        ]);
        t.val(&[
            &c.company_num,
            &c.account_num,
            &c.extension_amount,
            &c.max_amount_per_company,
            &c.min_amount_per_company,
            &c.surplus_amount,
            &c.avg_6month_overdraft_amount,
        ]);
        tables.push(Block::Table(t));
        s.quasi_credit_account_info_summary = c;
    }
    let duty = &d.concerned_refund_duty_info;
    if !duty.concern_refund_person_borrow.is_empty() || !duty.concern_refund_company_borrow.is_empty() {
        let person: Vec<_> = duty
            .concern_refund_person_borrow
            .iter()
            .map(|p| (&p.person_duty_type, &p.refund_duty_amount, &p.surplus_amount))
            .collect();
        let company: Vec<_> = duty
            .concern_refund_company_borrow
            .iter()
            .map(|p| (&p.person_duty_type, &p.refund_duty_amount, &p.surplus_amount))
            .collect();
        let mut t = Table::uniform(BLUE);
        t.title("相关还款责任信息汇总");
        let half = UNITS / 2;
        for (label, rows, dest) in [("为个人", person, 0), ("为企业", company, 1)] {
            let g = |want: bool| {
                let rs: Vec<_> = rows.iter().filter(|(k, _, _)| (k.as_str() == "保证") == want).collect();
                (
                    rs.len().to_string(),
                    amount(rs.iter().map(|(_, a, _)| num(a)).sum()),
                    amount(rs.iter().map(|(_, _, b)| num(b)).sum()),
                )
            };
            let (gn, ga, gb) = g(true);
            let (on, oa, ob) = g(false);
            let r = RefundDutyByBorrower {
                guarantee_duty: GuaranteeDuty {
                    account_num: gn,
                    guarantee_amount: ga,
                    surplus_amount: gb,
                },
                other_refund_duty: OtherRefundDuty {
                    account_num: on,
                    refund_duty_amount: oa,
                    surplus_amount: ob,
                },
            };
            t.title(label);
            t.row(vec![
                Cell::h("担保责任").span(half),
                Cell::h("其他相关还款责任").span(half),
            ]);
            t.hdr(&["账户数", "担保金额", "余额", "账户数", "还款责任金额", "余额"]);
            t.val(&[
                &r.guarantee_duty.account_num,
                &r.guarantee_duty.guarantee_amount,
                &r.guarantee_duty.surplus_amount,
                &r.other_refund_duty.account_num,
                &r.other_refund_duty.refund_duty_amount,
                &r.other_refund_duty.surplus_amount,
            ]);
            if dest == 0 {
                s.concerned_refund_duty_info_summary.for_person = r
            } else {
                s.concerned_refund_duty_info_summary.for_company = r
            }
        }
        tables.push(Block::Table(t));
    }
    s
}

fn within(today: Date, date: &str, days: i64) -> bool {
    let p: Vec<u32> = date.split('.').filter_map(|x| x.parse().ok()).collect();
    if p.len() != 3 {
        return false;
    }
    let d = Date::new(p[0] as i32, p[1], p[2]);
    today.days() - d.days() <= days
}

fn queries(cx: &mut Ctx, q: &QueryRecord, out: &mut Vec<Block>) -> QueryRecordSummary {
    let mut s = QueryRecordSummary::default();
    let today = cx.today;
    if !cx.personal() {
        if let Some(last) = q.company_query_record.first() {
            s.last_query_record = LastQueryRecord {
                date: last.date.clone(),
                company_name: last.query_company.clone(),
                detail: last.query_reason.clone(),
            };
            let mut t = Table::uniform(BLUE);
            t.title("上一次查询记录");
            t.val(&[
                &s.last_query_record.date,
                &s.last_query_record.company_name,
                &s.last_query_record.detail,
            ]);
            out.push(Block::Table(t));
        }
    }
    let c = &q.company_query_record;
    let orgs = |reason: &str| {
        c.iter()
            .filter(|r| r.query_reason == reason && within(today, &r.date, 31))
            .map(|r| r.query_company.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    let times = |reason: &str, days| {
        c.iter()
            .filter(|r| r.query_reason == reason && within(today, &r.date, days))
            .count()
    };
    let self_q = if cx.personal() {
        q.person_query_record
            .iter()
            .filter(|r| within(today, &r.date, 31))
            .count()
    } else {
        cx.rng.urange(0, 2)
    };
    s.last_1_month_query_company_num = Last1MonthQueryCompanyNum {
        loan_approval: orgs("贷款审批").to_string(),
        credit_approval: orgs("信用卡审批").to_string(),
    };
    s.last_1_month_query_num = Last1MonthQueryNum {
        loan_approval: times("贷款审批", 31).to_string(),
        credit_approval: times("信用卡审批", 31).to_string(),
        self_query: self_q.to_string(),
    };
    s.last_2_year_query_num = Last2YearQueryNum {
        manager_after_loan: times("贷后管理", 731).to_string(),
        guarantee_investigate: times("担保资格审查", 731).to_string(),
        bespoke_merchants_real_name_investigate: times("特约商户实名审查", 731).to_string(),
    };
    let u = UNITS / 8;
    let mut t = Table::uniform(BLUE);
    t.row(vec![
        Cell::h("最近1个月内的查询机构数").span(2 * u),
        Cell::h("最近1个月内的查询次数").span(3 * u),
        Cell::h("最近2年内的查询次数").span(3 * u),
    ]);
    t.hdr(&[
        "贷款审批",
        "信用卡审批",
        "贷款审批",
        "信用卡审批",
        "本人查询",
        "贷后管理",
        "担保资格审查",
        "特约商户实名审查",
    ]);
    let (a, b, c2) = (
        &s.last_1_month_query_company_num,
        &s.last_1_month_query_num,
        &s.last_2_year_query_num,
    );
    t.val(&[
        &a.loan_approval,
        &a.credit_approval,
        &b.loan_approval,
        &b.credit_approval,
        &b.self_query,
        &c2.manager_after_loan,
        &c2.guarantee_investigate,
        &c2.bespoke_merchants_real_name_investigate,
    ]);
    out.push(Block::Table(t));
    if cx.rng.chance(0.2) {
        let wide = UNITS * 5 / 6;
        let mut t = Table::uniform(BLUE);
        t.title("异议及说明信息");
        t.row(vec![
            Cell::h("异议标注").span(wide),
            Cell::h("添加日期").span(UNITS - wide),
        ]);
        for _ in 0..cx.rng.urange(1, 2) {
            let o = ObjectionAndDescription {
                objection_label: cx.rng.pick(vocab::OBJECTION_NOTES).to_string(),
                add_date: cx.days_ago(5, 400).dot(),
            };
            t.row(vec![
                Cell::v(&o.objection_label).span(wide),
                Cell::v(&o.add_date).span(UNITS - wide),
            ]);
            s.objection_and_description.push(o);
        }
        out.push(Block::Table(t));
    }
    s
}
