//! Copier streaks: a dirty spot on the drum or the glass darkens a thin column of the copy from
//! the top edge to the bottom. Left in, the streak becomes a page-long "ruling" that turns the
//! title and the headings it crosses into table cells. A column is a streak when, in almost
//! every band of rows — the page margins included, where no table ruling runs — its median is
//! darker than the columns a few pixels to either side; the darkening measured per band is
//! added back, so text the streak crosses keeps its own contrast.

use image::GrayImage;

/// Streak tunables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StreakParams {
    /// Height of the row bands the medians are taken over.
    pub band_px: u32,
    /// Distance of the reference columns on each side (wider than a streak).
    pub side_px: u32,
    /// Darkening (0–255) below which a band does not count as streaked.
    pub min_depth: u8,
    /// Share of bands that must be streaked: a table ruling stops at the page margins.
    pub min_share: f32,
}

impl Default for StreakParams {
    fn default() -> Self {
        Self {
            band_px: 64,
            side_px: 6,
            min_depth: 4,
            min_share: 0.9,
        }
    }
}

/// Removes full-height streaks in place; returns how many columns were corrected.
pub fn remove_streaks(gray: &mut GrayImage, p: &StreakParams) -> usize {
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    let (band, side) = (p.band_px.max(8) as usize, p.side_px.max(2) as usize);
    if w <= 2 * side || h < 4 * band {
        return 0;
    }
    let bands = h / band;
    let raw = gray.as_raw();
    // Median of each column over each band of rows.
    let mut med = vec![0u8; bands * w];
    let mut buf = Vec::with_capacity(band);
    for b in 0..bands {
        for x in 0..w {
            buf.clear();
            buf.extend((b * band..(b + 1) * band).map(|y| raw[y * w + x]));
            let mid = buf.len() / 2;
            med[b * w + x] = *buf.select_nth_unstable(mid).1;
        }
    }
    let depth = |b: usize, x: usize| -> i32 {
        if x < side || x + side >= w {
            return 0;
        }
        let m = med[b * w + x] as i32;
        let reference = (med[b * w + x - side] as i32).min(med[b * w + x + side] as i32);
        reference - m
    };
    let streaks: Vec<usize> = (0..w)
        .filter(|&x| {
            let hit = (0..bands).filter(|&b| depth(b, x) >= p.min_depth as i32).count();
            hit as f32 >= p.min_share * bands as f32
        })
        .collect();
    let buf = gray.as_mut();
    for &x in &streaks {
        for y in 0..h {
            let d = depth((y / band).min(bands - 1), x).max(0);
            let v = &mut buf[y * w + x];
            *v = (*v as i32 + d).min(255) as u8;
        }
    }
    streaks.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    #[test]
    fn a_full_height_streak_goes_a_table_ruling_stays() {
        let mut g = GrayImage::from_pixel(200, 640, Luma([250]));
        // Streak: columns 50–51 darkened by 40 over the whole height, text crossing it.
        for y in 0..640 {
            for x in 50..52 {
                g.put_pixel(x, y, Luma([210]));
            }
        }
        for x in 40..70 {
            g.put_pixel(x, 300, Luma([20]));
        }
        // Ruling: column 120 dark from row 100 to 540 (inside the margins).
        for y in 100..540 {
            g.put_pixel(120, y, Luma([60]));
        }
        let n = remove_streaks(&mut g, &StreakParams::default());
        assert_eq!(n, 2);
        assert_eq!(g.get_pixel(50, 10).0[0], 250);
        assert!(
            g.get_pixel(51, 300).0[0] < 80,
            "text over the streak keeps its contrast"
        );
        assert_eq!(g.get_pixel(120, 200).0[0], 60, "ruling untouched");
    }
}
