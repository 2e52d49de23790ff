//! CTC greedy decoding with the recogniser's own dictionary (PaddleOCR `CTCLabelDecode`).
//!
//! Classes are `[blank] + dictionary + [" "]`: index 0 is the CTC blank, and PaddleOCR
//! appends a space as the last class (`use_space_char: true`). The dictionary is the rec
//! model's `character` metadata (newline-separated), so model and dictionary cannot drift.
//!
//! Unlike PaddleOCR, the decoder knows the report's script ([`super::script`]): a traditional
//! form counts as its simplified class, whose probability is then the sum of both.

use std::collections::HashMap;

use crate::ocr::script;
use crate::{Error, Result};

/// The class table of a CTC recogniser.
#[derive(Debug, Clone, PartialEq)]
pub struct Charset {
    /// `classes[i]` is the text of class `i`; `classes[0]` is the blank (never emitted).
    classes: Vec<String>,
    /// `emit[i]`: the class that class `i` is read as (itself, or the simplified form of a
    /// traditional class).
    emit: Vec<usize>,
    /// For a class that others are read as: those others, whose probability adds to its own.
    aliases: HashMap<usize, Vec<usize>>,
}

impl Charset {
    /// Builds the class table from the `character` metadata string.
    pub fn from_metadata(dictionary: &str) -> Result<Self> {
        let mut classes = vec![String::new()];
        classes.extend(dictionary.split('\n').map(|s| s.trim_end_matches('\r').to_string()));
        // A trailing newline would add an empty entry that is not a class of the model.
        if classes.len() > 1 && classes.last().is_some_and(String::is_empty) {
            classes.pop();
        }
        if classes.len() < 2 {
            return Err(Error::ocr("the rec dictionary is empty"));
        }
        classes.push(" ".into());
        let index: HashMap<&str, usize> = classes.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
        let mut aliases: HashMap<usize, Vec<usize>> = HashMap::new();
        let emit = classes
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let mut chars = text.chars();
                let (Some(c), None) = (chars.next(), chars.next()) else {
                    return i;
                };
                let target = script::simplified(c).and_then(|s| index.get(s.to_string().as_str()).copied());
                match target {
                    Some(t) => {
                        aliases.entry(t).or_default().push(i);
                        t
                    }
                    None => i,
                }
            })
            .collect();
        Ok(Self { classes, emit, aliases })
    }

    /// Number of classes including blank and space (must equal the model's output width).
    pub fn len(&self) -> usize {
        self.classes.len()
    }

    /// Always false: there is at least a blank, one entry and the space.
    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }

    /// The classes read as one of `chars` (a traditional form counts as its simplified
    /// class), for [`decode_within`].
    pub fn alphabet(&self, chars: &[char]) -> Alphabet {
        let allowed = self
            .emit
            .iter()
            .map(|&e| {
                let mut text = self.classes[e].chars();
                matches!((text.next(), text.next()), (Some(c), None) if chars.contains(&c))
            })
            .collect();
        Alphabet { allowed }
    }
}

/// The classes a constrained reading may emit, as a mask over a [`Charset`]'s classes; the
/// blank is always allowed.
#[derive(Debug, Clone, PartialEq)]
pub struct Alphabet {
    allowed: Vec<bool>,
}

impl Alphabet {
    fn allows(&self, class: usize) -> bool {
        class == 0 || self.allowed.get(class).copied().unwrap_or(false)
    }
}

/// One decoded line.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Mean of the per-character confidences (0 when empty), as PaddleOCR scores a line.
    pub score: f32,
    /// Probability of each emitted character at its first timestep (PaddleOCR keeps that one).
    pub char_scores: Vec<f32>,
    /// Centre of each character in timesteps (mean index of its run of equal argmaxes) + 0.5,
    /// i.e. in units of one timestep width from the left edge of the input.
    pub char_t: Vec<f32>,
}

/// Greedy decode of one `[T, C]` row-major probability matrix: argmax per timestep, merge
/// repeats, drop blanks. A character repeated across a blank (`a _ a`) is emitted twice.
pub fn decode(probs: &[f32], steps: usize, charset: &Charset) -> Decoded {
    decode_within(probs, steps, charset, None)
}

/// [`decode`] restricted to the classes of `alphabet`: a step whose likeliest class is a
/// character outside it takes the likeliest character inside it instead (blank-dominated
/// steps stay blank), so the reading is the recogniser's best among the characters a cell
/// can hold. Each character keeps its probability among all classes, so a reading the
/// recogniser itself did not prefer comes back with the low confidence it has.
pub fn decode_within(probs: &[f32], steps: usize, charset: &Charset, alphabet: Option<&Alphabet>) -> Decoded {
    let c = charset.len();
    let mut out = Decoded {
        text: String::new(),
        score: 0.0,
        char_scores: Vec::new(),
        char_t: Vec::new(),
    };
    let mut prev = usize::MAX;
    // (class, first step, last step) of the run being emitted.
    let mut run: Option<(usize, usize, usize)> = None;
    let finish = |run: Option<(usize, usize, usize)>, out: &mut Decoded| {
        if let Some((_, a, b)) = run {
            out.char_t.push((a + b) as f32 / 2.0 + 0.5);
        }
    };
    for t in 0..steps {
        let row = &probs[t * c..(t + 1) * c];
        let argmax = |keep: &dyn Fn(usize) -> bool| {
            row.iter()
                .enumerate()
                .filter(|&(i, _)| keep(i))
                .fold((0, f32::MIN), |best, (i, &v)| if v > best.1 { (i, v) } else { best })
                .0
        };
        let mut raw = argmax_all(row);
        if let Some(a) = alphabet {
            // A step where the recogniser sees a character takes the likeliest allowed
            // character: a blank-dominated step stays blank.
            if raw != 0 && !a.allows(raw) {
                raw = argmax(&|i| i != 0 && a.allows(i));
            }
        }
        let idx = charset.emit[raw];
        let alias_p: f32 = charset
            .aliases
            .get(&idx)
            .map_or(0.0, |a| a.iter().map(|&j| row[j]).sum());
        let p = (row[idx] + alias_p).min(1.0);
        if idx == prev {
            if let Some(r) = run.as_mut() {
                r.2 = t;
            }
            continue;
        }
        prev = idx;
        finish(run.take(), &mut out);
        if idx != 0 {
            out.text.push_str(&charset.classes[idx]);
            out.char_scores.push(p);
            run = Some((idx, t, t));
        }
    }
    finish(run, &mut out);
    out.score = line_score(&out.char_scores);
    out
}

/// A line's score from its characters': their mean (0 when empty), as PaddleOCR scores a line.
pub(crate) fn line_score(char_scores: &[f32]) -> f32 {
    if char_scores.is_empty() {
        return 0.0;
    }
    char_scores.iter().sum::<f32>() / char_scores.len() as f32
}

/// Lanes of the running maxima in [`argmax_all`]: wide enough for the compiler to keep
/// them in vector registers.
const LANES: usize = 16;

/// Index of the first largest value of `row` (0 when empty or all NaN), as a strict-`>` scan
/// from the left finds it. Every timestep of every crop scans all ~18.7k classes, so the
/// maximum is found lane-wise first (a loop the compiler vectorises), then its first
/// position: this took 3 % of a scanned page's CPU as one scalar loop.
fn argmax_all(row: &[f32]) -> usize {
    let mut lanes = [f32::MIN; LANES];
    let chunks = row.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (m, &v) in lanes.iter_mut().zip(chunk) {
            if v > *m {
                *m = v;
            }
        }
    }
    let best = lanes
        .iter()
        .chain(tail)
        .fold(f32::MIN, |m, &v| if v > m { v } else { m });
    if best == f32::MIN {
        return 0;
    }
    row.iter().position(|&v| v == best).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charset() -> Charset {
        Charset::from_metadata("a\nb\nc\n").unwrap()
    }

    /// One-hot-ish rows: `seq` lists the argmax class per step with probability `p`.
    fn probs(seq: &[(usize, f32)], classes: usize) -> Vec<f32> {
        let mut v = vec![0.0; seq.len() * classes];
        for (t, &(k, p)) in seq.iter().enumerate() {
            for j in 0..classes {
                v[t * classes + j] = (1.0 - p) / (classes - 1) as f32;
            }
            v[t * classes + k] = p;
        }
        v
    }

    #[test]
    fn classes_are_blank_dictionary_space() {
        let cs = charset();
        assert_eq!(cs.len(), 5);
        assert_eq!(cs.classes, vec!["", "a", "b", "c", " "]);
    }

    #[test]
    fn repeats_merge_blanks_split_and_positions_are_run_centres() {
        let cs = charset();
        // t: 0 1 2 3 4 5 6 7
        //    a a _ a b b _ ␠ (space is class 4)
        let seq = [
            (1, 0.9),
            (1, 0.5),
            (0, 0.99),
            (1, 0.7),
            (2, 0.8),
            (2, 0.6),
            (0, 0.9),
            (4, 0.95),
        ];
        let d = decode(&probs(&seq, 5), seq.len(), &cs);
        assert_eq!(d.text, "aab ");
        // First-step probabilities, as PaddleOCR's selection keeps the first of each run.
        assert_eq!(d.char_scores, vec![0.9, 0.7, 0.8, 0.95]);
        assert!((d.score - (0.9 + 0.7 + 0.8 + 0.95) / 4.0).abs() < 1e-6);
        assert_eq!(d.char_t, vec![1.0, 3.5, 5.0, 7.5]);
    }

    #[test]
    fn all_blank_is_empty_with_zero_score() {
        let d = decode(&probs(&[(0, 0.9), (0, 0.9)], 5), 2, &charset());
        assert_eq!(d.text, "");
        assert_eq!(d.score, 0.0);
        assert!(d.char_t.is_empty());
    }

    #[test]
    fn a_constrained_reading_takes_the_best_allowed_class_at_its_own_probability() {
        let cs = charset();
        // t0: `c` (0.6) over `a` (0.3); t1: blank. Within {a, b} the step reads `a`, at 0.3.
        let row = |pairs: &[(usize, f32)]| {
            let mut r = vec![0.0f32; 5];
            for &(k, p) in pairs {
                r[k] = p;
            }
            r
        };
        let probs = [row(&[(3, 0.6), (1, 0.3), (0, 0.1)]), row(&[(0, 0.9), (3, 0.1)])].concat();
        assert_eq!(decode(&probs, 2, &cs).text, "c");
        let within = decode_within(&probs, 2, &cs, Some(&cs.alphabet(&['a', 'b'])));
        assert_eq!(within.text, "a");
        assert!((within.char_scores[0] - 0.3).abs() < 1e-6, "{:?}", within.char_scores);
        // A character step takes an allowed character even where the blank outweighs it…
        let blank_second = row(&[(3, 0.6), (0, 0.3), (1, 0.1)]);
        let within = decode_within(&blank_second, 1, &cs, Some(&cs.alphabet(&['a'])));
        assert_eq!(within.text, "a");
        assert!((within.char_scores[0] - 0.1).abs() < 1e-6, "{:?}", within.char_scores);
        // …and a blank step stays blank.
        let blank_first = row(&[(0, 0.6), (3, 0.3), (1, 0.1)]);
        assert_eq!(decode_within(&blank_first, 1, &cs, Some(&cs.alphabet(&['a']))).text, "");
    }

    #[test]
    fn traditional_forms_count_as_simplified() {
        // Classes: 0 blank, 1 额, 2 額, 3 卡, 4 ゃ, 5 space.
        let cs = Charset::from_metadata("额\n額\n卡\nゃ").unwrap();
        assert_eq!(cs.len(), 6);
        let row = |pairs: &[(usize, f32)]| {
            let mut r = vec![0.0f32; 6];
            for &(k, p) in pairs {
                r[k] = p;
            }
            r
        };
        // t0: 額 wins alone (0.5) with 额 at 0.3: read as 额 at 0.8. t1: 额 (same character,
        // one run). t2: blank. t3: ゃ is read as it is (other scripts are not masked).
        let probs = [
            row(&[(2, 0.5), (1, 0.3), (0, 0.2)]),
            row(&[(1, 0.6), (2, 0.2), (0, 0.2)]),
            row(&[(0, 0.9)]),
            row(&[(4, 0.6), (3, 0.3), (0, 0.1)]),
        ]
        .concat();
        let d = decode(&probs, 4, &cs);
        assert_eq!(d.text, "额ゃ");
        assert!((d.char_scores[0] - 0.8).abs() < 1e-6, "{:?}", d.char_scores);
        assert!((d.char_scores[1] - 0.6).abs() < 1e-6, "{:?}", d.char_scores);
        assert_eq!(d.char_t, vec![1.0, 3.5]);
    }

    #[test]
    fn the_lane_wise_argmax_picks_the_first_largest_class_as_a_scan_does() {
        let scan = |row: &[f32]| {
            row.iter()
                .enumerate()
                .fold((0, f32::MIN), |best, (i, &v)| if v > best.1 { (i, v) } else { best })
                .0
        };
        // Ties across lanes and in the tail, a NaN, lengths around the lane width.
        let mut seed = 7u32;
        for len in [0, 1, 15, 16, 17, 33, 100, 18_710] {
            let row: Vec<f32> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    if i == 5 {
                        f32::NAN
                    } else {
                        ((seed >> 16) % 50) as f32 / 50.0
                    }
                })
                .collect();
            assert_eq!(argmax_all(&row), scan(&row), "length {len}");
        }
        assert_eq!(argmax_all(&[0.1, 0.9, 0.3, 0.9]), 1);
        assert_eq!(argmax_all(&[f32::NEG_INFINITY; 20]), 0);
    }
}
