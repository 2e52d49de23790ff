//! Glyphs → [`TextSpan`]s: runs on one baseline, split at vertical rulings and large gaps,
//! with layout whitespace removed (CONVENTIONS.md §2).

use crate::content::{Orientation, Ruling, TextSpan};
use crate::geom::Rect;
use crate::layout::is_latin;

use super::glyph::Glyph;

/// Span-building tolerances, in multiples of the font size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpanRules {
    /// A gap wider than this ends a span.
    pub split_gap_em: f32,
    /// Between two Latin/digit glyphs, a gap at least this wide is a real space (a space
    /// glyph is about 0.5 em; kerning and loose-box rounding stay far below 0.2 em). A
    /// narrower gap is a space only when the text layer has a space character there
    /// (Calibri's space is about 0.16 em).
    pub space_gap_em: f32,
}

impl Default for SpanRules {
    fn default() -> Self {
        Self {
            split_gap_em: 1.5,
            space_gap_em: 0.2,
        }
    }
}

fn same_line(a: &Rect, b: &Rect) -> bool {
    let overlap = a.y1.min(b.y1) - a.y0.max(b.y0);
    overlap >= 0.5 * a.height().min(b.height()).max(0.1)
}

/// Vertical rulings sorted by x, for "is there a ruling between these two glyphs" queries.
struct Walls(Vec<Ruling>);

impl Walls {
    fn new(rulings: &[Ruling]) -> Self {
        let mut v: Vec<Ruling> = rulings
            .iter()
            .filter(|r| r.orientation == Orientation::Vertical)
            .copied()
            .collect();
        v.sort_by(|a, b| a.pos.total_cmp(&b.pos));
        Self(v)
    }

    /// Whether a vertical ruling crosses height `y` strictly between `xa` and `xb`.
    fn between(&self, xa: f32, xb: f32, y: f32) -> bool {
        let from = self.0.partition_point(|r| r.pos <= xa);
        self.0[from..]
            .iter()
            .take_while(|r| r.pos < xb)
            .any(|r| r.start - 1.0 <= y && y <= r.end + 1.0)
    }
}

/// Whether `next` may follow `last` in one span.
fn continues(last: &Glyph, next: &Glyph, walls: &Walls, rules: &SpanRules) -> bool {
    let fs = last.font_size.max(next.font_size).max(1.0);
    let gap = next.rect.x0 - last.rect.x1;
    same_line(&last.rect, &next.rect)
        && gap >= -0.5 * fs
        && gap <= rules.split_gap_em * fs
        && !walls.between(last.rect.center().0, next.rect.center().0, last.rect.center().1)
}

/// Whether `g` repeats `last` (fake bold drawn as two slightly offset copies). The offset
/// must also be well under the glyph's own width: two genuine narrow letters in a row
/// (`tt` in an e-mail address, 0.3 em apart in Helvetica) are not a duplicate.
fn duplicate(last: &Glyph, g: &Glyph) -> bool {
    let dx = (last.rect.x0 - g.rect.x0).abs();
    last.ch == g.ch
        && dx < 0.15 * g.font_size.max(1.0)
        && dx < 0.5 * g.rect.width().max(last.rect.width())
        && same_line(&last.rect, &g.rect)
}

/// Groups glyphs (in content-stream order) into spans.
pub fn build_spans(glyphs: &[Glyph], rulings: &[Ruling], rules: &SpanRules) -> Vec<TextSpan> {
    let walls = Walls::new(rulings);
    // Pass 1: consecutive glyphs in stream order; producers write text in reading order
    // within a line, so this is nearly all the grouping.
    let mut runs: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|l| duplicate(l, g)) => {}
            Some(run) if run.last().is_some_and(|l| continues(l, g, &walls, rules)) => run.push(*g),
            _ => runs.push(vec![*g]),
        }
    }
    // Pass 2: runs written out of order (a bold label and its value drawn separately) that
    // sit side by side on one line are joined, left to right.
    runs.sort_by(|a, b| a[0].rect.x0.total_cmp(&b[0].rect.x0));
    let mut merged: Vec<Vec<Glyph>> = Vec::with_capacity(runs.len());
    for run in runs {
        let target = merged
            .iter_mut()
            .rev()
            .find(|m| m.last().is_some_and(|l| continues(l, &run[0], &walls, rules)));
        match target {
            Some(m) => m.extend(run),
            None => merged.push(run),
        }
    }
    merged.iter().map(|run| to_span(run, rules)).collect()
}

fn to_span(run: &[Glyph], rules: &SpanRules) -> TextSpan {
    let mut text = String::with_capacity(run.len() * 3);
    let mut char_rects = Vec::with_capacity(run.len());
    let mut rect = run[0].rect;
    for (i, g) in run.iter().enumerate() {
        if i > 0 {
            let prev = &run[i - 1];
            let gap = g.rect.x0 - prev.rect.x1;
            let wide = gap >= rules.space_gap_em * g.font_size.max(prev.font_size);
            if is_latin(prev.ch) && is_latin(g.ch) && (wide || g.space_before) {
                text.push(' ');
                char_rects.push(Rect::new(
                    prev.rect.x1,
                    prev.rect.y0.min(g.rect.y0),
                    g.rect.x0,
                    prev.rect.y1.max(g.rect.y1),
                ));
            }
        }
        text.push(g.ch);
        char_rects.push(g.rect);
        rect = rect.union(&g.rect);
    }
    let bold = run.iter().filter(|g| g.bold).count() * 2 > run.len();
    let n = char_rects.len();
    TextSpan {
        text,
        rect,
        char_rects,
        font_size: run.iter().map(|g| g.font_size).fold(0.0, f32::max),
        bold,
        color: run[0].color,
        confidences: vec![1.0; n],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs laid out left to right from `x`, each `w` wide, 9 pt, on the line at `y`.
    fn word(s: &str, x: f32, y: f32, w: f32) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, ch)| Glyph {
                ch,
                rect: Rect::new(x + w * i as f32, y, x + w * (i + 1) as f32, y + 9.0),
                font_size: 9.0,
                bold: false,
                color: 0,
                alpha: 255,
                angle: 0.0,
                space_before: false,
            })
            .collect()
    }

    fn texts(spans: &[TextSpan]) -> Vec<&str> {
        spans.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn a_real_space_between_digit_runs_is_kept_as_one_space() {
        // `报告时间：2015.06.01 10:05:15` — the space glyph itself is not in the input.
        let mut g = word("报告时间：", 439.6, 100.0, 9.0);
        g.extend(word("2015.06.01", 484.6, 100.0, 4.5));
        g.extend(word("10:05:15", 534.2, 100.0, 4.5));
        let spans = build_spans(&g, &[], &SpanRules::default());
        assert_eq!(texts(&spans), ["报告时间：2015.06.01 10:05:15"]);
        assert_eq!(spans[0].char_rects.len(), spans[0].text.chars().count());
        assert_eq!(spans[0].confidences.len(), spans[0].char_rects.len());
    }

    #[test]
    fn a_narrow_gap_marked_as_a_space_in_the_text_layer_is_kept() {
        // 简版 header: `2016-08-03 09:30:15` in Calibri, gap 0.16 em with a pdfium space.
        let mut g = word("2016-08-03", 464.0, 100.0, 4.8);
        let mut t = word("09:30:15", 513.5, 100.0, 4.8);
        t[0].space_before = true;
        g.extend(t.iter().copied());
        assert_eq!(
            texts(&build_spans(&g, &[], &SpanRules::default())),
            ["2016-08-03 09:30:15"]
        );
        t[0].space_before = false;
        let mut g2 = word("2016-08-03", 464.0, 100.0, 4.8);
        g2.extend(t);
        assert_eq!(
            texts(&build_spans(&g2, &[], &SpanRules::default())),
            ["2016-08-0309:30:15"]
        );
    }

    #[test]
    fn gaps_between_cjk_and_digits_are_layout() {
        // Word output `截至 2015 年 05 月`: half-em gaps around the digits.
        let mut g = word("截至", 100.0, 50.0, 9.0);
        g.extend(word("2015", 122.5, 50.0, 4.5));
        g.extend(word("年", 145.0, 50.0, 9.0));
        g.extend(word("05", 158.5, 50.0, 4.5));
        g.extend(word("月", 172.0, 50.0, 9.0));
        assert_eq!(texts(&build_spans(&g, &[], &SpanRules::default())), ["截至2015年05月"]);
    }

    #[test]
    fn spans_split_at_vertical_rulings_and_wide_gaps() {
        let mut g = word("张十五", 40.0, 10.0, 9.0);
        g.extend(word("身份证", 110.0, 10.0, 9.0)); // gap 43 pt: split
        g.extend(word("护照", 150.0, 10.0, 9.0)); // gap 13 pt, but a ruling at x=145
        let wall = Ruling {
            orientation: Orientation::Vertical,
            pos: 145.0,
            start: 0.0,
            end: 30.0,
            color: 0,
        };
        assert_eq!(
            texts(&build_spans(&g, &[wall], &SpanRules::default())),
            ["张十五", "身份证", "护照"]
        );
        // A ruling that does not reach this line does not split it.
        let short = Ruling {
            start: 40.0,
            end: 60.0,
            ..wall
        };
        assert_eq!(
            texts(&build_spans(&g, &[short], &SpanRules::default())),
            ["张十五", "身份证护照"]
        );
    }

    #[test]
    fn out_of_order_runs_on_one_line_are_joined_and_lines_kept_apart() {
        let mut g = word("中心", 118.0, 10.0, 9.0);
        g.extend(word("下行", 100.0, 21.0, 9.0));
        g.extend(word("征信", 100.0, 10.0, 9.0));
        let mut spans = build_spans(&g, &[], &SpanRules::default());
        spans.sort_by(|a, b| a.rect.y0.total_cmp(&b.rect.y0));
        assert_eq!(texts(&spans), ["征信中心", "下行"]);
    }

    #[test]
    fn fake_bold_duplicates_are_dropped() {
        let mut g = word("信", 100.0, 10.0, 9.0);
        let mut copy = g[0];
        copy.rect.x0 += 0.3;
        copy.rect.x1 += 0.3;
        g.push(copy);
        g.extend(word("息", 109.0, 10.0, 9.0));
        assert_eq!(texts(&build_spans(&g, &[], &SpanRules::default())), ["信息"]);
    }

    #[test]
    fn narrow_repeated_letters_are_kept() {
        // Helvetica `t` at 8 pt is 2.36 pt wide: `bptt246` has two genuine `t`s 2.36 pt apart.
        let g = word("bptt246", 100.0, 10.0, 8.0);
        let mut g2 = g.clone();
        for (i, x) in g2.iter_mut().enumerate() {
            let x0 = 100.0 + i as f32 * 2.36;
            x.rect.x0 = x0;
            x.rect.x1 = x0 + 2.36;
        }
        assert_eq!(texts(&build_spans(&g2, &[], &SpanRules::default())), ["bptt246"]);
    }
}
