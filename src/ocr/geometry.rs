//! Quadrilateral geometry for DB boxes: float minimum-area rectangles, PaddleOCR's corner
//! ordering, the closed-form unclip, reading-order sort and crops. Pure functions, pixel
//! coordinates (origin top-left, y down).

use image::RgbImage;
use imageproc::geometric_transformations::{warp_into, Border, Interpolation, Projection};
use imageproc::point::Point;

/// Four corners: top-left, top-right, bottom-right, bottom-left (for upright text).
pub type Quad = [[f32; 2]; 4];

fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// A rotated rectangle: centre, side lengths along `dir` and its normal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RotatedRect {
    /// Centre.
    pub center: [f32; 2],
    /// Side length along `dir`.
    pub w: f32,
    /// Side length along the normal of `dir`.
    pub h: f32,
    /// Unit direction of the `w` side.
    pub dir: [f32; 2],
}

impl RotatedRect {
    /// The four corners, in no particular order.
    pub fn corners(&self) -> Quad {
        let [ux, uy] = self.dir;
        let (vx, vy) = (-uy, ux);
        let (hw, hh) = (self.w / 2.0, self.h / 2.0);
        let [cx, cy] = self.center;
        [
            [cx - ux * hw - vx * hh, cy - uy * hw - vy * hh],
            [cx + ux * hw - vx * hh, cy + uy * hw - vy * hh],
            [cx + ux * hw + vx * hh, cy + uy * hw + vy * hh],
            [cx - ux * hw + vx * hh, cy - uy * hw + vy * hh],
        ]
    }

    /// The shorter side.
    pub fn short_side(&self) -> f32 {
        self.w.min(self.h)
    }
}

/// Minimum-area enclosing rectangle of pixel points (rotating calipers over the convex hull),
/// in floats like `cv2.minAreaRect`; imageproc's version rounds corners outwards to integers.
pub fn min_area_rect(points: &[Point<i32>]) -> Option<RotatedRect> {
    let hull = imageproc::geometry::convex_hull(points.to_vec());
    let pts: Vec<[f32; 2]> = hull.iter().map(|p| [p.x as f32, p.y as f32]).collect();
    match pts.len() {
        0 => return None,
        1 => {
            return Some(RotatedRect {
                center: pts[0],
                w: 0.0,
                h: 0.0,
                dir: [1.0, 0.0],
            })
        }
        _ => {}
    }
    let mut best: Option<(f32, RotatedRect)> = None;
    for i in 0..pts.len() {
        let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
        let len = dist(a, b);
        if len == 0.0 {
            continue;
        }
        let u = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
        let (mut min_u, mut max_u, mut min_v, mut max_v) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
        for p in &pts {
            let pu = p[0] * u[0] + p[1] * u[1];
            let pv = -p[0] * u[1] + p[1] * u[0];
            min_u = min_u.min(pu);
            max_u = max_u.max(pu);
            min_v = min_v.min(pv);
            max_v = max_v.max(pv);
        }
        let area = (max_u - min_u) * (max_v - min_v);
        if best.as_ref().is_none_or(|(a, _)| area < *a) {
            let (cu, cv) = ((min_u + max_u) / 2.0, (min_v + max_v) / 2.0);
            let center = [cu * u[0] - cv * u[1], cu * u[1] + cv * u[0]];
            best = Some((
                area,
                RotatedRect {
                    center,
                    w: max_u - min_u,
                    h: max_v - min_v,
                    dir: u,
                },
            ));
        }
    }
    best.map(|(_, r)| r)
}

/// DB's `get_mini_boxes` corner order: sort by x, then take the upper of the two left points
/// as corner 0, the upper right as 1, lower right as 2, lower left as 3.
pub fn mini_box_order(corners: Quad) -> Quad {
    let mut p = corners;
    p.sort_by(|a, b| a[0].total_cmp(&b[0]));
    let (i1, i4) = if p[1][1] > p[0][1] { (0, 1) } else { (1, 0) };
    let (i2, i3) = if p[3][1] > p[2][1] { (2, 3) } else { (3, 2) };
    [p[i1], p[i2], p[i3], p[i4]]
}

/// DB unclip in closed form. PaddleOCR offsets the box polygon by
/// `d = area * ratio / perimeter` with round joins (pyclipper) and takes the minimum-area
/// rectangle of the result. For a rectangle that is exactly the rectangle grown by `d` on
/// every side (the rounded corners stay inside it), so no clipper library is needed.
pub fn unclip(rect: &RotatedRect, ratio: f32) -> RotatedRect {
    let perimeter = 2.0 * (rect.w + rect.h);
    if perimeter <= 0.0 {
        return *rect;
    }
    let d = rect.w * rect.h * ratio / perimeter;
    RotatedRect {
        w: rect.w + 2.0 * d,
        h: rect.h + 2.0 * d,
        ..*rect
    }
}

/// rapidocr `order_points_clockwise`: the two leftmost points (by x) become top-left and
/// bottom-left by y, the two rightmost top-right and bottom-right.
pub fn order_clockwise(q: Quad) -> Quad {
    let mut p = q;
    p.sort_by(|a, b| a[0].total_cmp(&b[0]));
    let (mut left, mut right) = ([p[0], p[1]], [p[2], p[3]]);
    left.sort_by(|a, b| a[1].total_cmp(&b[1]));
    right.sort_by(|a, b| a[1].total_cmp(&b[1]));
    [left[0], right[0], right[1], left[1]]
}

/// rapidocr `sorted_boxes`: sort by the top-left corner (y, then x), then bubble neighbours
/// whose top-left y differ by less than 10 px into left-to-right order, so one text line
/// reads left to right even when its boxes start a few pixels apart vertically.
pub fn sort_reading_order<T>(items: &mut [T], quad: impl Fn(&T) -> Quad) {
    items.sort_by(|a, b| {
        let (qa, qb) = (quad(a), quad(b));
        qa[0][1].total_cmp(&qb[0][1]).then(qa[0][0].total_cmp(&qb[0][0]))
    });
    for i in 0..items.len().saturating_sub(1) {
        for j in (0..=i).rev() {
            let (qj, qn) = (quad(&items[j]), quad(&items[j + 1]));
            if (qn[0][1] - qj[0][1]).abs() < 10.0 && qn[0][0] < qj[0][0] {
                items.swap(j, j + 1);
            } else {
                break;
            }
        }
    }
}

/// Mean of `map` (row-major, `w`×`h`) over the filled quad, as DB's `box_score_fast`: the
/// corners are truncated to integers and the polygon is filled inclusively (cv2.fillPoly).
pub fn box_score_fast(map: &[f32], w: usize, h: usize, q: &Quad) -> f32 {
    let pts: Vec<[f32; 2]> = q.iter().map(|p| [p[0].floor(), p[1].floor()]).collect();
    let clampi = |v: f32, hi: usize| (v.max(0.0) as usize).min(hi.saturating_sub(1));
    let ymin = clampi(pts.iter().map(|p| p[1]).fold(f32::MAX, f32::min), h);
    let ymax = clampi(pts.iter().map(|p| p[1]).fold(f32::MIN, f32::max), h);
    let (mut sum, mut n) = (0f64, 0usize);
    for y in ymin..=ymax {
        let yf = y as f32;
        let (mut xl, mut xr) = (f32::MAX, f32::MIN);
        for i in 0..4 {
            let (a, b) = (pts[i], pts[(i + 1) % 4]);
            if (yf < a[1].min(b[1])) || (yf > a[1].max(b[1])) {
                continue;
            }
            if a[1] == b[1] {
                xl = xl.min(a[0].min(b[0]));
                xr = xr.max(a[0].max(b[0]));
            } else {
                let x = a[0] + (yf - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
                xl = xl.min(x);
                xr = xr.max(x);
            }
        }
        if xl > xr {
            continue;
        }
        let x0 = xl.ceil().max(0.0) as usize;
        let x1 = (xr.floor().max(-1.0) as i64).min(w as i64 - 1);
        for x in x0 as i64..=x1 {
            sum += f64::from(map[y * w + x as usize]);
            n += 1;
        }
    }
    if n == 0 {
        0.0
    } else {
        (sum / n as f64) as f32
    }
}

/// Axis-aligned bounds `(x0, y0, x1, y1)` of a quad.
pub fn quad_bounds(q: &Quad) -> (f32, f32, f32, f32) {
    let xs = q.iter().map(|p| p[0]);
    let ys = q.iter().map(|p| p[1]);
    (
        xs.clone().fold(f32::MAX, f32::min),
        ys.clone().fold(f32::MAX, f32::min),
        xs.fold(f32::MIN, f32::max),
        ys.fold(f32::MIN, f32::max),
    )
}

/// A crop ready for recognition, and whether it was turned upright (tall boxes).
#[derive(Debug, Clone)]
pub struct Crop {
    /// The pixels.
    pub image: RgbImage,
    /// rapidocr rotates crops with h/w ≥ 1.5 by 90° counter-clockwise (vertical text).
    pub rotated: bool,
}

/// rapidocr `get_rotate_crop_image`: a perspective warp of the quad to a
/// `max(top,bottom) × max(left,right)` rectangle (bicubic, replicated border), turned 90°
/// counter-clockwise when it is at least 1.5 times taller than wide. Axis-aligned quads with
/// integer corners are a plain copy, which is what the warp computes for them.
pub fn crop_quad(img: &RgbImage, q: &Quad) -> Option<Crop> {
    let cw = dist(q[0], q[1]).max(dist(q[2], q[3])) as u32;
    let ch = dist(q[0], q[3]).max(dist(q[1], q[2])) as u32;
    if cw == 0 || ch == 0 {
        return None;
    }
    let integral = q.iter().all(|p| p[0].fract() == 0.0 && p[1].fract() == 0.0);
    let axis_aligned = q[0][1] == q[1][1] && q[2][1] == q[3][1] && q[0][0] == q[3][0] && q[1][0] == q[2][0];
    let image = if integral && axis_aligned && q[0][0] >= 0.0 && q[0][1] >= 0.0 {
        let (x, y) = (q[0][0] as u32, q[0][1] as u32);
        let w = cw.min(img.width().saturating_sub(x));
        let h = ch.min(img.height().saturating_sub(y));
        if w == 0 || h == 0 {
            return None;
        }
        image::imageops::crop_imm(img, x, y, w, h).to_image()
    } else {
        let from = q.map(|p| (p[0], p[1]));
        let to = [(0.0, 0.0), (cw as f32, 0.0), (cw as f32, ch as f32), (0.0, ch as f32)];
        let proj = Projection::from_control_points(from, to)?;
        let mut out = RgbImage::new(cw, ch);
        warp_into(img, proj, Interpolation::Bicubic, Border::Replicate, &mut out);
        out
    };
    if image.height() as f32 / image.width() as f32 >= 1.5 {
        // np.rot90 (counter-clockwise) == rotate270 (clockwise by 270°).
        Some(Crop {
            image: image::imageops::rotate270(&image),
            rotated: true,
        })
    } else {
        Some(Crop { image, rotated: false })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approx(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-3
    }

    #[test]
    fn min_area_rect_of_an_axis_aligned_block_is_exact() {
        let pts: Vec<Point<i32>> = (10..=30).flat_map(|x| (5..=9).map(move |y| Point::new(x, y))).collect();
        let r = min_area_rect(&pts).unwrap();
        assert!(approx(r.center[0], 20.0) && approx(r.center[1], 7.0), "{r:?}");
        let (long, short) = (r.w.max(r.h), r.short_side());
        assert!(approx(long, 20.0) && approx(short, 4.0), "{r:?}");
        let q = mini_box_order(r.corners());
        assert_eq!(
            q.map(|p| [p[0].round(), p[1].round()]),
            [[10.0, 5.0], [30.0, 5.0], [30.0, 9.0], [10.0, 9.0]]
        );
    }

    #[test]
    fn min_area_rect_follows_a_rotated_line() {
        // A diagonal stroke: the best rectangle is long and thin along 45°.
        let pts: Vec<Point<i32>> = (0..50)
            .flat_map(|i| [Point::new(i, i), Point::new(i + 1, i), Point::new(i, i + 1)])
            .collect();
        let r = min_area_rect(&pts).unwrap();
        assert!(r.w.max(r.h) > 69.0 && r.short_side() < 1.5, "{r:?}");
    }

    #[test]
    fn unclip_grows_every_side_by_area_ratio_over_perimeter() {
        let r = RotatedRect {
            center: [50.0, 20.0],
            w: 100.0,
            h: 10.0,
            dir: [1.0, 0.0],
        };
        let u = unclip(&r, 1.6);
        // d = 100*10*1.6 / 220 = 7.2727
        let d = 1000.0 * 1.6 / 220.0;
        assert!(approx(u.w, 100.0 + 2.0 * d) && approx(u.h, 10.0 + 2.0 * d));
        assert_eq!(u.center, r.center);
        let q = mini_box_order(u.corners());
        assert!(approx(q[0][0], -d) && approx(q[0][1], 15.0 - d) && approx(q[2][0], 100.0 + d));
    }

    #[test]
    fn clockwise_order_and_reading_order() {
        let q = order_clockwise([[10.0, 10.0], [0.0, 10.0], [10.0, 0.0], [0.0, 0.0]]);
        assert_eq!(q, [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]);
        let rect = |x: f32, y: f32| -> Quad { [[x, y], [x + 5.0, y], [x + 5.0, y + 5.0], [x, y + 5.0]] };
        // Same line (y within 10 px) but the right box starts 4 px higher: x order must win.
        let mut boxes = vec![rect(100.0, 50.0), rect(0.0, 54.0), rect(50.0, 200.0)];
        sort_reading_order(&mut boxes, |q| *q);
        assert_eq!(
            boxes.iter().map(|q| q[0][0]).collect::<Vec<_>>(),
            vec![0.0, 100.0, 50.0]
        );
    }

    #[test]
    fn box_score_is_the_mean_inside_the_quad() {
        let (w, h) = (10, 10);
        let mut map = vec![0.0f32; w * h];
        for y in 2..=4 {
            for x in 3..=6 {
                map[y * w + x] = 1.0;
            }
        }
        let inside: Quad = [[3.0, 2.0], [6.0, 2.0], [6.0, 4.0], [3.0, 4.0]];
        assert!(approx(box_score_fast(&map, w, h, &inside), 1.0));
        // Twice as wide: 12 of the 24 pixels are hot.
        let wider: Quad = [[3.0, 2.0], [10.9, 2.0], [10.9, 4.0], [3.0, 4.0]];
        assert!(
            approx(box_score_fast(&map, w, h, &wider), 12.0 / 21.0),
            "{}",
            box_score_fast(&map, w, h, &wider)
        );
    }

    #[test]
    fn crops_copy_axis_aligned_boxes_and_turn_tall_ones() {
        let img = RgbImage::from_fn(40, 40, |x, y| image::Rgb([x as u8, y as u8, 0]));
        let c = crop_quad(&img, &[[5.0, 6.0], [25.0, 6.0], [25.0, 16.0], [5.0, 16.0]]).unwrap();
        assert_eq!(c.image.dimensions(), (20, 10));
        assert_eq!(c.image.get_pixel(0, 0).0, [5, 6, 0]);
        assert!(!c.rotated);
        let tall = crop_quad(&img, &[[5.0, 0.0], [10.0, 0.0], [10.0, 30.0], [5.0, 30.0]]).unwrap();
        assert!(tall.rotated);
        assert_eq!(tall.image.dimensions(), (30, 5));
        // Counter-clockwise turn: the crop's top-right pixel (9,0) lands at the top-left.
        assert_eq!(tall.image.get_pixel(0, 0).0, [9, 0, 0]);
    }
}
