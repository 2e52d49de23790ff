//! Page orientation. Text lines and table rows are horizontal on an upright page, so ink
//! projected onto rows is far more uneven than ink projected onto columns; a page turned by
//! 90° shows the opposite. That settles 0/180 versus 90/270 without any model; the remaining
//! upside-down question is answered by the direction classifier voting over text crops.

use image::GrayImage;

/// Quarter turns needed to make the page's text lines horizontal: 0 or 1 (90° clockwise).
/// Upside-down is decided later by the classifier vote.
pub fn lines_are_vertical(ink: &GrayImage) -> bool {
    let (w, h) = ink.dimensions();
    if w == 0 || h == 0 {
        return false;
    }
    let mut rows = vec![0u32; h as usize];
    let mut cols = vec![0u32; w as usize];
    for (x, y, p) in ink.enumerate_pixels() {
        if p.0[0] > 0 {
            rows[y as usize] += 1;
            cols[x as usize] += 1;
        }
    }
    // Compare coefficients of variation so the page's aspect ratio does not bias the vote.
    let cv = |v: &[u32]| {
        let n = v.len() as f64;
        let mean = v.iter().map(|&x| x as f64).sum::<f64>() / n;
        if mean == 0.0 {
            return 0.0;
        }
        (v.iter().map(|&x| (x as f64 - mean).powi(2)).sum::<f64>() / n).sqrt() / mean
    };
    // Rulings make both profiles spiky; text rows dominate on report pages, and a clear
    // margin is required before turning a page.
    cv(&cols) > 1.25 * cv(&rows)
}

/// Whether most of the classifier's verdicts say upside down. `votes` = per-crop
/// (upside_down, confidence). Needs a clear majority of confident votes.
pub fn majority_upside_down(votes: &[(bool, f32)]) -> bool {
    let confident: Vec<bool> = votes.iter().filter(|(_, c)| *c >= 0.9).map(|(u, _)| *u).collect();
    if confident.len() < 3 {
        return false;
    }
    let up = confident.iter().filter(|u| **u).count();
    up * 3 > confident.len() * 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    fn text_rows(w: u32, h: u32) -> GrayImage {
        let mut img = GrayImage::new(w, h);
        for line in 0..20 {
            let y0 = 20 + line * 25;
            for y in y0..y0 + 10 {
                // Words of varying length at line-dependent offsets, like real text: the
                // column profile evens out while rows alternate between ink and gaps.
                for x in (20..w - 20).filter(|x| ((x + line * 37) * 7 / 13) % 29 > 5) {
                    img.put_pixel(x, y, Luma([255]));
                }
            }
        }
        img
    }

    #[test]
    fn horizontal_text_is_upright_and_turned_text_is_not() {
        let img = text_rows(400, 560);
        assert!(!lines_are_vertical(&img));
        let turned = image::imageops::rotate90(&img);
        assert!(lines_are_vertical(&turned));
    }

    #[test]
    fn upside_down_needs_a_confident_majority() {
        assert!(majority_upside_down(&[(true, 0.99); 5]));
        assert!(!majority_upside_down(&[(true, 0.99), (true, 0.95)]));
        assert!(!majority_upside_down(&[
            (true, 0.99),
            (false, 0.99),
            (true, 0.5),
            (false, 0.99)
        ]));
    }
}
