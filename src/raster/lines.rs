//! Table rulings from a binarised page: long horizontal and vertical ink runs (a run-length
//! form of morphological opening with a long line kernel), stacked runs merged into one line
//! per stroke, short breaks re-joined, and vertical candidates kept only where they behave like
//! table rulings (long, or ending on horizontal rulings) so CJK strokes are not mistaken for
//! cell borders.

use image::GrayImage;

use crate::content::{Orientation, Ruling};
use crate::geom::covered_length;

/// Tunables, in PDF points so they hold at any DPI.
#[derive(Debug, Clone, Copy)]
pub struct LineParams {
    /// Shortest horizontal ruling. Characters are ≤ ~11 pt wide in these reports.
    pub min_h_len_pt: f32,
    /// Shortest vertical ruling considered at all (a table row is ≥ ~14 pt high).
    pub min_v_len_pt: f32,
    /// Verticals at least this long are kept even when they do not end on horizontals.
    pub sure_v_len_pt: f32,
    /// Ink gaps up to this length inside a run are bridged (scan noise, JPEG, dashes).
    pub gap_pt: f32,
    /// Collinear segments closer than this are joined (broken printed lines). Kept short: a
    /// title row's glyph strokes, each a few points long, must not bridge the column rulings
    /// of the tables above and below it.
    pub join_pt: f32,
    /// Strokes thicker than this are areas (seals, filled boxes), not rulings.
    pub max_thickness_pt: f32,
    /// How close a vertical end must be to a horizontal ruling to count as "ending on it".
    pub touch_pt: f32,
    /// How far a vertical may run on past the horizontal it ends on and still count as ending
    /// on it. A table continued over a page break opens the next page with the moved row's
    /// cell sides drawn a few points above its top border (Chromium); without this the
    /// short inner sides of that row end in the open, the row becomes one cell, and its record
    /// is read into the record above. Under half the shortest row, so a stub is never a row.
    pub overhang_pt: f32,
    /// Horizontals at least this long are kept on their own; shorter ones (bold heading
    /// strokes of neighbouring characters bridged into one run) only where a vertical ruling
    /// meets an end, and a short vertical must end on at least one horizontal this long.
    pub sure_h_len_pt: f32,
    /// Window of the along-the-line mean that [`find_rulings_in`]'s callers apply before
    /// binarising for rulings (see `raster::smooth_along`).
    pub smooth_pt: f32,
    /// The same for horizontals (see `scanned::rulings_of`).
    pub smooth_h_pt: f32,
    /// Width of the band beside a stroke looked at by the "paper beside it" test.
    pub beside_pt: f32,
    /// Most of a stroke's length that may have ink beside it (see `ink_beside`).
    pub max_beside_ink: f32,
    /// Horizontals at least this long skip the "paper beside it" test (no text line bridges
    /// into a run this long).
    pub lonely_h_len_pt: f32,
    /// Nearest distance across a line at which the ruling masks look for paper (see
    /// `raster::ridge_mask`): past the half width of a blurred ruling.
    pub ridge_near_pt: f32,
    /// Farthest such distance: less than the padding between a ruling and its cell's text.
    pub ridge_far_pt: f32,
    /// How much darker than that paper a ruling must be.
    pub ridge_t: f32,
    /// Pixels at least this bright are never ruling ink. Well above the tint level that
    /// text binarisation uses: on a flattened poor scan, a blurred dotted ruling sits there.
    pub ridge_max_level: u8,
    /// Also count as ruling ink what the window-mean threshold finds (debug/tuning).
    pub ridge_union: bool,
}

impl Default for LineParams {
    fn default() -> Self {
        Self {
            min_h_len_pt: 18.0,
            min_v_len_pt: 9.0,
            sure_v_len_pt: 30.0,
            gap_pt: 1.2,
            join_pt: 1.5,
            max_thickness_pt: 3.0,
            touch_pt: 3.0,
            overhang_pt: 6.0,
            sure_h_len_pt: 48.0,
            smooth_pt: 1.0,
            smooth_h_pt: 1.0,
            beside_pt: 1.2,
            max_beside_ink: 0.4,
            lonely_h_len_pt: 120.0,
            ridge_near_pt: 1.0,
            ridge_far_pt: 2.5,
            ridge_t: 0.07,
            ridge_max_level: 250,
            ridge_union: true,
        }
    }
}

/// A run on one scan line: `[start, end)` along the line at index `pos` across it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Run {
    pub(super) pos: u32,
    pub(super) start: u32,
    pub(super) end: u32,
}

/// A stroke: runs merged across neighbouring scan lines.
#[derive(Debug, Clone, Copy)]
struct Stroke {
    pos_sum: f64,
    count: u32,
    pos_min: u32,
    pos_max: u32,
    start: u32,
    end: u32,
    /// The run on the stroke's last scan line.
    last: (u32, u32),
    /// Identity while merging (see `merge_strokes`).
    id: usize,
    /// Split out of a block too thick to be a ruling (see [`strokes_of`]).
    split: bool,
    /// A horizontal piece kept only by the rules for rulings crossed by a copy mark (see
    /// [`strokes_of`]): a ruling if it meets a vertical at an end, but no proof that a split
    /// vertical ending on it is one.
    lenient: bool,
}

/// Finds rulings in an ink mask (255 = ink). `px_per_pt` converts pixels to points.
pub fn find_rulings(ink: &GrayImage, px_per_pt: f32, p: &LineParams) -> Vec<Ruling> {
    find_rulings_in(ink, ink, px_per_pt, p)
}

/// [`find_rulings`] with a separate mask for each direction (`h_ink` for horizontals,
/// `v_ink` for verticals, e.g. each binarised after smoothing along its direction); both have
/// the same size.
pub fn find_rulings_in(h_ink: &GrayImage, v_ink: &GrayImage, px_per_pt: f32, p: &LineParams) -> Vec<Ruling> {
    let (w, h) = h_ink.dimensions();
    let at = |m: &GrayImage, x: u32, y: u32| m.as_raw()[(y as usize) * (w as usize) + x as usize] > 0;
    let gap = (p.gap_pt * px_per_pt).round() as u32;
    let min_h = (p.min_h_len_pt * px_per_pt) as u32;
    let min_v = (p.min_v_len_pt * px_per_pt) as u32;

    let h_runs = scan_runs(h, w, gap, min_h, |pos, i| at(h_ink, i, pos));
    let v_runs = scan_runs(w, h, gap, min_v, |pos, i| at(v_ink, pos, i));
    let max_thick = (p.max_thickness_pt * px_per_pt).ceil() as u32 + 1;
    let to_ruling = |s: &Stroke, o: Orientation| Ruling {
        orientation: o,
        pos: (s.pos_sum / s.count as f64) as f32 / px_per_pt,
        start: s.start as f32 / px_per_pt,
        end: s.end as f32 / px_per_pt,
        color: 0,
    };
    let band = (p.beside_pt * px_per_pt).round().max(2.0) as u32;
    let lonely = |s: &Stroke, m: &GrayImage, vertical: bool, sure_px: f32| {
        (s.end - s.start) as f32 >= sure_px || ink_beside(m, s, vertical, band) <= p.max_beside_ink
    };
    let thin = |s: &Stroke| s.pos_max - s.pos_min < max_thick;
    let h_tol = p.join_pt * px_per_pt;
    // (ruling, split out of a thick block)
    let horizontals = |strokes: Vec<Stroke>| -> Vec<(Ruling, bool)> {
        join(strokes, h_tol)
            .iter()
            .filter(|s| thin(s))
            .filter(|s| lonely(s, h_ink, false, p.lonely_h_len_pt * px_per_pt))
            .map(|s| (to_ruling(s, Orientation::Horizontal), s.split))
            .collect()
    };
    let h_strokes = strokes_of(&h_runs, max_thick, true);
    // What a split vertical may end on: the horizontals as found with the blocks left in and
    // without the lenient pieces (see [`strokes_of`]). Those pieces are rulings where they
    // meet a vertical, but the strokes of a copy mark's letters among them would let a piece
    // of the mark's near-vertical stroke pass for a table's side border.
    let all_hs: Vec<Ruling> = horizontals(h_strokes.iter().filter(|s| !s.lenient).copied().collect())
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    // The blocks themselves are no rulings. Left in, [`join`] merges a piece lying along its
    // block's middle (a ruling crossed by a copy mark's diagonal stroke, which thickens it
    // evenly above and below) straight back into the block, and the ruling was lost.
    let hs = horizontals(h_strokes.into_iter().filter(|s| thin(s)).collect());
    // A piece split out of a block must end on horizontals at both ends, whatever its length:
    // a ruling against shading spans its table, while a bold title's strokes, split out of
    // the block of their glyphs, end in the open.
    let candidates: Vec<(Ruling, bool)> = join(strokes_of(&v_runs, max_thick, false), p.join_pt * px_per_pt)
        .iter()
        .filter(|s| thin(s))
        .filter(|s| lonely(s, v_ink, true, p.sure_v_len_pt * px_per_pt))
        .map(|s| (to_ruling(s, Orientation::Vertical), s.split))
        .collect();
    // (ruling, split out of a thick block)
    type Candidates = Vec<(Ruling, bool)>;
    let (kept, rest): (Candidates, Candidates) = candidates.into_iter().partition(|(v, split)| match split {
        true => {
            ends_on_horizontals(v, &all_hs, p.touch_pt, 0.0, 0.0)
                || crossings(v, &all_hs, p.touch_pt) >= MIN_SPLIT_CROSSINGS
        }
        false => {
            v.end - v.start >= p.sure_v_len_pt
                || ends_on_horizontals(v, &all_hs, p.touch_pt, p.overhang_pt, p.sure_h_len_pt)
        }
    });
    let mut vs: Vec<Ruling> = kept.into_iter().map(|(v, _)| v).collect();
    let open_row_sides: Vec<Ruling> = rest
        .into_iter()
        .filter(|(v, split)| !split && is_side_of_an_open_row(v, &vs, &all_hs, p))
        .map(|(v, _)| v)
        .collect();
    vs.extend(open_row_sides);
    let hs: Vec<Ruling> = hs
        .into_iter()
        .filter(|(h, split)| {
            (!split && h.end - h.start >= p.sure_h_len_pt) || meets_a_vertical_at_an_end(h, &vs, p.touch_pt)
        })
        .map(|(h, _)| h)
        .collect();
    hs.into_iter().chain(vs).collect()
}

/// Share of positions along stroke `s` with ink in the `band` pixels just beside it, on the
/// busier side. A ruling has paper beside it except where other rulings cross and where cell
/// text comes close; a stroke of a character (or several bridged into one run) has the rest
/// of its glyphs right against it.
fn ink_beside(m: &GrayImage, s: &Stroke, vertical: bool, band: u32) -> f32 {
    let (w, h) = m.dimensions();
    let across = if vertical { w } else { h };
    let at = |along: u32, off: u32| {
        let (x, y) = if vertical { (off, along) } else { (along, off) };
        m.as_raw()[(y as usize) * (w as usize) + x as usize] > 0
    };
    let lo = s.pos_min.checked_sub(1);
    let hi = s.pos_max + 2;
    let (mut before, mut after, mut n) = (0u32, 0u32, 0u32);
    for i in s.start..s.end {
        n += 1;
        if let Some(lo) = lo {
            if (lo.saturating_sub(band - 1)..=lo).any(|o| at(i, o)) {
                before += 1;
            }
        }
        if hi < across && (hi..(hi + band).min(across)).any(|o| at(i, o)) {
            after += 1;
        }
    }
    before.max(after) as f32 / n.max(1) as f32
}

/// Whether the end of `v` at `y` is on a horizontal of `hs` at least `long` long: within `tol`
/// of it, or running on past it by at most `overhang`. `inward` is +1 at the top end (the
/// horizontal lies below it) and -1 at the bottom end.
fn end_on(v: &Ruling, y: f32, inward: f32, hs: &[Ruling], tol: f32, overhang: f32, long: f32) -> bool {
    let reach = overhang.max(tol);
    hs.iter().any(|h| {
        let d = (h.pos - y) * inward;
        h.end - h.start >= long && d >= -tol && d <= reach && v.pos >= h.start - tol && v.pos <= h.end + tol
    })
}

/// Both ends of `v` on horizontals, at least one of them `long` (a table's own ruling rather
/// than the top strokes of a heading's characters bridged into one run). An end within `tol`
/// of a horizontal is on it, and so is one that runs on past it by at most `overhang`.
fn ends_on_horizontals(v: &Ruling, hs: &[Ruling], tol: f32, overhang: f32, long: f32) -> bool {
    let on = |y: f32, inward: f32, long: f32| end_on(v, y, inward, hs, tol, overhang, long);
    on(v.start, 1.0, 0.0) && on(v.end, -1.0, 0.0) && (on(v.start, 1.0, long) || on(v.end, -1.0, long))
}

/// A short vertical with one end on a table's long horizontal and the other in the open, where
/// the table's two outer sides (long verticals of `vs` either side of it) end too: an inner
/// side of a row that a page break left without its top or bottom border. Chromium moves a
/// row that does not fit to the next page and leaves no border above it; a cell cut by the
/// break ends the same way at the foot of the page. Without its sides such a row is one cell,
/// and the piece of each value on it is lost from its column.
fn is_side_of_an_open_row(v: &Ruling, vs: &[Ruling], hs: &[Ruling], p: &LineParams) -> bool {
    let long = p.sure_v_len_pt;
    let tol = p.touch_pt;
    let sides_end_at = |y: f32, at: fn(&Ruling) -> f32| {
        let ending = |r: &&Ruling| r.end - r.start >= long && (at(r) - y).abs() <= tol;
        vs.iter().filter(ending).any(|r| r.pos < v.pos) && vs.iter().filter(ending).any(|r| r.pos > v.pos)
    };
    let on = |y: f32, inward: f32| end_on(v, y, inward, hs, tol, p.overhang_pt, p.sure_h_len_pt);
    (on(v.end, -1.0) && sides_end_at(v.start, |r| r.start)) || (on(v.start, 1.0) && sides_end_at(v.end, |r| r.end))
}

/// A split vertical that crosses at least this many horizontals is a table's column ruling
/// even where an end lies in the open: a copy mark's letter over a grid's corner can take the
/// row ruling it ended on, while a glyph's or a mark's stroke crosses no rows.
const MIN_SPLIT_CROSSINGS: usize = 4;

/// How many of `hs` the vertical `v` crosses between its ends.
fn crossings(v: &Ruling, hs: &[Ruling], tol: f32) -> usize {
    hs.iter()
        .filter(|h| h.pos > v.start + tol && h.pos < v.end - tol && v.pos >= h.start - tol && v.pos <= h.end + tol)
        .count()
}

/// Whether a vertical ruling crosses or ends at either end of the short horizontal `h`: a
/// partial cell border always meets the borders beside it.
fn meets_a_vertical_at_an_end(h: &Ruling, vs: &[Ruling], tol: f32) -> bool {
    vs.iter().any(|v| {
        v.start <= h.pos + tol
            && v.end >= h.pos - tol
            && ((v.pos - h.start).abs() <= tol || (v.pos - h.end).abs() <= tol)
    })
}

/// Runs of ink along `len` for each of `lines` scan lines, bridging gaps ≤ `gap`.
pub(super) fn scan_runs(lines: u32, len: u32, gap: u32, min_len: u32, ink: impl Fn(u32, u32) -> bool) -> Vec<Run> {
    let mut runs = Vec::new();
    for pos in 0..lines {
        let mut start: Option<u32> = None;
        let mut last_ink = 0u32;
        for i in 0..len {
            if ink(pos, i) {
                if let Some(s) = start {
                    if i - last_ink > gap + 1 {
                        if last_ink + 1 - s >= min_len {
                            runs.push(Run {
                                pos,
                                start: s,
                                end: last_ink + 1,
                            });
                        }
                        start = Some(i);
                    }
                } else {
                    start = Some(i);
                }
                last_ink = i;
            }
        }
        if let Some(s) = start {
            if last_ink + 1 - s >= min_len {
                runs.push(Run {
                    pos,
                    start: s,
                    end: last_ink + 1,
                });
            }
        }
    }
    runs
}

/// Strokes of `runs`: runs on adjacent scan lines that overlap along the line, merged. A
/// stroke `max_thick` or thicker is merged again from its own runs, each joining the one before
/// only where they overlap over half the longer of the two: where shading (a dark header row
/// blurred at 150 DPI) or a glyph touches a ruling over a short stretch, its short runs made the
/// ruling too thick to be one and it was lost; the ruling's own scan lines run its whole length
/// and come apart from them. A piece is kept when at least a third of its length runs past the
/// rest of its block (a blurred text line or a seal's arc, split so, gives long thin pieces that
/// lie along the rest of it); a split vertical must also end on horizontals at both ends (see
/// [`find_rulings_in`]). Only rejected strokes are split, so a slanted ruling (whose scan lines
/// each hold a shifted piece of it) stays one stroke.
///
/// The blocks are returned with their pieces. `horizontal`: the pieces are horizontals, which a
/// copy mark's letters cross; a piece's own blurred edges then do not count as the rest of its
/// block (see below), and the pieces kept only by that, or lying along their block's middle
/// (which joining merged back into the block while it was left in), are marked `lenient`; the
/// caller leaves the blocks out of its horizontals (see [`find_rulings_in`]). Verticals keep the
/// stricter rule: a mark's near-vertical stroke lies along a table's side border between two
/// tables, and a piece of it joined the two borders into one, so that the tables and the
/// headings between them were read as one table.
fn strokes_of(runs: &[Run], max_thick: u32, horizontal: bool) -> Vec<Stroke> {
    let (mut strokes, owner) = merge_strokes(runs, false);
    // Each thick stroke's runs, gathered in one pass (in scan order, as merged).
    let mut own_runs: Vec<Option<Vec<Run>>> = strokes
        .iter()
        .map(|s| (s.pos_max - s.pos_min >= max_thick).then(Vec::new))
        .collect();
    for (r, &o) in runs.iter().zip(&owner) {
        if let Some(own) = own_runs[o].as_mut() {
            own.push(*r);
        }
    }
    let mut pieces = Vec::new();
    for (block, own) in strokes.iter().zip(own_runs) {
        let Some(own) = own else { continue };
        let (parts, part_of) = merge_strokes(&own, true);
        for (j, part) in parts.iter().enumerate() {
            if part.pos_max - part.pos_min >= max_thick {
                continue;
            }
            // Only the block's runs near the piece across it count: a copy mark's letters
            // bridged to a ruling make one block hundreds of pixels wide, whose far strokes
            // cover the ruling's whole length without lying along it.
            let near = |r: &Run| {
                r.pos + NEAR_THICKNESSES * max_thick >= part.pos_min
                    && r.pos <= part.pos_max + NEAR_THICKNESSES * max_thick
            };
            let rest = |same: &dyn Fn(usize) -> bool| {
                own.iter()
                    .zip(&part_of)
                    .filter(|(r, &o)| !same(o) && near(r))
                    .map(|(r, _)| (r.start, r.end))
                    .collect::<Vec<_>>()
            };
            // A ruling runs on past the block against it; the pieces a text line or a blob
            // falls into under the strict merge lie along the rest of it.
            let runs_past =
                |rest: Vec<(u32, u32)>| 3 * uncovered(part.start, part.end, rest.into_iter()) >= part.end - part.start;
            let strict = runs_past(rest(&|k| k == j));
            // A blurred ruling's edge scan lines, shorter where it is slanted, are pieces of
            // their own against it: for a horizontal they are the same ruling, not the rest of
            // the block.
            let same_ruling = |k: usize| {
                let q = &parts[k];
                k == j
                    || (q.pos_max - q.pos_min < max_thick
                        && q.pos_min <= part.pos_max + 1
                        && part.pos_min <= q.pos_max + 1
                        && q.pos_max.max(part.pos_max) - q.pos_min.min(part.pos_min) < max_thick)
            };
            let lenient = horizontal && !strict && runs_past(rest(&same_ruling));
            // Along the block's middle, the piece used to be joined back into its block.
            let centre = |s: &Stroke| s.pos_sum / s.count as f64;
            let mid = (centre(part) - centre(block)).abs() <= JOIN_ACROSS_PX;
            if strict || lenient {
                pieces.push(Stroke {
                    split: true,
                    lenient: horizontal && (lenient || mid),
                    ..*part
                });
            }
        }
    }
    // The blocks stay: the caller decides (see [`find_rulings_in`]).
    strokes.extend(pieces);
    strokes
}

/// How far across a split piece (in multiples of the thickest ruling) the rest of its block
/// is compared with it: a blurred text line's pieces lie within its height (about three
/// ruling thicknesses at the report's font sizes), a ruling's neighbours in the block beyond.
const NEAR_THICKNESSES: u32 = 3;

/// How much of `[start, end)` none of the `intervals` covers (pixel counts, exact in `f32`).
fn uncovered(start: u32, end: u32, intervals: impl Iterator<Item = (u32, u32)>) -> u32 {
    let covered = covered_length(start as f32, end as f32, intervals.map(|(a, b)| (a as f32, b as f32)));
    (end - start) - covered.round() as u32
}

/// Merges runs on adjacent scan lines into strokes (`strict`: see [`strokes_of`]); also gives
/// each run's stroke, as an index into the strokes returned.
fn merge_strokes(runs: &[Run], strict: bool) -> (Vec<Stroke>, Vec<usize>) {
    // Stroke ids as merged; mapped to indices into `done` at the end.
    let mut run_id = vec![0usize; runs.len()];
    let mut next_id = 0usize;
    let mut done: Vec<Stroke> = Vec::new();
    let mut open: Vec<Stroke> = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let pos = runs[i].pos;
        let mut next_open: Vec<Stroke> = Vec::new();
        let mut used = vec![false; open.len()];
        while i < runs.len() && runs[i].pos == pos {
            let r = runs[i];
            let hit = open
                .iter()
                .enumerate()
                .position(|(k, s)| !used[k] && s.pos_max + 1 == pos && continues(s, &r, strict));
            let stroke = match hit {
                Some(k) => {
                    used[k] = true;
                    let s = &open[k];
                    Stroke {
                        pos_sum: s.pos_sum + pos as f64,
                        count: s.count + 1,
                        pos_min: s.pos_min,
                        pos_max: pos,
                        start: s.start.min(r.start),
                        end: s.end.max(r.end),
                        last: (r.start, r.end),
                        id: s.id,
                        split: false,
                        lenient: false,
                    }
                }
                None => {
                    next_id += 1;
                    Stroke {
                        pos_sum: pos as f64,
                        count: 1,
                        pos_min: pos,
                        pos_max: pos,
                        start: r.start,
                        end: r.end,
                        last: (r.start, r.end),
                        id: next_id - 1,
                        split: false,
                        lenient: false,
                    }
                }
            };
            run_id[i] = stroke.id;
            next_open.push(stroke);
            i += 1;
        }
        for (k, s) in open.into_iter().enumerate() {
            if !used[k] {
                done.push(s);
            }
        }
        open = next_open;
    }
    done.extend(open);
    let mut index = vec![0usize; next_id];
    for (k, s) in done.iter().enumerate() {
        index[s.id] = k;
    }
    let owner = run_id.iter().map(|&id| index[id]).collect();
    (done, owner)
}

/// Whether run `r` continues stroke `s` on the next scan line: any overlap with the stroke, or
/// (`strict`) an overlap with the stroke's last run over at least half the longer of the two.
fn continues(s: &Stroke, r: &Run, strict: bool) -> bool {
    if !strict {
        return r.start < s.end && s.start < r.end;
    }
    let (a, b) = s.last;
    let overlap = r.end.min(b).saturating_sub(r.start.max(a));
    overlap > 0 && 2 * overlap >= (r.end - r.start).max(b - a)
}

/// Strokes whose centres lie this close (px) across the line are collinear (see [`join`]).
const JOIN_ACROSS_PX: f64 = 2.0;

/// Joins collinear strokes whose ends are within `tol` px along the line.
fn join(mut strokes: Vec<Stroke>, tol: f32) -> Vec<Stroke> {
    strokes.sort_by(|a, b| {
        let (pa, pb) = (a.pos_sum / a.count as f64, b.pos_sum / b.count as f64);
        pa.partial_cmp(&pb)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.start.cmp(&b.start))
    });
    let mut out: Vec<Stroke> = Vec::new();
    for s in strokes {
        let c = s.pos_sum / s.count as f64;
        let merged = out.iter_mut().rev().take(8).find(|o| {
            let oc = o.pos_sum / o.count as f64;
            (oc - c).abs() <= JOIN_ACROSS_PX
                && (s.start as f32) <= o.end as f32 + tol
                && (o.start as f32) <= s.end as f32 + tol
        });
        match merged {
            Some(o) => {
                o.pos_sum += s.pos_sum;
                o.count += s.count;
                o.pos_min = o.pos_min.min(s.pos_min);
                o.pos_max = o.pos_max.max(s.pos_max);
                o.start = o.start.min(s.start);
                o.end = o.end.max(s.end);
                o.split &= s.split;
                o.lenient &= s.lenient;
            }
            None => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    fn draw_h(img: &mut GrayImage, y: u32, x0: u32, x1: u32, t: u32) {
        for yy in y..y + t {
            for x in x0..x1 {
                img.put_pixel(x, yy, Luma([255]));
            }
        }
    }
    fn draw_v(img: &mut GrayImage, x: u32, y0: u32, y1: u32, t: u32) {
        for xx in x..x + t {
            for y in y0..y1 {
                img.put_pixel(xx, y, Luma([255]));
            }
        }
    }

    #[test]
    fn finds_a_two_by_two_grid_and_rejoins_a_broken_line() {
        // 2 px per pt (144 DPI), a little under the poorest scans.
        let mut img = GrayImage::new(300, 200);
        draw_h(&mut img, 20, 20, 280, 2);
        draw_h(&mut img, 60, 20, 130, 2); // broken: gap of 2 px (1 pt)
        draw_h(&mut img, 60, 132, 280, 2);
        draw_h(&mut img, 100, 20, 280, 2);
        for x in [20, 150, 278] {
            draw_v(&mut img, x, 20, 102, 2);
        }
        let r = find_rulings(&img, 2.0, &LineParams::default());
        let hs: Vec<_> = r.iter().filter(|r| r.orientation == Orientation::Horizontal).collect();
        let vs: Vec<_> = r.iter().filter(|r| r.orientation == Orientation::Vertical).collect();
        assert_eq!(hs.len(), 3, "{hs:?}");
        assert_eq!(vs.len(), 3, "{vs:?}");
        assert!((hs[1].pos - 30.25).abs() < 0.01 && hs[1].start <= 10.0 && hs[1].end >= 139.5);
    }

    #[test]
    fn short_strokes_and_thick_blobs_are_not_rulings() {
        let mut img = GrayImage::new(200, 200);
        draw_h(&mut img, 10, 10, 20, 2); // a character stroke, 10 pt
        draw_v(&mut img, 50, 10, 22, 2); // vertical stroke not on any horizontal, 12 pt
        draw_h(&mut img, 100, 10, 190, 12); // a filled bar, 12 pt thick
        let r = find_rulings(&img, 1.0, &LineParams::default());
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn bridged_heading_strokes_do_not_make_a_table() {
        // Two bold characters whose top and middle strokes bridge into 22-pt "horizontals",
        // with 12-pt vertical strokes between them: no ruling survives.
        let mut img = GrayImage::new(200, 100);
        draw_h(&mut img, 40, 60, 82, 2);
        draw_h(&mut img, 50, 60, 82, 2);
        for x in [62, 70, 78] {
            draw_v(&mut img, x, 40, 52, 2);
        }
        let r = find_rulings(&img, 1.0, &LineParams::default());
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn cell_sides_drawn_past_a_continued_rows_top_border_are_rulings() {
        // A table continued from the page before (1 px per pt): its first row (40..56) has
        // its inner sides drawn from 36, four points above its top border, down to the next
        // row's border; the rows below have other columns. Drawn from 30 instead (ten points
        // past the border), the sides end in the open and stay out. The outer sides start at
        // the border, so no open row explains the stubs: only the overhang does.
        for (top, kept) in [(36, true), (30, false)] {
            let mut img = GrayImage::new(300, 130);
            for y in [40, 56, 80, 104] {
                draw_h(&mut img, y, 20, 280, 2);
            }
            for x in [20, 278] {
                draw_v(&mut img, x, 40, 106, 2);
            }
            for x in [90, 160] {
                draw_v(&mut img, x, top, 58, 2);
            }
            draw_v(&mut img, 120, 56, 106, 2);
            let r = find_rulings(&img, 1.0, &LineParams::default());
            let inner = r
                .iter()
                .filter(|r| r.orientation == Orientation::Vertical && [90.0, 160.0].contains(&r.pos.floor()))
                .count();
            assert_eq!(inner, if kept { 2 } else { 0 }, "top {top}: {r:?}");
        }
    }

    #[test]
    fn sides_of_a_row_without_its_top_border_are_rulings() {
        // A row moved to a new page with no border above it (1 px per pt): the table's outer
        // sides start at 40 with the row's inner sides; the first border is at 56. Inner
        // strokes that start elsewhere (46), or a table whose outer sides start lower, keep
        // them out: a stroke in the open is a ruling only at the table's own open edge.
        for (inner_top, outer_top, kept) in [(40, 40, true), (46, 40, false), (40, 50, false)] {
            let mut img = GrayImage::new(300, 130);
            for y in [56, 80, 104] {
                draw_h(&mut img, y, 20, 280, 2);
            }
            for x in [20, 278] {
                draw_v(&mut img, x, outer_top, 106, 2);
            }
            for x in [90, 160] {
                draw_v(&mut img, x, inner_top, 58, 2);
            }
            let r = find_rulings(&img, 1.0, &LineParams::default());
            let inner = r
                .iter()
                .filter(|r| r.orientation == Orientation::Vertical && [90.0, 160.0].contains(&r.pos.floor()))
                .count();
            assert_eq!(
                inner,
                if kept { 2 } else { 0 },
                "inner {inner_top} outer {outer_top}: {r:?}"
            );
        }
    }

    #[test]
    fn short_partial_border_is_kept_where_verticals_meet_it() {
        // A 100-pt table whose right half has an extra 40-pt border under a merged cell.
        let mut img = GrayImage::new(200, 120);
        draw_h(&mut img, 20, 20, 120, 2);
        draw_h(&mut img, 40, 80, 120, 2);
        draw_h(&mut img, 60, 20, 120, 2);
        for x in [20, 80, 118] {
            draw_v(&mut img, x, 20, 62, 2);
        }
        let r = find_rulings(&img, 1.0, &LineParams::default());
        let hs = r.iter().filter(|r| r.orientation == Orientation::Horizontal).count();
        assert_eq!(hs, 3, "{r:?}");
    }

    #[test]
    fn a_ruling_survives_shading_against_it() {
        // A 160 × 180 pt table whose inner vertical has a dark shaded header cell (68 × 28 pt)
        // against its right side: merged with the shading it was 70 pt thick and lost.
        let mut img = GrayImage::new(200, 200);
        draw_h(&mut img, 10, 20, 180, 2);
        draw_h(&mut img, 188, 20, 180, 2);
        for x in [20, 50, 178] {
            draw_v(&mut img, x, 10, 190, 2);
        }
        draw_h(&mut img, 12, 52, 120, 28); // the shaded cell
        let r = find_rulings(&img, 1.0, &LineParams::default());
        let vs: Vec<_> = r.iter().filter(|r| r.orientation == Orientation::Vertical).collect();
        assert_eq!(vs.len(), 3, "{r:?}");
        let inner = vs
            .iter()
            .find(|v| (v.pos - 50.5).abs() < 0.01)
            .expect("the inner vertical");
        assert!(inner.start <= 10.0 && inner.end >= 189.0, "{inner:?}");
        assert_eq!(r.len() - vs.len(), 2, "{r:?}");
    }

    #[test]
    fn a_ruling_survives_a_diagonal_stroke_across_its_middle() {
        // A 160-pt table row whose middle horizontal is crossed by a 30-pt-wide diagonal stroke
        // (a copy mark's letter) reaching 10 pt above and below it: merged with the stroke, the
        // ruling's block was 22 pt thick, and its own scan lines, split out along the block's
        // middle, were joined straight back into it.
        let mut img = GrayImage::new(200, 120);
        draw_h(&mut img, 20, 20, 180, 2);
        draw_h(&mut img, 60, 20, 180, 2);
        draw_h(&mut img, 100, 20, 180, 2);
        for x in [20, 178] {
            draw_v(&mut img, x, 20, 102, 2);
        }
        for y in 50..72u32 {
            draw_h(&mut img, y, 80 + (y - 50), 110 + (y - 50), 1);
        }
        let r = find_rulings(&img, 1.0, &LineParams::default());
        let hs: Vec<_> = r.iter().filter(|r| r.orientation == Orientation::Horizontal).collect();
        assert_eq!(hs.len(), 3, "{r:?}");
        let middle = hs
            .iter()
            .find(|h| (h.pos - 61.0).abs() < 1.0)
            .expect("the middle ruling");
        assert!(middle.start <= 20.0 && middle.end >= 179.0, "{middle:?}");
    }

    #[test]
    fn a_column_bridged_to_a_far_letter_stroke_is_kept() {
        // A table column joined by a copy mark's diagonal stroke to the mark's long upright
        // stroke 50 px away: one block, whose upright covers the column's whole length without
        // lying along it. Near the column the block is only the diagonal's few rows.
        let mut img = GrayImage::new(200, 240);
        draw_h(&mut img, 20, 60, 180, 2);
        draw_h(&mut img, 218, 60, 180, 2);
        draw_v(&mut img, 100, 20, 220, 2);
        draw_v(&mut img, 40, 20, 220, 10);
        for x in 50..100u32 {
            let y = 110 + (x - 50) / 2;
            draw_v(&mut img, x, y, y + 20, 1);
        }
        let r = find_rulings(&img, 1.0, &LineParams::default());
        assert!(
            r.iter().any(|v| v.orientation == Orientation::Vertical
                && (v.pos - 100.5).abs() < 1.0
                && v.end - v.start > 190.0),
            "{r:?}"
        );
    }

    #[test]
    fn a_split_column_crossing_rows_is_kept_with_an_open_end() {
        assert_eq!(
            crossings(
                &Ruling {
                    orientation: Orientation::Vertical,
                    pos: 50.0,
                    start: 10.0,
                    end: 100.0,
                    color: 0
                },
                &[20.0, 40.0, 60.0, 80.0, 100.0, 120.0].map(|y| Ruling {
                    orientation: Orientation::Horizontal,
                    pos: y,
                    start: 0.0,
                    end: 90.0,
                    color: 0
                }),
                2.0
            ),
            4,
            "the end's own ruling and those past the end do not count"
        );
    }

    #[test]
    fn a_split_vertical_ending_in_the_open_is_no_ruling() {
        // The same inner vertical and shading with no table around them (a title's bold
        // strokes split out of the block of their glyphs): nothing is kept.
        let mut img = GrayImage::new(200, 200);
        draw_v(&mut img, 50, 10, 190, 2);
        draw_h(&mut img, 12, 52, 120, 28); // the shaded cell
        let r = find_rulings(&img, 1.0, &LineParams::default());
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn a_text_line_block_gives_no_ruling() {
        // A 150 × 9 pt ink block (a blurred text line, smoothed along the line) whose full-length
        // scan lines alternate with short ones: split strictly, each full-length line is a thin
        // piece, but none runs past the rest of the block.
        let mut img = GrayImage::new(200, 60);
        for y in 20..29u32 {
            let (x0, x1) = if y % 4 == 0 { (20, 170) } else { (60, 80) };
            draw_h(&mut img, y, x0, x1, 1);
        }
        let r = find_rulings(&img, 1.0, &LineParams::default());
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn uncovered_length_of_an_interval() {
        assert_eq!(uncovered(0, 100, [(10, 30), (20, 40), (90, 120)].into_iter()), 60);
        assert_eq!(uncovered(0, 100, std::iter::empty()), 100);
        assert_eq!(uncovered(10, 20, [(0, 50)].into_iter()), 0);
    }
}
