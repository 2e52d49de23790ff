//! OCR against the real models on a page of the sample report, with its text layer as ground
//! truth. Needs `scripts/download_models.sh` (the test fails, never skips, without it).

#[path = "ocr_common.rs"]
mod ocr_common;

use image::RgbImage;
use ocr_common::{engine, render_sample_page, score, settings};
use zhengxin::error::ErrorKind;
use zhengxin::geom::Rect;
use zhengxin::ocr::{gpu_ort_lib, ActiveDevice, Crew, Device, OcrEngine, OcrParams, Precision};
use zhengxin::Error;

#[test]
fn page_one_at_200_dpi_matches_the_text_layer() {
    let page = render_sample_page(0, 200.0);
    assert_eq!(page.image.dimensions(), (1654, 2339));
    assert!(page.chars.len() > 500, "text layer has only {} chars", page.chars.len());
    let ocr = engine().ocr_page(&page.image).expect("ocr");
    let lines: Vec<(Rect, String)> = ocr.lines.iter().map(|l| (l.rect, l.text.clone())).collect();
    let s = score(&lines, &page.chars);
    println!(
        "page 1: {} boxes, {} GT chars, edits {} (folded {}), uncovered {}, extra boxes {}; \
         char accuracy {:.4} (folded {:.4}); det {:.2}s rec {:.2}s",
        ocr.lines.len(),
        s.total,
        s.edits,
        s.edits_folded,
        s.uncovered,
        s.extra_boxes,
        s.accuracy,
        s.accuracy_folded,
        ocr.timings.det.as_secs_f64(),
        ocr.timings.rec.as_secs_f64()
    );
    for (got, want) in &s.diffs {
        println!("  ocr {got:?} vs text layer {want:?}");
    }
    for (c, r) in &s.missed {
        println!("  missed {c:?} at {r:?}");
    }
    assert!(
        s.accuracy_folded >= 0.95,
        "char accuracy {:.4} < 0.95",
        s.accuracy_folded
    );
    // The span font size is estimated from the box height; compare with the text layer's
    // sizes of the chars inside each box (median ratio over lines).
    let mut ratios: Vec<f32> = ocr
        .lines
        .iter()
        .filter_map(|l| {
            let inside: Vec<f32> = page
                .chars
                .iter()
                .filter(|g| l.rect.contains((g.x0 + g.x1) / 2.0, (g.y0 + g.y1) / 2.0))
                .map(|g| g.font_size)
                .collect();
            let gt = *inside.first()?;
            Some(l.to_text_span(page.px_per_pt).font_size / gt)
        })
        .collect();
    ratios.sort_by(f32::total_cmp);
    let median = ratios[ratios.len() / 2];
    println!(
        "estimated / text-layer font size: median {median:.3} over {} lines",
        ratios.len()
    );
    assert!((0.85..=1.15).contains(&median), "font size estimate off by {median}");
    // Every line carries one confidence and one box per character.
    for l in &ocr.lines {
        assert_eq!(l.char_scores.len(), l.text.chars().count());
        assert_eq!(l.char_rects.len(), l.text.chars().count());
        let span = l.to_text_span(page.px_per_pt);
        assert_eq!(span.char_rects.len(), span.text.chars().count());
        assert!(
            span.rect.x1 <= 596.0 && span.rect.y1 <= 843.0,
            "span outside an A4 page: {:?}",
            span.rect
        );
    }
}

#[test]
fn an_idle_engine_of_the_pool_helps_read_a_page_to_the_same_text() {
    let page = render_sample_page(0, 200.0);
    let files = settings().ocr_files();
    let params = OcrParams::default();
    assert!(params.lend_idle, "lending is on by default");
    let crew = Crew::new(2);
    let reader = OcrEngine::in_crew(&params, &files, &crew, 0).expect("engine 0");
    let _idle = OcrEngine::in_crew(&params, &files, &crew, 1).expect("engine 1");
    // The reader holds its engine as a page does; engine 1 stays free.
    assert_eq!(crew.hold(), 0);
    let boxes = reader.detect(&page.image).expect("det");
    let shared = reader.ocr_boxes(&page.image, &boxes).expect("ocr with a lent engine");
    let lends = crew.lends();
    assert!(lends > 0, "the free engine was never lent");
    let alone = engine().ocr_boxes(&page.image, &boxes).expect("ocr alone");
    assert!(shared.lines.len() > 50);
    assert_eq!(shared.lines, alone.lines, "a lent engine reads as the page's own");
    // Every lent engine came back: both can be held again.
    crew.release(0);
    let both = [crew.hold(), crew.hold()];
    assert!(both.contains(&0) && both.contains(&1));
    println!("{} lines, engine lent {lends} times", shared.lines.len());
}

/// Bounds of the first run of text-layer chars spelling `needle`.
fn gt_rect(page: &ocr_common::RenderedPage, needle: &str) -> Rect {
    let want: Vec<char> = needle.chars().collect();
    let chars = &page.chars;
    let start = (0..chars.len().saturating_sub(want.len()))
        .find(|&i| chars[i..i + want.len()].iter().map(|g| g.ch).eq(want.iter().copied()))
        .unwrap_or_else(|| panic!("{needle} not in the text layer"));
    let run = &chars[start..start + want.len()];
    let r = run
        .iter()
        .fold(Rect::new(run[0].x0, run[0].y0, run[0].x1, run[0].y1), |r, g| {
            r.union(&Rect::new(g.x0, g.y0, g.x1, g.y1))
        });
    Rect::new(r.x0 - 12.0, r.y0 - 8.0, r.x1 + 12.0, r.y1 + 8.0)
}

#[test]
fn known_regions_are_read_without_detection_and_char_positions_follow_the_text() {
    let page = render_sample_page(0, 200.0);
    let eng = engine();
    let number = gt_rect(&page, "201506010000332123");
    let name = gt_rect(&page, "中国人民银行营业管理部");
    let blank = Rect::new(1000.0, 2200.0, 1200.0, 2250.0); // empty margin near the footer
    let out = eng
        .ocr_regions(&page.image, &[number, name, blank])
        .expect("ocr_regions");
    let number_line = out[0].as_ref().expect("number read");
    assert_eq!(number_line.text.replace(' ', ""), "201506010000332123");
    assert_eq!(out[1].as_ref().expect("name read").text, "中国人民银行营业管理部");
    assert!(out[2].is_none(), "blank region gave {:?}", out[2]);
    // Character centres land on the text layer's: each within half a digit width.
    let digits: Vec<&ocr_common::GtChar> = {
        let s = page.chars.iter().position(|g| g.ch == '2').unwrap();
        page.chars[s..s + 18].iter().collect()
    };
    let xs: Vec<f32> = number_line
        .text
        .chars()
        .zip(&number_line.char_rects)
        .filter(|(c, _)| !c.is_whitespace())
        .map(|(_, r)| r.center().0)
        .collect();
    assert_eq!(xs.len(), 18);
    for (x, g) in xs.iter().zip(&digits) {
        let (gx, w) = ((g.x0 + g.x1) / 2.0, g.x1 - g.x0);
        assert!(
            (x - gx).abs() <= w * 0.75,
            "char {} at {x:.1}, text layer {gx:.1} (w {w:.1})",
            g.ch
        );
    }
    let single = eng.ocr_region(&page.image, name).expect("ocr_region").expect("text");
    assert_eq!(single.text, "中国人民银行营业管理部");
}

#[test]
fn the_direction_classifier_spots_upside_down_crops() {
    let page = render_sample_page(0, 200.0);
    let rect = gt_rect(&page, "信息主体申请设置防欺诈警示");
    let crop: RgbImage = image::imageops::crop_imm(
        &page.image,
        rect.x0 as u32,
        rect.y0 as u32,
        rect.width() as u32,
        rect.height() as u32,
    )
    .to_image();
    let turned = image::imageops::rotate180(&crop);
    let d = engine().classify_180(&[crop, turned]).expect("cls");
    assert!(!d[0].upside_down, "{:?}", d[0]);
    assert!(d[1].upside_down, "{:?}", d[1]);
}

#[test]
fn missing_or_wrong_models_are_artefact_errors() {
    let s = settings();
    // Load the runtime through the shared engine first, so the order of tests does not matter.
    let _ = engine();
    let mut p = OcrParams::default();
    p.models.rec = "no_such_model.onnx".into();
    // The file looked for is the copy of the precision in force (`.int8.onnx` on the CPU).
    let wanted = p.model_files().rec;
    assert!(wanted.starts_with("no_such_model."), "{wanted}");
    match OcrEngine::new(&p, &s.ocr_files()).map_err(Error::into_kind) {
        Err(ErrorKind::Artefact { path, .. }) => assert!(path.ends_with(&wanted), "{path:?}"),
        other => panic!("expected Artefact, got {other:?}"),
    }
    // The detector in the recogniser's place has the wrong shapes and no dictionary.
    let mut p = OcrParams::default();
    p.models.rec = p.models.det.clone();
    match OcrEngine::new(&p, &s.ocr_files()).map_err(Error::into_kind) {
        Err(ErrorKind::Artefact { cause, .. }) => assert!(cause.to_string().contains("shapes"), "{cause}"),
        other => panic!("expected Artefact, got {other:?}"),
    }
    // Both copies of the models (float, and int8 detector and recogniser) are present after
    // set-up and load.
    for precision in [Precision::Fp32, Precision::Int8] {
        let p = OcrParams {
            precision,
            ..OcrParams::default()
        };
        OcrEngine::new(&p, &s.ocr_files()).unwrap_or_else(|e| panic!("{precision:?} models load: {e}"));
    }
    let e = engine();
    // PP-OCRv6 small rec: 18,708 dictionary entries + blank + space (stack_notes §8).
    assert_eq!(e.class_count(), 18_710);
}

#[test]
fn cuda_requests_fall_back_to_the_cpu_unless_required() {
    let s = settings();
    // This process binds the CPU runtime first (the shared engine), so CUDA can never be
    // used here, whatever is installed: the request must fall back, or fail when required.
    let _ = engine();
    let mut p = OcrParams {
        device: Device::Cuda,
        ..OcrParams::default()
    };
    let e = OcrEngine::new(&p, &s.ocr_files()).expect("CPU fallback");
    assert_eq!(e.device(), ActiveDevice::Cpu);
    p.require_device = true;
    match OcrEngine::new(&p, &s.ocr_files()).map_err(Error::into_kind) {
        Err(ErrorKind::Device { what, path, .. }) => {
            assert!(what.contains("onnxruntime-gpu") || what.contains("CUDA"), "{what}");
            assert!(
                path.ends_with(gpu_ort_lib(&s.home).file_name().unwrap()),
                "{}",
                path.display()
            );
        }
        other => panic!("expected a Device error, got {other:?}"),
    }
}
