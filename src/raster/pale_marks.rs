//! Pale text printed over the report: the `XX提供 2017.07.05 10:28:07` watermark of an
//! institution's copy, pale red or gray on paper, scans at 200–214 luma — darker than the tint
//! level that whitening by level turns to paper, so its digits were read into the empty
//! repayment-grid cells they cross (`8:07`, `:28:0`) and glued to the values beside them
//! (`410刚`). Print is far darker than that on such a page, and a print stroke's pale rim lies
//! right beside its dark core, so a pixel is told apart by the darkest pixel around it (its
//! *core*), not by its own level: a pixel whose core is pale belongs to the mark.
//!
//! This holds only where the page's print is dark. On a pale copy the print itself has pale
//! strokes (an `N`'s stems at 195–220), and on a blurred 150-DPI copy a pale heading's cores
//! reach the mark's level; there the cores spread evenly from dark to pale, the pale ones are no
//! separate mode, and nothing is lifted. The models' pages only: the ruling
//! finder keeps the unlifted page, whose faint rulings can be as pale as the mark.

use image::GrayImage;

use super::binarize::local_min;

/// Pale-mark tunables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaleMarkParams {
    /// A pixel whose core is at least this level is part of a pale mark (when the page has
    /// one). A clean or mild scan's print has darker cores; a 150-DPI copy's blurred pale
    /// heading does not, and `max_between_ratio` is what keeps such a page untouched.
    pub mark_level: u8,
    /// Cores from here up to `mark_level` are the valley below the mark: a pale copy's print
    /// spreads through it, while a dark print's own pale parts stay under it (gray rulings at
    /// 115–140 on a clean scan, coloured borders at 150–160).
    pub print_level: u8,
    /// Radius, in points, of the square the core is looked for in: as far as a print stroke's
    /// blurred rim reaches from its darkest line.
    pub core_radius_pt: f32,
    /// At most this many cores in the valley per pale core: the pale cores are a mode of their
    /// own, not the tail of the print's. A clean scan's watermarked pages measure 0.01–0.03;
    /// a 150-DPI heavy copy, whose blurred pale heading (`（一）信贷交易信息提示`) has cores in
    /// the mark's range, 0.13–0.18.
    pub max_between_ratio: f32,
    /// At least this share of the page's pixels has a pale core: a mark, not a few specks.
    pub min_share: f32,
}

impl Default for PaleMarkParams {
    fn default() -> Self {
        Self {
            mark_level: 185,
            print_level: 160,
            core_radius_pt: 0.4,
            max_between_ratio: 0.1,
            min_share: 0.0005,
        }
    }
}

/// `gray` with the pale mark's pixels (those below `paper_level` whose core is pale) turned to
/// paper, or `None` when the page has no pale mark apart from its print (see the module notes).
pub fn lift_pale_marks(gray: &GrayImage, px_per_pt: f32, paper_level: u8, p: &PaleMarkParams) -> Option<GrayImage> {
    if gray.width() == 0 || gray.height() == 0 || p.mark_level >= paper_level {
        return None;
    }
    let radius = (p.core_radius_pt * px_per_pt).round().max(1.0) as u32;
    let core = local_min(gray, radius);
    let (mut pale, mut between) = (0usize, 0usize);
    for (&v, &c) in gray.as_raw().iter().zip(&core) {
        if v < paper_level {
            if c >= p.mark_level {
                pale += 1;
            } else if c >= p.print_level {
                between += 1;
            }
        }
    }
    let pixels = gray.as_raw().len();
    let is_mode = (pale as f32) >= p.min_share * pixels as f32 && (between as f32) <= p.max_between_ratio * pale as f32;
    tracing::debug!(pale, between, lifted = is_mode, "pale marks");
    if !is_mode {
        return None;
    }
    let mut out = gray.clone();
    for (o, &c) in out.iter_mut().zip(&core) {
        if c >= p.mark_level {
            *o = 255;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    const PX_PER_PT: f32 = 200.0 / 72.0;

    /// Paper with dark print: 3-px strokes at `ink` with 1-px rims halfway to paper, every 20 px.
    fn printed(ink: u8) -> GrayImage {
        let mut g = GrayImage::from_pixel(300, 200, Luma([255]));
        for y in (10..190).step_by(20) {
            for x in 20..280 {
                g.put_pixel(x, y - 2, Luma([ink / 2 + 128]));
                for d in 0..3 {
                    g.put_pixel(x, y - 1 + d, Luma([ink]));
                }
                g.put_pixel(x, y + 2, Luma([ink / 2 + 128]));
            }
        }
        g
    }

    /// A diagonal 2-px stroke at `level` across the page (over the print where they cross).
    fn stroke(g: &mut GrayImage, level: u8) {
        for i in 0..200 {
            for d in 0..2 {
                let (x, y) = (50 + i + d, i);
                if g.get_pixel(x, y).0[0] > level {
                    g.put_pixel(x, y, Luma([level]));
                }
            }
        }
    }

    #[test]
    fn a_pale_mark_over_dark_print_is_lifted_and_the_print_with_its_rims_kept() {
        let mut g = printed(20);
        stroke(&mut g, 208);
        let lifted = lift_pale_marks(&g, PX_PER_PT, 215, &PaleMarkParams::default()).expect("a mark");
        // Away from the print the mark is paper; the print, rims included, is untouched.
        assert_eq!(lifted.get_pixel(50 + 5, 5).0[0], 255);
        assert_eq!(lifted.get_pixel(100, 10).0[0], 20);
        assert_eq!(lifted.get_pixel(100, 8).0[0], 138);
        assert_eq!(lifted.get_pixel(100, 12).0[0], 138);
    }

    #[test]
    fn a_page_without_a_mark_is_left_alone() {
        assert!(lift_pale_marks(&printed(20), PX_PER_PT, 215, &PaleMarkParams::default()).is_none());
    }

    #[test]
    fn a_pale_copy_whose_print_spreads_to_the_mark_level_is_left_alone() {
        // Print at 170 (its rims at 213), and the same diagonal: the pale cores are the tail of
        // the print's, so neither is lifted.
        let mut g = printed(170);
        stroke(&mut g, 208);
        assert!(lift_pale_marks(&g, PX_PER_PT, 215, &PaleMarkParams::default()).is_none());
    }
}
