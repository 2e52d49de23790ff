//! A red round seal (公章) like the one a bank stamps on a printed report before scanning it:
//! outer ring, five-pointed star, an arc of "characters" along the top and a short row under
//! the star. The characters are random stroke patterns, not real text, because OCR must
//! learn to ignore the seal rather than read it.

use image::RgbImage;

use crate::synth::rng::SplitMix64;

/// A glyph is a few bars in a unit cell: (u0, u1, v0, v1) with u across, v down.
type Glyph = Vec<[f32; 4]>;

fn random_glyph(rng: &mut SplitMix64) -> Glyph {
    const T: f32 = 0.14; // stroke thickness in cell units
    let mut bars = Vec::new();
    let strokes = rng.range_i64(3, 5);
    for _ in 0..strokes {
        if rng.chance(0.55) {
            let v = rng.range_f64(0.08, 0.92 - T as f64) as f32;
            let u0 = rng.range_f64(0.0, 0.3) as f32;
            let u1 = rng.range_f64(0.7, 1.0) as f32;
            bars.push([u0, u1, v, v + T]);
        } else {
            let u = rng.range_f64(0.08, 0.92 - T as f64) as f32;
            let v0 = rng.range_f64(0.0, 0.3) as f32;
            let v1 = rng.range_f64(0.7, 1.0) as f32;
            bars.push([u, u + T, v0, v1]);
        }
    }
    bars
}

fn glyph_hit(g: &Glyph, u: f32, v: f32) -> bool {
    g.iter().any(|b| u >= b[0] && u <= b[1] && v >= b[2] && v <= b[3])
}

/// Five-pointed star with its top point up, as a 10-vertex polygon around the origin.
fn star(radius: f32) -> Vec<(f32, f32)> {
    (0..10)
        .map(|k| {
            let r = if k % 2 == 0 { radius } else { radius * 0.382 };
            let a = -std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::PI / 5.0;
            (r * a.cos(), r * a.sin())
        })
        .collect()
}

fn inside_polygon(poly: &[(f32, f32)], x: f32, y: f32) -> bool {
    let mut inside = false;
    let mut j = poly.len() - 1;
    for i in 0..poly.len() {
        let (xi, yi) = poly[i];
        let (xj, yj) = poly[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Where and how the seal was stamped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SealPlacement {
    pub cx: f32,
    pub cy: f32,
    pub radius: f32,
}

/// Stamps the seal with multiply blending (ink darkens what is under it, black text stays
/// black) at `opacity`, with blotchy ink coverage.
pub(crate) fn stamp(img: &mut RgbImage, at: SealPlacement, opacity: f32, rng: &mut SplitMix64) {
    let SealPlacement { cx, cy, radius: r } = at;
    let ink = [
        rng.range_i64(190, 225) as f32,
        rng.range_i64(20, 50) as f32,
        rng.range_i64(30, 60) as f32,
    ];
    let ring = r * rng.range_f64(0.045, 0.065) as f32;
    let star_poly = star(r * 0.24);
    let arc_glyphs: Vec<Glyph> = (0..rng.range_i64(10, 15)).map(|_| random_glyph(rng)).collect();
    let row_glyphs: Vec<Glyph> = (0..rng.range_i64(3, 5)).map(|_| random_glyph(rng)).collect();
    // Top arc from 150° to 390° (image coordinates, y down, so 270° is straight up).
    let (arc_start, arc_span) = (150f32.to_radians(), 240f32.to_radians());
    let (arc_outer, arc_inner) = (r * 0.84, r * 0.60);
    let cell_angle = arc_span / arc_glyphs.len() as f32;
    let row_h = r * 0.17;
    let row_w = row_h * 0.9 * row_glyphs.len() as f32 * 1.15;
    let row_top = cy + r * 0.36;
    let blotch_seed = rng.next_u64();

    let (w, h) = img.dimensions();
    let x0 = (cx - r).floor().max(0.0) as u32;
    let y0 = (cy - r).floor().max(0.0) as u32;
    let x1 = ((cx + r).ceil() as u32).min(w.saturating_sub(1));
    let y1 = ((cy + r).ceil() as u32).min(h.saturating_sub(1));
    for y in y0..=y1 {
        for x in x0..=x1 {
            let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
            let d = (dx * dx + dy * dy).sqrt();
            if d > r {
                continue;
            }
            let mut hit = d >= r - ring || inside_polygon(&star_poly, dx, dy);
            if !hit && d <= arc_outer && d >= arc_inner {
                let mut a = dy.atan2(dx);
                while a < arc_start {
                    a += std::f32::consts::TAU;
                }
                let t = a - arc_start;
                if t < arc_span {
                    let k = (t / cell_angle) as usize;
                    // Gap of 10 % on each side of a cell so glyphs do not touch.
                    let u = (t / cell_angle - k as f32 - 0.1) / 0.8;
                    let v = (arc_outer - d) / (arc_outer - arc_inner);
                    hit = (0.0..=1.0).contains(&u) && glyph_hit(&arc_glyphs[k.min(arc_glyphs.len() - 1)], u, v);
                }
            }
            if !hit && dy >= row_top - cy && dy <= row_top - cy + row_h && dx.abs() <= row_w / 2.0 {
                let t = (dx + row_w / 2.0) / row_w * row_glyphs.len() as f32;
                let k = (t as usize).min(row_glyphs.len() - 1);
                let u = (t - k as f32 - 0.075) / 0.85;
                let v = (dy - (row_top - cy)) / row_h;
                hit = (0.0..=1.0).contains(&u) && glyph_hit(&row_glyphs[k], u, v);
            }
            if !hit {
                continue;
            }
            // Blotchy coverage: constant over 3x3 blocks so it reads as uneven ink, not noise.
            let cell = ((x / 3) as u64) << 32 | (y / 3) as u64;
            let mut cell_rng = SplitMix64::new(blotch_seed ^ cell);
            let a = opacity * (0.65 + 0.35 * cell_rng.next_f64() as f32);
            let px = img.get_pixel_mut(x, y);
            for (s, ink_c) in px.0.iter_mut().zip(ink) {
                let base = *s as f32;
                *s = (base * (1.0 - a * (1.0 - ink_c / 255.0))).round().clamp(0.0, 255.0) as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    #[test]
    fn seal_is_red_inside_its_circle_only() {
        let mut img = RgbImage::from_pixel(200, 200, Rgb([255, 255, 255]));
        let at = SealPlacement {
            cx: 100.0,
            cy: 100.0,
            radius: 80.0,
        };
        stamp(&mut img, at, 0.8, &mut SplitMix64::new(5));
        let mut red = 0;
        for (x, y, p) in img.enumerate_pixels() {
            let d = ((x as f32 + 0.5 - 100.0).powi(2) + (y as f32 + 0.5 - 100.0).powi(2)).sqrt();
            let touched = p.0 != [255, 255, 255];
            if d > 80.5 {
                assert!(!touched, "pixel outside the seal changed at {x},{y}");
            }
            if touched {
                assert!(p.0[0] > p.0[1] && p.0[0] > p.0[2], "seal ink must be red: {:?}", p.0);
                red += 1;
            }
        }
        // Ring alone is ~2*pi*80*4 px; with star and glyphs well above that.
        assert!(red > 2500, "only {red} seal pixels");
        // The centre is on the star.
        assert_ne!(img.get_pixel(100, 100).0, [255, 255, 255]);
    }

    #[test]
    fn black_text_under_the_seal_stays_dark() {
        let mut img = RgbImage::from_pixel(100, 100, Rgb([0, 0, 0]));
        stamp(
            &mut img,
            SealPlacement {
                cx: 50.0,
                cy: 50.0,
                radius: 45.0,
            },
            0.8,
            &mut SplitMix64::new(1),
        );
        assert!(img.pixels().all(|p| p.0 == [0, 0, 0]));
    }
}
