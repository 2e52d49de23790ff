//! One number per value: the probability that it is exactly the printed one. The signals are
//! gathered by the evidence builder; how they combine is a small logistic model whose
//! parameters live in `calibration.json` (compiled in), so a fit on the corpus only rewrites
//! that file.

use serde::{Deserialize, Serialize};

use crate::evidence::checks::formats;

/// The committed parameters.
const CALIBRATION: &str = include_str!("calibration.json");

/// Parameters of the combination (see `calibration.json`'s comment).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    /// Confidence of a text-layer value no failed check names.
    pub text_layer: f64,
    /// Confidence of a text-layer value a failed check names.
    pub failed_check_text: f64,
    /// Logit offset of an OCR value.
    pub bias: f64,
    /// Weight of the logit of the least probable character.
    pub w_min_prob: f64,
    /// Weight of the logit of the mean character probability.
    pub w_mean_prob: f64,
    /// Weight of "the value is not printed verbatim in its box" (corrected or derived).
    pub w_not_verbatim: f64,
    /// Weight of "a date or amount that does not parse".
    pub w_bad_format: f64,
    /// Weight of "a failed check names the value".
    pub w_failed_check: f64,
    /// Weight of "no glyph found in the value's box".
    pub w_no_glyphs: f64,
    /// Weight of "a passed check found the value equal to another one read independently"
    /// ([`crate::evidence::checks::corroborated`]). 0 in a file fitted before the signal existed.
    #[serde(default)]
    pub w_corroborated: f64,
    /// Character probabilities are clamped to `[floor, 1 - floor]` before the logit.
    pub prob_floor: f64,
}

impl Calibration {
    /// The committed parameters. The file is compiled in and covered by a test, so a broken
    /// one cannot ship; should it still not parse, the neutral model (everything 1.0 but
    /// failed checks) is used rather than failing requests.
    pub fn committed() -> Self {
        Self::parse(CALIBRATION).unwrap_or(Self::NEUTRAL)
    }

    /// Parses a calibration file's text.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        let mut v: serde_json::Value = serde_json::from_str(text)?;
        // The file explains itself in a `comment` key, which is not a parameter.
        if let Some(map) = v.as_object_mut() {
            map.remove("comment");
        }
        serde_json::from_value(v)
    }

    /// The file text for these parameters, with `comment` (what a fit writes).
    pub fn to_file(&self, comment: &str) -> String {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(map) = v.as_object_mut() {
            map.insert("comment".into(), comment.into());
        }
        serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
    }

    const NEUTRAL: Self = Self {
        text_layer: 1.0,
        failed_check_text: 0.5,
        bias: 10.0,
        w_min_prob: 0.0,
        w_mean_prob: 0.0,
        w_not_verbatim: 0.0,
        w_bad_format: 0.0,
        w_failed_check: -20.0,
        w_no_glyphs: 0.0,
        w_corroborated: 0.0,
        prob_floor: 0.001,
    };

    /// The confidence of a value with these signals, in [0, 1].
    pub fn confidence(&self, s: &Signals) -> f64 {
        if !s.ocr {
            return if s.failed_check {
                self.failed_check_text
            } else {
                self.text_layer
            };
        }
        let z: f64 = self.weights().iter().zip(self.features(s)).map(|(w, x)| w * x).sum();
        1.0 / (1.0 + (-z).exp())
    }

    /// The inputs of the OCR model for these signals, in the order of [`FEATURES`] (the first
    /// is the constant 1 the bias multiplies). A fit of the weights uses exactly these, so the
    /// fitted model is the one [`Calibration::confidence`] evaluates.
    pub fn features(&self, s: &Signals) -> [f64; FEATURE_COUNT] {
        let logit = |p: f64| {
            let p = p.clamp(self.prob_floor, 1.0 - self.prob_floor);
            (p / (1.0 - p)).ln()
        };
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        [
            1.0,
            s.min_prob.map_or(0.0, logit),
            s.mean_prob.map_or(0.0, logit),
            flag(!s.verbatim),
            flag(s.format_ok == Some(false)),
            flag(s.failed_check),
            flag(s.min_prob.is_none()),
            flag(s.corroborated),
        ]
    }

    /// The OCR model's weights, in the order of [`FEATURES`].
    pub fn weights(&self) -> [f64; FEATURE_COUNT] {
        [
            self.bias,
            self.w_min_prob,
            self.w_mean_prob,
            self.w_not_verbatim,
            self.w_bad_format,
            self.w_failed_check,
            self.w_no_glyphs,
            self.w_corroborated,
        ]
    }

    /// These parameters with the OCR model's weights replaced (order of [`FEATURES`]).
    pub fn with_weights(self, w: [f64; FEATURE_COUNT]) -> Self {
        let [bias, w_min_prob, w_mean_prob, w_not_verbatim, w_bad_format, w_failed_check, w_no_glyphs, w_corroborated] =
            w;
        Self {
            bias,
            w_min_prob,
            w_mean_prob,
            w_not_verbatim,
            w_bad_format,
            w_failed_check,
            w_no_glyphs,
            w_corroborated,
            ..self
        }
    }
}

/// Number of inputs of the OCR model.
pub const FEATURE_COUNT: usize = 8;

/// The OCR model's inputs, named as their weights are in `calibration.json`.
pub const FEATURES: [&str; FEATURE_COUNT] = [
    "bias",
    "w_min_prob",
    "w_mean_prob",
    "w_not_verbatim",
    "w_bad_format",
    "w_failed_check",
    "w_no_glyphs",
    "w_corroborated",
];

/// What is known about one value.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Signals {
    /// Read from pixels.
    pub ocr: bool,
    /// Least probable character (`None` when no glyph was found).
    pub min_prob: Option<f64>,
    /// Mean character probability.
    pub mean_prob: Option<f64>,
    /// The value's characters appear in order among those printed in its box.
    pub verbatim: bool,
    /// Whether it reads in its format (dates, amounts); `None` when it has no checked format.
    pub format_ok: Option<bool>,
    /// A failed consistency check names it.
    pub failed_check: bool,
    /// A passed check found it equal to a value read independently (an ID number's check
    /// digit, a summary count against the details), and no failed check names it.
    pub corroborated: bool,
}

impl Signals {
    /// Sets the probability signals from the characters' probabilities.
    pub fn with_probs(mut self, confs: &[f32]) -> Self {
        if !confs.is_empty() {
            self.min_prob = confs.iter().copied().reduce(f32::min).map(f64::from);
            self.mean_prob = Some(confs.iter().map(|&c| f64::from(c)).sum::<f64>() / confs.len() as f64);
        }
        self
    }
}

/// Whether `text`, the value at `path` (last key `key`), is in the printed form its keys imply
/// (the `value.format` rule's forms: a date, an amount, a count, a share, a phone number, a
/// grid state, a month range, a code word, an ID number); `None` where they imply none.
pub fn format_ok(path: &str, key: &str, text: &str) -> Option<bool> {
    formats::fits_at(path, key, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_file_parses_and_orders_the_signals() {
        let c = Calibration::parse(CALIBRATION).expect("calibration.json parses");
        let text = Signals::default();
        assert_eq!(c.confidence(&text), c.text_layer);
        let failed = Signals {
            failed_check: true,
            ..text
        };
        assert_eq!(c.confidence(&failed), c.failed_check_text);
        let sure = Signals {
            ocr: true,
            verbatim: true,
            ..Signals::default()
        }
        .with_probs(&[0.999, 0.998]);
        let unsure = sure.with_probs(&[0.999, 0.6]);
        // Whether a value not printed verbatim is likelier wrong is for the fit to say (its
        // probabilities then cover more glyphs than its own); a low character probability and
        // a date or amount that does not parse make a value less likely right.
        let corrected = Signals {
            verbatim: false,
            ..sure
        };
        let bad = Signals {
            format_ok: Some(false),
            ..sure
        };
        let (s, u, k, b) = (
            c.confidence(&sure),
            c.confidence(&unsure),
            c.confidence(&corrected),
            c.confidence(&bad),
        );
        assert!(s > u && s > b, "{s} {u} {b}");
        assert!([s, u, k, b].iter().all(|v| (0.0..=1.0).contains(v)));
    }

    #[test]
    fn weights_round_trip_and_drive_the_confidence() {
        let c = Calibration::parse(CALIBRATION).expect("calibration.json parses");
        assert_eq!(c.with_weights(c.weights()), c);
        let s = Signals {
            ocr: true,
            verbatim: true,
            ..Signals::default()
        }
        .with_probs(&[0.9, 0.99]);
        let mut w = [0.0; FEATURE_COUNT];
        w[0] = 1.0;
        let only_bias = c.with_weights(w);
        assert!((only_bias.confidence(&s) - 1.0 / (1.0 + (-1.0f64).exp())).abs() < 1e-12);
        w[1] = 1.0;
        let with_min = c.with_weights(w);
        let expected = 1.0 / (1.0 + (-(1.0 + (0.9f64 / 0.1).ln())).exp());
        assert!((with_min.confidence(&s) - expected).abs() < 1e-6);
        let reparsed = Calibration::parse(&c.to_file("x")).expect("what a fit writes parses");
        assert_eq!(reparsed, c);
    }

    #[test]
    fn formats_follow_the_key() {
        assert_eq!(format_ok("startDate", "startDate", "2015.06.01"), Some(true));
        // `--` is how the report prints a date that does not apply (到期日期 of a card).
        assert_eq!(format_ok("deadlineDate", "deadlineDate", "--"), Some(true));
        assert_eq!(format_ok("startDate", "startDate", "2011.01."), Some(false));
        assert_eq!(format_ok("accountNum", "accountNum", "0 0"), Some(false));
        assert_eq!(format_ok("loanAmount", "loanAmount", "1,000"), Some(true));
        assert_eq!(format_ok("organization", "organization", "x"), None);
    }
}
