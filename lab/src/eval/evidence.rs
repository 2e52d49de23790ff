//! Scores the evidence (`evidence=1`) of a parse against the truth: coverage (every non-empty
//! leaf has an entry), box correctness on text-layer PDFs (the characters inside a value's
//! boxes are exactly the value), flag recall (share of wrong fields a reviewer is sent to),
//! flag rate (share of all fields sent for review) and the calibration of `confidence` over
//! the fields read from pixels (10-bin expected calibration error).
//!
//! A field is *wrong* when its extracted value differs from the truth at the same scorer path
//! (see [`super::flatten`]) or the truth has no such path; fields the truth does not cover (a
//! partial hand truth) and the grids' `year`/`monthValue` leaves (consumed by the scorer's
//! keys) are not labelled. A field is *flagged* when `review` names it (the measure);
//! the `*_records` figures also count a field flagged when `review` names a record or list
//! holding it (a failed check may name a whole account), which is what a reviewer then reads.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use zhengxin::evidence::{attribute, Evidence, Signals, Source};
use zhengxin::report::CreditReport;
use zhengxin::Result;

use super::compare::Scope;
use super::flatten::flatten;

/// Keys whose value is not printed as such (EVIDENCE.md: they point at the text they are
/// derived from), so their boxes cannot hold exactly the value.
pub const DERIVED_KEYS: &[&str] = &["startDate", "endDate", "dateRange"];

/// Bins of the reliability table and of the ECE.
pub const BINS: usize = 10;

/// One extracted field, labelled against the truth.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledField {
    /// Its evidence path.
    pub path: String,
    /// The extracted value equals the truth's.
    pub right: bool,
    /// Read from pixels.
    pub ocr: bool,
    /// Its `confidence`.
    pub confidence: f64,
    /// Its path is in `review`.
    pub flagged: bool,
    /// Its path or a record or list holding it is in `review`.
    pub flagged_within: bool,
    /// What the confidence was computed from.
    pub signals: Signals,
}

/// The labelled fields of one parse, with its coverage counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labelled {
    /// Non-empty leaves of the extracted `result`.
    pub leaves: u64,
    /// Of those, the ones with an evidence entry.
    pub covered: u64,
    /// Of those, the ones with at least one box.
    pub located: u64,
    /// The fields that could be labelled.
    pub fields: Vec<LabelledField>,
}

/// Labels the fields of `got` (with its `evidence`) against the truth `expected`.
pub fn label(expected: &CreditReport, got: &CreditReport, evidence: &Evidence, scope: &Scope) -> Result<Labelled> {
    let want = flatten(expected)?;
    let have = flatten(got)?;
    let review: HashSet<&str> = evidence.review.iter().map(String::as_str).collect();
    let mut out = Labelled::default();
    for leaf in attribute::leaves(got) {
        out.leaves += 1;
        let Some(entry) = evidence.fields.get(&leaf.path) else {
            continue;
        };
        out.covered += 1;
        out.located += u64::from(!entry.boxes.is_empty());
        let Some(scored) = have.positions.get(&leaf.path) else {
            continue;
        };
        if !scope.covers(scored) {
            continue;
        }
        out.fields.push(LabelledField {
            right: want.leaves.get(scored) == Some(&leaf.text),
            ocr: entry.source == Source::Ocr,
            confidence: entry.confidence,
            flagged: review.contains(leaf.path.as_str()),
            flagged_within: within(&leaf.path, &review),
            signals: entry.signals,
            path: leaf.path,
        });
    }
    Ok(out)
}

/// Whether `review` names `path` or a record or list holding it.
fn within(path: &str, review: &HashSet<&str>) -> bool {
    if review.contains(path) {
        return true;
    }
    path.char_indices()
        .filter(|&(i, c)| i > 0 && (c == '.' || c == '['))
        .any(|(i, _)| review.contains(&path[..i]))
}

/// Characters printed on a text-layer page: (char, centre x, centre y) in points from the
/// page's top-left, white space left out.
pub type PageChars = Vec<(char, f32, f32)>;

/// Of the located, non-derived fields of `evidence`, how many have boxes that hold exactly
/// their value's characters (white space ignored) among `pages`' characters: (checked, exact).
pub fn boxes_exact(got: &CreditReport, evidence: &Evidence, pages: &[PageChars]) -> (u64, u64) {
    let (mut checked, mut exact) = (0, 0);
    for leaf in attribute::leaves(got) {
        let Some(entry) = evidence.fields.get(&leaf.path) else {
            continue;
        };
        if entry.boxes.is_empty() || DERIVED_KEYS.contains(&leaf.key.as_str()) {
            continue;
        }
        checked += 1;
        let inside: String = entry
            .boxes
            .iter()
            .flat_map(|b| {
                let [x0, y0, x1, y1] = b.bbox.map(|v| v as f32);
                reading_order(
                    pages
                        .get(b.page.wrapping_sub(1))
                        .into_iter()
                        .flatten()
                        .filter(|(_, x, y)| *x >= x0 && *x <= x1 && *y >= y0 && *y <= y1)
                        .copied()
                        .collect(),
                )
            })
            .collect();
        let value: String = leaf.text.chars().filter(|c| !c.is_whitespace()).collect();
        exact += u64::from(inside == value);
    }
    (checked, exact)
}

/// A reliability table: per confidence bin, how many fields and how many right.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reliability {
    /// `BINS` bins of width 0.1 (1.0 falls in the last).
    pub bins: Vec<Bin>,
}

/// One bin of a [`Reliability`] table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    /// Fields in the bin.
    pub count: u64,
    /// Sum of their confidences.
    pub confidence_sum: f64,
    /// Of them, the right ones.
    pub right: u64,
}

impl Reliability {
    /// Adds one field.
    pub fn add(&mut self, confidence: f64, right: bool) {
        if self.bins.len() < BINS {
            self.bins.resize(BINS, Bin::default());
        }
        let c = confidence.clamp(0.0, 1.0);
        let bin = &mut self.bins[((c * BINS as f64) as usize).min(BINS - 1)];
        bin.count += 1;
        bin.confidence_sum += c;
        bin.right += u64::from(right);
    }

    /// Adds another table.
    pub fn merge(&mut self, other: &Reliability) {
        if self.bins.len() < BINS {
            self.bins.resize(BINS, Bin::default());
        }
        for (a, b) in self.bins.iter_mut().zip(&other.bins) {
            a.count += b.count;
            a.confidence_sum += b.confidence_sum;
            a.right += b.right;
        }
    }

    /// Fields counted.
    pub fn count(&self) -> u64 {
        self.bins.iter().map(|b| b.count).sum()
    }

    /// Expected calibration error: the count-weighted mean gap between each bin's mean
    /// confidence and its share right. `None` without fields.
    pub fn ece(&self) -> Option<f64> {
        let n = self.count();
        (n > 0).then(|| {
            self.bins
                .iter()
                .filter(|b| b.count > 0)
                .map(|b| (b.confidence_sum - b.right as f64).abs())
                .sum::<f64>()
                / n as f64
        })
    }
}

/// Running evidence counts of one variant.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvidenceAccumulator {
    leaves: u64,
    covered: u64,
    located: u64,
    boxes_checked: u64,
    boxes_exact: u64,
    fields: u64,
    wrong: u64,
    flagged: u64,
    wrong_flagged: u64,
    flagged_within: u64,
    wrong_flagged_within: u64,
    ocr: Reliability,
}

impl EvidenceAccumulator {
    /// Adds one parse's labelled fields and, on text-layer PDFs, its box counts.
    pub fn add(&mut self, labelled: &Labelled, boxes: Option<(u64, u64)>) {
        self.leaves += labelled.leaves;
        self.covered += labelled.covered;
        self.located += labelled.located;
        if let Some((checked, exact)) = boxes {
            self.boxes_checked += checked;
            self.boxes_exact += exact;
        }
        for f in &labelled.fields {
            self.fields += 1;
            self.wrong += u64::from(!f.right);
            self.flagged += u64::from(f.flagged);
            self.wrong_flagged += u64::from(f.flagged && !f.right);
            self.flagged_within += u64::from(f.flagged_within);
            self.wrong_flagged_within += u64::from(f.flagged_within && !f.right);
            if f.ocr {
                self.ocr.add(f.confidence, f.right);
            }
        }
    }

    /// The figures.
    pub fn finish(self) -> EvidenceScore {
        let share = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
        EvidenceScore {
            coverage: share(self.covered, self.leaves).unwrap_or(1.0),
            located: share(self.located, self.covered).unwrap_or(1.0),
            box_correctness: share(self.boxes_exact, self.boxes_checked),
            flag_recall: share(self.wrong_flagged, self.wrong),
            flag_rate: share(self.flagged, self.fields).unwrap_or(0.0),
            flag_recall_records: share(self.wrong_flagged_within, self.wrong),
            flag_rate_records: share(self.flagged_within, self.fields).unwrap_or(0.0),
            ocr_fields: self.ocr.count(),
            ece: self.ocr.ece(),
            leaves: self.leaves,
            covered: self.covered,
            boxes_checked: self.boxes_checked,
            boxes_exact: self.boxes_exact,
            fields: self.fields,
            wrong: self.wrong,
            flagged: self.flagged,
            wrong_flagged: self.wrong_flagged,
            flagged_within: self.flagged_within,
            wrong_flagged_within: self.wrong_flagged_within,
            reliability: self.ocr,
        }
    }
}

/// The evidence figures of one variant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceScore {
    /// Share of the extracted non-empty leaves that have an evidence entry.
    pub coverage: f64,
    /// Share of the entries that have at least one box.
    pub located: f64,
    /// Share of the checked boxes holding exactly their value (text-layer PDFs only).
    pub box_correctness: Option<f64>,
    /// Share of the wrong fields that are flagged (`None` when none is wrong).
    pub flag_recall: Option<f64>,
    /// Share of the labelled fields that are flagged.
    pub flag_rate: f64,
    /// Flag recall counting fields whose record or list is in `review` as flagged.
    pub flag_recall_records: Option<f64>,
    /// Flag rate counting fields whose record or list is in `review` as flagged.
    pub flag_rate_records: f64,
    /// Fields read from pixels, over which `ece` is measured.
    pub ocr_fields: u64,
    /// 10-bin expected calibration error of `confidence` over the OCR fields.
    pub ece: Option<f64>,
    /// Extracted non-empty leaves.
    pub leaves: u64,
    /// Of those, with an entry.
    pub covered: u64,
    /// Boxes checked against the text layer.
    pub boxes_checked: u64,
    /// Of those, holding exactly the value.
    pub boxes_exact: u64,
    /// Labelled fields.
    pub fields: u64,
    /// Of those, wrong.
    pub wrong: u64,
    /// Of those, flagged.
    pub flagged: u64,
    /// Wrong and flagged.
    pub wrong_flagged: u64,
    /// Flagged themselves or through a record or list holding them.
    pub flagged_within: u64,
    /// Of those, wrong.
    pub wrong_flagged_within: u64,
    /// The OCR fields' reliability table.
    pub reliability: Reliability,
}

/// Centres of one printed line differ by less than this (glyphs of different fonts and heights on
/// one baseline), lines of a cell by a line's height, 9 pt or more.
const SAME_LINE_PT: f32 = 3.0;

/// The characters of one box in reading order: its lines top to bottom, each left to right. The
/// text layer keeps the order the producer drew them in, which is not always that: Word draws a
/// cell's second line before its first in places (the real sample's `信用卡中心` under
/// `广发银行`), and the box holds exactly the value all the same.
fn reading_order(mut chars: Vec<(char, f32, f32)>) -> Vec<char> {
    chars.sort_by(|a, b| a.2.total_cmp(&b.2));
    let mut lines: Vec<Vec<(char, f32, f32)>> = Vec::new();
    for c in chars {
        match lines.last_mut() {
            Some(line) if c.2 - line[0].2 < SAME_LINE_PT => line.push(c),
            _ => lines.push(vec![c]),
        }
    }
    lines
        .into_iter()
        .flat_map(|mut line| {
            line.sort_by(|a, b| a.1.total_cmp(&b.1));
            line.into_iter().map(|(c, _, _)| c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ece_is_the_weighted_gap_per_bin() {
        let mut r = Reliability::default();
        assert_eq!(r.ece(), None);
        // Bin 0.9: confidences 0.95 ×4, 3 right → gap |3.8 - 3| = 0.8.
        for right in [true, true, true, false] {
            r.add(0.95, right);
        }
        // Bin 0.5: 0.5 ×2, 1 right → gap 0.
        r.add(0.5, true);
        r.add(0.5, false);
        // 1.0 lands in the last bin: sum 4.8, right 4 → gap 0.8.
        r.add(1.0, true);
        assert_eq!(r.count(), 7);
        assert!((r.ece().unwrap() - 0.8 / 7.0).abs() < 1e-12);
        let mut twice = r.clone();
        twice.merge(&r);
        assert!((twice.ece().unwrap() - r.ece().unwrap()).abs() < 1e-12);
    }

    #[test]
    fn a_box_is_read_line_by_line_whatever_order_the_text_layer_drew_it_in() {
        // `广发银行` over `信用卡中心`, the second line drawn first; one digit a little higher.
        let drawn: Vec<(char, f32, f32)> = "信用卡中心"
            .chars()
            .enumerate()
            .map(|(i, c)| (c, 10.0 + 9.0 * i as f32, 121.0))
            .chain(
                "广发银行"
                    .chars()
                    .enumerate()
                    .map(|(i, c)| (c, 10.0 + 9.0 * i as f32, 110.0)),
            )
            .chain([('1', 50.0, 109.2)])
            .collect();
        let read: String = reading_order(drawn).into_iter().collect();
        assert_eq!(read, "广发银行1信用卡中心");
    }

    #[test]
    fn a_record_in_review_flags_its_fields() {
        let review: HashSet<&str> = ["a.b[1]", "c.d"].into_iter().collect();
        assert!(within("a.b[1].x", &review));
        assert!(within("a.b[1]", &review));
        assert!(within("c.d", &review));
        assert!(!within("a.b[10].x", &review));
        assert!(!within("c.dd", &review));
        assert!(!within("a.b", &review));
    }

    #[test]
    fn recall_and_rate_count_wrong_and_flagged_fields() {
        let field = |right, flagged, confidence| LabelledField {
            path: String::new(),
            right,
            ocr: true,
            confidence,
            flagged,
            flagged_within: true,
            signals: Signals::default(),
        };
        let labelled = Labelled {
            leaves: 5,
            covered: 5,
            located: 4,
            fields: vec![
                field(true, false, 0.99),
                field(true, true, 0.5),
                field(false, true, 0.4),
                field(false, false, 0.97),
            ],
        };
        let mut acc = EvidenceAccumulator::default();
        acc.add(&labelled, Some((4, 3)));
        let s = acc.finish();
        assert_eq!((s.coverage, s.located), (1.0, 0.8));
        assert_eq!(s.box_correctness, Some(0.75));
        assert_eq!(s.flag_recall, Some(0.5));
        assert_eq!(s.flag_rate, 0.5);
        assert_eq!((s.flag_recall_records, s.flag_rate_records), (Some(1.0), 1.0));
        assert_eq!(s.ocr_fields, 4);
        assert!(s.ece.is_some());
    }
}
