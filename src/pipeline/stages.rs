//! Where a parse's time goes, stage by stage, for the `zhengxin_stage_seconds` metric. Counts
//! only durations, never anything read from the document. OCR pages are read side by side, so
//! a stage's time is summed over its pages and the stages of one parse can add up to more than
//! its wall-clock time.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// A stage of [`super::Pipeline::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// pdfium opens the document.
    Open,
    /// Text layer of every page: characters, glyph boxes, rulings (and the glyph runs of a
    /// garbled layer).
    Text,
    /// pdfium renders a page that is read from pixels.
    Render,
    /// Cleaning, binarisation, orientation, skew and rulings of a rendered page.
    Geometry,
    /// Text detection and the orientation vote.
    Detect,
    /// Text recognition (lines, empty grid cells, glyph runs).
    Recognise,
    /// Lines, blocks and tables of the document, and the correction of OCR text.
    Layout,
    /// Classification and the report's fields.
    Parse,
    /// The evidence object and integrity signals (`evidence=1` only).
    Evidence,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 9] = [
        Stage::Open,
        Stage::Text,
        Stage::Render,
        Stage::Geometry,
        Stage::Detect,
        Stage::Recognise,
        Stage::Layout,
        Stage::Parse,
        Stage::Evidence,
    ];

    /// The metric label (`stage="…"`), as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Open => "open",
            Stage::Text => "text",
            Stage::Render => "render",
            Stage::Geometry => "geometry",
            Stage::Detect => "detect",
            Stage::Recognise => "recognise",
            Stage::Layout => "layout",
            Stage::Parse => "parse",
            Stage::Evidence => "evidence",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Time spent per stage by one parse; a stage that did not run (no OCR page, no evidence) has
/// none, which is not the same as zero.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "BTreeMap<Stage, f64>", into = "BTreeMap<Stage, f64>")]
pub struct StageTimes {
    spent: [Option<Duration>; Stage::ALL.len()],
}

impl StageTimes {
    /// Adds `d` to `stage`.
    pub fn add(&mut self, stage: Stage, d: Duration) {
        let slot = &mut self.spent[stage.index()];
        *slot = Some(slot.unwrap_or_default() + d);
    }

    /// Runs `f`, adding its time to `stage`.
    pub fn time<T>(&mut self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let out = f();
        self.add(stage, t.elapsed());
        out
    }

    /// Time of `stage`, `None` when it did not run.
    pub fn get(&self, stage: Stage) -> Option<Duration> {
        self.spent[stage.index()]
    }

    /// The stages that ran, in pipeline order.
    pub fn iter(&self) -> impl Iterator<Item = (Stage, Duration)> + '_ {
        Stage::ALL.into_iter().filter_map(|s| self.get(s).map(|d| (s, d)))
    }
}

/// On the wire (a worker's reply): seconds by stage name.
impl From<StageTimes> for BTreeMap<Stage, f64> {
    fn from(t: StageTimes) -> Self {
        t.iter().map(|(s, d)| (s, d.as_secs_f64())).collect()
    }
}

impl From<BTreeMap<Stage, f64>> for StageTimes {
    fn from(m: BTreeMap<Stage, f64>) -> Self {
        let mut t = StageTimes::default();
        for (stage, secs) in m {
            // A negative or non-finite number cannot come from `as_secs_f64`; it is dropped
            // rather than trusted.
            if let Ok(d) = Duration::try_from_secs_f64(secs) {
                t.add(stage, d);
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_and_unrun_stages_stay_absent() {
        let mut t = StageTimes::default();
        t.add(Stage::Text, Duration::from_millis(3));
        t.add(Stage::Text, Duration::from_millis(4));
        t.add(Stage::Parse, Duration::ZERO);
        assert_eq!(t.get(Stage::Text), Some(Duration::from_millis(7)));
        assert_eq!(t.get(Stage::Parse), Some(Duration::ZERO));
        assert_eq!(t.get(Stage::Detect), None);
        let ran: Vec<Stage> = t.iter().map(|(s, _)| s).collect();
        assert_eq!(ran, [Stage::Text, Stage::Parse]);
    }

    #[test]
    fn labels_are_serde_names_and_the_wire_form_round_trips() {
        for s in Stage::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        let mut t = StageTimes::default();
        t.add(Stage::Open, Duration::from_micros(1500));
        t.add(Stage::Recognise, Duration::from_secs(2));
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"{"open":0.0015,"recognise":2.0}"#);
        let back: StageTimes = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        // Nonsense from the other side of a pipe is dropped, not a panic.
        let odd: StageTimes = serde_json::from_str(r#"{"open":-1.0,"text":1e300}"#).unwrap();
        assert_eq!(odd, StageTimes::default());
    }
}
