//! Halftone screens: a printer draws every gray (a shaded header row, a tinted page, a light
//! watermark) as a regular lattice of toner dots, and a 200–300-DPI scan of the print resolves
//! them. To the ruling finder, which averages a short way along each line before looking for
//! a dark ridge, every column (and row) of dots is a ruling: one shaded grid on a printed copy
//! gave 900 verticals, a 34 × 128 table, and no grid read. Averaging over exactly one period
//! of the screen in each direction turns any such lattice into the flat gray it stands for,
//! while a ruling, a single stroke, only gets wider and lighter by the ratio of its width to
//! the period and stays a ridge.
//!
//! The period is found, not assumed: within tiles of the page, the autocorrelation of each
//! row (and column) rises again after its first dip at the lattice's repeat along that axis
//! (the dot pitch for a 0° screen, √2 × it for a 45° one; a one-period box along each axis
//! flattens both). Text, rulings and paper do not repeat at a few pixels, so a page without
//! a screen is left as it is.

use image::GrayImage;

/// Screen detection tunables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenParams {
    /// Side of the tiles the autocorrelation is taken in, pt: about a cell row's height, so
    /// a shaded header row holds whole tiles.
    pub tile_pt: f32,
    /// Longest repeat looked for, pt: a 50-lpi screen at 45° repeats every ≈ 2 pt along an
    /// axis. Coarser patterns are print, not a screen.
    pub max_period_pt: f32,
    /// Shortest repeat, pixels: below it a scan's blur has already averaged the dots away.
    pub min_period_px: usize,
    /// Tiles flatter than this (variance of gray levels) are skipped: paper, or a screen too
    /// faint to make a ridge.
    pub min_variance: f32,
    /// A tile repeats when its autocorrelation at the repeat is at least this…
    pub min_peak: f32,
    /// …and at least this above the dip before it.
    pub min_rise: f32,
    /// A page has a screen when at least this many tiles repeat…
    pub min_tiles: usize,
    /// …and this share of them agree (within a pixel) on the repeat along each axis.
    pub min_agreement: f32,
}

impl Default for ScreenParams {
    fn default() -> Self {
        Self {
            tile_pt: 12.0,
            max_period_pt: 2.2,
            min_period_px: 2,
            min_variance: 20.0,
            min_peak: 0.3,
            min_rise: 0.3,
            min_tiles: 12,
            min_agreement: 0.7,
        }
    }
}

/// A page's halftone screen: its repeat along each axis, pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Screen {
    pub period_x: f32,
    pub period_y: f32,
}

/// The page's screen, where enough tiles repeat at one period along both axes.
pub fn find_screen(gray: &GrayImage, px_per_pt: f32, p: &ScreenParams) -> Option<Screen> {
    let tile = (p.tile_pt * px_per_pt).round() as usize;
    let max_lag = (p.max_period_pt * px_per_pt).round() as usize;
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    if tile < 4 * max_lag || max_lag <= p.min_period_px || w < tile || h < tile {
        return None;
    }
    let raw = gray.as_raw();
    let mut px = Vec::new();
    let mut py = Vec::new();
    let mut buf = vec![0f32; tile * tile];
    for ty in (0..=h - tile).step_by(tile) {
        for tx in (0..=w - tile).step_by(tile) {
            // Paper (most of a page) is told by its variance before anything else: the lines'
            // own variances, taken later, are never larger.
            let (mut sum, mut sq) = (0u64, 0u64);
            for r in 0..tile {
                for &v in &raw[(ty + r) * w + tx..(ty + r) * w + tx + tile] {
                    sum += u64::from(v);
                    sq += u64::from(v) * u64::from(v);
                }
            }
            let count = (tile * tile) as f64;
            let mean = sum as f64 / count;
            if (sq as f64 / count - mean * mean) < f64::from(p.min_variance) {
                continue;
            }
            for r in 0..tile {
                let row = &raw[(ty + r) * w + tx..(ty + r) * w + tx + tile];
                for (d, &s) in buf[r * tile..(r + 1) * tile].iter_mut().zip(row) {
                    *d = f32::from(s);
                }
            }
            let Some(x) = tile_period(&buf, tile, false, max_lag, p) else {
                continue;
            };
            let Some(y) = tile_period(&buf, tile, true, max_lag, p) else {
                continue;
            };
            px.push(x);
            py.push(y);
        }
    }
    if px.len() < p.min_tiles {
        return None;
    }
    let period_x = agreed(&mut px, p.min_agreement)?;
    let period_y = agreed(&mut py, p.min_agreement)?;
    Some(Screen { period_x, period_y })
}

/// The median of `periods` where at least `share` of them lie within a pixel of it.
fn agreed(periods: &mut [f32], share: f32) -> Option<f32> {
    periods.sort_by(f32::total_cmp);
    let median = periods[periods.len() / 2];
    let near = periods.iter().filter(|&&v| (v - median).abs() <= 1.0).count();
    (near as f32 >= share * periods.len() as f32).then_some(median)
}

/// The repeat of one `n` × `n` tile along rows (`down == false`) or columns, pixels (refined
/// between lags by a parabola through the peak), where the autocorrelation rises from its
/// first dip to a peak that passes [`ScreenParams::min_peak`] and [`ScreenParams::min_rise`].
fn tile_period(tile: &[f32], n: usize, down: bool, max_lag: usize, p: &ScreenParams) -> Option<f32> {
    // Each line (row or column) less its own mean, so a tile that is half shading and half
    // paper correlates through its texture, not through the step between them.
    let at = |line: usize, i: usize| if down { tile[i * n + line] } else { tile[line * n + i] };
    let mut centred = vec![0f32; n * n];
    let mut var = 0f32;
    for line in 0..n {
        let mean = (0..n).map(|i| at(line, i)).sum::<f32>() / n as f32;
        for i in 0..n {
            let v = at(line, i) - mean;
            centred[line * n + i] = v;
            var += v * v;
        }
    }
    var /= (n * n) as f32;
    if var < p.min_variance {
        return None;
    }
    // A screen crosses its mean twice a period, on every line; a tile of rulings, or of
    // paper and a stroke or two, far less often. The cheap count spares most tiles the
    // autocorrelation.
    let band = 0.5 * var.sqrt();
    let crossings: usize = centred.chunks_exact(n).map(|l| crossings(l, band)).sum();
    if crossings * max_lag < n * n {
        return None;
    }
    // Every other line is plenty for a lattice that repeats within a few lines.
    let lines = || centred.chunks_exact(n).step_by(2);
    let ac: Vec<f32> = (0..=max_lag + 1)
        .map(|k| {
            let (mut s, mut count) = (0f32, 0usize);
            for l in lines() {
                s += l[..n - k].iter().zip(&l[k..]).map(|(a, b)| a * b).sum::<f32>();
                count += n - k;
            }
            s / (count as f32 * var)
        })
        .collect();
    // Down from lag 1 to the first dip, then up to the first peak after it.
    let mut dip = 1;
    while dip < max_lag && ac[dip + 1] <= ac[dip] {
        dip += 1;
    }
    let mut peak = dip;
    while peak <= max_lag && ac[peak + 1] >= ac[peak] {
        peak += 1;
    }
    if peak == dip || peak > max_lag || peak < p.min_period_px {
        return None;
    }
    if ac[peak] < p.min_peak || ac[peak] - ac[dip] < p.min_rise {
        return None;
    }
    let (a, b, c) = (ac[peak - 1], ac[peak], ac[peak + 1]);
    let denom = a - 2.0 * b + c;
    let shift = if denom.abs() > f32::EPSILON {
        (0.5 * (a - c) / denom).clamp(-0.5, 0.5)
    } else {
        0.0
    };
    Some(peak as f32 + shift)
}

/// How often `line` (centred on its mean) goes from below `-band` to above `band` or back.
fn crossings(line: &[f32], band: f32) -> usize {
    let mut side = 0i8;
    let mut count = 0;
    for &v in line {
        let now = if v > band {
            1
        } else if v < -band {
            -1
        } else {
            continue;
        };
        if side != 0 && now != side {
            count += 1;
        }
        side = now;
    }
    count
}

/// `gray` averaged over one period of `screen` along each axis (a box of fractional width, so
/// a screen of 4.7 pixels is flattened as well as one of 5).
pub fn descreen(gray: &GrayImage, screen: &Screen) -> GrayImage {
    let kx = box_kernel(screen.period_x);
    let ky = box_kernel(screen.period_y);
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    if w == 0 || h == 0 {
        return gray.clone();
    }
    // Along rows: each row padded with its end pixels, then a plain dot product per pixel.
    let (rx, ry) = (kx.len() / 2, ky.len() / 2);
    let mut rows = vec![0f32; w * h];
    let mut padded = vec![0f32; w + 2 * rx];
    for (y, out) in rows.chunks_exact_mut(w).enumerate() {
        let src = &gray.as_raw()[y * w..(y + 1) * w];
        for (i, p) in padded.iter_mut().enumerate() {
            *p = f32::from(src[i.saturating_sub(rx).min(w - 1)]);
        }
        for (x, o) in out.iter_mut().enumerate() {
            *o = kx.iter().zip(&padded[x..]).map(|(k, v)| k * v).sum();
        }
    }
    // Down columns, a whole row at a time (the rows beyond the page's edges are its edge rows),
    // so memory is read in order.
    let mut out = GrayImage::new(w as u32, h as u32);
    let mut acc = vec![0f32; w];
    for (y, dst) in out.as_mut().chunks_exact_mut(w).enumerate() {
        acc.iter_mut().for_each(|a| *a = 0.0);
        for (j, &k) in ky.iter().enumerate() {
            let sy = (y + j).saturating_sub(ry).min(h - 1);
            for (a, v) in acc.iter_mut().zip(&rows[sy * w..(sy + 1) * w]) {
                *a += k * v;
            }
        }
        for (d, a) in dst.iter_mut().zip(&acc) {
            *d = a.round().clamp(0.0, 255.0) as u8;
        }
    }
    out
}

/// Weights of a box `width` pixels wide centred on a pixel: each pixel's share of the box's
/// length (the two end pixels partly inside), summing to one.
fn box_kernel(width: f32) -> Vec<f32> {
    let width = width.max(1.0);
    let half = width / 2.0;
    let reach = (half - 0.5).ceil().max(0.0) as i64;
    (-reach..=reach)
        .map(|k| {
            let (lo, hi) = (k as f32 - 0.5, k as f32 + 0.5);
            (hi.min(half) - lo.max(-half)).max(0.0) / width
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A page of paper with a block shaded by a clustered-dot screen of `period` pixels at 0°
    /// or 45°, a two-pixel ruling below it, and a line of "text" strokes.
    fn page(period: usize, diagonal: bool) -> GrayImage {
        GrayImage::from_fn(600, 400, |x, y| {
            let (x, y) = (x as usize, y as usize);
            let shaded = (50..550).contains(&x) && (40..200).contains(&y);
            let dot = if diagonal {
                // Dots on a lattice turned 45°: centres where (x + y) and (x - y) are both
                // multiples of the pitch.
                let (u, v) = ((x + y) % period, (x + 1000 * period - y) % period);
                u.min(period - u) + v.min(period - v) <= period / 3
            } else {
                let (u, v) = (x % period, y % period);
                u.min(period - u) <= period / 4 && v.min(period - v) <= period / 4
            };
            let ruling = (240..242).contains(&y) && (50..550).contains(&x);
            let text = (300..330).contains(&y) && (x / 7) % 3 == 0 && (60..400).contains(&x);
            Luma([if ruling || text || (shaded && dot) { 20 } else { 245 }])
        })
    }

    /// The screen found on `g` at 300 DPI repeats every `period` px (within `tol`) both ways.
    fn assert_screen(g: &GrayImage, period: f32, tol: f32) {
        let s = find_screen(g, 300.0 / 72.0, &ScreenParams::default()).expect("screen");
        assert!(
            (s.period_x - period).abs() < tol && (s.period_y - period).abs() < tol,
            "{s:?}"
        );
    }

    #[test]
    fn a_dot_screen_is_found_at_its_period_along_both_axes() {
        assert_screen(&page(5, false), 5.0, 0.5);
    }

    #[test]
    fn a_turned_screen_is_found_at_its_repeat_along_the_axes() {
        // The lattice repeats along a row every `period` pixels (its points step (p, 0)).
        assert_screen(&page(6, true), 6.0, 0.6);
    }

    #[test]
    fn text_rulings_and_paper_are_no_screen() {
        let mut g = page(5, false);
        for (x, y, px) in g.enumerate_pixels_mut() {
            if (50..550).contains(&x) && (40..200).contains(&y) {
                // Replace the shading with rows of glyph-like strokes of uneven widths.
                let stroke = (x * 7 + y / 12 * 13) % 23 < 4 && y % 30 < 24;
                *px = Luma([if stroke { 30 } else { 245 }]);
            }
        }
        assert_eq!(find_screen(&g, 300.0 / 72.0, &ScreenParams::default()), None);
    }

    #[test]
    fn descreening_flattens_the_screen_and_keeps_the_ruling_a_ridge() {
        let g = page(5, false);
        let s = find_screen(&g, 300.0 / 72.0, &ScreenParams::default()).expect("screen");
        let d = descreen(&g, &s);
        // Inside the shaded block every pixel is the block's mean tone, give or take a level.
        let inside: Vec<u8> = (80..160)
            .flat_map(|y| (100..500).map(move |x| (x, y)))
            .map(|(x, y)| d.get_pixel(x, y).0[0])
            .collect();
        let (lo, hi) = (*inside.iter().min().unwrap(), *inside.iter().max().unwrap());
        assert!(hi - lo <= 3, "shading still textured: {lo}..{hi}");
        // The ruling keeps 2/5 of its depth: still far past the ruling finder's 7 % ridge.
        let line = d.get_pixel(300, 241).0[0];
        let paper = d.get_pixel(300, 250).0[0];
        assert!(paper - line > 80, "ruling {line} paper {paper}");
    }

    #[test]
    fn a_fractional_box_sums_to_one_and_is_symmetric() {
        for w in [1.0f32, 2.5, 3.0, 4.7, 5.0, 7.3] {
            let k = box_kernel(w);
            assert!((k.iter().sum::<f32>() - 1.0).abs() < 1e-5, "{w}: {k:?}");
            assert!(k.iter().zip(k.iter().rev()).all(|(a, b)| (a - b).abs() < 1e-6));
        }
        assert_eq!(box_kernel(3.0).len(), 3);
        assert_eq!(box_kernel(4.0).len(), 5);
    }
}
