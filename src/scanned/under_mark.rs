//! Rulings continued under a copy mark. Lifting a mark as dark as a copier prints it
//! ([`crate::raster::lift_overlay`]) brings back what lay under it no darker than it was
//! there: a ruling whose depth was 40 beside the mark is 20–25 under it, below the ridge
//! test. The found rulings stop at the mark and start again past it, and the cells of the
//! rows they parted run together: one letter of the mark across a repayment grid merged six
//! rows of it into one cell, and the grid was not read at all.
//!
//! Where the mark lay is known, so a ruling is continued through it only there, as a
//! reader's eye continues it: two pieces of one line whose gap lies under the mark are one
//! ruling. Nothing is continued over blank paper (a gap the mark does not cover is the
//! table's own: a merged cell), nor past a crossing ruling that a piece ends on (the borders
//! of two tables one above the other are in line). A ruling that ends under the mark with no
//! piece of it beyond is left as found: run on to the next crossing ruling, the left border
//! of one account's table ran through the section heading below it into the next table's,
//! and a whole section's accounts were read as the section before.

use image::GrayImage;

use crate::content::{Orientation, Ruling};

/// Pieces this close across, pt, are one line.
const SAME_LINE_PT: f32 = 1.0;
/// The longest stretch continued, pt: a mark's letter is 60–80 pt tall, and a ruling can
/// cross two strokes of it and the paper between them.
const MAX_STRETCH_PT: f32 = 120.0;
/// Mark pixels this close to a point of the stretch, pt, cover it: the ridge test needs paper
/// on both sides of a ruling, so a ruling fades out a little before it reaches the mark.
const NEAR_PT: f32 = 1.5;
/// A stretch is continued when at least this share of its points lies under the mark…
const MIN_UNDER_MARK: f32 = 0.3;
/// …and at least this share lies under it or shows a stroke on the paper: a gap mostly over
/// blank paper is the table's own (a merged cell), however near the mark.
const MIN_SEEN: f32 = 0.9;
/// A stroke on the paper is at least this much darker than the paper beside it (a copier's
/// rulings are 40–50 below its paper once flattened).
const MIN_STROKE_DEPTH: u8 = 20;
/// Points of a stretch are looked at this far apart, pt.
const STEP_PT: f32 = 0.5;
/// A piece's end this close to a crossing ruling, pt, ends on it.
const ON_CROSSING_PT: f32 = 1.5;

/// `rulings` with the pieces that the mark (see [`crate::raster::Lifted::mark`]) parted
/// joined; `gray` is the page they were found in.
pub(super) fn continued_under_mark(
    rulings: Vec<Ruling>,
    mark: &GrayImage,
    gray: &GrayImage,
    px_per_pt: f32,
) -> Vec<Ruling> {
    let page = Page { mark, gray, px_per_pt };
    let (horizontal, vertical): (Vec<Ruling>, Vec<Ruling>) = rulings
        .into_iter()
        .partition(|r| r.orientation == Orientation::Horizontal);
    // Row rulings first: a table's border parted at a corner is one again before the column
    // rulings ask whether they end on it.
    let horizontal = joined(horizontal, &[], &page);
    let vertical = joined(vertical, &horizontal, &page);
    horizontal.into_iter().chain(vertical).collect()
}

/// The images a stretch of a line is judged in.
struct Page<'a> {
    mark: &'a GrayImage,
    gray: &'a GrayImage,
    px_per_pt: f32,
}

impl Page<'_> {
    /// Whether the stretch `from`..`to` (pt) of the line of `r` may be taken as ruling: at
    /// least [`MIN_UNDER_MARK`] of its points under the mark, and at least [`MIN_SEEN`] under
    /// it or showing a stroke on the paper (inside a letter's bowl the ruling is printed, but
    /// in a piece too short for the ruling finder).
    fn continues(&self, r: &Ruling, from: f32, to: f32) -> bool {
        let n = ((to - from) / STEP_PT).ceil().max(1.0) as usize;
        let across = (r.pos * self.px_per_pt).round() as i64;
        let (mut marked, mut seen) = (0, 0);
        for k in 0..=n {
            let along = ((from + (to - from) * k as f32 / n as f32) * self.px_per_pt).round() as i64;
            let (x, y) = match r.orientation {
                Orientation::Horizontal => (along, across),
                Orientation::Vertical => (across, along),
            };
            if self.marked(x, y) {
                marked += 1;
                seen += 1;
            } else if self.stroke(r.orientation, x, y) {
                seen += 1;
            }
        }
        let all = (n + 1) as f32;
        marked as f32 >= MIN_UNDER_MARK * all && seen as f32 >= MIN_SEEN * all
    }

    /// A mark pixel within [`NEAR_PT`] of `(x, y)`.
    fn marked(&self, x: i64, y: i64) -> bool {
        let near = (NEAR_PT * self.px_per_pt).round() as i64;
        (y - near..=y + near).any(|yy| (x - near..=x + near).any(|xx| level(self.mark, xx, yy).is_some_and(|v| v > 0)))
    }

    /// A stroke of the line through `(x, y)`: its darkest pixel within one pixel across at
    /// least [`MIN_STROKE_DEPTH`] darker than the paper on both sides (the lighter of the
    /// brightest pixels 2–3 pt away on each side).
    fn stroke(&self, orientation: Orientation, x: i64, y: i64) -> bool {
        let at = |d: i64| match orientation {
            Orientation::Horizontal => level(self.gray, x, y + d),
            Orientation::Vertical => level(self.gray, x + d, y),
        };
        let (near, far) = (
            (2.0 * self.px_per_pt).round() as i64,
            (3.0 * self.px_per_pt).round() as i64,
        );
        let core = (-1..=1).filter_map(at).min();
        let side = |sign: i64| (near..=far).filter_map(|d| at(sign * d)).max();
        match (core, side(-1), side(1)) {
            (Some(core), Some(a), Some(b)) => a.min(b).saturating_sub(core) >= MIN_STROKE_DEPTH,
            _ => false,
        }
    }
}

/// The level of `img` at `(x, y)`, `None` off the image.
fn level(img: &GrayImage, x: i64, y: i64) -> Option<u8> {
    let (w, h) = (i64::from(img.width()), i64::from(img.height()));
    ((0..w).contains(&x) && (0..h).contains(&y)).then(|| img.get_pixel(x as u32, y as u32).0[0])
}

/// Pieces of one line whose gap may be taken as ruling, joined (one orientation); a piece
/// that ends on a ruling of `crossing` ends there (two tables one above the other, their
/// borders in line, with the mark over the space between them).
fn joined(mut rulings: Vec<Ruling>, crossing: &[Ruling], page: &Page) -> Vec<Ruling> {
    rulings.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut out = Vec::with_capacity(rulings.len());
    let mut line: Vec<Ruling> = Vec::new();
    for r in rulings {
        if line.first().is_some_and(|f| r.pos - f.pos > SAME_LINE_PT) {
            out.extend(joined_line(std::mem::take(&mut line), crossing, page));
        }
        line.push(r);
    }
    out.extend(joined_line(line, crossing, page));
    out
}

/// The pieces of one line (positions within [`SAME_LINE_PT`]), joined along it.
fn joined_line(mut pieces: Vec<Ruling>, crossing: &[Ruling], page: &Page) -> Vec<Ruling> {
    pieces.sort_by(|a, b| a.start.total_cmp(&b.start));
    let on_crossing = |pos: f32, at: f32| {
        crossing.iter().any(|c| {
            (c.pos - at).abs() <= ON_CROSSING_PT && c.start - ON_CROSSING_PT <= pos && pos <= c.end + ON_CROSSING_PT
        })
    };
    let mut out: Vec<Ruling> = Vec::with_capacity(pieces.len());
    for r in pieces {
        match out.last_mut() {
            Some(q)
                if q.end < r.start
                    && r.start - q.end <= MAX_STRETCH_PT
                    && !on_crossing(q.pos, q.end)
                    && !on_crossing(r.pos, r.start)
                    && page.continues(q, q.end, r.start) =>
            {
                // Length-weighted, so a short piece does not pull a long ruling off its line.
                let (lq, lr) = (q.end - q.start, r.end - r.start);
                q.pos = (q.pos * lq + r.pos * lr) / (lq + lr).max(f32::EPSILON);
                q.end = r.end;
            }
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    const PX_PER_PT: f32 = 2.0;

    fn ruling(orientation: Orientation, pos: f32, start: f32, end: f32) -> Ruling {
        Ruling {
            orientation,
            pos,
            start,
            end,
            color: 0,
        }
    }

    /// A 300 × 300 pt page with a mark over x 100–160 pt (a letter's stroke, full height).
    fn mark() -> GrayImage {
        let mut m = GrayImage::new(600, 600);
        for y in 0..600 {
            for x in 200..320 {
                m.put_pixel(x, y, Luma([255]));
            }
        }
        m
    }

    /// Blank paper, flattened.
    fn paper() -> GrayImage {
        GrayImage::from_pixel(600, 600, Luma([255]))
    }

    /// A row ruling at `y` across x 10–290 pt with a gap from `from` to `to`.
    fn parted(y: f32, from: f32, to: f32) -> Vec<Ruling> {
        vec![
            ruling(Orientation::Horizontal, y, 10.0, from),
            ruling(Orientation::Horizontal, y, to, 290.0),
        ]
    }

    fn find(rulings: &[Ruling], o: Orientation, pos: f32) -> Vec<(f32, f32)> {
        let mut v: Vec<(f32, f32)> = rulings
            .iter()
            .filter(|r| r.orientation == o && (r.pos - pos).abs() <= 1.0)
            .map(|r| (r.start, r.end))
            .collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        v
    }

    #[test]
    fn a_ruling_parted_by_the_mark_is_one_again_and_a_gap_over_paper_stays() {
        use Orientation::*;
        // Parted by the mark (gap 102–158); a gap over paper (a merged cell, 170–230) is the
        // table's own.
        let rulings = [parted(50.0, 102.0, 158.0), parted(80.0, 170.0, 230.0)].concat();
        let out = continued_under_mark(rulings, &mark(), &paper(), PX_PER_PT);
        assert_eq!(find(&out, Horizontal, 50.0), vec![(10.0, 290.0)]);
        assert_eq!(find(&out, Horizontal, 80.0), vec![(10.0, 170.0), (230.0, 290.0)]);
    }

    #[test]
    fn a_gap_partly_under_the_mark_is_joined_where_the_rest_shows_the_stroke() {
        use Orientation::*;
        // A ruling at y 50 pt printed 160–200 (a letter's bowl, too short a piece to be
        // found); at y 80 the same gap over blank paper.
        let mut gray = paper();
        for x in 320..400 {
            for y in 99..=101 {
                gray.put_pixel(x, y, Luma([210]));
            }
        }
        let rulings = [parted(50.0, 102.0, 200.0), parted(80.0, 102.0, 200.0)].concat();
        let out = continued_under_mark(rulings, &mark(), &gray, PX_PER_PT);
        assert_eq!(find(&out, Horizontal, 50.0), vec![(10.0, 290.0)]);
        assert_eq!(find(&out, Horizontal, 80.0), vec![(10.0, 102.0), (200.0, 290.0)]);
    }

    #[test]
    fn the_borders_of_two_tables_in_line_stay_apart_under_the_mark() {
        use Orientation::*;
        // Two tables one above the other (y 20–60 and 100–140), their left borders at x 130
        // under the mark; a column ruling at x 140 parted inside the upper table.
        let rulings = vec![
            ruling(Horizontal, 20.0, 10.0, 290.0),
            ruling(Horizontal, 60.0, 10.0, 290.0),
            ruling(Horizontal, 100.0, 10.0, 290.0),
            ruling(Horizontal, 140.0, 10.0, 290.0),
            ruling(Vertical, 130.0, 20.0, 60.0),
            ruling(Vertical, 130.0, 100.0, 140.0),
            ruling(Vertical, 140.0, 20.0, 30.0),
            ruling(Vertical, 140.0, 50.0, 60.0),
        ];
        let out = continued_under_mark(rulings, &mark(), &paper(), PX_PER_PT);
        assert_eq!(find(&out, Vertical, 130.0), vec![(20.0, 60.0), (100.0, 140.0)]);
        assert_eq!(find(&out, Vertical, 140.0), vec![(20.0, 60.0)]);
    }
}
