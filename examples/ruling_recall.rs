//! Debugging aid for ruling detection on scans, without OCR: for every page of a scanned PDF,
//! compares the rulings found in pixels with the vector rulings of the text-layer PDF it was
//! made from, as length-weighted recall and precision. `DUMP_PNG=PREFIX` also writes each
//! straightened page with the found rulings drawn over it (horizontals red, verticals blue),
//! cropped to `DUMP_CROP=x,y,w,h` pixels and enlarged `DUMP_SCALE` times when given (and
//! where a copy mark was lifted, PREFIX-pN-mark.png).
//!
//! `cargo run --release --example ruling_recall -- SCAN.pdf TEXT.pdf [FIRST-LAST]`

use image::{Rgb, RgbImage};
use pdfium_render::prelude::PdfRenderConfig;
use zhengxin::config::Settings;
use zhengxin::content::{Orientation, Ruling};
use zhengxin::pdf::{content::extract_page_checked, PdfEngine};
use zhengxin::scanned::{straighten, PageGeometry, ScanParams};

/// A truth ruling counts as found along the stretches a detected one covers within this many
/// points across the line.
const TOL_PT: f32 = 2.0;
/// Truth rulings shorter than this are ignored (cell shading edges, tick marks).
const MIN_TRUTH_PT: f32 = 8.0;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (scan, text) = (&args[1], &args[2]);
    let (first, last) = args
        .get(3)
        .and_then(|r| r.split_once('-'))
        .map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap()))
        .unwrap_or((0usize, usize::MAX));
    let settings = Settings::from_env().expect("settings");
    let engine = PdfEngine::load(&settings.pdfium_lib()).expect("pdfium");
    let scan_bytes = std::fs::read(scan).expect("read scan");
    let text_bytes = std::fs::read(text).expect("read text");
    let scan_pdf = engine.open(&scan_bytes).expect("open scan");
    let text_pdf = engine.open(&text_bytes).expect("open text");
    let mut p = ScanParams::default();
    // Tuning overrides: ZX_RIDGE=near_pt,far_pt,t,union[,max_level],
    // ZX_SMOOTH=v_pt,h_pt, ZX_JOIN=gap_pt,join_pt, ZX_NOFLAT, ZX_FLAT (below),
    // ZX_OVINK=overlay tint level.
    if let Ok(v) = std::env::var("ZX_RIDGE") {
        let v: Vec<f32> = v.split(',').map(|x| x.parse().unwrap()).collect();
        (p.lines.ridge_near_pt, p.lines.ridge_far_pt, p.lines.ridge_t) = (v[0], v[1], v[2]);
        p.lines.ridge_union = v[3] != 0.0;
        if let Some(m) = v.get(4) {
            p.lines.ridge_max_level = *m as u8;
        }
    }
    if std::env::var_os("ZX_NOFLAT").is_some() {
        p.flatten = None;
    }
    if let Ok(v) = std::env::var("ZX_OVINK") {
        p.overlay.tint_level = v.parse().unwrap();
    }
    // ZX_FLAT=block_frac,paper_quantile,reach_blocks
    if let (Ok(v), Some(f)) = (std::env::var("ZX_FLAT"), p.flatten.as_mut()) {
        let v: Vec<f32> = v.split(',').map(|x| x.parse().unwrap()).collect();
        (f.block_frac, f.paper_quantile, f.reach_blocks) = (v[0], v[1], v[2] as u32);
    }
    if let Ok(v) = std::env::var("ZX_JOIN") {
        let v: Vec<f32> = v.split(',').map(|x| x.parse().unwrap()).collect();
        (p.lines.gap_pt, p.lines.join_pt) = (v[0], v[1]);
    }
    if let Ok(v) = std::env::var("ZX_SMOOTH") {
        let v: Vec<f32> = v.split(',').map(|x| x.parse().unwrap()).collect();
        (p.lines.smooth_pt, p.lines.smooth_h_pt) = (v[0], v[1]);
    }
    let (mut tot_r, mut tot_p) = ((0.0, 0.0), (0.0, 0.0));
    let mut tot_pieces = 0;
    for (i, (sp, tp)) in scan_pdf.pages().iter().zip(text_pdf.pages().iter()).enumerate() {
        if i < first || i > last {
            continue;
        }
        let truth: Vec<Ruling> = extract_page_checked(&tp, i)
            .expect("text page")
            .content
            .rulings
            .into_iter()
            .filter(|r| r.end - r.start >= MIN_TRUTH_PT)
            .collect();
        let dpi = zhengxin::raster::choose_dpi(&sp, p.max_dpi);
        let img = sp
            .render_with_config(&PdfRenderConfig::new().scale_page_by_factor(dpi / 72.0))
            .unwrap()
            .as_image()
            .unwrap()
            .into_rgb8();
        let mut g = PageGeometry {
            dpi,
            ..Default::default()
        };
        let page = straighten(&img, &p, &mut g);
        let clean = &page.clean;
        let px = dpi / 72.0;
        let mut found = page.rulings(px, &p);
        // Only OCR can tell an upside-down page; pick the half turn that fits.
        let flip = flipped(&found, clean.width() as f32 / px, clean.height() as f32 / px);
        // A printed copy is scaled and shifted, so the truth does not line up: `NO_FLIP=1`.
        if std::env::var_os("NO_FLIP").is_none() && covered(&truth, &flip).0 > covered(&truth, &found).0 {
            found = flip;
        }
        if std::env::var_os("DUMP_FP").is_some() {
            for r in &found {
                if false_pieces(r, &truth) > 0 {
                    println!(
                        "  false {:?} pos={:.1} {:.1}..{:.1}",
                        r.orientation, r.pos, r.start, r.end
                    );
                }
            }
        }
        let pieces: usize = found.iter().map(|r| false_pieces(r, &truth)).sum();
        println!("page {i}: false pieces >= {FALSE_PIECE_PT} pt: {pieces}");
        tot_pieces += pieces;
        let (rl, rt) = covered(&truth, &found);
        let (pl, pt) = covered(&found, &truth);
        for o in [Orientation::Horizontal, Orientation::Vertical] {
            let t: Vec<Ruling> = truth.iter().filter(|r| r.orientation == o).copied().collect();
            let f: Vec<Ruling> = found.iter().filter(|r| r.orientation == o).copied().collect();
            let (a, b) = covered(&t, &f);
            let (c, d) = covered(&f, &t);
            println!(
                "page {i} {o:?}: truth {} found {} recall {:.3} precision {:.3}",
                t.len(),
                f.len(),
                a / b.max(1.0),
                c / d.max(1.0)
            );
        }
        println!(
            "page {i}: turns {} skew {:.2} recall {:.3} precision {:.3}",
            g.quarter_turns,
            g.skew_deg,
            rl / rt.max(1.0),
            pl / pt.max(1.0)
        );
        tot_r = (tot_r.0 + rl, tot_r.1 + rt);
        tot_p = (tot_p.0 + pl, tot_p.1 + pt);
        if let Ok(out) = std::env::var("DUMP_PNG") {
            save_overlay(clean, &found, px, &format!("{out}-p{i}.png"));
            // The straightened, flattened page the rulings are found in, as raw 8-bit gray
            // (PGM), for measuring profiles.
            let gray = &page.gray;
            let mut pgm = format!("P5\n{} {}\n255\n", gray.width(), gray.height()).into_bytes();
            pgm.extend(gray.pixels().map(|p| p.0[0]));
            std::fs::write(format!("{out}-p{i}.pgm"), pgm).unwrap();
            // Where a copy mark was lifted, white on black.
            if let Some(mark) = &page.mark {
                mark.save(format!("{out}-p{i}-mark.png")).unwrap();
            }
        }
    }
    println!(
        "total: recall {:.3} precision {:.3} false pieces {tot_pieces}",
        tot_r.0 / tot_r.1.max(1.0),
        tot_p.0 / tot_p.1.max(1.0)
    );
}

/// Stretches of a found ruling at least this long with no truth ruling under them (a
/// vertical bridged across a title row, a text line taken for a border).
const FALSE_PIECE_PT: f32 = 5.0;

fn false_pieces(r: &Ruling, truth: &[Ruling]) -> usize {
    let mut iv: Vec<(f32, f32)> = truth
        .iter()
        .filter(|o| o.orientation == r.orientation && (o.pos - r.pos).abs() <= TOL_PT)
        .map(|o| (o.start.max(r.start), o.end.min(r.end)))
        .filter(|(s, e)| e > s)
        .collect();
    iv.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut reach = r.start;
    let mut n = 0;
    for (s, e) in iv {
        if s - reach >= FALSE_PIECE_PT {
            n += 1;
        }
        reach = reach.max(e);
    }
    n + usize::from(r.end - reach >= FALSE_PIECE_PT)
}

/// The rulings of a page turned by 180°.
fn flipped(rs: &[Ruling], w: f32, h: f32) -> Vec<Ruling> {
    rs.iter()
        .map(|r| {
            let (size_across, size_along) = match r.orientation {
                Orientation::Horizontal => (h, w),
                Orientation::Vertical => (w, h),
            };
            Ruling {
                pos: size_across - r.pos,
                start: size_along - r.end,
                end: size_along - r.start,
                ..*r
            }
        })
        .collect()
}

/// Length of `a` covered by `b` (same orientation, within [`TOL_PT`] across) and `a`'s total
/// length.
fn covered(a: &[Ruling], b: &[Ruling]) -> (f32, f32) {
    let mut hit = 0.0;
    let mut total = 0.0;
    for r in a {
        total += r.end - r.start;
        let mut iv: Vec<(f32, f32)> = b
            .iter()
            .filter(|o| o.orientation == r.orientation && (o.pos - r.pos).abs() <= TOL_PT)
            .map(|o| (o.start.max(r.start), o.end.min(r.end)))
            .filter(|(s, e)| e > s)
            .collect();
        iv.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut reach = f32::MIN;
        for (s, e) in iv {
            let s = s.max(reach);
            if e > s {
                hit += e - s;
            }
            reach = reach.max(e);
        }
    }
    (hit, total)
}

fn save_overlay(clean: &RgbImage, rs: &[Ruling], px: f32, path: &str) {
    let mut img = clean.clone();
    let (w, h) = img.dimensions();
    for r in rs {
        let colour = match r.orientation {
            Orientation::Horizontal => Rgb([255, 0, 0]),
            Orientation::Vertical => Rgb([0, 0, 255]),
        };
        let pos = (r.pos * px) as u32;
        for i in (r.start * px) as u32..(r.end * px) as u32 {
            let (x, y) = match r.orientation {
                Orientation::Horizontal => (i, pos),
                Orientation::Vertical => (pos, i),
            };
            if x < w && y < h {
                img.put_pixel(x, y, colour);
            }
        }
    }
    let img = match std::env::var("DUMP_CROP").ok() {
        Some(c) => {
            let c: Vec<u32> = c.split(',').map(|v| v.parse().unwrap()).collect();
            image::imageops::crop_imm(&img, c[0], c[1], c[2], c[3]).to_image()
        }
        None => img,
    };
    let k: u32 = std::env::var("DUMP_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let img = image::imageops::resize(
        &img,
        img.width() * k,
        img.height() * k,
        image::imageops::FilterType::Nearest,
    );
    img.save(path).unwrap();
}
