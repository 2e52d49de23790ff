//! 被追偿信息 (§7.1), 相关还款责任信息 (§7.9) and 授信协议信息 (§7.10).

use super::super::ctx::{institution_name, Ctx};
use super::super::date::amount;
use super::super::ident::{id_number, person_name};
use super::super::model::{Block, Cell, Table, BLACK, BLUE, RED};
use super::super::vocab;
use super::accounts::special_trans;
use super::sub_title;
use zhengxin::report::{
    CompanyBorrowDuty, ConcernedRefundDutyInfo, ExtensionProtocolInfo, PersonBorrowDuty, RecoveryAccountState,
    RecoveryInfo,
};

pub fn recoveries(cx: &mut Ctx, n: usize, out: &mut Vec<Block>) -> Vec<RecoveryInfo> {
    let mut res = Vec::new();
    for idx in 1..=n {
        let received = cx.days_ago(100, 2500);
        let asset = cx.rng.chance(0.6);
        let mut r = RecoveryInfo {
            name: format!("账户{idx}"),
            manage_company: if asset {
                cx.rng.pick(vocab::AMC).to_string()
            } else {
                cx.bank()
            },
            kind: if asset {
                "资产处置".into()
            } else {
                "代偿债务".into()
            },
            creditor_received_date: received.dot(),
            creditor_amount: amount(cx.rng.amount(5_000, 800_000, 1_000)),
            state_when_creditor_transfer: cx.rng.range(1, 7).to_string(),
            ..Default::default()
        };
        if cx.personal() {
            r.original_creditor = institution_name(&mut cx.rng, cx.version);
            r.original_type = cx.rng.pick(&["贷款", "贷记卡", "准贷记卡"]).to_string();
        }
        let due = received.add_days(cx.rng.range(30, 1200)).min(cx.today);
        r.due_date = due.cn();
        let mut t = Table::uniform(RED);
        if cx.personal() {
            t.hdr(&[
                "管理机构",
                "业务种类",
                "债权接收日期",
                "原债权人",
                "原债务业务种类",
                "债权金额",
                "债权转移时的还款状态",
            ]);
            t.val(&[
                &r.manage_company,
                &r.kind,
                &r.creditor_received_date,
                &r.original_creditor,
                &r.original_type,
                &r.creditor_amount,
                &r.state_when_creditor_transfer,
            ]);
        } else {
            t.hdr(&[
                "管理机构",
                "业务种类",
                "债权接收日期",
                "债权金额",
                "债权转移时的还款状态",
            ]);
            t.val(&[
                &r.manage_company,
                &r.kind,
                &r.creditor_received_date,
                &r.creditor_amount,
                &r.state_when_creditor_transfer,
            ]);
        }
        t.title(&format!("截至{}", r.due_date));
        let mut st = RecoveryAccountState::default();
        if cx.rng.chance(0.7) {
            st.value = "催收".into();
            st.debt_collection.surplus_amount = amount(cx.rng.amount(1_000, 300_000, 500));
            st.debt_collection.latest_repay_date = due.add_days(-cx.rng.range(0, 200)).dot();
            t.hdr(&["账户状态", "余额", "最近一次还款日期"]);
            t.val(&[
                "催收",
                &st.debt_collection.surplus_amount,
                &st.debt_collection.latest_repay_date,
            ]);
        } else {
            st.value = "结束".into();
            st.debt_finish.account_closed_date = due.dot();
            t.hdr(&["账户状态", "账户关闭日期"]);
            t.val(&["结束", &st.debt_finish.account_closed_date]);
        }
        r.account_state = st;
        out.push(Block::Caption(r.name.clone()));
        out.push(Block::Table(t));
        if let Some((t, rows)) = special_trans(cx, RED, due) {
            out.push(Block::Table(t));
            r.special_trans_types = rows;
        }
        res.push(r);
    }
    res
}

/// 相关还款责任信息: personal and company borrowings, each optional.
pub fn duties(cx: &mut Ctx, persons: usize, companies: usize, out: &mut Vec<Block>) -> ConcernedRefundDutyInfo {
    let mut info = ConcernedRefundDutyInfo::default();
    for company in [false, true] {
        let n = if company { companies } else { persons };
        if n == 0 {
            continue;
        }
        let title = if company {
            "有相关还款责任的企业借款"
        } else {
            "有相关还款责任的个人借款"
        };
        out.push(Block::Heading {
            text: title.to_string(),
            level: 2,
            color: BLACK,
        });
        for idx in 1..=n {
            let start = cx.today.add_months(-cx.rng.range(3, 100));
            let guarantee = cx.rng.chance(0.7);
            let amt = cx.rng.amount(10_000, 2_000_000, 10_000);
            let mut p = PersonBorrowDuty {
                name: format!("账户{idx}"),
                manage_company: cx.bank(),
                kind: if company {
                    cx.rng.pick(&["固定资产贷款", "流动资金贷款", "贸易融资"]).to_string()
                } else {
                    cx.rng.pick(vocab::LOAN_KINDS).to_string()
                },
                start_date: start.dot(),
                deadline_date: start.add_months(*cx.rng.pick(&[12i64, 36, 60, 120])).dot(),
                person_duty_type: if guarantee {
                    "保证".into()
                } else {
                    cx.rng.pick(&["共同借款人", "应收账款债务人", "其他"]).to_string()
                },
                refund_duty_amount: amount(amt),
                currency_type: if company && cx.rng.chance(0.2) {
                    "美元".into()
                } else {
                    "人民币元".into()
                },
                guarantee_contract_serial: if guarantee {
                    format!("BZ{}", cx.rng.digits(10))
                } else {
                    "--".into()
                },
                due_date: cx.days_ago(1, 40).cn(),
                five_level_type: cx.rng.pick(&["正常", "正常", "关注", "次级"]).to_string(),
                surplus_amount: amount(amt * cx.rng.range(1, 10) as u64 / 10),
                refund_state: String::new(),
                ..Default::default()
            };
            if cx.personal() {
                if company {
                    p.primary_borrower = cx.rng.pick(vocab::EMPLOYERS).to_string();
                    p.primary_borrower_id_type = "机构信用代码".into();
                    p.primary_borrower_id_num = format!("G{}", cx.rng.digits(17));
                } else {
                    p.primary_borrower = person_name(&mut cx.rng);
                    p.primary_borrower_id_type = "身份证".into();
                    let birth = super::super::date::Date::new(
                        cx.rng.range(1960, 1998) as i32,
                        cx.rng.range(1, 12) as u32,
                        cx.rng.range(1, 28) as u32,
                    );
                    let male = cx.rng.chance(0.5);
                    p.primary_borrower_id_num = id_number(&mut cx.rng, birth, male);
                }
            }
            let last = if company {
                cx.rng.range(0, 3).to_string()
            } else {
                cx.rng.pick(&["N", "N", "N", "1", "2"]).to_string()
            };
            let mut t = Table::uniform(BLUE);
            t.hdr(&[
                "管理机构",
                "业务种类",
                "开立日期",
                "到期日期",
                "责任人类型",
                "还款责任金额",
                "币种",
                "保证合同编号",
            ]);
            t.val(&[
                &p.manage_company,
                &p.kind,
                &p.start_date,
                &p.deadline_date,
                &p.person_duty_type,
                &p.refund_duty_amount,
                &p.currency_type,
                &p.guarantee_contract_serial,
            ]);
            if cx.personal() {
                t.hdr(&["主业务借款人", "主业务借款人证件类型", "主业务借款人证件号码"]);
                t.val(&[
                    &p.primary_borrower,
                    &p.primary_borrower_id_type,
                    &p.primary_borrower_id_num,
                ]);
            }
            t.title(&format!("截至{}", p.due_date));
            if company {
                t.even(vec![Cell::h("余额"), Cell::h("五级分类"), Cell::h("逾期月数").red()]);
            } else {
                t.hdr(&["余额", "五级分类", "还款状态"]);
            }
            t.val(&[&p.surplus_amount, &p.five_level_type, &last]);
            out.push(Block::Caption(p.name.clone()));
            out.push(Block::Table(t));
            if company {
                info.concern_refund_company_borrow.push(CompanyBorrowDuty {
                    name: p.name,
                    manage_company: p.manage_company,
                    kind: p.kind,
                    start_date: p.start_date,
                    deadline_date: p.deadline_date,
                    person_duty_type: p.person_duty_type,
                    refund_duty_amount: p.refund_duty_amount,
                    currency_type: p.currency_type,
                    guarantee_contract_serial: p.guarantee_contract_serial,
                    primary_borrower: p.primary_borrower,
                    primary_borrower_id_type: p.primary_borrower_id_type,
                    primary_borrower_id_num: p.primary_borrower_id_num,
                    due_date: p.due_date,
                    five_level_type: p.five_level_type,
                    surplus_amount: p.surplus_amount,
                    overdue_month_num: last,
                });
            } else {
                p.refund_state = last;
                info.concern_refund_person_borrow.push(p);
            }
        }
    }
    info
}

pub fn protocols(cx: &mut Ctx, n: usize, out: &mut Vec<Block>) -> Vec<ExtensionProtocolInfo> {
    let mut res = Vec::new();
    for idx in 1..=n {
        let eff = cx.today.add_months(-cx.rng.range(1, 80));
        let amt = cx.rng.amount(10_000, 2_000_000, 10_000);
        let limited = cx.rng.chance(0.4);
        let p = ExtensionProtocolInfo {
            name: format!("授信协议{idx}"),
            manage_company: cx.bank(),
            extension_protocol_id: cx.account_id(),
            effect_date: eff.dot(),
            deadline_date: eff.add_months(*cx.rng.pick(&[12i64, 24, 36, 60])).dot(),
            extension_amount_scope: cx
                .rng
                .pick(&["非循环贷款额度", "循环贷款额度", "信用卡共享额度"])
                .to_string(),
            extension_amount: amount(amt),
            extension_limit_amount: if limited { amount(amt * 2) } else { "--".into() },
            extension_limit_serial: if limited { cx.account_id() } else { "--".into() },
            used_amount: amount(amt * cx.rng.range(0, 10) as u64 / 10),
            currency_type: "人民币元".into(),
        };
        let mut t = Table::uniform(BLUE);
        t.hdr(&["管理机构", "授信协议标识", "生效日期", "到期日期", "授信额度用途"]);
        t.val(&[
            &p.manage_company,
            &p.extension_protocol_id,
            &p.effect_date,
            &p.deadline_date,
            &p.extension_amount_scope,
        ]);
        t.hdr(&["授信额度", "授信限额", "授信限额编号", "已用额度", "币种"]);
        t.val(&[
            &p.extension_amount,
            &p.extension_limit_amount,
            &p.extension_limit_serial,
            &p.used_amount,
            &p.currency_type,
        ]);
        out.push(Block::Caption(p.name.clone()));
        out.push(Block::Table(t));
        res.push(p);
    }
    res
}

/// Sub-section heading helper for 三 信贷交易信息明细.
pub fn heading(n: usize, title: &str) -> Block {
    Block::Heading {
        text: sub_title(n, title),
        level: 2,
        color: BLACK,
    }
}
