//! The typed `CreditReport` covers `shared/spec/result_schema.json` exactly: every key, at the
//! right place, nothing extra.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;
use zhengxin::report::CreditReport;

/// Leaf count stated by the contract (API.md), counting one element per list.
const SCHEMA_LEAVES: usize = 557;

fn schema() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/result_schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("schema is valid JSON")
}

/// The path of key `k` under `prefix` (`a.b` + `c` → `a.b.c`).
fn child_path(prefix: &str, k: &str) -> String {
    if prefix.is_empty() {
        k.to_owned()
    } else {
        format!("{prefix}.{k}")
    }
}

/// Dotted paths of every key; list elements contribute `[]` so one element's keys are listed
/// once however many elements the list holds.
fn key_paths(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let path = child_path(prefix, k);
                out.insert(path.clone());
                key_paths(child, &path, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                key_paths(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// The schema as `Default` should print it: scalars `""`, lists `[]`.
fn emptied(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(map.iter().map(|(k, c)| (k.clone(), emptied(c))).collect()),
        Value::Array(_) => Value::Array(Vec::new()),
        Value::String(_) => Value::String(String::new()),
        other => panic!("schema holds a non-string leaf: {other}"),
    }
}

fn leaf_count(v: &Value) -> usize {
    match v {
        Value::Object(map) => map.values().map(leaf_count).sum(),
        // The contract counts a list's element shape once, not each example element.
        Value::Array(items) => items.first().map_or(0, leaf_count),
        _ => 1,
    }
}

#[test]
fn schema_round_trips_through_the_typed_report() {
    let schema = schema();
    let report: CreditReport =
        serde_json::from_value(schema.clone()).expect("schema deserialises with deny_unknown_fields everywhere");
    let back = serde_json::to_value(&report).expect("serialise");
    if back != schema {
        let mut want = BTreeSet::new();
        let mut got = BTreeSet::new();
        key_paths(&schema, "", &mut want);
        key_paths(&back, "", &mut got);
        // Capped so a wholesale mismatch stays readable.
        let missing: Vec<_> = want.difference(&got).take(20).collect();
        let extra: Vec<_> = got.difference(&want).take(20).collect();
        panic!("round trip differs; missing keys {missing:?}, extra keys {extra:?}");
    }
}

#[test]
fn default_report_prints_every_key_empty() {
    let schema = schema();
    let default = serde_json::to_value(CreditReport::default()).expect("serialise");
    let mut want = BTreeSet::new();
    let mut got = BTreeSet::new();
    key_paths(&emptied(&schema), "", &mut want);
    key_paths(&default, "", &mut got);
    let missing: Vec<_> = want.difference(&got).take(20).collect();
    let extra: Vec<_> = got.difference(&want).take(20).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "Default: missing keys {missing:?}, extra keys {extra:?}"
    );
    assert_eq!(
        default,
        emptied(&schema),
        "Default must hold \"\" for scalars and [] for lists"
    );
}

#[test]
fn schema_has_the_contracted_leaf_count() {
    let schema = schema();
    assert_eq!(leaf_count(&schema), SCHEMA_LEAVES);
    // Through the typed report too: a lossy struct would lose leaves on the way back.
    let report: CreditReport = serde_json::from_value(schema).expect("deserialise");
    assert_eq!(
        leaf_count(&serde_json::to_value(&report).expect("serialise")),
        SCHEMA_LEAVES
    );
}

#[test]
fn unknown_keys_are_rejected_at_depth() {
    let mut schema = schema();
    schema["creditTransInfoDetail"]["acyclicCreditAccount"][0]["refundRecord"]["detail"][0]["month"][0]["unexpected"] =
        Value::String("x".into());
    assert!(serde_json::from_value::<CreditReport>(schema).is_err());
}

/// Every leaf as (dotted path with `[0]` for list elements, key, the contract's description).
fn leaves_described(v: &Value, prefix: &str, key: &str, out: &mut Vec<(String, String, String)>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                leaves_described(child, &child_path(prefix, k), k, out);
            }
        }
        Value::Array(items) => {
            if let Some(first) = items.first() {
                leaves_described(first, &format!("{prefix}[0]"), key, out);
            }
        }
        Value::String(description) => out.push((prefix.to_owned(), key.to_owned(), description.clone())),
        _ => {}
    }
}

/// The `value.format` check knows an amount by its key; the contract knows it by its description
/// (…金额, …余额, …额度, 本月应还款, 家庭月收入, …). A key left out of the check's lists is a
/// misread amount nothing flags, so every leaf the contract describes as money must have the
/// amount form.
#[test]
fn every_leaf_the_contract_calls_money_has_the_amount_form() {
    use zhengxin::evidence::checks::formats::{form_at, Form};
    // `额` also ends …金额 and …余额.
    const MONEY: &[&str] = &["额", "额度", "本金", "应还款", "实还款", "收入"];
    let mut leaves = Vec::new();
    leaves_described(&schema(), "", "", &mut leaves);
    let money: Vec<_> = leaves
        .iter()
        .filter(|(_, _, d)| MONEY.iter().any(|m| d.ends_with(m)))
        .collect();
    assert!(money.len() > 60, "only {} money leaves found", money.len());
    let missed: Vec<_> = money
        .iter()
        .filter(|(path, key, _)| form_at(path, key) != Some(Form::Amount))
        .map(|(path, _, d)| format!("{path} ({d})"))
        .collect();
    assert!(missed.is_empty(), "money leaves without the amount form: {missed:#?}");
}
