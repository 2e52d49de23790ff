//! Horizontal "rulings" that run through recognised text lines are dropped.
//!
//! The ruling finder sees only pixels. On a shaded header row, the bottom strokes of a row of
//! bold labels (`账户状态 五级分类 余额 …`), bridged along the line and set off from the grey
//! ground, pass for a long horizontal ruling. The grid then gets a row boundary through the
//! middle of the header: its labels land in one row, the second line of a wrapped label
//! (`最近一次还款` / `日期`) in a phantom row below, and the record's values no longer sit under
//! their labels (a whole 账户状态 block lost on a clean 300-DPI scan). A printed ruling never
//! runs through the middle of a text line, and the recogniser's line boxes, known by now,
//! tell where text is.

use crate::content::{Orientation, Ruling};
use crate::ocr::OcrLine;

/// A ruling counts as inside a line box only this far (share of the box height) from both of
/// its edges: the detector pads its boxes around the glyphs, and a ruling close above or below
/// a line of cell text lies in that padding.
const INSIDE_MARGIN: f32 = 0.15;
/// Line boxes taller than this (points) are not one line of cell text (the report's is 8.5–10
/// pt, boxes about 1.4 times that): a box the detector merged over two rows has a true ruling
/// through its middle.
const MAX_LINE_PT: f32 = 18.0;
/// A ruling is dropped when text lines cover at least this share of its length. A printed
/// ruling is crossed by text only by accident (a seal's lettering, a stray box) over a small
/// share; bridged glyph bottoms lie under text over most of theirs.
const MAX_TEXT_SHARE: f32 = 0.3;

/// `rulings` without the horizontals that run through `lines` (boxes in pixels, `px_per_pt`
/// pixels per point; rulings in points).
pub fn without_rulings_through_text(rulings: Vec<Ruling>, lines: &[OcrLine], px_per_pt: f32) -> Vec<Ruling> {
    let boxes: Vec<(f32, f32, f32, f32)> = lines
        .iter()
        .map(|l| {
            let r = &l.rect;
            (r.x0 / px_per_pt, r.y0 / px_per_pt, r.x1 / px_per_pt, r.y1 / px_per_pt)
        })
        .filter(|&(_, y0, _, y1)| y1 - y0 <= MAX_LINE_PT)
        .collect();
    rulings
        .into_iter()
        .filter(|r| r.orientation != Orientation::Horizontal || text_share(r, &boxes) < MAX_TEXT_SHARE)
        .collect()
}

/// Share of the horizontal ruling `r`'s length that lies inside the boxes `(x0, y0, x1, y1)`.
fn text_share(r: &Ruling, boxes: &[(f32, f32, f32, f32)]) -> f32 {
    let len = r.end - r.start;
    if len <= 0.0 {
        return 0.0;
    }
    let mut covered: Vec<(f32, f32)> = boxes
        .iter()
        .filter(|&&(_, y0, _, y1)| {
            let m = INSIDE_MARGIN * (y1 - y0);
            r.pos > y0 + m && r.pos < y1 - m
        })
        .map(|&(x0, _, x1, _)| (x0.max(r.start), x1.min(r.end)))
        .filter(|(a, b)| b > a)
        .collect();
    covered.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut total, mut reach) = (0.0f32, f32::NEG_INFINITY);
    for (a, b) in covered {
        let a = a.max(reach);
        if b > a {
            total += b - a;
        }
        reach = reach.max(b);
    }
    total / len
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Rect;

    fn line(x0: f32, y0: f32, x1: f32, y1: f32) -> OcrLine {
        OcrLine::upright(
            Rect::new(x0, y0, x1, y1),
            "账户状态".into(),
            vec![0.9; 4],
            vec![Rect::default(); 4],
        )
    }

    fn h(pos: f32, start: f32, end: f32) -> Ruling {
        Ruling {
            orientation: Orientation::Horizontal,
            pos,
            start,
            end,
            color: 0,
        }
    }

    /// Labels 187–200.6 pt high in a header row 180–208 (1 px per pt): the bridged glyph
    /// bottoms at 197.9 go, the row's own borders stay.
    #[test]
    fn glyph_bottoms_under_a_row_of_labels_are_no_ruling() {
        let lines: Vec<OcrLine> = [(64.0, 100.5), (125.0, 162.0), (194.0, 216.0), (240.0, 292.0)]
            .iter()
            .map(|&(a, b)| line(a, 187.2, b, 200.6))
            .collect();
        let rulings = vec![h(180.2, 50.0, 300.0), h(197.9, 60.0, 300.0), h(208.4, 50.0, 300.0)];
        let kept = without_rulings_through_text(rulings, &lines, 1.0);
        let pos: Vec<f32> = kept.iter().map(|r| r.pos).collect();
        assert_eq!(pos, vec![180.2, 208.4]);
    }

    #[test]
    fn a_ruling_in_the_padding_of_a_line_box_or_under_one_word_stays() {
        // 199.5 is within the bottom 15 % of the boxes; 190 crosses one 20-pt word of 240 pt.
        let lines = [line(64.0, 187.2, 100.5, 200.6), line(125.0, 187.2, 145.0, 200.6)];
        let rulings = vec![h(199.5, 60.0, 300.0), h(192.0, 120.0, 360.0)];
        assert_eq!(without_rulings_through_text(rulings, &lines[..], 1.0).len(), 2);
    }

    #[test]
    fn a_box_over_two_rows_does_not_hide_the_ruling_between_them() {
        let lines = vec![line(50.0, 180.0, 300.0, 208.0)];
        let rulings = vec![h(194.0, 50.0, 300.0)];
        assert_eq!(without_rulings_through_text(rulings, &lines, 1.0).len(), 1);
    }
}
