//! The generator's chromium route: same truth as the pdfium route, byte-reproducible PDFs, a
//! look of its own, and every truth value in the text layer. Needs Debian's `chromium` and the
//! fonts that scripts/download_models.sh installs (scripts/install_chromium.sh).

use std::path::PathBuf;

use zhengxin::config::Settings;
use zhengxin::pdf::PdfEngine;
use zhengxin_lab::synth::{generate, generate_chromium, html, Generated};

fn setup() -> (PdfEngine, PathBuf, PathBuf) {
    let s = Settings::from_env().expect("settings");
    let e = PdfEngine::load(&s.pdfium_lib()).expect("libpdfium (run scripts/download_models.sh)");
    let chromium = html::find_chromium().expect("chromium (run scripts/download_models.sh as root)");
    (e, zhengxin_lab::synth::cjk_font(&s), chromium)
}

fn page_texts(e: &PdfEngine, pdf: &[u8]) -> Vec<String> {
    let doc = e.open(pdf).expect("open generated pdf");
    doc.pages().iter().map(|p| p.text().expect("text").all()).collect()
}

fn leaves(v: &serde_json::Value, key: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => out.push((key.to_string(), s.clone())),
        serde_json::Value::Array(a) => a.iter().for_each(|x| leaves(x, key, out)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| leaves(x, k, out)),
        _ => {}
    }
}

fn gen(e: &PdfEngine, chromium: &std::path::Path, seed: u64, i: u64) -> Generated {
    generate_chromium(e, chromium, seed, i).unwrap_or_else(|err| panic!("seed {seed} report {i}: {err}"))
}

#[test]
fn same_truth_as_pdfium_route_and_reproducible_bytes() {
    let (e, font, chromium) = setup();
    for i in 0..2 {
        let a = gen(&e, &chromium, 4, i);
        let b = gen(&e, &chromium, 4, i);
        assert!(a.pdf == b.pdf, "report {i}: chromium PDF bytes differ between runs");
        let p = generate(&e, &font, 4, i).expect("pdfium route");
        assert_eq!(
            serde_json::to_string(&a.truth).unwrap(),
            serde_json::to_string(&p.truth).unwrap(),
            "report {i}: the routes print different truths"
        );
        assert_eq!(a.name, format!("chr_s4_{i:03}"));
        assert_ne!(a.name, p.name);
        assert!(a.pdf.windows(8).any(|w| w == b"Skia/PDF"), "not printed by Chromium");
        let texts = page_texts(&e, &a.pdf);
        assert_eq!(texts.len(), a.pages);
        assert!(texts[0].contains("个人信用报告"));
    }
}

/// After removing layout whitespace, footers (any style) and the watermark, each non-empty
/// truth leaf occurs in the text layer.
#[test]
fn every_truth_value_is_in_the_text_layer() {
    let (e, _, chromium) = setup();
    for i in 0..4 {
        let g = gen(&e, &chromium, 21, i);
        let mut text: String = page_texts(&e, &g.pdf)
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for n in 1..=g.pages {
            text = text.replace(&format!("第{}页，共{}页", n, g.pages), "");
        }
        let wm: String = g.watermark.chars().filter(|c| !c.is_whitespace()).collect();
        text = text.replace(&wm, "");
        let mut all = Vec::new();
        leaves(&serde_json::to_value(&g.truth).unwrap(), "", &mut all);
        let missing: Vec<_> = all
            .iter()
            .filter(|(k, v)| !v.is_empty() && !matches!(k.as_str(), "startDate" | "endDate"))
            .filter(|(_, v)| !text.contains(&v.chars().filter(|c| !c.is_whitespace()).collect::<String>()))
            .collect();
        assert!(
            missing.is_empty(),
            "report {i}: {} values not printed, e.g. {:?}",
            missing.len(),
            &missing[..missing.len().min(8)]
        );
    }
}
