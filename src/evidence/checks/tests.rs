//! Each rule stays quiet on consistent reports and fires on the one inconsistency planted for
//! it. The consistent report is small and hand-made so that every rule applies to it; the
//! generator's reports are checked in bulk by the corpus tests.

use serde_json::json;

use super::*;
use crate::report::CreditReport;

fn golden(name: &str) -> CreditReport {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("golden result parses as a CreditReport")
}

fn loan(company: &str, amount: &str, state: serde_json::Value) -> serde_json::Value {
    json!({
        "name": "账户1", "manageCompany": company, "startDate": "2012.03.05", "deadlineDate": "2022.03.05",
        "refundAmount": amount, "type": "个人住房商业贷款", "dueDate": "2015年05月25日", "accountState": state,
        "refundRecord": {
            "dateRange": "2014年06月—2015年05月", "startDate": "2014.06", "endDate": "2015.05",
            "detail": [
                {"year": "2015", "month": [{"monthValue": "5", "amount": "1,200", "state": "N"}]},
                {"year": "2014", "month": [{"monthValue": "6", "amount": "1,200", "state": "N"},
                                           {"monthValue": "12", "amount": "0", "state": "*"}]}
            ]
        }
    })
}

/// A small report in which every rule has something to compare, all of it consistent.
fn consistent() -> serde_json::Value {
    json!({
        "creditHeader": {
            "serialNo": "2015060110051500000123", "reportTime": "2015.06.01 10:05:15",
            "idType": "身份证", "idNum": "11010519491231002X"
        },
        "personBasicInfo": {
            "personInfo": {"birthday": {"value": "1949.12.31"}},
            "livedInfos": [{"no": "1", "address": "北京市"}, {"no": "2", "address": "上海市"}]
        },
        "infoSummary": {
            "creditTransInfoHint": {
                "totalAccountNum": "4",
                "detail": {
                    "loan": [{"type": "个人住房贷款", "accountNum": "2", "firstGotAt": "2012.03"}],
                    "creditCard": [{"type": "贷记卡", "accountNum": "2", "firstGotAt": "2010.01"}]
                }
            },
            "creditTransBreachInfoSummary": {
                "recourseInfoSummary": {"totalAccountNum": "1", "surplusAmount": "5,000",
                    "detail": [{"type": "资产处置业务", "accountNum": "1", "surplusAmount": "5,000"}]},
                "badDebtsSummary": {"accountNum": "0", "surplusAmount": "0"},
                "overdueInfoCollection": [
                    {"type": "非循环贷账户", "accountNum": "--", "monthNum": "--",
                        "maxAmountPerMonth": "--", "maxOverdueMonthNum": "--"},
                    {"type": "循环贷账户一", "accountNum": "--", "monthNum": "--",
                        "maxAmountPerMonth": "--", "maxOverdueMonthNum": "--"},
                    {"type": "循环贷账户二", "accountNum": "2", "monthNum": "5",
                        "maxAmountPerMonth": "3,000", "maxOverdueMonthNum": "2"}
                ]
            },
            "creditTransExtensionAndDebtSummary": {
                "acyclicLoanAccountInfoSummary": {"manageCompanyNum": "1", "accountNum": "1",
                    "extensionAmount": "300,000", "surplusAmount": "120,000", "avg6monthPay": "1,200"},
                "creditAccountInfoSummary": {"companyNum": "1", "accountNum": "1"}
            },
            "publicInfoSummary": [{"type": "欠税信息", "recordNum": "1", "referenceAmount": "1,000"}],
            "queryRecordSummary": {
                "last1MonthQueryCompanyNum": {"loanApproval": "1", "creditApproval": "0"},
                "last1MonthQueryNum": {"loanApproval": "2", "creditApproval": "0", "selfQuery": "1"},
                "last2YearQueryNum": {"managerAfterLoan": "1", "guaranteeInvestigate": "0",
                    "bespokeMerchantsRealNameInvestigate": "0"}
            }
        },
        "creditTransInfoDetail": {
            "recoveryInfo": [{"name": "账户1", "dueDate": "2015年05月20日", "accountState": {"value": "催收"}}],
            "acyclicCreditAccount": [
                loan("银行A", "300,000", json!({"value": "正常", "normal": {"surplusAmount": "120,000"}})),
                loan("银行B", "50,000", json!({"value": "结清", "clear": {"accountClosedDate": "2015.01.05"}}))
            ],
            "creditAccount": [
                {"name": "账户3", "startDate": "2010.01.02", "dueDate": "2015年05月25日",
                 "accountState": {"value": "正常", "normal": {"surplusAmount": "800", "usedAmount": "800"}}},
                {"name": "账户4", "startDate": "2011.01.02", "dueDate": "2015年05月25日",
                 "accountState": {"value": "销户", "accountCanceled": {"canceledDate": "2014.01.02"}}}
            ]
        },
        "publicInfoDetail": {"owingTaxRecord": [{"no": "1", "owingTaxAmount": "1,000"}]},
        "queryRecord": {
            "personQueryRecord": [{"no": "1", "date": "2015.05.30", "queryCompany": "本人", "queryReason": "本人查询（临柜）"}],
            "companyQueryRecord": [
                {"no": "1", "date": "2015.05.20", "queryCompany": "银行A", "queryReason": "贷款审批"},
                {"no": "2", "date": "2015.05.03", "queryCompany": "银行A", "queryReason": "贷款审批"},
                {"no": "3", "date": "2014.08.03", "queryCompany": "银行B", "queryReason": "贷后管理"},
                {"no": "4", "date": "2013.01.03", "queryCompany": "银行B", "queryReason": "贷后管理"}
            ]
        }
    })
}

fn report(v: serde_json::Value) -> CreditReport {
    serde_json::from_value(v).expect("test report matches the schema")
}

/// An edit of the consistent report that breaks one relation.
type Plant = fn(&mut serde_json::Value);

/// Every rule id, with the edit that plants its inconsistency in the consistent report.
fn plants() -> Vec<(&'static str, Plant)> {
    vec![
        ("identity.idNum.checkDigit", |v| {
            v["creditHeader"]["idNum"] = json!("110105194912310021")
        }),
        ("identity.birthDate", |v| {
            v["personBasicInfo"]["personInfo"]["birthday"]["value"] = json!("1949.12.30")
        }),
        ("header.reportTime.format", |v| {
            v["creditHeader"]["reportTime"] = json!("2015.06.31 10:05:15")
        }),
        ("header.serialNo.format", |v| {
            v["creditHeader"]["serialNo"] = json!("2015O60110051500000123")
        }),
        ("integrity.serialNo.reportTime", |v| {
            v["creditHeader"]["serialNo"] = json!("2015060210051500000123")
        }),
        ("basicInfo.records.numbering", |v| {
            // A record read where none is printed: the real ones move off their numbers.
            v["personBasicInfo"]["livedInfos"]
                .as_array_mut()
                .unwrap()
                .insert(0, json!({"address": "北"}))
        }),
        ("publicInfo.records.numbering", |v| {
            // The only 欠税记录 read with the number of a second one.
            v["publicInfoDetail"]["owingTaxRecord"][0]["no"] = json!("2")
        }),
        ("queryRecord.records.numbering", |v| {
            // The last query record read with the number one past its place.
            v["queryRecord"]["companyQueryRecord"][3]["no"] = json!("5")
        }),
        ("account.dueDate.notAfterReportTime", |v| {
            v["creditTransInfoDetail"]["acyclicCreditAccount"][0]["dueDate"] = json!("2015年06月25日")
        }),
        ("account.startDate.notAfterDeadlineDate", |v| {
            v["creditTransInfoDetail"]["acyclicCreditAccount"][0]["deadlineDate"] = json!("2011.03.05")
        }),
        ("account.closed.zeroBalance", |v| {
            v["creditTransInfoDetail"]["creditAccount"][1]["accountState"]["normal"] = json!({"usedAmount": "300"})
        }),
        ("account.refundRecord.monthsInRange", |v| {
            v["creditTransInfoDetail"]["acyclicCreditAccount"][0]["refundRecord"]["detail"][1]["month"][0]
                ["monthValue"] = json!("5")
        }),
        ("account.refundRecord.cellCount", |v| {
            v["creditTransInfoDetail"]["acyclicCreditAccount"][0]["refundRecord"]["endDate"] = json!("2014.06");
            v["creditTransInfoDetail"]["acyclicCreditAccount"][0]["refundRecord"]["detail"] = json!([
                {"year": "2014", "month": [{"monthValue": "6", "state": "N"}, {"monthValue": "6", "state": "N"}]}
            ])
        }),
        ("summary.hint.total", |v| {
            v["infoSummary"]["creditTransInfoHint"]["totalAccountNum"] = json!("5")
        }),
        ("summary.hint.loanCount", |v| {
            v["infoSummary"]["creditTransInfoHint"]["detail"]["loan"][0]["accountNum"] = json!("3");
            v["infoSummary"]["creditTransInfoHint"]["totalAccountNum"] = json!("5")
        }),
        ("summary.hint.cardCount", |v| {
            v["infoSummary"]["creditTransInfoHint"]["detail"]["creditCard"][0]["accountNum"] = json!("1");
            v["infoSummary"]["creditTransInfoHint"]["totalAccountNum"] = json!("3")
        }),
        ("summary.debt.loans", |v| {
            v["infoSummary"]["creditTransExtensionAndDebtSummary"]["acyclicLoanAccountInfoSummary"]["surplusAmount"] =
                json!("100,000")
        }),
        ("summary.debt.cards.accountCount", |v| {
            v["infoSummary"]["creditTransExtensionAndDebtSummary"]["creditAccountInfoSummary"]["accountNum"] =
                json!("3")
        }),
        ("summary.recourse.accountCount", |v| {
            v["creditTransInfoDetail"]["recoveryInfo"]
                .as_array_mut()
                .unwrap()
                .push(json!({"name": "账户2", "dueDate": "2015年05月20日", "accountState": {"value": "催收"}}))
        }),
        ("summary.badDebt.accountCount", |v| {
            v["infoSummary"]["creditTransBreachInfoSummary"]["badDebtsSummary"]["accountNum"] = json!("1")
        }),
        ("summary.overdue.accountTypes", |v| {
            // `循环贷账户二` read without its numeral: a type of the other design.
            v["infoSummary"]["creditTransBreachInfoSummary"]["overdueInfoCollection"][2]["type"] = json!("循环贷账户")
        }),
        ("summary.overdue.rowValues", |v| {
            // A watermark stroke across a row's first `--` read as `1`.
            v["infoSummary"]["creditTransBreachInfoSummary"]["overdueInfoCollection"][0]["accountNum"] = json!("1")
        }),
        ("summary.publicInfo.recordCount", |v| {
            v["publicInfoDetail"]["owingTaxRecord"] = json!([])
        }),
        ("summary.query.counts", |v| {
            v["infoSummary"]["queryRecordSummary"]["last2YearQueryNum"]["managerAfterLoan"] = json!("2")
        }),
        ("value.format", |v| {
            // Two grid cells run together: no amount is printed so.
            v["creditTransInfoDetail"]["acyclicCreditAccount"][0]["refundRecord"]["detail"][0]["month"][0]["amount"] =
                json!("1,2001,200")
        }),
    ]
}

#[test]
fn the_consistent_report_passes_every_rule_and_every_rule_applies() {
    let checks = run(&report(consistent()));
    let failed: Vec<_> = checks.iter().filter(|c| !c.ok).collect();
    assert!(failed.is_empty(), "{failed:#?}");
    for (rule, _) in plants() {
        assert!(
            checks.iter().any(|c| c.rule == rule),
            "{rule} did not apply to the consistent report"
        );
    }
}

#[test]
fn each_planted_inconsistency_fails_its_rule_and_only_its_rule() {
    for (rule, plant) in plants() {
        let mut v = consistent();
        plant(&mut v);
        let failed: Vec<Check> = failures(&report(v));
        assert!(
            failed.iter().any(|c| c.rule == rule),
            "{rule}: not fired; failures {failed:#?}"
        );
        // Each plant is chosen to break one relation only, so no other rule may speak.
        let others: Vec<_> = failed.iter().filter(|c| c.rule != rule).collect();
        assert!(others.is_empty(), "{rule}: other rules fired too: {others:#?}");
        for c in &failed {
            assert!(!c.paths.is_empty() && !c.message.is_empty(), "{rule}: {c:?}");
        }
    }
}

#[test]
fn a_closed_loan_with_a_later_balance_fails_the_zero_balance_rule() {
    let mut v = consistent();
    v["creditTransInfoDetail"]["acyclicCreditAccount"][1]["beforeDeadlineDate"] = json!({
        "value": "2015年05月25日", "fiveLevelType": "正常", "surplusAmount": "3,000",
        "refundDate": "2015.05.28", "refundAmount": "1,200", "currRefundState": "N"
    });
    let failed = failures(&report(v));
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert_eq!(failed[0].rule, "account.closed.zeroBalance");
    assert!(failed[0]
        .paths
        .contains(&"creditTransInfoDetail.acyclicCreditAccount[1].beforeDeadlineDate.surplusAmount".to_string()));
}

#[test]
fn a_misread_r4_row_beside_the_other_designs_r1_row_fails_the_account_types_rule() {
    let rows = "/infoSummary/creditTransBreachInfoSummary/overdueInfoCollection";
    let with = |r4: &str, r1: &str| {
        let mut v = consistent();
        let list = v.pointer_mut(rows).unwrap();
        list[1]["type"] = json!(r4);
        list[2]["type"] = json!(r1);
        failures(&report(v))
    };
    // `循环贷账户一` read with a stray mark for its numeral, `循环贷账户二` without its numeral:
    // no two rows repeat a type and no two exact names of different designs meet, but the R4
    // row is the 本人版's and the R1 row the 授信机构版's.
    let failed = with("循环贷账户~", "循环贷账户");
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert_eq!(failed[0].rule, "summary.overdue.accountTypes");
    assert_eq!(
        failed[0].paths,
        [
            format!("{}[1].type", &rows[1..].replace('/', ".")),
            format!("{}[2].type", &rows[1..].replace('/', "."))
        ]
    );
    // Each design whole, and a misread that leaves its design in doubt, pass.
    assert!(with("循环额度下分账户", "循环贷账户").is_empty());
    assert!(with("循环贷账户一", "循环贷账户二").is_empty());
    assert!(with("循环贷账户~", "循环贷账户二").is_empty());
    assert!(
        with("循环贷", "循环贷账户").is_empty(),
        "two characters from every name: no design"
    );
}

#[test]
fn generated_text_reports_pass_every_rule() {
    for name in [
        "synth_s77_001.result.json",
        "chr_s2026_004.result.json",
        "synth_s77_001.garbled.result.json",
    ] {
        let failed = failures(&golden(name));
        assert!(failed.is_empty(), "{name}: {failed:#?}");
    }
}

#[test]
fn messages_carry_no_personal_values() {
    let mut v = consistent();
    v["creditHeader"]["idNum"] = json!("110105194912310021");
    v["personBasicInfo"]["personInfo"]["birthday"]["value"] = json!("1949.12.30");
    for c in run(&report(v)) {
        assert!(!c.message.contains("1101051949"), "{c:?}");
        assert!(!c.message.contains("1949"), "{c:?}");
        assert!(!c.message.contains("银行"), "{c:?}");
    }
}

#[test]
fn corroborated_values_are_those_an_independent_reading_agrees_with() {
    let acct = "creditTransInfoDetail.acyclicCreditAccount";
    let title = |i: usize| ["dateRange", "startDate", "endDate"].map(|k| format!("{acct}[{i}].refundRecord.{k}"));
    let r = report(consistent());
    let checks = run(&r);
    let got = corroborated(&r, &checks, &failed_paths(&checks));
    // The ID number's check digit passes; both grids' cells begin and end on their titles' months.
    assert!(got.contains("creditHeader.idNum"), "{got:?}");
    for p in title(0).iter().chain(&title(1)) {
        assert!(got.contains(p), "{p}: {got:?}");
    }
    // Rules of order or form corroborate nothing: the 截至 date passes its rule but is not here.
    assert!(!got.contains(&format!("{acct}[0].dueDate")), "{got:?}");
    // A month of no arrears over an amount of 0 (2014-12: `*`, `0`) vouches for both cells;
    // `N` over `1,200` (2014-06) for neither.
    let month = |m: usize, k: &str| format!("{acct}[0].refundRecord.detail[1].month[{m}].{k}");
    assert!(
        got.contains(&month(1, "state")) && got.contains(&month(1, "amount")),
        "{got:?}"
    );
    assert!(
        !got.contains(&month(0, "state")) && !got.contains(&month(0, "amount")),
        "{got:?}"
    );

    // A grid whose last month is left blank says nothing of its title's end.
    let mut v = consistent();
    v["creditTransInfoDetail"]["acyclicCreditAccount"][1]["refundRecord"]["detail"]
        .as_array_mut()
        .unwrap()
        .remove(0);
    let r = report(v);
    let checks = run(&r);
    let got = corroborated(&r, &checks, &failed_paths(&checks));
    assert!(title(1).iter().all(|p| !got.contains(p)), "{got:?}");
    assert!(title(0).iter().all(|p| got.contains(p)), "{got:?}");

    // A value a failed check names is never corroborated, whatever else passed.
    let mut v = consistent();
    v["creditHeader"]["idNum"] = json!("110105194912310021");
    let r = report(v);
    let checks = run(&r);
    assert!(checks
        .iter()
        .any(|c| !c.ok && c.paths.contains(&"creditHeader.idNum".to_string())));
    assert!(!corroborated(&r, &checks, &failed_paths(&checks)).contains("creditHeader.idNum"));
}
