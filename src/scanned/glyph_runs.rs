//! Vector pages with a garbled text layer → [`PageContent`]. Such a page (CJK fonts embedded
//! without a usable Unicode map) still carries exact geometry: the vector rulings and every
//! glyph's box; only the character codes are useless. So the layout comes from the PDF and
//! only the characters from pixels: glyphs are grouped into runs exactly as a text page's
//! glyphs are grouped into spans (`pdf::content::spans::build_spans`, with placeholder
//! characters), the page is rendered once, and each run's box is read by the recogniser alone
//! — no detector (which merges text across thin rulings on crisp renders), no deskew, no
//! ruling search.
//!
//! When the recogniser returns one character per glyph, the characters are put back on their
//! glyphs and the span is rebuilt by the text path's own rules (spaces between Latin words
//! from the glyph gaps); otherwise the recognised line is placed on the run's box as on a
//! scanned page. Either way the span keeps the run's font size, weight and colour.

use std::time::{Duration, Instant};

use image::RgbImage;
use pdfium_render::prelude::*;

use crate::content::{ContentSource, Orientation, PageContent, Ruling, TextSpan};
use crate::geom::Rect;
use crate::ocr::{OcrEngine, OcrLine};
use crate::pdf::content::glyph::Glyph;
use crate::pdf::content::spans::{build_spans, SpanRules};
use crate::pdf::content::undecodable_glyphs;
use crate::raster::{self, BinarizeParams};
use crate::{Error, Result};

/// Tunables of the glyph-run path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlyphRunParams {
    /// Render resolution. The recogniser reads 48-px-high lines; report text is 7.5–9 pt, so
    /// 300 DPI gives it 31–38 px of em box, close to what it was trained on, without upscaling.
    pub dpi: f32,
    /// Margin added left and right of a run's box, in em: det crops carry about this much.
    pub pad_x_em: f32,
    /// Margin added above and below a run's box (the em box already holds the ascenders and
    /// descenders), in em.
    pub pad_y_em: f32,
    /// A margin never comes closer than this to a ruling (points): a border inside a crop
    /// reads as `|` or `1`.
    pub ruling_clearance_pt: f32,
    /// A page with an image covering more than this share of it is a scan with a text layer
    /// of its own (or a picture); its glyph boxes need not match its pixels, so it goes to
    /// the scanned-page path.
    pub max_image_share: f32,
}

impl Default for GlyphRunParams {
    fn default() -> Self {
        Self {
            dpi: 300.0,
            pad_x_em: 0.3,
            pad_y_em: 0.15,
            ruling_clearance_pt: 0.8,
            max_image_share: 0.5,
        }
    }
}

/// Where the time of one page went.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GlyphRunTimings {
    /// Glyph boxes and run grouping.
    pub runs: Duration,
    /// pdfium rendering and grey conversion.
    pub render: Duration,
    /// Recognition.
    pub rec: Duration,
    /// Runs read with one character per glyph (characters put back on their glyphs).
    pub exact_runs: usize,
    /// Runs read with another character count (placed as on a scanned page), or not at all.
    pub other_runs: usize,
}

/// Placeholder for an undecodable character while runs are grouped: never Latin (no spaces
/// are inserted between placeholders) and never a space.
const PLACEHOLDER: char = '\u{FFFD}';

/// Reads a page whose text layer is garbled from its glyph boxes and `rulings` (the page's
/// vector rulings, as the text path found them). `None` when the page is not an upright
/// vector page with visible glyphs (a scan carrying an OCR layer, a `/Rotate`d page, no
/// glyphs at all): the caller reads it as a scan.
pub fn read_garbled_page(
    engine: &OcrEngine,
    page: &PdfPage<'_>,
    index: usize,
    rulings: Vec<Ruling>,
    p: &GlyphRunParams,
) -> Result<Option<(PageContent, GlyphRunTimings)>> {
    let mut timings = GlyphRunTimings::default();
    let (width, height) = (page.width().value, page.height().value);
    // A turned page (`/Rotate`) renders turned while glyph boxes stay in page space; such a
    // page is left to the scanned path, which turns it upright from its pixels.
    let upright = matches!(page.rotation(), Ok(PdfPageRenderRotation::None));
    if !upright || image_share(page, width * height) > p.max_image_share {
        return Ok(None);
    }
    let t = Instant::now();
    let glyphs = undecodable_glyphs(page)?;
    if glyphs.is_empty() {
        return Ok(None);
    }
    let runs = group_runs(&glyphs, &rulings);
    timings.runs = t.elapsed();

    let t = Instant::now();
    let px_per_pt = p.dpi / 72.0;
    let img = render_gray(page, index, px_per_pt)?;
    timings.render = t.elapsed();

    let t = Instant::now();
    let crops: Vec<Option<Rect>> = runs
        .iter()
        .zip(vertical_room(&runs))
        .map(|(r, room)| Some(crop_rect(&r.rect, r.font_size, &rulings, room, p, px_per_pt, &img)))
        .collect();
    let read = engine.read_rects(&img, &crops)?;
    timings.rec = t.elapsed();

    let rules = SpanRules::default();
    let mut spans = Vec::with_capacity(runs.len());
    for (run, line) in runs.iter().zip(read) {
        let Some(line) = line else {
            timings.other_runs += 1;
            continue;
        };
        let (read, exact) = respan(run, &line, &rulings, &rules, px_per_pt);
        if exact {
            timings.exact_runs += 1;
        } else {
            timings.other_runs += 1;
        }
        spans.extend(read.into_iter().filter(|s| !s.text.is_empty()));
    }
    Ok(Some((
        PageContent {
            index,
            width,
            height,
            source: ContentSource::Ocr,
            spans,
            rulings,
        },
        timings,
    )))
}

/// A run of glyphs: what becomes one span.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// Box around the run (points, top-left origin).
    pub rect: Rect,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
    /// Largest font size in the run.
    pub font_size: f32,
}

/// Groups glyphs into runs with the text path's span rules. The characters are replaced by a
/// placeholder first, so only geometry decides (a garbled code may decode to anything,
/// Latin letters included, which would otherwise insert spaces).
pub fn group_runs(glyphs: &[Glyph], rulings: &[Ruling]) -> Vec<GlyphRun> {
    let placeholders: Vec<Glyph> = glyphs.iter().map(|g| Glyph { ch: PLACEHOLDER, ..*g }).collect();
    let runs = build_spans(&placeholders, rulings, &SpanRules::default())
        .into_iter()
        .map(|span| {
            // `build_spans` keeps one rect per kept glyph (no spaces between placeholders);
            // find each glyph back by its box to keep its weight, colour and spacing flag.
            let members: Vec<Glyph> = span
                .char_rects
                .iter()
                .filter_map(|r| placeholders.iter().find(|g| g.rect == *r).copied())
                .collect();
            GlyphRun {
                rect: span.rect,
                font_size: span.font_size,
                glyphs: members,
            }
        })
        .filter(|r| !r.glyphs.is_empty())
        .collect();
    merge_overlapping(runs)
}

/// Runs on one line whose boxes overlap by more than this share of an em are one run.
const OVERLAP_EM: f32 = 0.25;

/// Joins runs that overlap on one line, glyphs sorted left to right. Some producers (Chromium)
/// write a line's glyphs out of order (`主`, `款`, `借`, `人`), which `build_spans` groups
/// into interleaved runs (`主款` over 主借款, `借人` over 借款人); their crops would each read
/// the shared glyphs. On a text page the decoded characters sort that out later; here the
/// crops must not overlap.
fn merge_overlapping(mut runs: Vec<GlyphRun>) -> Vec<GlyphRun> {
    runs.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
    let mut merged: Vec<GlyphRun> = Vec::with_capacity(runs.len());
    for run in runs {
        let target = merged.iter_mut().rev().find(|m| {
            let em = m.font_size.max(run.font_size).max(1.0);
            same_line(&m.rect, &run.rect) && run.rect.x0 < m.rect.x1 - OVERLAP_EM * em
        });
        match target {
            Some(m) => {
                m.rect = m.rect.union(&run.rect);
                m.font_size = m.font_size.max(run.font_size);
                m.glyphs.extend(run.glyphs);
                m.glyphs.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
            }
            None => merged.push(run),
        }
    }
    merged
}

/// Boxes overlapping vertically by at least half the smaller height (the span rule).
fn same_line(a: &Rect, b: &Rect) -> bool {
    let overlap = a.y1.min(b.y1) - a.y0.max(b.y0);
    overlap >= 0.5 * a.height().min(b.height()).max(0.1)
}

/// For each run, the band of y its crop may use: up to halfway to the nearest run above and
/// below that shares some of its x range (the next line of a wrapped cell), so a crop never
/// takes in the tops or bottoms of a neighbouring line's glyphs.
pub fn vertical_room(runs: &[GlyphRun]) -> Vec<(f32, f32)> {
    runs.iter()
        .map(|r| {
            let (mut top, mut bottom) = (f32::NEG_INFINITY, f32::INFINITY);
            for o in runs {
                let shares_x = o.rect.x0 < r.rect.x1 && r.rect.x0 < o.rect.x1;
                if !shares_x || std::ptr::eq(o, r) {
                    continue;
                }
                let (oc, rc) = (o.rect.center().1, r.rect.center().1);
                if oc < rc {
                    top = top.max((o.rect.y1 + r.rect.y0) / 2.0);
                } else if oc > rc {
                    bottom = bottom.min((r.rect.y1 + o.rect.y0) / 2.0);
                }
            }
            (top, bottom)
        })
        .collect()
}

/// The pixel crop of a run: its box grown by the margins, each margin stopping short of a
/// ruling that crosses it, the top and bottom kept within `room` (see [`vertical_room`]),
/// then clamped to the image and rounded outwards.
pub fn crop_rect(
    run: &Rect,
    font_size: f32,
    rulings: &[Ruling],
    room: (f32, f32),
    p: &GlyphRunParams,
    px_per_pt: f32,
    img: &RgbImage,
) -> Rect {
    let em = font_size.max(1.0);
    let (dx, dy) = (p.pad_x_em * em, p.pad_y_em * em);
    let c = p.ruling_clearance_pt;
    let (mut x0, mut y0, mut x1, mut y1) = (run.x0 - dx, run.y0 - dy, run.x1 + dx, run.y1 + dy);
    for r in rulings {
        match r.orientation {
            Orientation::Vertical if r.start <= run.y1 && r.end >= run.y0 => {
                if r.pos <= run.x0 && r.pos + c > x0 {
                    x0 = (r.pos + c).min(run.x0);
                }
                if r.pos >= run.x1 && r.pos - c < x1 {
                    x1 = (r.pos - c).max(run.x1);
                }
            }
            Orientation::Horizontal if r.start <= run.x1 && r.end >= run.x0 => {
                if r.pos <= run.y0 && r.pos + c > y0 {
                    y0 = (r.pos + c).min(run.y0);
                }
                if r.pos >= run.y1 && r.pos - c < y1 {
                    y1 = (r.pos - c).max(run.y1);
                }
            }
            _ => {}
        }
    }
    let (y0, y1) = (y0.max(room.0), y1.min(room.1));
    let (w, h) = (img.width() as f32, img.height() as f32);
    Rect::new(
        (x0 * px_per_pt).floor().clamp(0.0, w),
        (y0 * px_per_pt).floor().clamp(0.0, h),
        (x1 * px_per_pt).ceil().clamp(0.0, w),
        (y1 * px_per_pt).ceil().clamp(0.0, h),
    )
}

/// The span(s) of a run read as `line`. One recognised character per glyph: the characters go
/// back on their glyphs and the text path's span builder decides the spaces. Otherwise the
/// line's own character placement (as on a scanned page) inside the run's box. The flag says
/// which of the two it was.
pub fn respan(
    run: &GlyphRun,
    line: &OcrLine,
    rulings: &[Ruling],
    rules: &SpanRules,
    px_per_pt: f32,
) -> (Vec<TextSpan>, bool) {
    let read: Vec<(char, f32)> = line
        .text
        .chars()
        .zip(line.char_scores.iter().copied())
        .filter(|(c, _)| !c.is_whitespace())
        .collect();
    if read.len() == run.glyphs.len() {
        let glyphs: Vec<Glyph> = run
            .glyphs
            .iter()
            .zip(&read)
            .map(|(g, &(ch, _))| Glyph {
                ch: fit_width(ch, g.rect.width() / g.font_size.max(1.0)),
                ..*g
            })
            .collect();
        let scores: Vec<(Rect, f32)> = run.glyphs.iter().zip(&read).map(|(g, &(_, s))| (g.rect, s)).collect();
        let spans = build_spans(&glyphs, rulings, rules)
            .into_iter()
            .map(|mut span| {
                span.confidences = confidences_by_rect(&span.char_rects, &scores);
                span
            })
            .collect();
        return (spans, true);
    }
    let mut span = line.to_text_span(px_per_pt);
    span.font_size = run.font_size;
    span.bold = run.glyphs.iter().filter(|g| g.bold).count() * 2 > run.glyphs.len();
    span.color = run.glyphs[0].color;
    (vec![span], false)
}

/// Glyphs narrower than this (em) are half-width: ASCII, not a full-width form.
const HALF_WIDTH_MAX_EM: f32 = 0.7;
/// Glyphs wider than this (em) are full-width: ASCII punctuation then is its full-width form
/// (no ASCII punctuation is this wide in a Latin font, bar `@`, `%` and `&`).
const FULL_WIDTH_MIN_EM: f32 = 0.9;

/// The recognised character made to agree with its glyph's exact width: the recogniser cannot
/// tell `/` from `／` or `(` from `（` by shape, but the font's advance can.
pub fn fit_width(ch: char, width_em: f32) -> char {
    const OFFSET: u32 = 0xFEE0; // U+FF01..U+FF5E ↔ U+0021..U+007E
    let code = ch as u32;
    if (0xFF01..=0xFF5E).contains(&code) && width_em < HALF_WIDTH_MAX_EM {
        return char::from_u32(code - OFFSET).unwrap_or(ch);
    }
    if ch.is_ascii_punctuation() && !matches!(ch, '@' | '%' | '&') && width_em > FULL_WIDTH_MIN_EM {
        return char::from_u32(code + OFFSET).unwrap_or(ch);
    }
    ch
}

/// Each character's confidence: its glyph's score; an inserted space (a box between two
/// glyphs) takes the lower of its neighbours'.
fn confidences_by_rect(rects: &[Rect], scores: &[(Rect, f32)]) -> Vec<f32> {
    let of = |r: &Rect| scores.iter().find(|(g, _)| g == r).map(|&(_, s)| s);
    (0..rects.len())
        .map(|i| {
            of(&rects[i]).unwrap_or_else(|| {
                let before = i.checked_sub(1).and_then(|j| of(&rects[j])).unwrap_or(1.0);
                let after = rects.get(i + 1).and_then(of).unwrap_or(1.0);
                before.min(after)
            })
        })
        .collect()
}

/// Share of the page covered by its largest image.
fn image_share(page: &PdfPage<'_>, page_area: f32) -> f32 {
    let largest = page
        .objects()
        .iter()
        .filter(|o| matches!(o, PdfPageObject::Image(_)))
        .filter_map(|o| o.bounds().ok())
        .map(|b| ((b.right().value - b.left().value) * (b.top().value - b.bottom().value)).abs())
        .fold(0.0, f32::max);
    if page_area > 0.0 {
        largest / page_area
    } else {
        0.0
    }
}

/// Renders the page as grey (luma, so coloured print stays dark: red labels and borders are
/// content here, not a seal) with light tints — the watermark, header shading — turned to
/// white, as the recogniser sees scanned pages.
fn render_gray(page: &PdfPage<'_>, index: usize, px_per_pt: f32) -> Result<RgbImage> {
    crate::pdf::check_render_size(page, index, px_per_pt)?;
    let cfg = PdfRenderConfig::new().scale_page_by_factor(px_per_pt);
    let img = page
        .render_with_config(&cfg)
        .and_then(|b| b.as_image())
        .map_err(|e| Error::pdf(format!("rendering page {}", index + 1), e))?;
    Ok(raster::gray_to_rgb(&raster::whiten_tint(
        &img.into_luma8(),
        &BinarizeParams::default(),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::Recognized;

    fn glyph(x: f32, y: f32, w: f32, ch: char) -> Glyph {
        Glyph {
            ch,
            rect: Rect::new(x, y, x + w, y + 9.0),
            font_size: 9.0,
            bold: false,
            color: 0,
            alpha: 255,
            angle: 0.0,
            space_before: false,
        }
    }

    fn wall(pos: f32) -> Ruling {
        Ruling {
            orientation: Orientation::Vertical,
            pos,
            start: 0.0,
            end: 100.0,
            color: 0,
        }
    }

    #[test]
    fn runs_follow_geometry_not_the_garbled_codes() {
        // Codes that happen to decode as Latin letters must not matter: two runs split by a
        // ruling, one more after a wide gap, none joined by a space.
        let mut g: Vec<Glyph> = (0..3).map(|i| glyph(10.0 + 9.0 * i as f32, 20.0, 9.0, 'a')).collect();
        g.extend((0..2).map(|i| glyph(45.0 + 9.0 * i as f32, 20.0, 9.0, 'b')));
        g.extend((0..2).map(|i| glyph(120.0 + 9.0 * i as f32, 20.0, 9.0, 'c')));
        let runs = group_runs(&g, &[wall(42.0)]);
        let mut sizes: Vec<usize> = runs.iter().map(|r| r.glyphs.len()).collect();
        sizes.sort();
        assert_eq!(sizes, vec![2, 2, 3]);
        let first = runs.iter().find(|r| r.glyphs.len() == 3).unwrap();
        assert_eq!(first.rect, Rect::new(10.0, 20.0, 37.0, 29.0));
        assert!(runs.iter().all(|r| r.glyphs.iter().all(|g| g.ch == PLACEHOLDER)));
    }

    #[test]
    fn glyphs_written_out_of_order_make_one_run_left_to_right() {
        // Stream order 主 款 借 人 (x 0, 18, 9, 27): `build_spans` alone gives two
        // interleaved runs.
        let g: Vec<Glyph> = [0.0, 18.0, 9.0, 27.0]
            .iter()
            .map(|&x| glyph(100.0 + x, 20.0, 9.0, 'x'))
            .collect();
        let runs = group_runs(&g, &[]);
        assert_eq!(runs.len(), 1);
        let xs: Vec<f32> = runs[0].glyphs.iter().map(|g| g.rect.x0).collect();
        assert_eq!(xs, vec![100.0, 109.0, 118.0, 127.0]);
        assert_eq!(runs[0].rect, Rect::new(100.0, 20.0, 136.0, 29.0));
        // Touching runs on one line (a wide gap's neighbours) stay apart.
        let far: Vec<Glyph> = [0.0, 9.0, 40.0].iter().map(|&x| glyph(x, 20.0, 9.0, 'x')).collect();
        assert_eq!(group_runs(&far, &[]).len(), 2);
    }

    #[test]
    fn crop_margins_stop_short_of_rulings_and_map_to_pixels() {
        let img = RgbImage::new(1000, 1000);
        let p = GlyphRunParams::default();
        let run = Rect::new(10.0, 20.0, 37.0, 29.0);
        // Free on all sides: 0.3 em left/right, 0.15 em above/below, at 2 px per pt.
        let any = (f32::NEG_INFINITY, f32::INFINITY);
        let free = crop_rect(&run, 10.0, &[], any, &p, 2.0, &img);
        assert_eq!(free, Rect::new(14.0, 37.0, 80.0, 61.0));
        // A column ruling 1 pt right of the run and a row ruling 0.5 pt above it.
        let row = Ruling {
            orientation: Orientation::Horizontal,
            pos: 19.5,
            start: 0.0,
            end: 100.0,
            color: 0,
        };
        let tight = crop_rect(&run, 10.0, &[wall(38.0), row], any, &p, 2.0, &img);
        // Right: 38 − 0.8 = 37.2 pt; top: never inside the run, so the run's own top.
        assert_eq!(tight, Rect::new(14.0, 40.0, 75.0, 61.0));
        // A ruling that does not reach the run's rows leaves the margin alone.
        let short = Ruling {
            start: 50.0,
            end: 60.0,
            ..wall(38.0)
        };
        assert_eq!(crop_rect(&run, 10.0, &[short], any, &p, 2.0, &img), free);
        // A neighbouring line 0.5 pt below: the bottom margin stops halfway.
        let room = (f32::NEG_INFINITY, 29.25);
        assert_eq!(
            crop_rect(&run, 10.0, &[], room, &p, 2.0, &img),
            Rect::new(14.0, 37.0, 80.0, 59.0)
        );
    }

    #[test]
    fn vertical_room_stops_halfway_to_the_next_line_over_the_same_columns() {
        let line = |y: f32, x: f32| group_runs(&[glyph(x, y, 9.0, 'x'), glyph(x + 9.0, y, 9.0, 'x')], &[]);
        let mut runs = line(20.0, 10.0);
        runs.extend(line(30.0, 14.0)); // the next line of a wrapped cell
        runs.extend(line(10.0, 200.0)); // another column: no limit
        let room = vertical_room(&runs);
        assert_eq!(room[0], (f32::NEG_INFINITY, 29.5));
        assert_eq!(room[1], (29.5, f32::INFINITY));
        assert_eq!(room[2], (f32::NEG_INFINITY, f32::INFINITY));
    }

    fn line(text: &str, rect: Rect, score: f32) -> OcrLine {
        let n = text.chars().count();
        let step = rect.width() / n as f32;
        let rec = Recognized {
            text: text.into(),
            score,
            char_scores: vec![score; n],
            char_x: (0..n).map(|i| (i as f32 + 0.5) * step).collect(),
        };
        let quad = [
            [rect.x0, rect.y0],
            [rect.x1, rect.y0],
            [rect.x1, rect.y1],
            [rect.x0, rect.y1],
        ];
        OcrLine::new(quad, rec, rect.width(), false, false)
    }

    #[test]
    fn one_character_per_glyph_goes_back_on_the_glyphs_with_text_path_spacing() {
        // `2015.06.01 10:05:15`-like: two Latin words 2.5 pt apart (a real space), then CJK.
        let mut g: Vec<Glyph> = (0..3).map(|i| glyph(10.0 + 4.5 * i as f32, 20.0, 4.5, 'x')).collect();
        g.extend((0..2).map(|i| glyph(26.0 + 4.5 * i as f32, 20.0, 4.5, 'x')));
        g[4].bold = true;
        g[3].bold = true;
        g[2].bold = true;
        let runs = group_runs(&g, &[]);
        assert_eq!(runs.len(), 1);
        let px = 2.0;
        let l = line("1 2 3 ab", Rect::new(20.0, 40.0, 70.0, 58.0), 0.9);
        let (spans, exact) = respan(&runs[0], &l, &[], &SpanRules::default(), px);
        assert!(exact);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].text, "123 ab");
        assert_eq!(spans[0].char_rects[0], g[0].rect);
        assert_eq!(spans[0].confidences, vec![0.9; 6]);
        assert!(spans[0].bold);
        assert_eq!(spans[0].font_size, 9.0);
    }

    #[test]
    fn full_and_half_width_forms_follow_the_glyph_width() {
        assert_eq!(fit_width('／', 0.28), '/');
        assert_eq!(fit_width('（', 0.33), '(');
        assert_eq!(fit_width('(', 1.0), '（');
        assert_eq!(fit_width('：', 1.0), '：');
        assert_eq!(fit_width(':', 0.28), ':');
        // Letters, digits and the wide Latin symbols keep their form.
        assert_eq!(fit_width('W', 0.94), 'W');
        assert_eq!(fit_width('@', 1.02), '@');
        assert_eq!(fit_width('信', 1.0), '信');
    }

    #[test]
    fn a_count_mismatch_keeps_the_recognised_line_in_the_run_box() {
        let g: Vec<Glyph> = (0..4).map(|i| glyph(10.0 + 9.0 * i as f32, 20.0, 9.0, 'x')).collect();
        let runs = group_runs(&g, &[]);
        let l = line("信用", Rect::new(20.0, 40.0, 92.0, 58.0), 0.8);
        let (spans, exact) = respan(&runs[0], &l, &[], &SpanRules::default(), 2.0);
        assert!(!exact);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].text, "信用");
        assert_eq!(spans[0].rect, Rect::new(10.0, 20.0, 46.0, 29.0));
        assert_eq!(spans[0].font_size, 9.0);
    }
}
