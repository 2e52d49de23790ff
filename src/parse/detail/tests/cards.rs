//! 贷记卡 in 正常 / 呆账 / 销户 / 未激活 and 准贷记卡.

use crate::layout::Block;
use crate::report::{BalanceState, CanceledState, CreditCardNormal, InactiveState, RefundRecord};

use super::{line, parse, small_grid, table};

fn card_basic() -> Block {
    table(&[
        &[
            "发卡机构",
            "账户标识",
            "开立日期",
            "账户授信额度",
            "共享授信额度",
            "币种",
            "业务种类",
            "担保方式",
        ],
        &[
            "工商银行信用卡中心",
            "AAA003",
            "2009.05.22",
            "16,000",
            "160,000",
            "人民币",
            "贷记卡",
            "信用/免担保",
        ],
    ])
}

#[test]
fn open_credit_card_with_instalments_latest_repayment_events_and_remarks() {
    let mut blocks = vec![
        line("（五）贷记卡账户"),
        line("账户2（授信协议标识：AAAXY003）"),
        line("（卡片尾号：1365）"),
        card_basic(),
        table(&[
            &["截至2015年04月12日@7"],
            &[
                "账户状态",
                "余额",
                "已用额度",
                "未出单的大额\n专项分期余额",
                "剩余分期期数",
                "最近6个月\n平均使用额度",
                "最大使用额度",
            ],
            &["正常", "255,500", "135,500", "110,000", "11", "90,000", "150,000"],
            &[
                "账单日",
                "本月应还款",
                "本月实还款",
                "最近一次还款日期",
                "当前逾期期数",
                "当前逾期总额@2",
            ],
            &["2015.04.12", "24,500", "0", "2015.03.10", "1", "24,550@2"],
            &["大额专项分期信息@7"],
            &[
                "大额专项分期额度@2",
                "分期额度生效日期@2",
                "分期额度到期日期@2",
                "已用分期金额",
            ],
            &["120,000@2", "2015.09.12@2", "2016.09.11@2", "120,000"],
            &["2015年04月12日以后的最新还款记录@7"],
            &["余额@2", "还款日期@2", "还款金额@2", "当前还款状态"],
            &["230,950@2", "2015.04.25@2", "24,550@2", "N"],
        ]),
    ];
    blocks.extend(small_grid());
    blocks.push(table(&[&["特殊事件说明"], &["该账户2015年05月不出单。"]]));
    blocks.push(table(&[
        &["特殊交易类型", "发生日期", "变更月数", "发生金额", "明细记录"],
        &["个性化分期", "2012.07", "5", "10,000", "--"],
        &["机构说明@4", "添加日期"],
        &["该卡逾期情况极为严重。@4", "2012.12.15"],
        &["本人声明@4", "添加日期"],
        &["本人因出国无法及时还款，导致当前逾期，非恶意违约。@4", "2013.07.02"],
    ]));
    let detail = parse(&blocks);
    assert_eq!(detail.credit_account.len(), 1);
    let c = &detail.credit_account[0];
    assert_eq!(c.name, "账户2");
    assert_eq!(
        (
            c.card_company.as_str(),
            c.shared_extension_amount.as_str(),
            c.kind.as_str()
        ),
        ("工商银行信用卡中心", "160,000", "贷记卡")
    );
    assert_eq!(c.due_date, "2015年04月12日");
    let want = CreditCardNormal {
        surplus_amount: "255,500".into(),
        used_amount: "135,500".into(),
        unspecified_large_amount_specific_period_amount: "110,000".into(),
        surplus_periods_num: "11".into(),
        avg_6month_pay: "90,000".into(),
        max_used_amount: "150,000".into(),
        bill_date: "2015.04.12".into(),
        scheduled_payment: "24,500".into(),
        real_payed: "0".into(),
        latest_repay_date: "2015.03.10".into(),
        curr_overdue_periods: "1".into(),
        curr_overdue_amount: "24,550".into(),
    };
    assert_eq!(c.account_state.value, "正常");
    assert_eq!(c.account_state.normal, want);
    assert_eq!(c.account_state.bad_debt, BalanceState::default());
    assert_eq!(c.big_amount_special_period_info.period_amount, "120,000");
    assert_eq!(c.big_amount_special_period_info.period_amount_due_date, "2016.09.11");
    assert_eq!(c.big_amount_special_period_info.used_period_amount, "120,000");
    assert_eq!(c.before_due_date.value, "2015年04月12日");
    assert_eq!(
        (
            c.before_due_date.surplus_amount.as_str(),
            c.before_due_date.refund_date.as_str()
        ),
        ("230,950", "2015.04.25")
    );
    assert_eq!(c.before_due_date.five_level_type, "");
    assert_eq!(c.refund_record.detail.len(), 2);
    assert_eq!(c.special_event_info, "该账户2015年05月不出单。");
    assert_eq!(c.special_trans_types[0].kind, "个性化分期");
    assert_eq!(c.special_trans_types[0].change_month_num, "5");
    assert_eq!(c.company_info[0].value, "该卡逾期情况极为严重。");
    assert_eq!(c.self_statement[0].add_date, "2013.07.02");
    assert!(c.objection_label.is_empty());
}

/// One 贷记卡 with the given blocks after its basic-info form.
fn card_with(after_basic: Vec<Block>) -> crate::report::CreditAccount {
    let mut blocks = vec![line("（五）贷记卡账户"), line("账户1（授信协议标识：X）"), card_basic()];
    blocks.extend(after_basic);
    let mut detail = parse(&blocks);
    assert_eq!(detail.credit_account.len(), 1);
    detail.credit_account.remove(0)
}

#[test]
fn bad_debt_card() {
    let c = card_with(vec![
        line("截至2015年05月31日"),
        table(&[
            &["账户状态", "余额", "最近一次还款日期"],
            &["呆账", "135,500", "2014.08.05"],
        ]),
    ]);
    assert_eq!(c.account_state.value, "呆账");
    let want = BalanceState {
        surplus_amount: "135,500".into(),
        latest_repay_date: "2014.08.05".into(),
    };
    assert_eq!(c.account_state.bad_debt, want);
    assert_eq!(c.account_state.normal, CreditCardNormal::default());
}

#[test]
fn cancelled_card_keeps_the_printed_date() {
    let c = card_with(vec![
        line("截至2015年05月10日"),
        table(&[&["账户状态", "销户日期"], &["销户", "2015年05月10日"]]),
    ]);
    assert_eq!(c.account_state.value, "销户");
    assert_eq!(
        c.account_state.account_canceled,
        CanceledState {
            canceled_date: "2015年05月10日".into()
        }
    );
    assert_eq!(c.account_state.inactive, InactiveState::default());
}

#[test]
fn inactive_card_from_the_sentence_row() {
    // The sentence wraps its final `。` onto a line of its own in the sample.
    let c = card_with(vec![line("截至2015年05月28日，账户状态为“未激活”"), line("。")]);
    assert_eq!(c.due_date, "2015年05月28日");
    assert_eq!(c.account_state.value, "未激活");
    assert_eq!(c.account_state.inactive.inactive_due_date, "2015年05月28日");
    assert_eq!(c.account_state.normal, CreditCardNormal::default());
    assert_eq!(c.refund_record, RefundRecord::default());

    // Same sentence as a full-width table row.
    let c = card_with(vec![table(&[&["截至2015年05月28日，账户状态为“未激活”。"]])]);
    assert_eq!(c.account_state.inactive.inactive_due_date, "2015年05月28日");
}

#[test]
fn quasi_credit_card_open_and_bad_debt() {
    let basic = || {
        table(&[
            &[
                "发卡机构",
                "账户标识",
                "开立日期",
                "账户授信额度",
                "共享授信额度",
                "币种",
                "担保方式",
            ],
            &[
                "工商银行信用卡中心",
                "AAA003",
                "2009.05.22",
                "16,000",
                "160,000",
                "人民币",
                "信用/免担保",
            ],
        ])
    };
    let blocks = vec![
        line("（六）准贷记卡账户"),
        line("账户1（授信协议标识：AAA8845213）"),
        basic(),
        line("截至2015年05月19日"),
        table(&[
            &[
                "账户状态",
                "透支余额",
                "最近6个月平\n均透支余额",
                "最大透支余额",
                "账单日",
                "本月实还款",
                "最近一次还款日期",
                "透支180天以\n上未付余额",
            ],
            &["正常", "1,000", "1,000", "2,000", "2015.05.19", "0", "2015.02.20", "0"],
        ]),
        line("账户2（授信协议标识：PSBCXY003）"),
        basic(),
        line("截至2015年05月31日"),
        table(&[
            &["账户状态", "余额", "最近一次还款日期"],
            &["呆账", "10,000", "2014.08.05"],
        ]),
    ];
    let q = parse(&blocks).quasi_credit_account;
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].account_state.value, "正常");
    assert_eq!(q[0].account_state.normal.latest_6_months_avg_over_draft_amount, "1,000");
    assert_eq!(q[0].account_state.normal.max_over_draft_amount, "2,000");
    assert_eq!(q[0].account_state.normal.over_draft_180_unpayed_amount, "0");
    assert_eq!(q[0].currency_type, "人民币");
    assert_eq!(q[1].name, "账户2");
    assert_eq!(q[1].account_state.bad_debt.surplus_amount, "10,000");
    assert_eq!(q[1].account_state.normal.over_draft_amount, "");
}
