//! Recognised lines in page pixels, and their conversion to the stage-1 [`TextSpan`].

use crate::content::TextSpan;
use crate::geom::Rect;
use crate::ocr::geometry::{quad_bounds, Quad};
use crate::ocr::rec::Recognized;

/// Box height of a det line divided by the font size, both in the same unit. Measured on
/// page 1 of the 19-page sample at 200 DPI (median over lines of det box height / text-layer
/// font size = 1.40 over 114 lines); used only to estimate `TextSpan::font_size`.
pub const BOX_HEIGHT_PER_FONT_SIZE: f32 = 1.40;

/// One recognised text line (or cell) in image pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    /// The detected (or given) box, corners clockwise from top-left.
    pub quad: Quad,
    /// Axis-aligned bounds of `quad`.
    pub rect: Rect,
    /// The text as recognised (may contain spaces).
    pub text: String,
    /// Mean character confidence.
    pub score: f32,
    /// Confidence per character of `text`.
    pub char_scores: Vec<f32>,
    /// Estimated box of each character of `text`, from CTC timestep positions.
    pub char_rects: Vec<Rect>,
}

/// Places characters along a line box. `centers` are positions along the reading direction
/// measured from the box start (the crop's x axis); `vertical` lines read top to bottom.
/// Each character is as wide as the smaller gap to its neighbours (at most the line
/// thickness, since CJK glyphs are about square and Latin ones narrower), clipped to the box.
pub fn char_rects(rect: &Rect, centers: &[f32], vertical: bool) -> Vec<Rect> {
    let (len, thick) = if vertical {
        (rect.height(), rect.width())
    } else {
        (rect.width(), rect.height())
    };
    let n = centers.len();
    (0..n)
        .map(|i| {
            let left = if i > 0 { centers[i] - centers[i - 1] } else { f32::MAX };
            let right = if i + 1 < n {
                centers[i + 1] - centers[i]
            } else {
                f32::MAX
            };
            let size = left.min(right).min(thick).min(len).max(1.0);
            let a = (centers[i] - size / 2.0).max(0.0);
            let b = (centers[i] + size / 2.0).min(len);
            if vertical {
                Rect::new(rect.x0, rect.y0 + a, rect.x1, rect.y0 + b)
            } else {
                Rect::new(rect.x0 + a, rect.y0, rect.x0 + b, rect.y1)
            }
        })
        .collect()
}

impl OcrLine {
    /// A line over an axis-aligned box (a cell's ink, a piece cut from a line), its score the
    /// mean of `char_scores`.
    pub fn upright(rect: Rect, text: String, char_scores: Vec<f32>, char_rects: Vec<Rect>) -> Self {
        let score = if char_scores.is_empty() {
            0.0
        } else {
            char_scores.iter().sum::<f32>() / char_scores.len() as f32
        };
        Self {
            quad: [
                [rect.x0, rect.y0],
                [rect.x1, rect.y0],
                [rect.x1, rect.y1],
                [rect.x0, rect.y1],
            ],
            rect,
            text,
            score,
            char_scores,
            char_rects,
        }
    }

    /// Builds a line from a recognition result. `crop_len` is the crop's width (its x axis
    /// runs along the reading direction); `vertical` says the crop was turned from a tall box;
    /// `flipped` says it was turned 180° by the classifier (positions then run backwards).
    pub fn new(quad: Quad, rec: Recognized, crop_len: f32, vertical: bool, flipped: bool) -> Self {
        let (x0, y0, x1, y1) = quad_bounds(&quad);
        let rect = Rect::new(x0, y0, x1, y1);
        let box_len = if vertical { rect.height() } else { rect.width() };
        let scale = if crop_len > 0.0 { box_len / crop_len } else { 1.0 };
        let mut centers: Vec<f32> = rec.char_x.iter().map(|x| x * scale).collect();
        if flipped {
            centers = centers.iter().rev().map(|c| box_len - c).collect();
        }
        let mut char_rects = char_rects(&rect, &centers, vertical);
        let mut text = rec.text;
        let mut char_scores = rec.char_scores;
        if flipped {
            // Rects were built on ascending centres; reversing pairs character i (reading
            // order) with `box_len - char_x[i]` again.
            char_rects.reverse();
        }
        if char_rects.len() != text.chars().count() {
            // Multi-char classes do not occur in PP-OCR dictionaries, but keep the invariant.
            let n = text.chars().count();
            let even: Vec<f32> = (0..n).map(|i| (i as f32 + 0.5) * box_len / n as f32).collect();
            char_rects = self::char_rects(&rect, &even, vertical);
            char_scores.resize(n, rec.score);
        }
        text.shrink_to_fit();
        Self {
            quad,
            rect,
            text,
            score: rec.score,
            char_scores,
            char_rects,
        }
    }

    /// Splits the line at vertical cuts (e.g. table rulings, image x), putting each character
    /// on the side of its centre. Empty parts are dropped. Keeps `TextSpan`'s invariant that
    /// a span never crosses a ruling when det merged neighbouring cells.
    pub fn split_at_x(&self, cuts: &[f32]) -> Vec<OcrLine> {
        let mut cuts: Vec<f32> = cuts
            .iter()
            .copied()
            .filter(|&x| x > self.rect.x0 && x < self.rect.x1)
            .collect();
        if cuts.is_empty() || self.char_rects.is_empty() {
            return vec![self.clone()];
        }
        cuts.sort_by(f32::total_cmp);
        let chars: Vec<char> = self.text.chars().collect();
        let mut parts: Vec<OcrLine> = Vec::new();
        let mut bounds = vec![self.rect.x0];
        bounds.extend(&cuts);
        bounds.push(self.rect.x1);
        for w in bounds.windows(2) {
            let idx: Vec<usize> = (0..chars.len())
                .filter(|&i| {
                    let c = self.char_rects[i].center().0;
                    c >= w[0] && (c < w[1] || (w[1] == self.rect.x1 && c <= w[1]))
                })
                .collect();
            if idx.iter().all(|&i| chars[i].is_whitespace()) {
                continue;
            }
            let scores: Vec<f32> = idx.iter().map(|&i| self.char_scores[i]).collect();
            let rects: Vec<Rect> = idx.iter().map(|&i| self.char_rects[i]).collect();
            let rect = Rect::new(w[0], self.rect.y0, w[1], self.rect.y1);
            let text = idx.iter().map(|&i| chars[i]).collect();
            parts.push(OcrLine::upright(rect, text, scores, rects));
        }
        parts
    }

    /// Converts to a stage-1 span in PDF points (`px_per_pt` = render DPI / 72). Spaces are
    /// layout whitespace and are removed with their boxes; colour is black and bold unknown.
    pub fn to_text_span(&self, px_per_pt: f32) -> TextSpan {
        let s = 1.0 / px_per_pt;
        let pt = |r: &Rect| Rect::new(r.x0 * s, r.y0 * s, r.x1 * s, r.y1 * s);
        let mut text = String::new();
        let mut char_rects = Vec::new();
        let mut confidences = Vec::new();
        for ((c, r), &p) in self.text.chars().zip(&self.char_rects).zip(&self.char_scores) {
            if c.is_whitespace() {
                continue;
            }
            text.push(c);
            char_rects.push(pt(r));
            confidences.push(p);
        }
        let rect = pt(&self.rect);
        let thickness = rect.height().min(rect.width());
        TextSpan {
            text,
            rect,
            char_rects,
            font_size: thickness / BOX_HEIGHT_PER_FONT_SIZE,
            bold: false,
            color: 0,
            confidences,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(text: &str, xs: &[f32]) -> Recognized {
        Recognized {
            text: text.into(),
            score: 0.9,
            char_scores: vec![0.9; text.chars().count()],
            char_x: xs.to_vec(),
        }
    }

    #[test]
    fn characters_are_placed_along_the_box() {
        let quad = [[100.0, 50.0], [300.0, 50.0], [300.0, 80.0], [100.0, 80.0]];
        // Crop 100 px wide for a 200 px box: positions double.
        let line = OcrLine::new(quad, rec("ab c", &[10.0, 30.0, 50.0, 70.0]), 100.0, false, false);
        assert_eq!(line.char_rects.len(), 4);
        assert_eq!(line.char_rects[0].center(), (120.0, 65.0));
        // 'b' at 60 px: neighbours 40 px away, capped by the 30 px line height.
        assert_eq!(line.char_rects[1], Rect::new(145.0, 50.0, 175.0, 80.0));
        let span = line.to_text_span(2.0);
        assert_eq!(span.text, "abc");
        assert_eq!(span.char_rects.len(), 3);
        assert_eq!(span.rect, Rect::new(50.0, 25.0, 150.0, 40.0));
        assert!((span.font_size - 15.0 / BOX_HEIGHT_PER_FONT_SIZE).abs() < 1e-4);
    }

    #[test]
    fn merged_cells_split_at_rulings() {
        let quad = [[0.0, 0.0], [100.0, 0.0], [100.0, 20.0], [0.0, 20.0]];
        let line = OcrLine::new(quad, rec("12ab", &[10.0, 30.0, 60.0, 80.0]), 100.0, false, false);
        let parts = line.split_at_x(&[45.0, 500.0]);
        assert_eq!(
            parts.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
            vec!["12", "ab"]
        );
        assert_eq!(parts[1].rect, Rect::new(45.0, 0.0, 100.0, 20.0));
        assert_eq!(line.split_at_x(&[]).len(), 1);
    }

    #[test]
    fn flipped_crops_reverse_positions() {
        let quad = [[0.0, 0.0], [100.0, 0.0], [100.0, 20.0], [0.0, 20.0]];
        let line = OcrLine::new(quad, rec("ab", &[10.0, 30.0]), 100.0, false, true);
        // The turned crop's left is the box's right end: 'a' (first in reading order) sits
        // 10 px from the right, 'b' 30 px.
        assert_eq!(line.char_rects[0].center().0, 90.0);
        assert_eq!(line.char_rects[1].center().0, 70.0);
    }
}
