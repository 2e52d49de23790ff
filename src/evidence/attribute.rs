//! Hands each leaf of the finished `result` the note (see [`super::provenance`]) of the value
//! the parser took for it: the first unused note of the leaf's section with the same text and
//! the leaf's key, else the first unused one with the same text and no key. Leaves and notes
//! both come in reading order within a section, so equal texts (`0`, `--`) pair up in order.

use std::collections::{HashMap, VecDeque};

use serde_json::Value as J;

use super::provenance::{Note, ReadLog};
use crate::report::CreditReport;

/// One non-empty string leaf of `result`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// EVIDENCE.md path: keys joined by `.`, list items as `[i]`.
    pub path: String,
    /// The last object key on the path (`state` for `…month[4].state`).
    pub key: String,
    /// The top-level key the leaf lives under.
    pub section: String,
    /// The value.
    pub text: String,
}

/// Every non-empty leaf of `report`, in the order of its JSON (keys sorted within an object,
/// list items in order).
pub fn leaves(report: &CreditReport) -> Vec<Leaf> {
    let mut out = Vec::new();
    if let Ok(J::Object(map)) = serde_json::to_value(report) {
        let mut path = String::with_capacity(128);
        for (k, v) in map {
            path.clear();
            path.push_str(&k);
            walk(v, &mut path, &k, &k, &mut out);
        }
    }
    out
}

/// Pushes the leaves under `v`, whose path is `path`. The tree is consumed, so that each
/// leaf's text is moved rather than copied, and the path is one buffer grown and cut back as
/// the walk goes down and up (a report has thousands of nodes).
fn walk(v: J, path: &mut String, key: &str, section: &str, out: &mut Vec<Leaf>) {
    let at = path.len();
    match v {
        J::String(s) if !s.is_empty() => out.push(Leaf {
            path: path.clone(),
            key: key.to_string(),
            section: section.to_string(),
            text: s,
        }),
        J::Object(map) => {
            for (k, child) in map {
                path.push('.');
                path.push_str(&k);
                walk(child, path, &k, section, out);
                path.truncate(at);
            }
        }
        J::Array(items) => {
            for (i, child) in items.into_iter().enumerate() {
                use std::fmt::Write;
                let _ = write!(path, "[{i}]");
                walk(child, path, key, section, out);
                path.truncate(at);
            }
        }
        _ => {}
    }
}

/// For each leaf, the note its value was read as (`None` when no note matches): the first
/// unused note of its section and text that names the leaf's key, else the first unused one
/// that names no key. A note that names a key is the better match, and a leaf that takes a
/// keyless note it did not need leaves another leaf without one: a grid's `amount` of `0` that
/// took the `0` a form row noted without a key left that row's leaf further on unlocated.
pub fn assign<'a>(leaves: &[Leaf], log: &'a ReadLog) -> Vec<Option<&'a Note>> {
    // Per (section, text, key or none): the notes in reading order, taken from the front.
    let mut queues: HashMap<(&str, &str, Option<&str>), VecDeque<&'a Note>> = HashMap::new();
    for n in &log.notes {
        queues
            .entry((n.section, n.text.as_str(), n.key.as_deref()))
            .or_default()
            .push_back(n);
    }
    leaves
        .iter()
        .map(|leaf| {
            let (section, text) = (leaf.section.as_str(), leaf.text.as_str());
            [Some(leaf.key.as_str()), None]
                .into_iter()
                .find_map(|key| queues.get_mut(&(section, text, key))?.pop_front())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::provenance::{self};
    use crate::geom::Rect;
    use crate::layout::CellPiece;

    fn at(x: f32) -> Vec<CellPiece> {
        vec![CellPiece {
            page: 0,
            rect: Rect::new(x, 0.0, x + 1.0, 1.0),
        }]
    }

    /// For each leaf of `report`, where its note is (the left edge of the note's first box).
    fn note_xs(report: &CreditReport, log: &ReadLog) -> Vec<Option<f32>> {
        assign(&leaves(report), log)
            .iter()
            .map(|n| n.map(|n| n.boxes[0].rect.x0))
            .collect()
    }

    #[test]
    fn leaves_take_notes_of_their_section_text_and_key_in_order() {
        let mut report = CreditReport::default();
        report.credit_header.serial_no = "2015".into();
        report.credit_header.who_was_checked = "0".into();
        let ((), log) = provenance::collect(|| {
            provenance::section("infoSummary", || provenance::note("2015", &at(1.0)));
            provenance::section("creditHeader", || {
                provenance::note_keyed(Some("idNum"), "2015", &at(2.0));
                provenance::note_keyed(Some("serialNo"), "2015", &at(3.0));
                provenance::note("0", &at(4.0));
            });
        });
        let ls = leaves(&report);
        let paths: Vec<&str> = ls.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(paths, ["creditHeader.serialNo", "creditHeader.whoWasChecked"]);
        assert_eq!(note_xs(&report, &log), [Some(3.0), Some(4.0)]);
    }

    #[test]
    fn a_note_passed_over_for_its_key_is_still_there_for_a_later_leaf() {
        let mut report = CreditReport::default();
        report.credit_header.serial_no = "--".into();
        report.credit_header.report_time = "--".into();
        report.credit_header.who_was_checked = "--".into();
        let ((), log) = provenance::collect(|| {
            provenance::section("creditHeader", || {
                provenance::note_keyed(Some("serialNo"), "--", &at(1.0));
                provenance::note_keyed(Some("reportTime"), "--", &at(2.0));
                provenance::note("--", &at(3.0));
            });
        });
        // Leaves in key order: reportTime, serialNo, whoWasChecked.
        assert_eq!(note_xs(&report, &log), [Some(2.0), Some(1.0), Some(3.0)]);
    }

    #[test]
    fn a_leaf_with_a_note_of_its_key_leaves_the_keyless_note_to_another() {
        let mut report = CreditReport::default();
        report.credit_header.report_time = "--".into();
        report.credit_header.serial_no = "--".into();
        // Read in this order: the serial number by a taker that names no key, then the time.
        let ((), log) = provenance::collect(|| {
            provenance::section("creditHeader", || {
                provenance::note("--", &at(1.0));
                provenance::note_keyed(Some("reportTime"), "--", &at(2.0));
            });
        });
        // Leaves in key order: reportTime, serialNo.
        assert_eq!(note_xs(&report, &log), [Some(2.0), Some(1.0)]);
    }
}
