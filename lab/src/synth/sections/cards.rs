//! Card account blocks (§7.4–7.6): 贷记卡 (R2) and 准贷记卡 (R3), including 大额专项分期信息,
//! 未激活 sentences and 特殊事件说明.

use super::super::ctx::Ctx;
use super::super::date::amount;
use super::super::model::{Block, Cell, Table, BLUE, RED};
use super::super::vocab;
use super::accounts::{caption, open_span, remarks, special_trans};
use super::grid::{repayment, series, Ending};
use zhengxin::report::{
    BigAmountSpecialPeriodInfo, CardAccountState, CreditAccount, CreditCardNormal, LatestRepayment, QuasiCreditAccount,
    QuasiCreditNormal,
};

struct CardBase {
    company: String,
    id: String,
    start: super::super::date::Date,
    limit: u64,
    shared: String,
    currency: String,
    guarantee: String,
    state: &'static str,
}

fn base(cx: &mut Ctx, states: &[&'static str]) -> CardBase {
    let start = cx
        .today
        .add_months(-cx.rng.range(2, 130))
        .add_days(-cx.rng.range(0, 25));
    let limit = cx.rng.amount(2_000, 200_000, 1_000);
    CardBase {
        company: cx.bank(),
        id: cx.account_id(),
        start,
        limit,
        shared: amount(if cx.rng.chance(0.5) {
            limit
        } else {
            limit * cx.rng.range(2, 10) as u64
        }),
        currency: if cx.rng.chance(0.85) {
            "人民币元".into()
        } else {
            "美元".into()
        },
        guarantee: if cx.rng.chance(0.9) {
            "信用/免担保".into()
        } else {
            cx.rng.pick(vocab::GUARANTEE).to_string()
        },
        state: states[cx.rng.below(states.len() as u64) as usize],
    }
}

fn card_caption(cx: &mut Ctx, idx: usize) -> Block {
    let tail = cx
        .rng
        .chance(0.4)
        .then(|| format!("（卡片尾号：{}）", cx.rng.digits(4)));
    caption(cx, idx, tail)
}

pub fn credit_cards(cx: &mut Ctx, n: usize, out: &mut Vec<Block>) -> Vec<CreditAccount> {
    (1..=n).map(|i| credit_card(cx, i, out)).collect()
}

fn credit_card(cx: &mut Ctx, idx: usize, out: &mut Vec<Block>) -> CreditAccount {
    let b = base(
        cx,
        &[
            "正常",
            "正常",
            "正常",
            "正常",
            "正常",
            "止付",
            "冻结",
            "呆账",
            "销户",
            "销户",
            "未激活",
        ],
    );
    let mut a = CreditAccount {
        name: format!("账户{idx}"),
        card_company: b.company.clone(),
        amount_id: b.id.clone(),
        start_date: b.start.dot(),
        account_extension_amount: amount(b.limit),
        shared_extension_amount: b.shared.clone(),
        currency_type: b.currency.clone(),
        kind: if cx.rng.chance(0.9) {
            "贷记卡".into()
        } else {
            "大额专项分期卡".into()
        },
        guarantee_type: b.guarantee.clone(),
        ..Default::default()
    };
    let last = cx.this_month().add(-1);
    let opened = open_span(cx, b.start);
    let end = if b.state == "销户" {
        b.start.month().add(cx.rng.range(1, opened.max(2) - 1)).min(last)
    } else {
        last
    };
    let end = end.max(b.start.month());
    let due = end.day(cx.rng.range(1, 28) as u32);
    a.due_date = due.cn();
    let ending = match b.state {
        "呆账" => Ending::BadDebt,
        "销户" => Ending::Cleared,
        _ if cx.rng.chance(0.12) => Ending::Overdue,
        _ => Ending::Open,
    };
    let gstart = b.start.month().max(end.add(-59));
    let unit = (b.limit / 20).max(100) / 10 * 10;
    let cells = series(&mut cx.rng, gstart, end, b.start.month(), unit, true, ending);
    let periods: u64 = cells.last().and_then(|c| c.state.parse().ok()).unwrap_or(0);
    let border = if b.state == "呆账" || periods > 0 { RED } else { BLUE };

    let mut t = Table::uniform(border);
    t.hdr(&[
        "发卡机构",
        "账户标识",
        "开立日期",
        "账户授信额度",
        "共享授信额度",
        "币种",
        "业务种类",
        "担保方式",
    ]);
    t.val(&[
        &a.card_company,
        &a.amount_id,
        &a.start_date,
        &a.account_extension_amount,
        &a.shared_extension_amount,
        &a.currency_type,
        &a.kind,
        &a.guarantee_type,
    ]);
    let mut st = CardAccountState::<CreditCardNormal> {
        value: b.state.to_string(),
        ..Default::default()
    };
    out.push(card_caption(cx, idx));
    if b.state == "未激活" {
        // A single sentence row and no repayment grid (§7.6).
        st.inactive.inactive_due_date = a.due_date.clone();
        t.full(&format!("截至{}，账户状态为“未激活”。", a.due_date));
        a.account_state = st;
        out.push(Block::Table(t));
        return a;
    }
    t.title(&format!("截至{}", a.due_date));
    let used = cx.rng.amount(0, b.limit, 100);
    match b.state {
        "呆账" => {
            st.bad_debt.surplus_amount = amount(used.max(unit * 10));
            st.bad_debt.latest_repay_date = due.add_days(-cx.rng.range(90, 700)).dot();
            t.hdr(&["账户状态", "余额", "最近一次还款日期"]);
            t.val(&[b.state, &st.bad_debt.surplus_amount, &st.bad_debt.latest_repay_date]);
        }
        "销户" => {
            st.account_canceled.canceled_date = due.cn();
            t.hdr(&["账户状态", "销户日期"]);
            t.val(&[b.state, &st.account_canceled.canceled_date]);
        }
        _ => {
            let big = a.kind == "大额专项分期卡" || cx.rng.chance(0.15);
            let pending = if big { cx.rng.amount(5_000, 100_000, 500) } else { 0 };
            let n = CreditCardNormal {
                surplus_amount: amount(used + pending),
                used_amount: amount(used),
                unspecified_large_amount_specific_period_amount: amount(pending),
                surplus_periods_num: if big {
                    cx.rng.range(1, 24).to_string()
                } else {
                    "0".into()
                },
                avg_6month_pay: amount(used * cx.rng.range(5, 12) as u64 / 10),
                max_used_amount: amount(used.max(b.limit * cx.rng.range(3, 10) as u64 / 10)),
                bill_date: due.dot(),
                scheduled_payment: amount(used / 10),
                real_payed: amount(if periods > 0 { 0 } else { used / 10 }),
                latest_repay_date: due.add_days(-cx.rng.range(1, 40)).dot(),
                curr_overdue_periods: periods.to_string(),
                curr_overdue_amount: amount(unit * periods),
            };
            t.hdr(&[
                "账户状态",
                "余额",
                "已用额度",
                "未出单的大额专项分期余额",
                "剩余分期期数",
                "最近6个月平均使用额度",
                "最大使用额度",
            ]);
            t.val(&[
                b.state,
                &n.surplus_amount,
                &n.used_amount,
                &n.unspecified_large_amount_specific_period_amount,
                &n.surplus_periods_num,
                &n.avg_6month_pay,
                &n.max_used_amount,
            ]);
            t.even(vec![
                Cell::h("账单日"),
                Cell::h("本月应还款"),
                Cell::h("本月实还款"),
                Cell::h("最近一次还款日期"),
                Cell::h("当前逾期期数").red(),
                Cell::h("当前逾期总额").red(),
            ]);
            t.val(&[
                &n.bill_date,
                &n.scheduled_payment,
                &n.real_payed,
                &n.latest_repay_date,
                &n.curr_overdue_periods,
                &n.curr_overdue_amount,
            ]);
            if big {
                let eff = due.add_days(-cx.rng.range(30, 500));
                let info = BigAmountSpecialPeriodInfo {
                    period_amount: amount(pending.max(10_000) * 2),
                    period_amount_effective_date: eff.dot(),
                    period_amount_due_date: eff.add_days(364).dot(),
                    used_period_amount: amount(pending),
                };
                t.title("大额专项分期信息");
                t.hdr(&[
                    "大额专项分期额度",
                    "分期额度生效日期",
                    "分期额度到期日期",
                    "已用分期金额",
                ]);
                t.val(&[
                    &info.period_amount,
                    &info.period_amount_effective_date,
                    &info.period_amount_due_date,
                    &info.used_period_amount,
                ]);
                a.big_amount_special_period_info = info;
            }
            if cx.rng.chance(0.3) {
                let l = LatestRepayment {
                    value: a.due_date.clone(),
                    five_level_type: String::new(),
                    surplus_amount: amount(used.saturating_sub(used / 10)),
                    refund_date: due.add_days(cx.rng.range(1, 20)).min(cx.today).dot(),
                    refund_amount: amount(used / 10),
                    curr_refund_state: "N".into(),
                };
                t.title(&format!("{}以后的最新还款记录", l.value));
                t.hdr(&["余额", "还款日期", "还款金额", "当前还款状态"]);
                t.val(&[
                    &l.surplus_amount,
                    &l.refund_date,
                    &l.refund_amount,
                    &l.curr_refund_state,
                ]);
                a.before_due_date = l;
            }
            st.normal = n;
        }
    }
    a.account_state = st;
    out.push(Block::Table(t));
    let (g, rec) = repayment(gstart, end, &cells, border);
    out.push(Block::Table(g));
    a.refund_record = rec;
    if cx.rng.chance(0.12) {
        let m = end.add(-cx.rng.range(0, 12));
        a.special_event_info = format!(
            "该账户{}{}。",
            m.cn(),
            cx.rng.pick(&["不出单", "调整账单日", "被盗刷", "换卡"])
        );
        let mut e = Table::uniform(border).attached();
        e.title("特殊事件说明");
        e.full(&a.special_event_info);
        out.push(Block::Table(e));
    }
    if let Some((t, rows)) = special_trans(cx, border, due) {
        out.push(Block::Table(t));
        a.special_trans_types = rows;
    }
    let [c, s, o] = remarks(cx, border, due, &["机构说明", "本人声明", "异议标注"], out);
    a.company_info = c;
    a.self_statement = s;
    a.objection_label = o;
    a
}

pub fn quasi_cards(cx: &mut Ctx, n: usize, out: &mut Vec<Block>) -> Vec<QuasiCreditAccount> {
    (1..=n).map(|i| quasi_card(cx, i, out)).collect()
}

fn quasi_card(cx: &mut Ctx, idx: usize, out: &mut Vec<Block>) -> QuasiCreditAccount {
    let b = base(cx, &["正常", "正常", "正常", "止付", "呆账", "销户", "未激活"]);
    let mut a = QuasiCreditAccount {
        name: format!("账户{idx}"),
        card_company: b.company.clone(),
        amount_id: b.id.clone(),
        start_date: b.start.dot(),
        account_extension_amount: amount(b.limit),
        shared_extension_amount: b.shared.clone(),
        currency_type: b.currency.clone(),
        guarantee_type: b.guarantee.clone(),
        ..Default::default()
    };
    let last = cx.this_month().add(-1);
    let opened = open_span(cx, b.start);
    let end = if b.state == "销户" {
        b.start.month().add(cx.rng.range(1, opened.max(2) - 1)).min(last)
    } else {
        last
    };
    let end = end.max(b.start.month());
    let due = end.day(cx.rng.range(1, 28) as u32);
    a.due_date = due.cn();
    let border = if b.state == "呆账" { RED } else { BLUE };
    let mut t = Table::uniform(border);
    t.hdr(&[
        "发卡机构",
        "账户标识",
        "开立日期",
        "账户授信额度",
        "共享授信额度",
        "币种",
        "担保方式",
    ]);
    t.val(&[
        &a.card_company,
        &a.amount_id,
        &a.start_date,
        &a.account_extension_amount,
        &a.shared_extension_amount,
        &a.currency_type,
        &a.guarantee_type,
    ]);
    let mut st = CardAccountState::<QuasiCreditNormal> {
        value: b.state.to_string(),
        ..Default::default()
    };
    out.push(card_caption(cx, idx));
    if b.state == "未激活" {
        st.inactive.inactive_due_date = a.due_date.clone();
        t.full(&format!("截至{}，账户状态为“未激活”。", a.due_date));
        a.account_state = st;
        out.push(Block::Table(t));
        return a;
    }
    t.title(&format!("截至{}", a.due_date));
    let over = cx.rng.amount(0, b.limit, 100);
    match b.state {
        "呆账" => {
            st.bad_debt.surplus_amount = amount(over.max(1_000));
            st.bad_debt.latest_repay_date = due.add_days(-cx.rng.range(90, 700)).dot();
            t.hdr(&["账户状态", "余额", "最近一次还款日期"]);
            t.val(&[b.state, &st.bad_debt.surplus_amount, &st.bad_debt.latest_repay_date]);
        }
        "销户" => {
            st.account_canceled.canceled_date = due.cn();
            t.hdr(&["账户状态", "销户日期"]);
            t.val(&[b.state, &st.account_canceled.canceled_date]);
        }
        _ => {
            let n = QuasiCreditNormal {
                over_draft_amount: amount(over),
                latest_6_months_avg_over_draft_amount: amount(over * cx.rng.range(3, 10) as u64 / 10),
                max_over_draft_amount: amount(over.max(b.limit / 2)),
                bill_date: due.dot(),
                real_payed: amount(over / 5),
                latest_repay_date: due.add_days(-cx.rng.range(1, 60)).dot(),
                over_draft_180_unpayed_amount: "0".into(),
            };
            t.hdr(&[
                "账户状态",
                "透支余额",
                "最近6个月平均透支余额",
                "最大透支余额",
                "账单日",
                "本月实还款",
                "最近一次还款日期",
                "透支180天以上未付余额",
            ]);
            t.val(&[
                b.state,
                &n.over_draft_amount,
                &n.latest_6_months_avg_over_draft_amount,
                &n.max_over_draft_amount,
                &n.bill_date,
                &n.real_payed,
                &n.latest_repay_date,
                &n.over_draft_180_unpayed_amount,
            ]);
            st.normal = n;
        }
    }
    a.account_state = st;
    out.push(Block::Table(t));
    let ending = match b.state {
        "呆账" => Ending::BadDebt,
        "销户" => Ending::Cleared,
        _ => Ending::Open,
    };
    let gstart = b.start.month().max(end.add(-59));
    let cells = series(
        &mut cx.rng,
        gstart,
        end,
        b.start.month(),
        (b.limit / 20).max(100),
        true,
        ending,
    );
    let (g, rec) = repayment(gstart, end, &cells, border);
    out.push(Block::Table(g));
    a.refund_record = rec;
    if let Some((t, rows)) = special_trans(cx, border, due) {
        out.push(Block::Table(t));
        a.special_trans_types = rows;
    }
    a
}
