//! Scorer tests on reports built in code, with hand-counted expected numbers.

use super::summary::variant_order;
use super::*;
use zhengxin::report::{
    CreditReport, LoanAccount, NoncreditTransInfo, PaymentMonth, PaymentYear, QueryRecordEntry, RefundMonth, RefundYear,
};

/// (year, month, state, amount)
type Cell = (&'static str, &'static str, &'static str, &'static str);

fn loan(n: u32, balance: &str, cells: &[Cell]) -> LoanAccount {
    let mut a = LoanAccount {
        name: format!("账户{n}"),
        manage_company: "某某银行".into(),
        refund_amount: "100,000".into(),
        ..Default::default()
    };
    a.account_state.value = "正常".into();
    a.account_state.normal.surplus_amount = balance.into();
    a.refund_record.date_range = "2014年12月—2015年05月".into();
    a.refund_record.start_date = "2014.12".into();
    a.refund_record.end_date = "2015.05".into();
    for &(year, month, state, amount) in cells {
        if a.refund_record.detail.last().is_none_or(|y| y.year != year) {
            a.refund_record.detail.push(RefundYear {
                year: year.into(),
                month: Vec::new(),
            });
        }
        let row = a.refund_record.detail.last_mut().expect("row pushed above");
        row.month.push(RefundMonth {
            month_value: month.into(),
            amount: amount.into(),
            state: state.into(),
        });
    }
    a
}

/// 56 non-empty leaves, 11 grid cells; counted per block below.
fn sample() -> CreditReport {
    let mut r = CreditReport::default();
    // 5 leaves
    let h = &mut r.credit_header;
    h.serial_no = "2015060100000000000001".into();
    h.report_time = "2015.06.01 10:05:15".into();
    h.who_was_checked = "张三".into();
    h.id_type = "身份证".into();
    h.id_num = "11010119800101001X".into();
    // 2 leaves
    r.info_summary.personal_credit_report_explication.desc = vec![
        "影响因素1：存在逾期还款记录".into(),
        "影响因素2：近期没有信用活动".into(),
    ];
    // 5 scalars + 3 grid titles + 6 cells × (state, amount) = 20 leaves, 6 cells
    let a = loan(
        1,
        "80,000",
        &[
            ("2015", "1", "N", "2,000"),
            ("2015", "2", "N", "2,000"),
            ("2015", "3", "N", "2,000"),
            ("2015", "4", "N", "2,000"),
            ("2015", "5", "N", "2,000"),
            ("2014", "12", "1", "2,000"),
        ],
    );
    // 5 scalars + 3 grid titles + 3 cells × state only = 11 leaves, 3 cells
    let b = loan(
        2,
        "5,000",
        &[("2015", "1", "N", ""), ("2015", "2", "N", ""), ("2015", "3", "N", "")],
    );
    r.credit_trans_info_detail.acyclic_credit_account = vec![a, b];
    // 3 × 4 = 12 leaves
    r.query_record.company_query_record = (1..=3)
        .map(|i| QueryRecordEntry {
            no: i.to_string(),
            date: format!("2015.0{i}.01"),
            query_company: "某某银行".into(),
            query_reason: "贷款审批".into(),
        })
        .collect();
    // 3 scalars + 1 grid title + 2 cells × state = 6 leaves, 2 cells
    let mut nc = NoncreditTransInfo {
        name: "账户".into(),
        company_name: "某某电信".into(),
        kind: "电信缴费".into(),
        ..Default::default()
    };
    nc.refund_record.date_range = "2015年01月—2015年02月".into();
    nc.refund_record.detail = vec![PaymentYear {
        year: "2015".into(),
        month: vec![
            PaymentMonth {
                month_value: "1".into(),
                state: "N".into(),
            },
            PaymentMonth {
                month_value: "2".into(),
                state: "N".into(),
            },
        ],
    }];
    r.noncredit_trans_info_detail = vec![nc];
    r
}

/// Two changed leaves, the last query record dropped, one grid cell blanked, one spurious leaf.
fn damaged() -> CreditReport {
    let mut r = sample();
    r.credit_header.who_was_checked = "李四".into();
    r.credit_trans_info_detail.acyclic_credit_account[0]
        .account_state
        .normal
        .surplus_amount = "8,000".into();
    r.query_record.company_query_record.pop();
    r.credit_trans_info_detail.acyclic_credit_account[0]
        .refund_record
        .detail[0]
        .month
        .retain(|m| m.month_value != "3");
    r.person_basic_info.connubial_info.name = "王五".into();
    r
}

const ACCOUNT0: &str = "creditTransInfoDetail.acyclicCreditAccount[0]";

#[test]
fn sample_has_the_hand_counted_leaves_and_cells() {
    let flat = flatten(&sample()).expect("flatten");
    assert_eq!(flat.leaves.len(), 56);
    assert_eq!(flat.cells.len(), 11);
    assert_eq!(
        flat.leaves[&format!("{ACCOUNT0}.refundRecord.detail[year=2014].month[m=12].state")],
        "1"
    );
    assert_eq!(
        flat.leaves["infoSummary.personalCreditReportExplication.desc[1]"],
        "影响因素2：近期没有信用活动"
    );
    assert_eq!(
        flat.leaves["noncreditTransInfoDetail[0].refundRecord.detail[year=2015].month[m=2].state"],
        "N"
    );
    // The grid keys replace the year and monthValue leaves.
    assert!(flat
        .leaves
        .keys()
        .all(|p| !p.ends_with(".year") && !p.ends_with(".monthValue")));
}

#[test]
fn report_against_itself_is_perfect() {
    let cmp = compare(&sample(), &sample()).expect("compare");
    assert_eq!(cmp.counts(), Counts { tp: 56, fp: 0, fn_: 0 });
    assert_eq!(
        (cmp.counts().precision(), cmp.counts().recall(), cmp.counts().f1()),
        (1.0, 1.0, 1.0)
    );
    assert!(cmp.is_exact());
    assert_eq!(
        cmp.grid,
        GridCounts {
            expected: 11,
            correct: 11
        }
    );
}

#[test]
fn damaged_copy_scores_exactly() {
    let cmp = compare(&sample(), &damaged()).expect("compare");
    // TP = 56 − 2 changed − 4 dropped − 2 blanked; FP = 2 changed + 1 spurious; FN = 2 + 4 + 2.
    let c = cmp.counts();
    assert_eq!(c, Counts { tp: 48, fp: 3, fn_: 8 });
    assert_eq!(c.precision(), 48.0 / 51.0);
    assert_eq!(c.recall(), 48.0 / 56.0);
    assert!((c.f1() - 96.0 / 107.0).abs() < 1e-12);
    assert!(!cmp.is_exact());
    assert_eq!(
        cmp.grid,
        GridCounts {
            expected: 11,
            correct: 10
        }
    );

    let by = cmp.counts_by_section();
    assert_eq!(by["creditHeader"], Counts { tp: 4, fp: 1, fn_: 1 });
    assert_eq!(by["personBasicInfo"], Counts { tp: 0, fp: 1, fn_: 0 });
    assert_eq!(by["infoSummary"], Counts { tp: 2, fp: 0, fn_: 0 });
    assert_eq!(by["creditTransInfoDetail"], Counts { tp: 28, fp: 1, fn_: 3 });
    assert_eq!(by["queryRecord"], Counts { tp: 8, fp: 0, fn_: 4 });
    assert_eq!(by["noncreditTransInfoDetail"], Counts { tp: 6, fp: 0, fn_: 0 });

    let wrong: Vec<(&str, Outcome)> = cmp.errors().map(|f| (f.path.as_str(), f.outcome)).collect();
    assert!(wrong.contains(&("creditHeader.whoWasChecked", Outcome::Wrong)));
    assert!(wrong.contains(&("personBasicInfo.connubialInfo.name", Outcome::Spurious)));
    assert!(wrong.contains(&("queryRecord.companyQueryRecord[2].queryReason", Outcome::Missed)));
}

#[test]
fn grid_cells_are_matched_by_year_and_month_not_position() {
    let mut got = sample();
    let grid = &mut got.credit_trans_info_detail.acyclic_credit_account[0].refund_record;
    grid.detail.reverse();
    grid.detail[1].month.remove(0); // 2015-1 gone; 2015-2 … 2015-5 keep their keys.
    let cmp = compare(&sample(), &got).expect("compare");
    assert_eq!(cmp.counts(), Counts { tp: 54, fp: 0, fn_: 2 });
    assert_eq!(
        cmp.grid,
        GridCounts {
            expected: 11,
            correct: 10
        }
    );
}

#[test]
fn a_cell_needs_state_and_amount() {
    let mut got = sample();
    got.credit_trans_info_detail.acyclic_credit_account[0]
        .refund_record
        .detail[0]
        .month[0]
        .amount = "2,500".into();
    let cmp = compare(&sample(), &got).expect("compare");
    assert_eq!(cmp.counts(), Counts { tp: 55, fp: 1, fn_: 1 });
    assert_eq!(cmp.grid.correct, 10);
}

#[test]
fn failed_parse_misses_everything() {
    let c = compare(&sample(), &CreditReport::default()).expect("compare").counts();
    assert_eq!(c, Counts { tp: 0, fp: 0, fn_: 56 });
    assert_eq!((c.precision(), c.recall(), c.f1()), (0.0, 0.0, 0.0));
    let empty = compare(&CreditReport::default(), &CreditReport::default()).expect("compare");
    assert!(empty.is_exact());
    assert_eq!(empty.counts().f1(), 1.0);
}

#[test]
fn paths_normalise_and_split_into_sections() {
    assert_eq!(
        normalise("a[2].b.detail[year=2014].month[m=3].state"),
        "a[].b.detail[].month[].state"
    );
    assert_eq!(
        section("creditTransInfoDetail.acyclicCreditAccount[0].name"),
        "creditTransInfoDetail"
    );
    assert_eq!(section("selfDeclare[0].no"), "selfDeclare");
}

#[test]
fn repeated_grid_keys_stay_distinct() {
    let mut got = sample();
    let row = got.credit_trans_info_detail.acyclic_credit_account[1]
        .refund_record
        .detail[0]
        .clone();
    got.credit_trans_info_detail.acyclic_credit_account[1]
        .refund_record
        .detail
        .push(row);
    let flat = flatten(&got).expect("flatten");
    assert!(flat
        .cells
        .contains_key("creditTransInfoDetail.acyclicCreditAccount[1].refundRecord.detail[year=2015#2].month[m=1]"));
    assert_eq!(
        compare(&sample(), &got).expect("compare").counts(),
        Counts { tp: 56, fp: 3, fn_: 0 }
    );
}

#[test]
fn accumulator_aggregates_and_hides_values_by_default() {
    for show_values in [false, true] {
        let mut acc = VariantAccumulator::default();
        acc.add(
            "r1",
            &compare(&sample(), &sample()).expect("compare"),
            4,
            2.0,
            None,
            show_values,
        );
        acc.add(
            "r2",
            &compare(&sample(), &damaged()).expect("compare"),
            4,
            2.0,
            None,
            show_values,
        );
        let failed = compare(&sample(), &CreditReport::default()).expect("compare");
        acc.add("r3", &failed, 4, 0.0, Some("not recognizable".into()), show_values);
        let v = acc.finish("text");
        assert_eq!((v.documents, v.exact, v.failures.len()), (3, 1, 1));
        assert_eq!(
            v.overall.counts,
            Counts {
                tp: 104,
                fp: 3,
                fn_: 64
            }
        );
        assert_eq!(
            v.grid_cells.counts,
            GridCounts {
                expected: 33,
                correct: 21
            }
        );
        assert_eq!((v.pages, v.pages_per_second), (12, 3.0));
        // Every leaf the failed parse missed occurs once; the four query-record paths twice.
        let top = &v.top_wrong_paths[0];
        assert_eq!(
            (top.path.as_str(), top.count),
            (
                "creditTransInfoDetail.acyclicCreditAccount[].refundRecord.detail[].month[].state",
                10
            )
        );
        assert_eq!(top.example.document, "r2");
        assert_eq!(v.top_wrong_paths.len(), summary::TOP_WRONG_PATHS);

        let summary = EvalSummary {
            corpus: "c".into(),
            show_values,
            variants: vec![v],
            thresholds: Vec::new(),
        };
        let text = render_text(&summary);
        let json = serde_json::to_string(&summary).expect("json");
        assert_eq!(text.contains("李四"), show_values);
        assert_eq!(json.contains("李四"), show_values);
    }
}

#[test]
fn thresholds_parse_and_check() {
    assert_eq!(parse_threshold("text=0.95"), Ok(("text".into(), 0.95)));
    assert!(parse_threshold("text").is_err());
    assert!(parse_threshold("text=1.5").is_err());
    assert!(parse_threshold("=0.5").is_err());
    let v = VariantSummary {
        variant: "text".into(),
        overall: Counts { tp: 9, fp: 1, fn_: 1 }.into(),
        ..Default::default()
    };
    let mut v = v;
    v.grid_cells.accuracy = 0.99;
    let checks = check_thresholds(
        &[("text".into(), 0.9), ("text".into(), 0.95), ("mild".into(), 0.1)],
        Metric::FieldF1,
        Bound::AtLeast,
        std::slice::from_ref(&v),
    );
    let passed: Vec<bool> = checks.iter().map(|t| t.passed).collect();
    assert_eq!(passed, vec![true, false, false]);
    assert_eq!(checks[2].reached, None);
    let grid = check_thresholds(
        &[("text".into(), 0.99), ("text".into(), 0.995)],
        Metric::GridCells,
        Bound::AtLeast,
        std::slice::from_ref(&v),
    );
    assert_eq!(grid.iter().map(|t| t.passed).collect::<Vec<_>>(), vec![true, false]);
    assert_eq!(grid[1].metric, Metric::GridCells);
    // Evidence figures: unmeasured without evidence; ceilings pass at or below their limit.
    let rate = [("text".to_string(), 0.05)];
    let unmeasured = check_thresholds(&rate, Metric::FlagRate, Bound::AtMost, std::slice::from_ref(&v));
    assert_eq!((unmeasured[0].reached, unmeasured[0].passed), (None, false));
    v.evidence = Some(EvidenceScore {
        flag_rate: 0.04,
        ece: Some(0.03),
        ..Default::default()
    });
    let rate = check_thresholds(&rate, Metric::FlagRate, Bound::AtMost, std::slice::from_ref(&v));
    assert!(rate[0].passed);
    let ece = check_thresholds(
        &[("text".into(), 0.02)],
        Metric::Ece,
        Bound::AtMost,
        std::slice::from_ref(&v),
    );
    assert!(!ece[0].passed);
    let recall = check_thresholds(
        &[("text".into(), 0.5)],
        Metric::FlagRecall,
        Bound::AtLeast,
        std::slice::from_ref(&v),
    );
    assert_eq!(recall[0].reached, None, "no wrong field: recall not measured");
    assert!(
        !recall[0].passed,
        "no field scored with evidence: nothing shows all were right"
    );
    v.documents = 2;
    v.evidence = Some(EvidenceScore {
        fields: 120,
        flag_rate: 0.04,
        ..Default::default()
    });
    let recall = check_thresholds(&[("text".into(), 0.5)], Metric::FlagRecall, Bound::AtLeast, &[v]);
    assert_eq!(
        (recall[0].reached, recall[0].passed),
        (None, true),
        "every field right: no wrong field went unflagged"
    );
}

#[test]
fn leaves_keep_their_positional_paths() {
    let flat = flatten(&sample()).expect("flatten");
    assert_eq!(flat.positions.len(), flat.leaves.len());
    for (pos, scored) in &flat.positions {
        assert!(flat.leaves.contains_key(scored), "{pos} → {scored}");
        assert_eq!(normalise(pos), normalise(scored));
    }
    let cells: Vec<(&String, &String)> = flat.positions.iter().filter(|(p, _)| p.contains(".month[")).collect();
    assert!(!cells.is_empty());
    for (pos, scored) in cells {
        assert!(scored.contains("[year=") && scored.contains("[m="), "{pos} → {scored}");
    }
}

#[test]
fn text_variant_sorts_first() {
    let mut v = vec!["mild", "text", "clean", "heavy"];
    v.sort_by(|a, b| variant_order(a, b));
    assert_eq!(v, vec!["text", "clean", "heavy", "mild"]);
    let mut v = vec!["chromium/clean", "pdfium/mild", "chromium/text", "pdfium/text", "clean"];
    v.sort_by(|a, b| variant_order(a, b));
    assert_eq!(
        v,
        vec!["pdfium/text", "clean", "pdfium/mild", "chromium/text", "chromium/clean"]
    );
}

/// A hand truth of part of a document: `sample()` without its query records and noncredit
/// accounts (38 leaves in creditHeader, infoSummary and creditTransInfoDetail, 9 cells).
fn partial_truth() -> CreditReport {
    let mut t = sample();
    t.query_record = Default::default();
    t.noncredit_trans_info_detail.clear();
    t
}

#[test]
fn a_partial_truth_is_scored_on_the_sections_it_transcribes() {
    let truth = partial_truth();
    let scope = Scope::transcribed(&truth).expect("scope");
    let want: std::collections::BTreeSet<String> = ["creditHeader", "creditTransInfoDetail", "infoSummary"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(scope, Scope::Sections(want));

    // damaged(): 2 wrong leaves and one dropped cell (state + amount) inside the scope; outside
    // it the connubial name, the 2 query records left (8 leaves) and the noncredit account (6).
    let got = damaged();
    let cmp = compare_within(&truth, &got, &scope).expect("compare");
    assert_eq!(cmp.counts(), Counts { tp: 34, fp: 2, fn_: 4 });
    assert_eq!(cmp.unscored, 15);
    assert!(cmp.fields.iter().all(|f| scope.covers(&f.path)));
    assert_eq!(
        cmp.grid,
        GridCounts {
            expected: 9,
            correct: 8
        }
    );

    // Scored whole, the same truth calls everything outside it spurious.
    let whole = compare(&truth, &got).expect("compare");
    assert_eq!(whole.counts(), Counts { tp: 34, fp: 17, fn_: 4 });
    assert_eq!(whole.unscored, 0);
}

#[test]
fn unscored_fields_reach_the_summary() {
    let truth = partial_truth();
    let scope = Scope::transcribed(&truth).expect("scope");
    let mut acc = VariantAccumulator::default();
    let cmp = compare_within(&truth, &sample(), &scope).expect("compare");
    acc.add("doc", &cmp, 2, 1.0, None, false);
    let v = acc.finish("source/clean");
    assert_eq!(v.unscored_fields, 18);
    assert_eq!(v.exact, 1);
    assert!(render_text(&EvalSummary {
        variants: vec![v],
        ..Default::default()
    })
    .contains("18 extracted fields outside the sections the truth transcribes"));
}
