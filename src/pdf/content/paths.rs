//! Vector paths → table rulings. Borders come as stroked lines or as thin filled rectangles
//! (Word, Chromium); wide filled rectangles are cell backgrounds and curves are decoration,
//! both ignored.

use pdfium_render::prelude::*;

use crate::content::{Orientation, Ruling};
use crate::geom::Rect;
use crate::pdf::facts::PageFacts;

/// Deepest form-XObject nesting followed; real reports nest at most one level.
const MAX_FORM_DEPTH: usize = 8;

/// Geometry limits for a path to count as a ruling, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RulingRules {
    /// A filled rectangle at most this thick is a line.
    pub max_thickness: f32,
    /// A line shorter than this is a dot or a tick, not a ruling.
    pub min_length: f32,
    /// A stroked line wider than this is a decorative bar.
    pub max_stroke_width: f32,
    /// A ruling is axis-aligned when its ends differ across by at most this.
    pub axis_tol: f32,
    /// Rulings whose darkest channel is at least this are white-on-white (erasers).
    pub light_channel: u8,
}

impl Default for RulingRules {
    fn default() -> Self {
        Self {
            max_thickness: 2.5,
            min_length: 2.0,
            max_stroke_width: 3.0,
            axis_tol: 0.5,
            light_channel: 0xF0,
        }
    }
}

/// One subpath in page space (top-left origin).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Subpath {
    /// Points in drawing order; a curve's control points are not included.
    pub points: Vec<(f32, f32)>,
    /// Indices `i` such that `points[i-1] → points[i]` is a curve, not a straight segment.
    pub curved_into: Vec<usize>,
    /// Whether the subpath was closed.
    pub closed: bool,
}

/// How a path is painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paint {
    /// Filled (any fill rule).
    pub filled: bool,
    /// Stroked.
    pub stroked: bool,
    /// Fill colour 0xRRGGBB and alpha.
    pub fill: (u32, u8),
    /// Stroke colour 0xRRGGBB and alpha.
    pub stroke: (u32, u8),
    /// Stroke width in points.
    pub stroke_width: f32,
}

fn visible(color: (u32, u8), rules: &RulingRules) -> bool {
    let darkest = [(color.0 >> 16) as u8, (color.0 >> 8) as u8, color.0 as u8]
        .into_iter()
        .min()
        .unwrap_or(0);
    color.1 >= 40 && darkest < rules.light_channel
}

/// Rulings drawn by one path.
pub fn rulings_of(subpaths: &[Subpath], paint: &Paint, rules: &RulingRules, out: &mut Vec<Ruling>) {
    for sp in subpaths {
        if paint.filled && visible(paint.fill, rules) && sp.curved_into.is_empty() {
            if let Some(r) = thin_rect(&sp.points, paint.fill.0, rules) {
                out.push(r);
            }
        }
        if paint.stroked && paint.stroke_width <= rules.max_stroke_width && visible(paint.stroke, rules) {
            let n = sp.points.len();
            let closing = if sp.closed && n > 2 { Some((n - 1, 0)) } else { None };
            for (a, b) in (1..n).map(|i| (i - 1, i)).chain(closing) {
                if b != 0 && sp.curved_into.contains(&b) {
                    continue;
                }
                if let Some(r) = straight(sp.points[a], sp.points[b], paint.stroke.0, rules) {
                    out.push(r);
                }
            }
        }
    }
}

/// An axis-aligned filled rectangle thin in one direction → a ruling along the other.
fn thin_rect(points: &[(f32, f32)], color: u32, rules: &RulingRules) -> Option<Ruling> {
    if points.len() < 4 {
        return None;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for &(x, y) in points {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let t = rules.axis_tol;
    let on_corner = |&(x, y): &(f32, f32)| {
        ((x - x0).abs() <= t || (x - x1).abs() <= t) && ((y - y0).abs() <= t || (y - y1).abs() <= t)
    };
    if !points.iter().all(on_corner) {
        return None;
    }
    let (w, h) = (x1 - x0, y1 - y0);
    if h <= rules.max_thickness && w >= rules.min_length && w >= 2.0 * h {
        Some(Ruling {
            orientation: Orientation::Horizontal,
            pos: (y0 + y1) / 2.0,
            start: x0,
            end: x1,
            color,
        })
    } else if w <= rules.max_thickness && h >= rules.min_length && h >= 2.0 * w {
        Some(Ruling {
            orientation: Orientation::Vertical,
            pos: (x0 + x1) / 2.0,
            start: y0,
            end: y1,
            color,
        })
    } else {
        None
    }
}

/// A straight stroked segment, if axis-aligned and long enough.
fn straight(a: (f32, f32), b: (f32, f32), color: u32, rules: &RulingRules) -> Option<Ruling> {
    let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
    if dy <= rules.axis_tol && dx >= rules.min_length {
        Some(Ruling {
            orientation: Orientation::Horizontal,
            pos: (a.1 + b.1) / 2.0,
            start: a.0.min(b.0),
            end: a.0.max(b.0),
            color,
        })
    } else if dx <= rules.axis_tol && dy >= rules.min_length {
        Some(Ruling {
            orientation: Orientation::Vertical,
            pos: (a.0 + b.0) / 2.0,
            start: a.1.min(b.1),
            end: a.1.max(b.1),
            color,
        })
    } else {
        None
    }
}

fn rgba(c: PdfColor) -> (u32, u8) {
    (
        ((c.red() as u32) << 16) | ((c.green() as u32) << 8) | c.blue() as u32,
        c.alpha(),
    )
}

/// Every ruling on the page, in top-left page space; every image object's box is recorded in
/// `facts` on the same walk over the page's objects.
pub fn page_rulings(page: &PdfPage<'_>, rules: &RulingRules, facts: &mut PageFacts) -> Vec<Ruling> {
    let height = page.height().value;
    let area = page.width().value * height;
    let mut walk = Walk {
        chain: Vec::new(),
        height,
        area,
        rules,
        out: Vec::new(),
        facts,
    };
    walk.objects(page.objects().iter());
    walk.out
}

/// One walk over a page's objects, into its form XObjects.
struct Walk<'r> {
    /// The matrices of the forms entered, outermost first.
    chain: Vec<PdfMatrix>,
    height: f32,
    area: f32,
    rules: &'r RulingRules,
    out: Vec<Ruling>,
    facts: &'r mut PageFacts,
}

impl Walk<'_> {
    fn objects<'a>(&mut self, objects: impl Iterator<Item = PdfPageObject<'a>>) {
        for obj in objects {
            match &obj {
                PdfPageObject::Path(p) => path_rulings(p, &self.chain, self.height, self.rules, &mut self.out),
                PdfPageObject::XObjectForm(f) if self.chain.len() < MAX_FORM_DEPTH => {
                    let Ok(m) = f.matrix() else { continue };
                    self.chain.push(m);
                    self.objects(f.iter());
                    self.chain.pop();
                }
                // An image's own bounds, as pdfium reports them (inside a form too): the
                // integrity signals compare them with the characters' boxes.
                PdfPageObject::Image(_) => {
                    if let Ok(b) = obj.bounds() {
                        let h = self.height;
                        let r = Rect::new(b.left().value, h - b.top().value, b.right().value, h - b.bottom().value);
                        if [r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite()) {
                            self.facts.see_image(r, self.area);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Largest segment count of a path holding a single closed shape (move, four lines, close
/// as a fifth line); more segments mean several shapes batched into one path object.
const SINGLE_SHAPE_SEGMENTS: u32 = 6;

/// Rulings of one path object. Most paths are settled from their bounding box alone (a thin
/// box is a line whatever its outline; a big single filled shape is a background), which
/// keeps the per-path cost at a handful of pdfium calls; only stroked outlines and batched
/// shapes have their segments read.
fn path_rulings(
    p: &PdfPagePathObject<'_>,
    chain: &[PdfMatrix],
    height: f32,
    rules: &RulingRules,
    out: &mut Vec<Ruling>,
) {
    let filled = p.fill_mode().is_ok_and(|f| f != PdfPathFillMode::None);
    let stroked = p.is_stroked().unwrap_or(false);
    let fill = if filled {
        p.fill_color().map(rgba).unwrap_or((0, 0))
    } else {
        (0, 0)
    };
    let (stroke, stroke_width) = if stroked {
        (
            p.stroke_color().map(rgba).unwrap_or((0, 0)),
            p.stroke_width().map(|w| w.value).unwrap_or(1.0),
        )
    } else {
        ((0, 0), 0.0)
    };
    let paint = Paint {
        filled: filled && visible(fill, rules),
        stroked: stroked && visible(stroke, rules),
        fill,
        stroke,
        stroke_width,
    };
    if !paint.filled && !paint.stroked {
        return;
    }
    let Ok(b) = p.bounds() else { return };
    let corners = [(b.left(), b.bottom()), (b.right(), b.top())].map(|(x, y)| {
        let (mut px, mut py) = (x, y);
        for outer in chain.iter().rev() {
            (px, py) = outer.apply_to_points(px, py);
        }
        (px.value, height - py.value)
    });
    let (x0, x1) = (corners[0].0.min(corners[1].0), corners[0].0.max(corners[1].0));
    let (y0, y1) = (corners[0].1.min(corners[1].1), corners[0].1.max(corners[1].1));
    let color = if paint.filled { fill.0 } else { stroke.0 };
    if (x1 - x0).min(y1 - y0) <= rules.max_thickness + stroke_width {
        let bbox = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)];
        out.extend(thin_rect(
            &bbox,
            color,
            &RulingRules {
                max_thickness: rules.max_thickness + stroke_width,
                ..*rules
            },
        ));
        return;
    }
    if !paint.stroked && p.segments().len() <= SINGLE_SHAPE_SEGMENTS {
        return;
    }
    let Ok(m) = p.matrix() else { return };
    rulings_of(&read_subpaths(p, m, chain, height), &paint, rules, out);
}

/// Path points in page space: the object's own matrix first, then each enclosing form's,
/// innermost first; then y flipped to the top-left origin.
fn read_subpaths(p: &PdfPagePathObject<'_>, m: PdfMatrix, chain: &[PdfMatrix], height: f32) -> Vec<Subpath> {
    let to_page = |x: f32, y: f32| -> (f32, f32) {
        let (mut px, mut py) = m.apply_to_points(PdfPoints::new(x), PdfPoints::new(y));
        for outer in chain.iter().rev() {
            (px, py) = outer.apply_to_points(px, py);
        }
        (px.value, height - py.value)
    };
    let mut subpaths: Vec<Subpath> = Vec::new();
    let mut bezier_points = 0;
    for seg in p.segments().iter() {
        let pt = to_page(seg.x().value, seg.y().value);
        match seg.segment_type() {
            PdfPathSegmentType::MoveTo => {
                subpaths.push(Subpath {
                    points: vec![pt],
                    ..Default::default()
                });
                bezier_points = 0;
            }
            PdfPathSegmentType::LineTo => {
                if let Some(sp) = subpaths.last_mut() {
                    sp.points.push(pt);
                }
            }
            PdfPathSegmentType::BezierTo => {
                // A curve is three points (two controls, one end); only the end is kept.
                bezier_points += 1;
                if bezier_points % 3 == 0 {
                    if let Some(sp) = subpaths.last_mut() {
                        sp.points.push(pt);
                        let i = sp.points.len() - 1;
                        sp.curved_into.push(i);
                    }
                }
            }
            PdfPathSegmentType::Unknown => {}
        }
        if seg.is_close() {
            if let Some(sp) = subpaths.last_mut() {
                sp.closed = true;
            }
        }
    }
    subpaths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Subpath {
        Subpath {
            points: vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)],
            curved_into: vec![],
            closed: true,
        }
    }

    fn fill(color: u32) -> Paint {
        Paint {
            filled: true,
            stroked: false,
            fill: (color, 255),
            stroke: (0, 255),
            stroke_width: 1.0,
        }
    }

    #[test]
    fn thin_filled_rectangles_are_rulings_and_dots_and_backgrounds_are_not() {
        let mut out = Vec::new();
        let rules = RulingRules::default();
        rulings_of(&[rect(25.2, 159.2, 297.5, 159.7)], &fill(0x00B0F0), &rules, &mut out);
        rulings_of(&[rect(24.7, 160.0, 25.2, 172.0)], &fill(0x00B0F0), &rules, &mut out);
        rulings_of(&[rect(24.7, 159.2, 25.2, 159.7)], &fill(0x00B0F0), &rules, &mut out); // corner dot
        rulings_of(&[rect(24.6, 210.0, 570.8, 222.0)], &fill(0xEEEEEE), &rules, &mut out); // header background
        rulings_of(&[rect(24.6, 230.0, 570.8, 231.0)], &fill(0xFFFFFF), &rules, &mut out); // white eraser
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].orientation, Orientation::Horizontal);
        assert!((out[0].pos - 159.45).abs() < 1e-3 && out[0].start == 25.2 && out[0].end == 297.5);
        assert_eq!(out[1].orientation, Orientation::Vertical);
        assert_eq!(out[1].color, 0x00B0F0);
    }

    #[test]
    fn stroked_lines_and_rectangles_give_their_straight_sides() {
        let mut out = Vec::new();
        let stroke = Paint {
            filled: false,
            stroked: true,
            fill: (0, 255),
            stroke: (0xFC4642, 255),
            stroke_width: 0.48,
        };
        let line = Subpath {
            points: vec![(72.7, 192.5), (113.3, 192.5)],
            curved_into: vec![],
            closed: false,
        };
        rulings_of(&[line], &stroke, &RulingRules::default(), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].color, 0xFC4642);
        let boxed = Subpath {
            points: vec![(0.0, 0.0), (100.0, 0.0), (100.0, 50.0), (0.0, 50.0)],
            curved_into: vec![],
            closed: true,
        };
        rulings_of(&[boxed], &stroke, &RulingRules::default(), &mut out);
        assert_eq!(out.len(), 5, "the closing side counts too");
    }

    #[test]
    fn curves_and_diagonals_are_decoration() {
        let mut out = Vec::new();
        let stroke = Paint {
            filled: true,
            stroked: true,
            fill: (0, 255),
            stroke: (0, 255),
            stroke_width: 1.0,
        };
        // A rounded box: straight runs between curved corners still count, the corners do not.
        let rounded = Subpath {
            points: vec![(10.0, 0.0), (90.0, 0.0), (100.0, 10.0), (100.0, 40.0), (90.0, 50.0)],
            curved_into: vec![2, 4],
            closed: false,
        };
        rulings_of(&[rounded], &stroke, &RulingRules::default(), &mut out);
        assert_eq!(out.len(), 2);
        let diagonal = Subpath {
            points: vec![(0.0, 0.0), (50.0, 40.0)],
            curved_into: vec![],
            closed: false,
        };
        rulings_of(&[diagonal], &stroke, &RulingRules::default(), &mut out);
        assert_eq!(out.len(), 2);
    }
}
