//! Scanned variants and negative cases of the synthetic corpus (issue [2/4]).

use std::path::PathBuf;
use std::time::Instant;

use pdfium_render::prelude::*;
use zhengxin::config::Settings;
use zhengxin::error::ErrorKind;
use zhengxin::pdf::{assess_text_layer, PdfEngine, TextLayerQuality};
use zhengxin::Error;
use zhengxin_lab::synth::negatives::write_negatives;
use zhengxin_lab::synth::scan::{make_scan, make_scan_with_manifest, ScanLevel, ScanManifest};

fn engine() -> PdfEngine {
    let settings = Settings::from_env().expect("settings");
    PdfEngine::load(&settings.pdfium_lib()).expect("libpdfium (run scripts/download_models.sh)")
}

/// An A4 text PDF: a title, a few lines of Chinese text and a ruled 5x4 table on every page.
fn text_pdf(pages: usize) -> Vec<u8> {
    text_pdf_with(pages, false)
}

/// [`text_pdf`], optionally with a large black block in the top-left quarter that makes the
/// page orientation obvious in the raster.
fn text_pdf_with(pages: usize, orientation_mark: bool) -> Vec<u8> {
    let engine = engine();
    let settings = Settings::from_env().unwrap();
    let font_bytes = std::fs::read(zhengxin_lab::synth::cjk_font(&settings)).expect("CJK font");
    let mut doc = engine.pdfium().create_new_pdf().unwrap();
    let font = doc.fonts_mut().load_true_type_from_bytes(&font_bytes, true).unwrap();
    for p in 0..pages {
        let mut page = doc.pages_mut().create_page_at_end(PdfPagePaperSize::a4()).unwrap();
        let objects = page.objects_mut();
        let h = 842.0;
        if orientation_mark {
            let rect = PdfRect::new_from_values(h - 290.0, 20.0, h - 20.0, 250.0);
            objects
                .create_path_object_rect(rect, None, None, Some(PdfColor::BLACK))
                .unwrap();
        }
        objects
            .create_text_object(
                PdfPoints::new(200.0),
                PdfPoints::new(h - 80.0),
                "个人信用报告",
                font,
                PdfPoints::new(20.0),
            )
            .unwrap();
        let line = format!("报告编号：2015060100003321{p:02} 第{}页，共{}页", p + 1, pages);
        objects
            .create_text_object(
                PdfPoints::new(60.0),
                PdfPoints::new(h - 120.0),
                line,
                font,
                PdfPoints::new(10.0),
            )
            .unwrap();
        for r in 0..=5 {
            let y = h - 160.0 - r as f32 * 24.0;
            objects
                .create_path_object_line(
                    PdfPoints::new(60.0),
                    PdfPoints::new(y),
                    PdfPoints::new(535.0),
                    PdfPoints::new(y),
                    PdfColor::BLACK,
                    PdfPoints::new(1.0),
                )
                .unwrap();
        }
        for c in 0..=4 {
            let x = 60.0 + c as f32 * 118.75;
            objects
                .create_path_object_line(
                    PdfPoints::new(x),
                    PdfPoints::new(h - 160.0),
                    PdfPoints::new(x),
                    PdfPoints::new(h - 280.0),
                    PdfColor::BLACK,
                    PdfPoints::new(1.0),
                )
                .unwrap();
        }
        for r in 0..5 {
            let y = h - 177.0 - r as f32 * 24.0;
            objects
                .create_text_object(
                    PdfPoints::new(66.0),
                    PdfPoints::new(y),
                    format!("贷款账户{r} 余额 12,345"),
                    font,
                    PdfPoints::new(9.0),
                )
                .unwrap();
        }
    }
    doc.save_to_bytes().unwrap()
}

fn text_quality(engine: &PdfEngine, bytes: &[u8]) -> Vec<TextLayerQuality> {
    let doc = engine.open(bytes).unwrap();
    doc.pages()
        .iter()
        .map(|p| assess_text_layer(&p.text().unwrap().all()))
        .collect()
}

/// (page width pt, page height pt, image px width, image px height, object count) per page.
fn page_images(engine: &PdfEngine, bytes: &[u8]) -> Vec<(f32, f32, u32, u32, usize)> {
    let doc = engine.open(bytes).unwrap();
    doc.pages()
        .iter()
        .map(|page| {
            let objects = page.objects();
            let image = objects
                .iter()
                .find_map(|o| o.as_image_object().map(|i| (i.width().unwrap(), i.height().unwrap())));
            let (w, h) = image.expect("every page carries an image");
            (
                page.width().value,
                page.height().value,
                w as u32,
                h as u32,
                objects.len(),
            )
        })
        .collect()
}

#[test]
fn scans_are_image_only_with_the_same_page_count() {
    let engine = engine();
    let source = text_pdf(2);
    assert!(text_quality(&engine, &source)
        .iter()
        .all(|q| *q == TextLayerQuality::Usable));
    for level in ScanLevel::ALL {
        let (scan, manifest) = make_scan_with_manifest(&source, level, 11).unwrap();
        assert_eq!(manifest.pages.len(), 2);
        assert_eq!(
            text_quality(&engine, &scan),
            vec![TextLayerQuality::Empty; 2],
            "{level}"
        );
        let doc = engine.open(&scan).unwrap();
        for page in doc.pages().iter() {
            assert_eq!(page.text().unwrap().all().trim(), "", "{level}: no characters at all");
            let objects = page.objects();
            assert_eq!(objects.len(), 1, "{level}: exactly one object per page");
            assert!(objects.get(0).unwrap().as_image_object().is_some());
        }
        // JPEG keeps an A4 scan well under a megabyte per page.
        assert!(scan.len() < 2 * 1024 * 1024, "{level}: {} bytes", scan.len());
    }
}

#[test]
fn same_seed_gives_identical_bytes() {
    let source = text_pdf(1);
    for level in [ScanLevel::Clean, ScanLevel::Heavy] {
        let a = make_scan(&source, level, 5).unwrap();
        let b = make_scan(&source, level, 5).unwrap();
        assert!(a == b, "{level}: same seed must reproduce the same file");
        let c = make_scan(&source, level, 6).unwrap();
        assert!(a != c, "{level}: another seed must give another file");
    }
}

fn expected_px(points: f32, dpi: u32) -> u32 {
    (points * dpi as f32 / 72.0).round() as u32
}

/// A4 as pdfium creates it (210 x 297 mm).
const A4: (f32, f32) = (595.2756, 841.8898);

fn check_geometry(engine: &PdfEngine, scan: &[u8], m: &ScanManifest) {
    let pages = page_images(engine, scan);
    assert_eq!(pages.len(), m.pages.len());
    for (p, &(w_pt, h_pt, w_px, h_px, _)) in m.pages.iter().zip(&pages) {
        assert_eq!((w_px, h_px), (p.width_px, p.height_px));
        let (src_w, src_h) = if p.rotation_cw == 90 { (A4.1, A4.0) } else { A4 };
        assert!(
            (w_pt - src_w).abs() < 1.0 && (h_pt - src_h).abs() < 1.0,
            "page box {w_pt}x{h_pt} for {p:?}"
        );
        assert_eq!(w_px, expected_px(src_w, m.dpi), "{p:?}");
        assert_eq!(h_px, expected_px(src_h, m.dpi), "{p:?}");
    }
}

#[test]
fn levels_render_at_their_resolutions_and_record_what_they_did() {
    let engine = engine();
    let source = text_pdf(2);
    let mut clean_dpis = Vec::new();
    // Clean picks 200 or 300 DPI per seed; stop once both have been seen.
    for seed in 0..16 {
        if clean_dpis.contains(&200) && clean_dpis.contains(&300) {
            break;
        }
        let (scan, m) = make_scan_with_manifest(&source, ScanLevel::Clean, seed).unwrap();
        assert!(m.dpi == 200 || m.dpi == 300);
        assert!(m.rotated_page().is_none() && m.pages.iter().all(|p| p.skew_deg == 0.0 && !p.seal));
        check_geometry(&engine, &scan, &m);
        clean_dpis.push(m.dpi);
    }
    assert!(
        clean_dpis.contains(&200) && clean_dpis.contains(&300),
        "clean DPI varies by seed: {clean_dpis:?}"
    );

    let mut widths = Vec::new();
    for (level, dpi, max_skew) in [(ScanLevel::Mild, 200, 1.0), (ScanLevel::Heavy, 150, 2.0)] {
        for seed in 0..2 {
            let (scan, m) = make_scan_with_manifest(&source, level, seed).unwrap();
            assert_eq!(m.dpi, dpi);
            let (_, turn) = m.rotated_page().expect("one page is turned");
            assert!(turn == 90 || turn == 180);
            assert_eq!(m.pages.iter().filter(|p| p.rotation_cw != 0).count(), 1);
            assert_eq!(m.pages.iter().filter(|p| p.seal).count(), 1);
            assert!(m
                .pages
                .iter()
                .all(|p| p.skew_deg != 0.0 && p.skew_deg.abs() <= max_skew));
            check_geometry(&engine, &scan, &m);
            let upright = m.pages.iter().find(|p| p.rotation_cw != 90).map(|p| p.width_px);
            widths.extend(upright);
            let json = serde_json::to_string(&m).unwrap();
            assert!(json.contains(&format!("\"level\":\"{level}\"")));
        }
    }
    assert!(widths.iter().any(|&w| w == expected_px(A4.0, 200)) && widths.iter().any(|&w| w == expected_px(A4.0, 150)));
}

#[test]
fn a_turned_page_really_is_turned() {
    // The black block sits in the top-left quarter of the source page. After a 180° turn it
    // must be the bottom-right quarter that is darkest, after 90° clockwise the top-right.
    let engine = engine();
    let source = text_pdf_with(1, true);
    let mut seen = Vec::new();
    for seed in 0..6 {
        let (scan, m) = make_scan_with_manifest(&source, ScanLevel::Heavy, seed).unwrap();
        let (_, turn) = m.rotated_page().unwrap();
        let doc = engine.open(&scan).unwrap();
        let page = doc.pages().get(0).unwrap();
        let objects = page.objects();
        let obj = objects.get(0).unwrap();
        let img = obj.as_image_object().unwrap().get_raw_image().unwrap().to_luma8();
        let (w, h) = img.dimensions();
        let mut darkness = [[0u64; 2]; 2];
        for (x, y, p) in img.enumerate_pixels() {
            darkness[(y * 2 / h) as usize][(x * 2 / w) as usize] += 255 - p.0[0] as u64;
        }
        let mut darkest = (0, 0);
        for (r, row) in darkness.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                if v > darkness[darkest.0][darkest.1] {
                    darkest = (r, c);
                }
            }
        }
        let expected = match turn {
            180 => (1, 1),
            90 => (0, 1),
            other => panic!("unexpected turn {other}"),
        };
        assert_eq!(
            darkest, expected,
            "seed {seed}: turn {turn}, quarter darkness {darkness:?}"
        );
        seen.push(turn);
    }
    assert!(
        seen.contains(&90) && seen.contains(&180),
        "both turns occur over 6 seeds: {seen:?}"
    );
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhengxin-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn negatives_open_with_real_text_and_broken_files_are_rejected() {
    let engine = engine();
    let dir = scratch_dir("negatives");
    let paths = write_negatives(&dir, 3).unwrap();
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let expected = [
        ("neg-invoice.pdf", "电子发票"),
        ("neg-bank-statement.pdf", "交易明细"),
        ("neg-contract.pdf", "借款合同"),
        ("neg-jianban.pdf", "信贷记录"),
        ("neg-enterprise.pdf", "企业信用报告"),
    ];
    for (name, marker) in expected {
        let i = names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("{name} missing from {names:?}"));
        let bytes = std::fs::read(&paths[i]).unwrap();
        let doc = engine.open(&bytes).unwrap_or_else(|e| panic!("{name} must open: {e}"));
        let text: String = doc.pages().iter().map(|p| p.text().unwrap().all()).collect();
        assert!(text.contains(marker), "{name}: text lacks {marker}");
        for page in doc.pages().iter() {
            assert_eq!(
                assess_text_layer(&page.text().unwrap().all()),
                TextLayerQuality::Usable,
                "{name}"
            );
        }
    }
    for name in [
        "broken-empty.pdf",
        "broken-truncated.pdf",
        "broken-notpdf.pdf",
        "broken-garbage.pdf",
    ] {
        let i = names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("{name} missing from {names:?}"));
        let bytes = std::fs::read(&paths[i]).unwrap();
        let outcome = engine
            .open(&bytes)
            .map(|doc| doc.pages().len())
            .map_err(Error::into_kind);
        match outcome {
            Err(ErrorKind::InvalidInput(_)) => {}
            Err(other) => panic!("{name}: wrong error {other:?}"),
            Ok(pages) => panic!("{name} must not open (opened with {pages} pages)"),
        }
    }
    assert_eq!(paths.len(), 9);
    // Reproducible from the seed.
    let again = scratch_dir("negatives-again");
    for (a, b) in paths.iter().zip(write_negatives(&again, 3).unwrap()) {
        assert!(
            std::fs::read(a).unwrap() == std::fs::read(&b).unwrap(),
            "{} differs between runs",
            a.display()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&again);
}

/// Throughput check, run by hand in release mode:
/// `cargo test --release -p zhengxin-lab --test synth_scan -- --ignored --nocapture`
#[test]
#[ignore]
fn time_ten_page_scans() {
    let source = text_pdf(10);
    for level in ScanLevel::ALL {
        let start = Instant::now();
        let (scan, m) = make_scan_with_manifest(&source, level, 1).unwrap();
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{level}: {:.3} s/page at {} DPI, {} KiB total ({} KiB/page)",
            secs / 10.0,
            m.dpi,
            scan.len() / 1024,
            scan.len() / 1024 / 10
        );
    }
}
