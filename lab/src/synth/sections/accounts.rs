//! Loan account blocks (§7.2–7.3, §7.6–7.8): 非循环贷账户 (D1), 循环贷账户一/循环额度下分账户 (R4),
//! 循环贷账户二/循环贷账户 (R1). Also the add-ons shared with cards: 特殊交易 and remarks.

use super::super::ctx::Ctx;
use super::super::date::{amount, Date};
use super::super::model::{Block, Cell, Rgb, Table, BLUE, RED, UNITS};
use super::super::vocab;
use super::grid::{repayment, series, Ending};
use zhengxin::report::{DatedNote, LatestRepayment, LoanAccount, LoanAccountState, LoanNormal, SpecialTransType};

/// The three loan families.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanFamily {
    D1,
    R4,
    R1,
}

/// Months since the account opened, at least 1.
pub fn open_span(cx: &Ctx, start: Date) -> i64 {
    (cx.this_month().index() - start.month().index()).max(1)
}

/// Caption `账户N（授信协议标识：…）（其他机构转入）`; the suffixes carry no truth key.
pub fn caption(cx: &mut Ctx, idx: usize, extra: Option<String>) -> Block {
    let mut s = format!("账户{idx}");
    if cx.rng.chance(0.6) {
        let id = cx.account_id();
        s.push_str(&format!("（授信协议标识：{id}）"));
    }
    if let Some(e) = extra {
        s.push_str(&e);
    }
    Block::Caption(s)
}

pub fn loans(cx: &mut Ctx, family: LoanFamily, n: usize, out: &mut Vec<Block>) -> Vec<LoanAccount> {
    (1..=n).map(|i| loan(cx, family, i, out)).collect()
}

fn loan(cx: &mut Ctx, family: LoanFamily, idx: usize, out: &mut Vec<Block>) -> LoanAccount {
    let back = cx.rng.range(3, 130);
    let start = cx.today.add_months(-back).add_days(-(cx.rng.range(0, 20)));
    let (terms, kinds): (&[i64], &[&str]) = match family {
        LoanFamily::D1 => (&[12, 24, 36, 60, 120, 180, 240, 360], vocab::LOAN_KINDS),
        LoanFamily::R4 => (&[6, 12, 24, 36], vocab::REVOLVING_KINDS),
        LoanFamily::R1 => (&[12, 24, 36, 60], vocab::REVOLVING_KINDS),
    };
    let term = *cx.rng.pick(terms);
    let kind = cx.rng.pick(kinds).to_string();
    let housing = kind.contains("住房") || kind.contains("商用房");
    let principal = if housing {
        cx.rng.amount(200_000, 3_000_000, 10_000)
    } else {
        cx.rng.amount(5_000, 500_000, 1_000)
    };
    let repay_type = if family == LoanFamily::D1 && housing {
        cx.rng.pick(&vocab::REPAY_TYPES[..2]).to_string()
    } else {
        cx.rng.pick(vocab::REPAY_TYPES).to_string()
    };
    let instalments = repay_type.contains("分期");
    let unit = (principal / term.max(1) as u64).max(100) / 10 * 10;
    let mut a = LoanAccount {
        name: format!("账户{idx}"),
        manage_company: cx.bank(),
        amount_id: cx.account_id(),
        start_date: start.dot(),
        deadline_date: start.add_months(term).dot(),
        refund_amount: amount(principal),
        account_currency_type: cx.rng.pick(vocab::CURRENCIES).to_string(),
        kind,
        guarantee_type: if housing {
            "抵押".into()
        } else {
            cx.rng.pick(vocab::GUARANTEE).to_string()
        },
        refund_period_num: if instalments { term.to_string() } else { "--".into() },
        refund_frequency: if instalments {
            "月".into()
        } else {
            cx.rng.pick(vocab::REPAY_FREQ).to_string()
        },
        refund_type: repay_type,
        join_refund_flag: cx.rng.pick(vocab::JOINT_FLAGS).to_string(),
        ..Default::default()
    };

    let state = *cx.rng.pick(&[
        "正常",
        "正常",
        "正常",
        "正常",
        "逾期",
        "逾期",
        "结清",
        "结清",
        "呆账",
        "转出",
        "司法追偿",
    ]);
    let opened = open_span(cx, start);
    let last = cx.this_month().add(-1);
    let (end, ending) = match state {
        "结清" => (
            start.month().add(cx.rng.range(1, opened.max(2) - 1)).min(last),
            Ending::Cleared,
        ),
        "转出" => (
            start.month().add(cx.rng.range(1, opened.max(2) - 1)).min(last),
            Ending::Transferred,
        ),
        "呆账" => (last, Ending::BadDebt),
        "逾期" => (last, Ending::Overdue),
        _ => (last, Ending::Open),
    };
    let end = end.max(start.month());
    let due = if end == cx.this_month() {
        cx.today
    } else {
        end.day(cx.rng.range(1, 28) as u32)
    };
    a.due_date = due.cn();
    let gstart = start.month().max(end.add(-59));
    let cells = series(&mut cx.rng, gstart, end, start.month(), unit, false, ending);
    let overdue_now = cells.last().map(|c| c.state.parse::<u32>().is_ok()).unwrap_or(false);
    let border = if matches!(state, "呆账" | "逾期" | "司法追偿") || overdue_now {
        RED
    } else {
        BLUE
    };

    let mut t = Table::uniform(border);
    t.hdr(&[
        "管理机构",
        "账户标识",
        "开立日期",
        "到期日期",
        if family == LoanFamily::R1 {
            "账户授信额度"
        } else {
            "借款金额"
        },
        "账户币种",
    ]);
    t.val(&[
        &a.manage_company,
        &a.amount_id,
        &a.start_date,
        &a.deadline_date,
        &a.refund_amount,
        &a.account_currency_type,
    ]);
    t.hdr(&[
        "业务种类",
        "担保方式",
        "还款期数",
        "还款频率",
        "还款方式",
        "共同借款标志",
    ]);
    t.val(&[
        &a.kind,
        &a.guarantee_type,
        &a.refund_period_num,
        &a.refund_frequency,
        &a.refund_type,
        &a.join_refund_flag,
    ]);
    t.title(&format!("截至{}", a.due_date));
    let mut st = LoanAccountState {
        value: state.to_string(),
        ..Default::default()
    };
    let remaining = (term - opened).max(0);
    let balance = if remaining == 0 { unit } else { unit * remaining as u64 };
    match state {
        "结清" => {
            st.clear.account_closed_date = due.dot();
            t.hdr(&["账户状态", "账户关闭日期"]);
            t.val(&[state, &st.clear.account_closed_date]);
        }
        "转出" => {
            st.transfer.transfer_date = end.dot();
            t.hdr(&["账户状态", "转出月份"]);
            t.val(&[state, &st.transfer.transfer_date]);
        }
        "呆账" => {
            st.bad_debt.surplus_amount = amount(balance);
            st.bad_debt.latest_repay_date = due.add_days(-cx.rng.range(60, 700)).dot();
            t.hdr(&["账户状态", "余额", "最近一次还款日期"]);
            t.val(&[state, &st.bad_debt.surplus_amount, &st.bad_debt.latest_repay_date]);
        }
        _ => {
            st.normal = normal_figures(cx, state, due, balance, unit, remaining, &cells, instalments);
            let n = &st.normal;
            t.hdr(&[
                "账户状态",
                "五级分类",
                "余额",
                "剩余还款期数",
                "本月应还款",
                "应还款日",
                "本月实还款",
                "最近一次还款日期",
            ]);
            t.val(&[
                state,
                &n.five_level_type,
                &n.surplus_amount,
                &n.surplus_payment_num,
                &n.scheduled_payment,
                &n.scheduled_pay_at,
                &n.real_payed,
                &n.latest_repay_date,
            ]);
            let dash = if cx.rng.chance(0.5) { "－" } else { "—" };
            let labels = [
                "当前逾期期数".to_string(),
                "当前逾期总额".into(),
                "逾期31—60天未还本金".into(),
                format!("逾期61{dash}90天未还本金"),
                format!("逾期91{dash}180天未还本金"),
                "逾期180天以上未还本金".into(),
            ];
            t.even(labels.iter().map(|l| Cell::h(l.as_str()).red()).collect());
            t.val(&[
                &n.curr_overdue_periods,
                &n.curr_overdue_amount,
                &n.overdue_31_tp_60,
                &n.overdue_61_tp_90,
                &n.overdue_91_tp_180,
                &n.overdue_180,
            ]);
        }
    }
    a.account_state = st;
    // Only open accounts print a latest repayment after the 截至 date.
    if matches!(state, "正常" | "逾期" | "司法追偿") && cx.rng.chance(0.3) {
        let l = LatestRepayment {
            value: a.due_date.clone(),
            five_level_type: "正常".into(),
            surplus_amount: amount(balance.saturating_sub(unit)),
            refund_date: due.add_days(cx.rng.range(1, 20)).min(cx.today).dot(),
            refund_amount: amount(unit),
            curr_refund_state: "N".into(),
        };
        t.title(&format!("{}以后的最新还款记录", l.value));
        t.hdr(&["五级分类", "余额", "还款日期", "还款金额", "当前还款状态"]);
        t.val(&[
            &l.five_level_type,
            &l.surplus_amount,
            &l.refund_date,
            &l.refund_amount,
            &l.curr_refund_state,
        ]);
        a.before_deadline_date = l;
    }
    let suffix = cx.rng.chance(0.12).then(|| "（其他机构转入）".to_string());
    out.push(caption(cx, idx, suffix));
    out.push(Block::Table(t));
    let (g, rec) = repayment(gstart, end, &cells, border);
    out.push(Block::Table(g));
    a.refund_record = rec;
    if let Some((t, rows)) = special_trans(cx, border, due) {
        out.push(Block::Table(t));
        a.special_trans_types = rows;
    }
    let [c, s, o, l] = remarks(cx, border, due, &["机构说明", "本人声明", "异议标注", "特殊标注"], out);
    a.company_info = c;
    a.self_statement = s;
    a.objection_label = o;
    a.special_label = l;
    a
}

#[allow(clippy::too_many_arguments)]
fn normal_figures(
    cx: &mut Ctx,
    state: &str,
    due: Date,
    balance: u64,
    unit: u64,
    remaining: i64,
    cells: &[super::grid::MonthCell],
    instalments: bool,
) -> LoanNormal {
    let periods: u64 = cells.last().and_then(|c| c.state.parse().ok()).unwrap_or(0);
    let overdue = periods > 0;
    let z = "0".to_string();
    LoanNormal {
        five_level_type: if overdue {
            cx.rng.pick(&["关注", "次级", "可疑"]).to_string()
        } else if cx.rng.chance(0.9) {
            "正常".into()
        } else {
            "--".into()
        },
        surplus_amount: amount(balance),
        surplus_payment_num: if instalments {
            remaining.to_string()
        } else {
            "--".into()
        },
        scheduled_payment: amount(unit),
        scheduled_pay_at: due.dot(),
        real_payed: if overdue { z.clone() } else { amount(unit) },
        latest_repay_date: due
            .add_days(-if overdue {
                30 * periods as i64
            } else {
                cx.rng.range(0, 3)
            })
            .dot(),
        curr_overdue_periods: periods.to_string(),
        curr_overdue_amount: amount(unit * periods),
        overdue_31_tp_60: if periods >= 2 { amount(unit) } else { z.clone() },
        overdue_61_tp_90: if periods >= 3 { amount(unit) } else { z.clone() },
        overdue_91_tp_180: if periods >= 4 {
            amount(unit * (periods - 3).min(3))
        } else {
            z.clone()
        },
        overdue_180: if periods >= 7 || state == "司法追偿" {
            amount(unit)
        } else {
            z
        },
    }
}

/// Optional 特殊交易类型 table.
pub fn special_trans(cx: &mut Ctx, border: Rgb, before: Date) -> Option<(Table, Vec<SpecialTransType>)> {
    if !cx.rng.chance(0.18) {
        return None;
    }
    let mut t = Table::with_cols(border, &[2.0, 1.2, 1.0, 1.2, 3.6]).attached();
    t.row(
        ["特殊交易类型", "发生日期", "变更月数", "发生金额", "明细记录"]
            .iter()
            .map(|s| Cell::h(*s))
            .collect(),
    );
    let mut rows = Vec::new();
    for _ in 0..cx.rng.urange(1, 2) {
        let kind = cx.rng.pick(vocab::SPECIAL_TRANS).to_string();
        let when = before.add_days(-cx.rng.range(30, 900));
        let amt = cx.rng.amount(1_000, 200_000, 1_000);
        let r = SpecialTransType {
            occur_date: if cx.rng.chance(0.8) {
                when.dot()
            } else {
                when.month().dot()
            },
            change_month_num: cx.rng.range(0, 12).to_string(),
            occur_amount: amount(amt),
            detail_record: if kind.contains("代偿") {
                format!("该贷款由第三方担保公司代偿{}元。", amount(amt))
            } else if cx.rng.chance(0.5) {
                "--".into()
            } else {
                format!("借款人于{}办理{kind}。", when.cn())
            },
            kind,
        };
        t.row(
            [
                &r.kind,
                &r.occur_date,
                &r.change_month_num,
                &r.occur_amount,
                &r.detail_record,
            ]
            .iter()
            .map(|s| Cell::v(s.as_str()))
            .collect(),
        );
        rows.push(r);
    }
    Some((t, rows))
}

/// Remark tables (`机构说明 | 添加日期` …) for the given kinds, each drawn with low probability.
pub fn remarks<const N: usize>(
    cx: &mut Ctx,
    border: Rgb,
    before: Date,
    kinds: &[&str; N],
    out: &mut Vec<Block>,
) -> [Vec<DatedNote>; N] {
    let mut res: [Vec<DatedNote>; N] = std::array::from_fn(|_| Vec::new());
    for (i, kind) in kinds.iter().enumerate() {
        if !cx.rng.chance(0.1) {
            continue;
        }
        let pool = match *kind {
            "机构说明" => vocab::COMPANY_NOTES,
            "本人声明" => vocab::SELF_NOTES,
            "异议标注" => vocab::OBJECTION_NOTES,
            _ => vocab::SPECIAL_LABELS,
        };
        let wide = UNITS * 5 / 6;
        let mut t = Table::uniform(border).attached();
        t.row(vec![Cell::h(*kind).span(wide), Cell::h("添加日期").span(UNITS - wide)]);
        let note = DatedNote {
            value: cx.rng.pick(pool).to_string(),
            add_date: before.add_days(-cx.rng.range(10, 600)).dot(),
        };
        t.row(vec![
            Cell::v(&note.value).span(wide),
            Cell::v(&note.add_date).span(UNITS - wide),
        ]);
        out.push(Block::Table(t));
        res[i].push(note);
    }
    res
}
