//! Copier streaks: a dirty drum or glass darkens a thin column all the way down the copy. On
//! the upright page it looks like a vertical ruling, but one that runs through the page's
//! margins and the blank space between tables, where no table ruling ever is. Left in, it
//! joins the tables it crosses into one network, and that table's open sides swallow the
//! title and headings around it.

use image::GrayImage;

use super::lines::scan_runs;

/// Streak search tunables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StreakParams {
    /// A column's pixel is streak-dark when it is at least this much darker than the paper
    /// on both sides of it.
    pub min_depth: u8,
    /// Distance of the side samples, in points: past a streak's half width (streaks are
    /// 1–4 px) but inside the spacing of glyph strokes' neighbours.
    pub side_pt: f32,
    /// Pixels darker than this are ink.
    pub ink_level: u8,
    /// A row is blank paper for a column when it holds no ink within this many points on
    /// either side of the column (the column's own streak aside). Judged per column, not per
    /// row: a copy watermark crossing the page diagonally inks part of nearly every row, but
    /// each column only where the watermark passes over it.
    pub window_pt: f32,
    /// Share of a column's blank rows in which it must be streak-dark. A glyph stroke or a
    /// table ruling poking out of its table reaches a few per cent of them; a streak, even
    /// where it fades, most of them.
    pub min_share: f32,
    /// Fewer blank rows than this many points give no evidence either way.
    pub min_blank_pt: f32,
}

impl Default for StreakParams {
    fn default() -> Self {
        Self {
            min_depth: 8,
            side_pt: 1.5,
            ink_level: 160,
            window_pt: 8.0,
            min_share: 0.3,
            min_blank_pt: 60.0,
        }
    }
}

/// x positions (pixels) of streak columns of the upright, flattened page `gray`: columns
/// darker than the paper beside them in at least `min_share` of the rows where they cross
/// blank paper. `outside` says which rows may count at all (the caller excludes the vertical
/// extent of the tables it found from their horizontal rulings).
pub fn streak_columns(gray: &GrayImage, px_per_pt: f32, outside: &dyn Fn(u32) -> bool, p: &StreakParams) -> Vec<u32> {
    let (w, h) = gray.dimensions();
    let k = (p.side_pt * px_per_pt).round().max(2.0) as u32;
    let win = ((p.window_pt * px_per_pt).round() as u32).max(k + 1);
    if w <= 2 * k + 1 {
        return Vec::new();
    }
    let raw = gray.as_raw();
    let mut dark = vec![0u32; w as usize];
    let mut blank = vec![0u32; w as usize];
    // ink[i] = ink pixels of the row before x = i.
    let mut ink = vec![0u32; w as usize + 1];
    for y in (0..h).filter(|&y| outside(y)) {
        let row = &raw[(y * w) as usize..((y + 1) * w) as usize];
        for (i, &v) in row.iter().enumerate() {
            ink[i + 1] = ink[i] + u32::from(v < p.ink_level);
        }
        let count = |a: u32, b: u32| ink[b as usize] - ink[a as usize];
        for x in k..w - k {
            // The column's own band (inside the side samples) may hold the streak itself.
            let around = count(x.saturating_sub(win), (x + win + 1).min(w)) - count(x + 1 - k, x + k);
            if around > 0 {
                continue;
            }
            blank[x as usize] += 1;
            let paper = row[(x - k) as usize].min(row[(x + k) as usize]) as i32;
            if paper - row[x as usize] as i32 >= p.min_depth as i32 {
                dark[x as usize] += 1;
            }
        }
    }
    let min_blank = (p.min_blank_pt * px_per_pt).ceil() as u32;
    (0..w)
        .filter(|&x| {
            let (b, d) = (blank[x as usize], dark[x as usize]);
            b >= min_blank && d >= ((p.min_share * b as f32).ceil() as u32).max(1)
        })
        .collect()
}

/// How much darker column `x` of `gray` (its darkest pixel within ±1) is than the lighter of
/// the two pixels `side` either side of it, on row `y`: a streak beside a ruling darkens one
/// side only.
fn depth_at(gray: &GrayImage, x: u32, y: u32, side: u32) -> u8 {
    let w = gray.width();
    let row = &gray.as_raw()[(y * w) as usize..((y + 1) * w) as usize];
    let paper = row[(x - side) as usize].max(row[(x + side) as usize]);
    let ink = row[(x - 1) as usize..=(x + 1) as usize]
        .iter()
        .copied()
        .min()
        .unwrap_or(255);
    paper.saturating_sub(ink)
}

/// Median [`depth_at`] of column `x` over `rows`: a streak's depth where it crosses blank
/// paper. 0 when there are no rows or the column is too near the edge.
pub fn column_depth(gray: &GrayImage, x: u32, rows: impl Iterator<Item = u32>, side: u32) -> u8 {
    let (w, h) = gray.dimensions();
    if x < side || x + side >= w {
        return 0;
    }
    let mut depths: Vec<u8> = rows.filter(|&y| y < h).map(|y| depth_at(gray, x, y, side)).collect();
    if depths.is_empty() {
        return 0;
    }
    let mid = depths.len() / 2;
    *depths.select_nth_unstable(mid).1
}

/// The stretches of column `x` over `rows` at least `min_depth` deep (see [`depth_at`]),
/// bridging shallower gaps up to `gap` rows (where a horizontal ruling crosses, the paper
/// beside the column is ink too), each at least `min_len` rows long: the table ruling a
/// streak runs along, without the streak beyond it.
pub fn deep_stretches(
    gray: &GrayImage,
    x: u32,
    rows: std::ops::Range<u32>,
    side: u32,
    min_depth: u8,
    gap: u32,
    min_len: u32,
) -> Vec<std::ops::Range<u32>> {
    let (w, h) = gray.dimensions();
    if x < side || x + side >= w || rows.start >= h {
        return Vec::new();
    }
    let len = rows.end.min(h).saturating_sub(rows.start);
    scan_runs(1, len, gap, min_len, |_, i| {
        depth_at(gray, x, rows.start + i, side) >= min_depth
    })
    .into_iter()
    .map(|r| rows.start + r.start..rows.start + r.end)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A 150-DPI-like page: a table (two horizontals, border columns) in the middle, a line of
    /// glyph-like strokes above it, and a faint streak down the whole page at x = 300.
    fn page(streak: bool) -> GrayImage {
        let mut g = GrayImage::from_pixel(600, 800, Luma([255]));
        for y in [300, 500] {
            for x in 50..550 {
                g.put_pixel(x, y, Luma([40]));
            }
        }
        for x in [50, 300, 549] {
            for y in 300..=500 {
                g.put_pixel(x, y, Luma([40]));
            }
        }
        for x in (100..500).step_by(7) {
            for y in 200..218 {
                g.put_pixel(x, y, Luma([30]));
            }
        }
        if streak {
            for y in 0..800 {
                let v = 255 - (20.0 + 15.0 * (y as f32 / 90.0).sin()) as u8;
                g.put_pixel(300, y, Luma([v]));
                g.put_pixel(301, y, Luma([v]));
            }
        }
        g
    }

    #[test]
    fn a_page_long_streak_is_found_and_table_borders_are_not() {
        let outside = |y: u32| !(300..=500).contains(&y);
        let p = StreakParams::default();
        let found = streak_columns(&page(true), 150.0 / 72.0, &outside, &p);
        assert!(
            !found.is_empty() && found.iter().all(|&x| (299..=302).contains(&x)),
            "{found:?}"
        );
        assert!(streak_columns(&page(false), 150.0 / 72.0, &outside, &p).is_empty());
    }

    /// A copy watermark: a thick grey band crossing the page diagonally, inking part of every
    /// row (and crossing the streak once).
    fn watermark(g: &mut GrayImage) {
        let (w, h) = g.dimensions();
        for y in 0..h {
            let centre = w as i32 - (y as i32 * w as i32 / h as i32);
            for x in (centre - 15).max(0)..(centre + 15).min(w as i32) {
                g.put_pixel(x as u32, y, Luma([140]));
            }
        }
    }

    #[test]
    fn a_streak_is_found_under_a_watermark_that_crosses_every_row() {
        let outside = |y: u32| !(300..=500).contains(&y);
        let p = StreakParams::default();
        let mut with = page(true);
        watermark(&mut with);
        let found = streak_columns(&with, 150.0 / 72.0, &outside, &p);
        assert!(
            !found.is_empty() && found.iter().all(|&x| (299..=302).contains(&x)),
            "{found:?}"
        );
        let mut without = page(false);
        watermark(&mut without);
        assert!(streak_columns(&without, 150.0 / 72.0, &outside, &p).is_empty());
    }

    #[test]
    fn the_ruling_a_streak_runs_along_is_the_stretch_much_darker_than_the_streak() {
        // A 2-px ruling at x = 200 from y = 300 to 500, and a streak darkening x = 201–202 by
        // 25 down the whole page, beside and over it.
        let mut g = GrayImage::from_pixel(400, 800, Luma([255]));
        for y in 300..500 {
            for x in 200..202 {
                g.put_pixel(x, y, Luma([40]));
            }
        }
        for y in 0..800 {
            for x in 201..203 {
                let v = g.get_pixel(x, y).0[0];
                g.put_pixel(x, y, Luma([v.saturating_sub(25)]));
            }
        }
        let side = 3;
        let outside = |y: u32| !(300..500).contains(&y);
        let streak = column_depth(&g, 201, (0..800).filter(|&y| outside(y)), side);
        assert_eq!(streak, 25);
        let min_depth = (3 * streak).max(60);
        let kept = deep_stretches(&g, 201, 0..800, side, min_depth, 4, 19);
        assert_eq!(kept, vec![300..500]);
        // The streak alone, away from the table, has no such stretch.
        assert!(deep_stretches(&g, 201, 0..290, side, min_depth, 4, 19).is_empty());
    }
}
