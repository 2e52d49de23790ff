//! Loans in every state, 被追偿, 相关还款责任 and 授信协议.

use crate::report::{BalanceState, ClosedState, LoanAccountState, LoanNormal, TransferState};

use super::{line, loan_basic, parse, small_grid, table};

#[test]
fn overdue_loan_fills_basic_info_normal_state_latest_repayment_and_addons() {
    let mut blocks = vec![
        line("（二）非循环贷账户"),
        line("账户2（授信协议标识：BOCBJ12362414）"),
        line("（其他机构转入）"),
        loan_basic("借款金额"),
        line("截至2015年05月05日"),
        table(&[
            &[
                "账户状态",
                "五级分类",
                "余额",
                "剩余还款期数",
                "本月应还款",
                "应还款日",
                "本月实还款",
                "最近一次\n还款日期",
            ],
            &[
                "逾期",
                "次级",
                "400,000",
                "125",
                "5,000",
                "2015.05.05",
                "0",
                "2015.03.05",
            ],
            &[
                "当前逾期期数",
                "当前逾期总额",
                "逾期31—60天未还本金@2",
                "逾期61－90天未还本金@2",
                "逾期91－180天未还本金",
                "逾期180天以上未还本金",
            ],
            &["2", "6,100", "1,000@2", "0@2", "0", "0"],
        ]),
        line("2015年05月05日以后的最新还款记录"),
        table(&[
            &["五级分类", "余额", "还款日期", "还款金额", "当前还款状态"],
            &["正常", "394,000", "2015.05.31", "6,100", "N"],
        ]),
    ];
    blocks.extend(small_grid());
    blocks.push(table(&[
        &["特殊交易类型", "发生日期", "变更月数", "发生金额", "明细记录"],
        &[
            "担保人（第三方）代偿",
            "2014.07.05",
            "0",
            "20,000",
            "该贷款由XX公司代偿20,000元。",
        ],
    ]));
    blocks.push(table(&[
        &["机构说明", "添加日期"],
        &["该客户委托XX公司偿还贷款。", "2014.08.12"],
        &["本人声明", "添加日期"],
        &["本人因出国未能按时还款，非恶意拖欠。", "2014.09.12"],
        &["异议标注", "添加日期"],
        &["该笔业务正处于异议处理中。", "2013.10.10"],
        &["特殊标注", "添加日期"],
        &["异议信息确实有误，但因技术原因暂时无法更正。", "2013.10.25"],
    ]));
    let detail = parse(&blocks);
    assert_eq!(detail.acyclic_credit_account.len(), 1);
    let a = &detail.acyclic_credit_account[0];
    assert_eq!(a.name, "账户2");
    assert_eq!(
        (
            a.manage_company.as_str(),
            a.amount_id.as_str(),
            a.refund_amount.as_str()
        ),
        ("工商银行北京分行", "ICBCZH00001", "360,000")
    );
    assert_eq!(
        (a.kind.as_str(), a.refund_type.as_str(), a.join_refund_flag.as_str()),
        ("个人商业住房贷款", "分期等额本金", "主借款人")
    );
    assert_eq!(a.due_date, "2015年05月05日");
    let expected_normal = LoanNormal {
        five_level_type: "次级".into(),
        surplus_amount: "400,000".into(),
        surplus_payment_num: "125".into(),
        scheduled_payment: "5,000".into(),
        scheduled_pay_at: "2015.05.05".into(),
        real_payed: "0".into(),
        latest_repay_date: "2015.03.05".into(),
        curr_overdue_periods: "2".into(),
        curr_overdue_amount: "6,100".into(),
        overdue_31_tp_60: "1,000".into(),
        overdue_61_tp_90: "0".into(),
        overdue_91_tp_180: "0".into(),
        overdue_180: "0".into(),
    };
    assert_eq!(
        a.account_state,
        LoanAccountState {
            value: "逾期".into(),
            normal: expected_normal,
            ..Default::default()
        }
    );
    assert_eq!(a.before_deadline_date.value, "2015年05月05日");
    assert_eq!(a.before_deadline_date.surplus_amount, "394,000");
    assert_eq!(a.before_deadline_date.curr_refund_state, "N");
    assert_eq!(a.refund_record.date_range, "2014年01月—2015年05月");
    assert_eq!(a.refund_record.detail.len(), 2);
    assert_eq!(a.special_trans_types.len(), 1);
    assert_eq!(a.special_trans_types[0].kind, "担保人（第三方）代偿");
    assert_eq!(a.special_trans_types[0].detail_record, "该贷款由XX公司代偿20,000元。");
    assert_eq!(a.company_info.len(), 1);
    assert_eq!(a.company_info[0].add_date, "2014.08.12");
    assert_eq!(a.self_statement[0].value, "本人因出国未能按时还款，非恶意拖欠。");
    assert_eq!(a.objection_label[0].value, "该笔业务正处于异议处理中。");
    assert_eq!(a.special_label[0].add_date, "2013.10.25");
}

/// Builds a one-account 非循环贷 section with the given status table under `截至…`.
fn loan_with_status(status: &[&[&str]]) -> LoanAccountState {
    let blocks = vec![
        line("（二）非循环贷账户"),
        line("账户1（授信协议标识：X1）"),
        loan_basic("借款金额"),
        line("截至2015年05月25日"),
        table(status),
    ];
    let detail = parse(&blocks);
    assert_eq!(detail.acyclic_credit_account.len(), 1);
    detail.acyclic_credit_account[0].account_state.clone()
}

#[test]
fn loan_states_fill_only_their_sub_object() {
    let bad = loan_with_status(&[
        &["账户状态", "余额", "最近一次还款日期"],
        &["呆账", "166,000", "2013.04.05"],
    ]);
    let want = BalanceState {
        surplus_amount: "166,000".into(),
        latest_repay_date: "2013.04.05".into(),
    };
    assert_eq!(
        bad,
        LoanAccountState {
            value: "呆账".into(),
            bad_debt: want,
            ..Default::default()
        }
    );

    let out = loan_with_status(&[&["账户状态", "转出月份"], &["转出", "2011.08"]]);
    let want = TransferState {
        transfer_date: "2011.08".into(),
    };
    assert_eq!(
        out,
        LoanAccountState {
            value: "转出".into(),
            transfer: want,
            ..Default::default()
        }
    );

    let clear = loan_with_status(&[&["账户状态", "账户关闭日期"], &["结清", "2015.05.15"]]);
    let want = ClosedState {
        account_closed_date: "2015.05.15".into(),
    };
    assert_eq!(
        clear,
        LoanAccountState {
            value: "结清".into(),
            clear: want,
            ..Default::default()
        }
    );

    // 司法追偿 is an open state: the full figures go to `normal`.
    let judicial = loan_with_status(&[
        &[
            "账户状态",
            "五级分类",
            "余额",
            "剩余还款期数",
            "本月应还款",
            "应还款日",
            "本月实还款",
            "最近一次还款日期",
        ],
        &["司法追偿", "损失", "90,000", "--", "0", "--", "0", "2014.01.05"],
    ]);
    assert_eq!(judicial.value, "司法追偿");
    assert_eq!(judicial.normal.five_level_type, "损失");
    assert_eq!(judicial.normal.surplus_payment_num, "--");
    assert_eq!(judicial.normal.curr_overdue_periods, "");
    assert_eq!(judicial.bad_debt, BalanceState::default());

    let normal = loan_with_status(&[
        &[
            "账户状态",
            "五级分类",
            "余额",
            "剩余还款期数",
            "本月应还款",
            "应还款日",
            "本月实还款",
            "最近一次还款日期",
        ],
        &[
            "正常",
            "正常",
            "200,000",
            "100",
            "3,000",
            "2015.05.21",
            "3,000",
            "2015.05.21",
        ],
        &[
            "当前逾期期数",
            "当前逾期总额",
            "逾期31-60天未还本金",
            "逾期61-90天未还本金",
            "逾期91-180天未还本金",
            "逾期180天以上未还本金",
            "@2",
        ],
        &["0", "0", "0", "0", "0", "0", "@2"],
    ]);
    assert_eq!(normal.value, "正常");
    assert_eq!(normal.normal.scheduled_pay_at, "2015.05.21");
    assert_eq!(normal.normal.overdue_180, "0");
    assert_eq!(normal.clear, ClosedState::default());
}

#[test]
fn revolving_sections_accept_both_naming_sets() {
    for (one, two) in [
        ("（三）循环贷账户一", "（四）循环贷账户二"),
        ("（三）循环额度下分账户", "（四）循环贷账户"),
    ] {
        let blocks = vec![
            line(one),
            line("（由于该类账户的数量过大，本报告中仅展示最新的 N 个账户。）"),
            line("账户1（授信协议标识：BOC0255220）"),
            loan_basic("借款金额"),
            line(two),
            line("账户1（授信协议标识：CGBXY0007）"),
            loan_basic("账户授信额度"),
        ];
        let detail = parse(&blocks);
        assert_eq!(detail.cyclical_amount_per_account.len(), 1, "{one}");
        assert_eq!(detail.cyclical_amount_per_account[0].refund_amount, "360,000");
        assert_eq!(detail.cyclical_loan_account.len(), 1, "{two}");
        assert_eq!(detail.cyclical_loan_account[0].account_extension_amount, "360,000");
        assert!(detail.acyclic_credit_account.is_empty());
    }
}

#[test]
fn recovery_accounts_in_collection_and_finished() {
    let blocks = vec![
        line("（一）被追偿信息"),
        line("账户1"),
        table(&[
            &[
                "管理机构",
                "业务种类",
                "债权接收日期",
                "原债权人",
                "原债务业务种类",
                "债权金额",
                "债权转移时的\n还款状态",
            ],
            &[
                "信达资产管理公司",
                "资产处置",
                "2007.11.09",
                "工商银行",
                "贷款",
                "400,000",
                "6",
            ],
            &["截至2011年01月08日@7"],
            &["账户状态@3", "余额@2", "最近一次还款日期@2"],
            &["催收@3", "20,000@2", "2011.01.08@2"],
        ]),
        line("账户2"),
        // 授信机构版: 5 columns, no 原债权人 / 原债务业务种类.
        table(&[
            &[
                "管理机构",
                "业务种类",
                "债权接收日期",
                "债权金额",
                "债权转移时的还款状态",
            ],
            &["首创担保公司", "代偿债务", "2007.11.08", "10,000", "2"],
            &["截至2011年01月20日@5"],
            &["账户状态@2", "账户关闭日期@3"],
            &["结束@2", "2011.01.20@3"],
            &["特殊交易类型", "发生日期", "变更月数", "发生金额", "明细记录"],
            &[
                "担保人（第三方）代偿",
                "2011.01.20",
                "0",
                "10,000",
                "该贷款由XX公司代偿10,000元。",
            ],
        ]),
    ];
    let detail = parse(&blocks);
    assert_eq!(detail.recovery_info.len(), 2);
    let (a, b) = (&detail.recovery_info[0], &detail.recovery_info[1]);
    assert_eq!(
        (
            a.name.as_str(),
            a.original_creditor.as_str(),
            a.state_when_creditor_transfer.as_str()
        ),
        ("账户1", "工商银行", "6")
    );
    assert_eq!(a.due_date, "2011年01月08日");
    assert_eq!(a.account_state.value, "催收");
    assert_eq!(a.account_state.debt_collection.surplus_amount, "20,000");
    assert_eq!(a.account_state.debt_collection.latest_repay_date, "2011.01.08");
    assert_eq!(a.account_state.debt_finish, ClosedState::default());
    assert_eq!(
        (b.original_creditor.as_str(), b.creditor_amount.as_str()),
        ("", "10,000")
    );
    assert_eq!(b.account_state.value, "结束");
    assert_eq!(b.account_state.debt_finish.account_closed_date, "2011.01.20");
    assert_eq!(b.account_state.debt_collection, BalanceState::default());
    assert_eq!(b.special_trans_types.len(), 1);
    assert_eq!(b.special_trans_types[0].occur_amount, "10,000");
}

#[test]
fn refund_duty_person_and_company_rows() {
    let basic = |company: &str| {
        table(&[
            &[
                "管理机构",
                "业务种类",
                "开立日期",
                "到期日期",
                "责任人类型",
                "还款责任金额",
                "币种",
                "保证合同编号",
            ],
            &[
                company,
                "个人消费贷款",
                "2011.05.15",
                "2016.05.14",
                "保证",
                "200,000",
                "人民币",
                "AAAAAAAA0001",
            ],
            &["主业务借款人@3", "主业务借款人证件类型@3", "主业务借款人证件号码@2"],
            &["张三@3", "身份证@3", "110109198312030021@2"],
        ])
    };
    let blocks = vec![
        line("（七）相关还款责任信息"),
        line("有相关还款责任的个人借款"),
        line("账户1"),
        basic("工商银行北京分行"),
        line("截至2015年05月25日"),
        table(&[&["余额", "五级分类", "还款状态"], &["100,000", "正常", "N"]]),
        line("有相关还款责任的企业借款"),
        line("账户1"),
        basic("建设银行北京分行"),
        line("截至2015年05月26日"),
        table(&[&["余额", "五级分类", "逾期月数"], &["100,000", "次级", "2"]]),
    ];
    let info = parse(&blocks).concerned_refund_duty_info;
    assert_eq!(info.concern_refund_person_borrow.len(), 1);
    assert_eq!(info.concern_refund_company_borrow.len(), 1);
    let p = &info.concern_refund_person_borrow[0];
    assert_eq!(
        (p.name.as_str(), p.manage_company.as_str(), p.person_duty_type.as_str()),
        ("账户1", "工商银行北京分行", "保证")
    );
    assert_eq!(
        (p.primary_borrower.as_str(), p.primary_borrower_id_num.as_str()),
        ("张三", "110109198312030021")
    );
    assert_eq!(
        (p.due_date.as_str(), p.five_level_type.as_str(), p.refund_state.as_str()),
        ("2015年05月25日", "正常", "N")
    );
    let c = &info.concern_refund_company_borrow[0];
    assert_eq!(
        (c.manage_company.as_str(), c.due_date.as_str()),
        ("建设银行北京分行", "2015年05月26日")
    );
    assert_eq!(
        (c.surplus_amount.as_str(), c.overdue_month_num.as_str()),
        ("100,000", "2")
    );
}

#[test]
fn refund_duty_without_sub_heading_is_classed_by_its_last_label() {
    let blocks = vec![
        line("（七）相关还款责任信息"),
        line("账户1"),
        table(&[&["管理机构", "业务种类"], &["建设银行", "固定资产贷款"]]),
        line("截至2015年05月25日"),
        table(&[&["余额", "五级分类", "逾期月数"], &["100,000", "次级", "2"]]),
    ];
    let info = parse(&blocks).concerned_refund_duty_info;
    assert!(info.concern_refund_person_borrow.is_empty());
    assert_eq!(info.concern_refund_company_borrow[0].overdue_month_num, "2");
}

#[test]
fn extension_protocols_are_named_and_read_by_label() {
    let blocks = vec![
        line("（八）授信协议信息"),
        line("授信协议1"),
        table(&[
            &["管理机构", "授信协议标识", "生效日期", "到期日期", "授信额度用途"],
            &["建设银行", "CCB2222321", "2015.05.01", "2019.01.31", "非循环贷款额度"],
            &["授信额度", "授信限额", "授信限额编号", "已用额度", "币种"],
            &["40,000", "100,000", "CCB55555", "40,000", "人民币"],
        ]),
        line("授信协议 2"),
        table(&[
            &["管理机构", "授信协议标识", "生效日期", "到期日期", "授信额度用途"],
            &[
                "邮储银行北京分行",
                "PSBOC00001",
                "2011.09.29",
                "2015.12.28",
                "循环贷款额度",
            ],
            &["授信额度", "授信限额", "授信限额编号", "已用额度", "币种"],
            &["10,000", "--", "--", "10,000", "人民币"],
        ]),
    ];
    let p = parse(&blocks).extension_protocol_info;
    assert_eq!(p.len(), 2);
    assert_eq!(
        (p[0].name.as_str(), p[0].extension_protocol_id.as_str()),
        ("授信协议1", "CCB2222321")
    );
    assert_eq!(
        (p[0].extension_amount.as_str(), p[0].extension_limit_serial.as_str()),
        ("40,000", "CCB55555")
    );
    assert_eq!(p[1].name, "授信协议2");
    assert_eq!(
        (p[1].extension_limit_amount.as_str(), p[1].currency_type.as_str()),
        ("--", "人民币")
    );
}

#[test]
fn a_misread_state_word_and_misread_labels_are_read_in_their_table() {
    // OCR of a poor scan: the state word one character off, labels two or three off (too far
    // for the lexicon alone, `余制` too short for it), the amount's comma read as a point.
    let clear = loan_with_status(&[&["账户状态", "账户关闭日期"], &["站清", "2015.05.15"]]);
    assert_eq!(clear.value, "结清");
    assert_eq!(clear.clear.account_closed_date, "2015.05.15");

    let open = loan_with_status(&[
        &[
            "账户状态",
            "五级分类",
            "余制",
            "逾期31-60大未迁本",
            "逾期91-180人本迁本金",
            "当前逾期期数",
        ],
        &["迪期", "关注", "242.550", "770", "0", "1"],
    ]);
    assert_eq!(open.value, "逾期");
    assert_eq!(open.normal.five_level_type, "关注");
    assert_eq!(open.normal.surplus_amount, "242,550");
    assert_eq!(open.normal.overdue_31_tp_60, "770");
    assert_eq!(open.normal.overdue_91_tp_180, "0");
    assert_eq!(open.normal.overdue_61_tp_90, "");

    // A value that does not fit the misread label's format (a label fragment under it) says
    // the label was another: not taken.
    let cut = loan_with_status(&[
        &["账户状态", "五级分类", "达期180天以上未还本"],
        &["正常", "正常", "金"],
    ]);
    assert_eq!(cut.normal.overdue_180, "");

    // Two misread labels both nearest to 余额: neither is taken (no guess between them).
    let two = loan_with_status(&[
        &["账户状态", "五级分类", "余制", "余頟"],
        &["正常", "正常", "1,000", "2,000"],
    ]);
    assert_eq!(two.normal.surplus_amount, "");
}
