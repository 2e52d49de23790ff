//! From the frame a page was read in to the PDF page as displayed. A text-layer page is read
//! in its own frame; an OCR page was turned upright, deskewed and possibly turned a half
//! turn before recognition (`scanned::straighten`, `scanned::recognize_page`), so its boxes
//! are turned back here: the half turn, then the deskew, then the quarter turn, each undone in
//! the reverse of the order applied.

use crate::geom::Rect;
use crate::scanned::PageGeometry;

/// How to map one page's boxes back to the displayed page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Frame {
    /// Boxes already are in page points.
    Page,
    /// Boxes are in points of the straightened image of `width × height` points.
    Straightened {
        /// What was done to the rendered page.
        geometry: PageGeometry,
        /// Straightened image width, points.
        width: f32,
        /// Straightened image height, points.
        height: f32,
    },
}

impl Frame {
    /// Clockwise rotation, in degrees, applied to read the page (0/90/180/270).
    pub fn rotation(&self) -> u32 {
        match self {
            Frame::Page => 0,
            Frame::Straightened { geometry, .. } => u32::from(geometry.quarter_turns % 4) * 90,
        }
    }

    /// `r` in displayed-page points (the bounding box of its mapped corners).
    pub fn to_page(&self, r: Rect) -> Rect {
        let Frame::Straightened {
            geometry,
            width,
            height,
        } = *self
        else {
            return r;
        };
        let corners = [(r.x0, r.y0), (r.x1, r.y0), (r.x0, r.y1), (r.x1, r.y1)];
        let mapped: Vec<(f32, f32)> = corners
            .iter()
            .map(|&(x, y)| unmap(geometry, width, height, x, y))
            .collect();
        let (mut out, rest) = (
            Rect::new(mapped[0].0, mapped[0].1, mapped[0].0, mapped[0].1),
            &mapped[1..],
        );
        for &(x, y) in rest {
            out = out.union(&Rect::new(x, y, x, y));
        }
        out
    }
}

/// One point of the straightened image (`w × h` points) back to the displayed page.
fn unmap(g: PageGeometry, w: f32, h: f32, mut x: f32, mut y: f32) -> (f32, f32) {
    // The half turn (upside-down vote) came last.
    if g.quarter_turns >= 2 {
        (x, y) = (w - x, h - y);
    }
    // The deskew turned the image clockwise by -skew about its centre (same size): turn the
    // point clockwise by +skew about the centre.
    if g.skew_deg != 0.0 {
        let t = g.skew_deg.to_radians();
        let (cx, cy) = (w / 2.0, h / 2.0);
        let (dx, dy) = (x - cx, y - cy);
        (x, y) = (cx + dx * t.cos() - dy * t.sin(), cy + dx * t.sin() + dy * t.cos());
    }
    // A clockwise quarter turn maps (x, y) of an image of height H to (H - y, x); the image
    // was H wide afterwards, so H is the straightened width.
    if g.quarter_turns % 2 == 1 {
        (x, y) = (y, w - x);
    }
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geometry(quarter_turns: u8, skew_deg: f32) -> PageGeometry {
        PageGeometry {
            dpi: 150.0,
            quarter_turns,
            skew_deg,
        }
    }

    #[test]
    fn half_and_quarter_turns_are_undone() {
        let r = Rect::new(10.0, 20.0, 30.0, 25.0);
        let half = Frame::Straightened {
            geometry: geometry(2, 0.0),
            width: 600.0,
            height: 800.0,
        };
        assert_eq!(half.to_page(r), Rect::new(570.0, 775.0, 590.0, 780.0));
        assert_eq!(half.rotation(), 180);
        // A portrait page scanned sideways (800 wide, 600 tall), turned a quarter clockwise to
        // 600 × 800: the top-left corner of the upright page was the bottom-left of the scan.
        let quarter = Frame::Straightened {
            geometry: geometry(1, 0.0),
            width: 600.0,
            height: 800.0,
        };
        assert_eq!(
            quarter.to_page(Rect::new(0.0, 0.0, 1.0, 1.0)),
            Rect::new(0.0, 599.0, 1.0, 600.0)
        );
        assert_eq!(Frame::Page.to_page(r), r);
    }

    #[test]
    fn the_deskew_is_undone_about_the_centre() {
        let f = Frame::Straightened {
            geometry: geometry(0, 1.0),
            width: 600.0,
            height: 800.0,
        };
        let c = f.to_page(Rect::new(300.0, 400.0, 300.0, 400.0));
        assert!((c.x0 - 300.0).abs() < 1e-3 && (c.y0 - 400.0).abs() < 1e-3);
        let p = f.to_page(Rect::new(600.0, 400.0, 600.0, 400.0));
        // 300 pt right of the centre, turned clockwise by 1°: down by 300·sin 1°.
        assert!((p.y0 - (400.0 + 300.0 * 1f32.to_radians().sin())).abs() < 1e-2, "{p:?}");
    }
}
