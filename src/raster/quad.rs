//! Phone photos of a page: the sheet lies on a darker surface and is seen in perspective, so
//! the page is a quadrilateral inside the frame. It is found as the largest bright region that
//! leaves a dark surround along the frame's edges, and warped back onto the whole frame — the
//! frame has the page's proportions (the PDF page box), so the result is the page at the
//! resolution the box implies. A scan (page filling the frame, paper to the edges) is left as is.

use image::{GrayImage, Luma, Rgb, RgbImage};
use imageproc::geometric_transformations::{warp_into, Border, Interpolation, Projection};

/// Quad search tunables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuadParams {
    /// The page is looked for on a copy whose longer side is about this many pixels.
    pub work_px: u32,
    /// Share of the frame's border that must be surface (not page) for a photo.
    pub min_surround: f32,
    /// Bounds on the page's share of the frame.
    pub min_area: f32,
    pub max_area: f32,
    /// Width of the strip along the rectified page's edges turned to paper, as a share of the
    /// page width: the quad's corners are found on a coarse copy and shaded paper may fall on
    /// the surface side of the threshold, so a sliver of the surface can remain along an edge,
    /// where it would read as a page-long ruling. 3 % is ~6 mm on A4; the report's margins
    /// are ≥ 10 mm.
    pub edge_strip: f32,
}

impl Default for QuadParams {
    fn default() -> Self {
        Self {
            work_px: 400,
            min_surround: 0.6,
            min_area: 0.35,
            max_area: 0.97,
            edge_strip: 0.03,
        }
    }
}

/// Otsu's threshold of a gray histogram.
fn otsu(hist: &[u64; 256]) -> u8 {
    let total: u64 = hist.iter().sum();
    let sum_all: f64 = hist.iter().enumerate().map(|(i, &c)| i as f64 * c as f64).sum();
    let (mut w0, mut sum0, mut best, mut t) = (0f64, 0f64, 0f64, 128u8);
    for (i, &c) in hist.iter().enumerate() {
        w0 += c as f64;
        if w0 == 0.0 {
            continue;
        }
        let w1 = total as f64 - w0;
        if w1 == 0.0 {
            break;
        }
        sum0 += i as f64 * c as f64;
        let (m0, m1) = (sum0 / w0, (sum_all - sum0) / w1);
        let between = w0 * w1 * (m0 - m1) * (m0 - m1);
        if between > best {
            best = between;
            t = i as u8;
        }
    }
    t
}

/// Block-mean copy of `gray` whose longer side is about `target`; returns it and the factor.
fn shrink(gray: &GrayImage, target: u32) -> (GrayImage, u32) {
    let (w, h) = gray.dimensions();
    let f = (w.max(h) / target.max(1)).max(1);
    let (sw, sh) = (w / f, h / f);
    let mut out = GrayImage::new(sw, sh);
    for sy in 0..sh {
        for sx in 0..sw {
            let mut sum = 0u32;
            for y in sy * f..(sy + 1) * f {
                for x in sx * f..(sx + 1) * f {
                    sum += gray.get_pixel(x, y).0[0] as u32;
                }
            }
            out.put_pixel(sx, sy, Luma([(sum / (f * f)) as u8]));
        }
    }
    (out, f)
}

/// The page's corners (top-left, top-right, bottom-right, bottom-left) in pixels of `gray`,
/// when `gray` is a photo of a page on a darker surface.
pub fn find_page_quad(gray: &GrayImage, p: &QuadParams) -> Option<[[f32; 2]; 4]> {
    let (small, f) = shrink(gray, p.work_px);
    let (w, h) = (small.width() as usize, small.height() as usize);
    if w < 8 || h < 8 {
        return None;
    }
    let mut hist = [0u64; 256];
    for v in small.as_raw() {
        hist[*v as usize] += 1;
    }
    let t = otsu(&hist);
    let bright: Vec<bool> = small.as_raw().iter().map(|&v| v > t).collect();
    // The frame's border must be mostly surface.
    let border: Vec<usize> = (0..w)
        .flat_map(|x| [x, (h - 1) * w + x])
        .chain((0..h).flat_map(|y| [y * w, y * w + w - 1]))
        .collect();
    let surround = border.iter().filter(|&&i| !bright[i]).count() as f32 / border.len() as f32;
    if surround < p.min_surround {
        return None;
    }
    // Largest 4-connected bright region.
    let mut label = vec![0u32; w * h];
    let (mut best, mut best_size, mut next) = (0u32, 0usize, 1u32);
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !bright[start] || label[start] != 0 {
            continue;
        }
        let mut size = 0;
        label[start] = next;
        stack.push(start);
        while let Some(i) = stack.pop() {
            size += 1;
            let (x, y) = (i % w, i / w);
            let mut visit = |j: usize| {
                if bright[j] && label[j] == 0 {
                    label[j] = next;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        if size > best_size {
            (best, best_size) = (next, size);
        }
        next += 1;
    }
    // Text makes holes in the region; its outline still spans the page.
    let mut corners = [
        (f32::MAX, 0.0, 0.0),
        (f32::MIN, 0.0, 0.0),
        (f32::MIN, 0.0, 0.0),
        (f32::MAX, 0.0, 0.0),
    ];
    let (mut x_lo, mut x_hi, mut y_lo, mut y_hi) = (w, 0, h, 0);
    for (i, _) in label.iter().enumerate().filter(|(_, &l)| l == best) {
        let (x, y) = ((i % w) as f32 + 0.5, (i / w) as f32 + 0.5);
        (x_lo, x_hi, y_lo, y_hi) = (x_lo.min(i % w), x_hi.max(i % w), y_lo.min(i / w), y_hi.max(i / w));
        let keys = [x + y, x - y, x + y, x - y];
        for (k, c) in corners.iter_mut().enumerate() {
            let better = if k == 0 || k == 3 { keys[k] < c.0 } else { keys[k] > c.0 };
            if better {
                *c = (keys[k], x, y);
            }
        }
    }
    let hull_area = ((x_hi - x_lo + 1) * (y_hi - y_lo + 1)) as f32 / (w * h) as f32;
    if !(p.min_area..=p.max_area).contains(&hull_area) {
        return None;
    }
    // corners: top-left (min x+y), top-right (max x-y), bottom-right (max x+y), bottom-left
    // (min x-y).
    let px = |c: (f32, f32, f32)| [c.1 * f as f32, c.2 * f as f32];
    Some(corners.map(px))
}

/// Warps the page inside `quad` onto the whole frame, its edge strip turned to paper (see
/// [`fill_edge_strip`]).
pub fn rectify(img: &RgbImage, quad: &[[f32; 2]; 4], p: &QuadParams) -> RgbImage {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let from = quad.map(|[x, y]| (x, y));
    let to = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
    let white = Rgb([255, 255, 255]);
    let mut out = RgbImage::from_pixel(img.width(), img.height(), white);
    let Some(projection) = Projection::from_control_points(from, to) else {
        return img.clone();
    };
    warp_into(
        img,
        projection,
        Interpolation::Bilinear,
        Border::Constant(white),
        &mut out,
    );
    fill_edge_strip(&mut out, (p.edge_strip * w).ceil() as u32);
    out
}

/// Turns the `strip` pixels along each edge of `img` into the paper just inside them. Pure
/// white would not do: a photographed page's paper is gray, and background flattening divides
/// each pixel by the brightest paper nearby, so a white band would leave the paper next to
/// it gray — a page-long dark band that reads as an edge ruling. Each edge position takes
/// the median of a short run of pixels just inside the strip (the report's margins are
/// paper there), averaged along the edge so noise does not become faint streaks.
fn fill_edge_strip(img: &mut RgbImage, strip: u32) {
    let (w, h) = img.dimensions();
    if strip == 0 || w <= 4 * strip || h <= 4 * strip {
        return;
    }
    let probe = (strip / 2).max(1);
    // Paper along each edge, per position along it (positions inside the strip clamp to the
    // nearest position outside it, so corners take the paper of their edge's inner end).
    let profile = |len: u32, at: &dyn Fn(u32, u32) -> Rgb<u8>| -> Vec<[f32; 3]> {
        let raw: Vec<[f32; 3]> = (0..len)
            .map(|i| {
                let i = i.clamp(strip, len - strip - 1);
                let px: Vec<Rgb<u8>> = (0..probe).map(|d| at(i, strip + d)).collect();
                std::array::from_fn(|c| {
                    let mut v: Vec<u8> = px.iter().map(|p| p.0[c]).collect();
                    v.sort_unstable();
                    v[v.len() / 2] as f32
                })
            })
            .collect();
        box_mean(&raw, strip as usize)
    };
    let left = profile(h, &|i, d| *img.get_pixel(d, i));
    let right = profile(h, &|i, d| *img.get_pixel(w - 1 - d, i));
    let top = profile(w, &|i, d| *img.get_pixel(i, d));
    let bottom = profile(w, &|i, d| *img.get_pixel(i, h - 1 - d));
    let to_px = |v: [f32; 3]| Rgb(v.map(|c| c.round().clamp(0.0, 255.0) as u8));
    for y in 0..h {
        for x in 0..w {
            if (strip..w - strip).contains(&x) && (strip..h - strip).contains(&y) {
                continue;
            }
            // The nearest edge decides, so each strip pixel takes its own edge's paper.
            let dists = [
                (x, left[y as usize]),
                (w - 1 - x, right[y as usize]),
                (y, top[x as usize]),
                (h - 1 - y, bottom[x as usize]),
            ];
            let (d, v) = dists.into_iter().min_by_key(|(d, _)| *d).expect("four edges");
            if d < strip {
                img.put_pixel(x, y, to_px(v));
            }
        }
    }
}

/// Mean of `v` over a centred window of `win` entries (shorter at the ends).
fn box_mean(v: &[[f32; 3]], win: usize) -> Vec<[f32; 3]> {
    let half = win / 2;
    (0..v.len())
        .map(|i| {
            let (lo, hi) = (i.saturating_sub(half), (i + half + 1).min(v.len()));
            let n = (hi - lo) as f32;
            std::array::from_fn(|c| v[lo..hi].iter().map(|p| p[c]).sum::<f32>() / n)
        })
        .collect()
}

/// [`rectify`] when the image is a photo of a page (see [`find_page_quad`]); otherwise the image
/// as it is.
pub fn rectify_photo(img: RgbImage, p: &QuadParams) -> RgbImage {
    let gray = image::imageops::grayscale(&img);
    match find_page_quad(&gray, p) {
        Some(quad) => rectify(&img, &quad, p),
        None => img,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 400x560 frame: surface 70, a page (paper 235, a black bar near its top) whose corners
    /// are at the given points.
    fn photo(quad: [[f32; 2]; 4]) -> RgbImage {
        let to = quad.map(|[x, y]| (x, y));
        let page = RgbImage::from_fn(400, 560, |x, y| {
            if (40..360).contains(&x) && (40..50).contains(&y) {
                Rgb([0, 0, 0])
            } else {
                Rgb([235, 235, 235])
            }
        });
        let proj =
            Projection::from_control_points([(0.0, 0.0), (400.0, 0.0), (400.0, 560.0), (0.0, 560.0)], to).unwrap();
        let mut out = RgbImage::from_pixel(400, 560, Rgb([70, 70, 70]));
        warp_into(
            &page,
            proj,
            Interpolation::Bilinear,
            Border::Constant(Rgb([70, 70, 70])),
            &mut out,
        );
        out
    }

    #[test]
    fn finds_the_corners_of_a_photographed_page() {
        let quad = [[40.0, 30.0], [370.0, 50.0], [360.0, 530.0], [30.0, 510.0]];
        let found = find_page_quad(&image::imageops::grayscale(&photo(quad)), &QuadParams::default()).expect("a photo");
        for (a, b) in quad.iter().zip(found.iter()) {
            assert!(
                (a[0] - b[0]).abs() < 4.0 && (a[1] - b[1]).abs() < 4.0,
                "{quad:?} vs {found:?}"
            );
        }
        let flat = rectify(&photo(quad), &found, &QuadParams::default());
        // The bar is back near the top, level: its row is dark from left to right.
        let dark_row = (30..60).find(|&y| (60..340).step_by(20).all(|x| flat.get_pixel(x, y).0[0] < 100));
        assert!(dark_row.is_some());
        assert!(flat.get_pixel(200, 300).0[0] > 200, "page paper in the middle");
    }

    #[test]
    fn the_rectified_page_flattens_to_white_paper_up_to_its_edges() {
        // Paper is 235 in the photo; a pure-white edge strip would make flattening keep the
        // paper beside it at 235 * 255 / 255, a page-long gray band.
        let quad = [[40.0, 30.0], [370.0, 50.0], [360.0, 530.0], [30.0, 510.0]];
        let img = photo(quad);
        let found = find_page_quad(&image::imageops::grayscale(&img), &QuadParams::default()).expect("a photo");
        let flat = rectify(&img, &found, &QuadParams::default());
        let gray = image::imageops::grayscale(&flat);
        let f = crate::raster::flatten_background(&gray, &crate::raster::FlattenParams::default());
        for y in (80..520).step_by(20) {
            for x in (0..40).chain(360..400) {
                assert!(f.get_pixel(x, y).0[0] >= 245, "({x}, {y}): {}", f.get_pixel(x, y).0[0]);
            }
        }
    }

    #[test]
    fn a_scan_is_not_a_photo() {
        let mut scan = GrayImage::from_pixel(400, 560, Luma([240]));
        for x in 40..360 {
            scan.put_pixel(x, 100, Luma([0]));
        }
        assert!(find_page_quad(&scan, &QuadParams::default()).is_none());
    }
}
