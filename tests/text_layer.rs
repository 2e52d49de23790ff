//! The text path on the real sample reports in `../shared/samples`: extraction, grids,
//! stitching across pages, footers, watermark, classification, and its speed.

use std::path::PathBuf;
use std::time::Instant;

use zhengxin::classify::classify;
use zhengxin::config::Settings;
use zhengxin::error::ErrorKind;
use zhengxin::layout::{build_document, is_page_footer, Block, Document, Table};
use zhengxin::parse::ReportVersion;
use zhengxin::pdf::content::extract_page;
use zhengxin::pdf::{PdfEngine, TextLayerQuality};
use zhengxin::pipeline::{ParseOptions, Pipeline};
use zhengxin::Error;

const BENRENBAN: &str = "pboc_personal_benrenban_sample_2015design_19p.pdf";
const JIANBAN: &str = "pboc_personal_jianban_sample_5p.pdf";

fn sample(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/samples")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn engine() -> PdfEngine {
    PdfEngine::load(&Settings::from_env().expect("settings").pdfium_lib()).expect("libpdfium")
}

fn document(name: &str) -> Document {
    let eng = engine();
    let bytes = sample(name);
    let pdf = eng.open(&bytes).expect("open");
    let pages = pdf
        .pages()
        .iter()
        .enumerate()
        .map(|(i, p)| extract_page(&p, i).expect("extract"))
        .collect();
    build_document(pages)
}

fn find_cell(doc: &Document, pred: impl Fn(&str) -> bool) -> Option<(&Table, &zhengxin::layout::Cell)> {
    doc.tables()
        .find_map(|t| t.cells.iter().find(|c| pred(&c.text)).map(|c| (t, c)))
}

#[test]
fn benrenban_sample_classifies_as_personal() {
    let doc = document(BENRENBAN);
    assert_eq!(doc.page_count, 19);
    assert_eq!(classify(&doc), Ok(ReportVersion::Personal));
}

#[test]
fn benrenban_header_table_is_rebuilt_with_merged_cells() {
    let doc = document(BENRENBAN);
    let (t, cell) = find_cell(&doc, |s| s.starts_with("报告编号")).expect("报告编号 cell");
    assert_eq!(cell.text, "报告编号：201506010000332123");
    assert_eq!((t.page, cell.row, cell.col), (0, 0, 0));
    assert_eq!(t.n_cols, 5);
    assert_eq!(cell.col_span, 3);
    let time = t.cell_at(0, 4).expect("报告时间 slot");
    assert_eq!(time.text, "报告时间：2015.06.01 10:05:15");
    let names: Vec<&str> = t.row(1).iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        names,
        [
            "被查询者姓名",
            "被查询者证件类型",
            "被查询者证件号码",
            "查询机构",
            "查询原因"
        ]
    );
    assert!(t.row(1).iter().all(|c| c.bold));
    let values: Vec<&str> = t.row(2).iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        values,
        [
            "张十五",
            "身份证",
            "110108******181X",
            "中国人民银行营业管理部",
            "本人查询（临柜）"
        ]
    );
}

#[test]
fn cell_cut_by_the_page_break_is_stitched() {
    // pdftotext shows `担保人（第三` at the bottom of page 5 and `方）代偿` at the top of page 6.
    let doc = document(BENRENBAN);
    // Page 4 holds an uncut `担保人（第三方）代偿` too; the cut one has a piece on each page.
    let cut = doc
        .tables()
        .flat_map(|t| t.cells.iter().map(move |c| (t, c)))
        .find(|(_, c)| c.text == "担保人（第三方）代偿" && c.pieces.len() == 2)
        .expect("a two-piece 担保人（第三方）代偿 cell");
    assert_eq!(cut.1.pieces.iter().map(|p| p.page).collect::<Vec<_>>(), [4, 5]);
    let row: Vec<&str> = cut.0.row(cut.1.row).iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        row,
        [
            "担保人（第三方）代偿",
            "2014.07.05",
            "0",
            "20,000",
            "该贷款由XX公司代偿20,000元。"
        ]
    );
    assert!(!doc
        .tables()
        .flat_map(|t| &t.cells)
        .any(|c| c.text == "方）代偿" || c.text == "担保人（第三"));
}

#[test]
fn footers_are_gone_and_headings_stay_in_reading_order() {
    let doc = document(BENRENBAN);
    assert!(doc
        .lines()
        .all(|l| !is_page_footer(&l.text) && !l.text.contains("共19页")));
    assert!(doc.tables().flat_map(|t| &t.cells).all(|c| !c.text.contains("共19页")));
    let headings: Vec<&str> = doc
        .lines()
        .map(|l| l.text.as_str())
        .filter(|t| ["一个", "二信", "三信", "十一"].iter().any(|p| t.starts_with(p)))
        .collect();
    // The space after the numeral sits between CJK characters, so it is layout (§2).
    assert_eq!(
        headings,
        ["一个人基本信息", "二信息概要", "三信贷交易信息明细", "十一查询记录"]
    );
    let first: Vec<&str> = doc.lines().take(2).map(|l| l.text.as_str()).collect();
    assert_eq!(first, ["个人信用报告", "（本人版）"]);
    assert!(doc
        .lines()
        .any(|l| l.text == "账户1（授信协议标识：ICBCZH121211）" && l.bold));
    assert!(doc
        .lines()
        .all(|l| !l.text.contains(' ') || l.text.chars().filter(|c| *c == ' ').count() == 1));
}

#[test]
fn no_cell_or_line_holds_watermark_or_layout_spaces() {
    let doc = document(BENRENBAN);
    // The tiled watermark is an image (`本报告仅供您了解自己的信用状况使用`); the notice box
    // in the top-right corner is an image as well.
    let all: Vec<&str> = doc
        .blocks
        .iter()
        .flat_map(|b| match b {
            Block::Line(l) => vec![l.text.as_str()],
            Block::Table(t) => t.cells.iter().map(|c| c.text.as_str()).collect(),
        })
        .collect();
    assert!(all.iter().all(|t| !t.contains("仅供您了解")));
    assert!(all.contains(&"截至2015年05月25日"), "CJK–digit spaces removed");
    assert!(all.iter().any(|t| t.starts_with("2010年07月—2015年05月的还款记录")));
}

#[test]
fn repayment_grid_keeps_year_cells_spanning_state_and_amount_rows() {
    let doc = document(BENRENBAN);
    let (t, year) = find_cell(&doc, |s| s == "2011").expect("year cell");
    assert_eq!(year.row_span, 2);
    let months = t.row(year.row);
    assert!(months.len() >= 13, "year + 12 months: {}", months.len());
}

#[test]
fn jianban_sample_is_rejected() {
    let doc = document(JIANBAN);
    let why = classify(&doc).expect_err("简版 must be rejected");
    assert!(why.to_string().contains("简版"), "{why}");
}

#[test]
fn pipeline_reports_classification_outcomes_without_panicking() {
    let p = Pipeline::new(&Settings::from_env().expect("settings")).expect("pipeline");
    match p
        .parse(
            &sample(JIANBAN),
            ParseOptions {
                classify: true,
                ..ParseOptions::default()
            },
        )
        .map_err(Error::into_kind)
    {
        Err(ErrorKind::NotReport(m)) => assert!(m.to_string().contains("简版"), "{m}"),
        other => panic!("expected NotRecognizable, got {:?}", other.map(|_| ())),
    }
    let doc = p.document(&sample(BENRENBAN)).expect("document");
    assert_eq!(doc.page_count, 19);
    let outcome = p
        .parse(&sample(BENRENBAN), ParseOptions::default())
        .expect("sample parses");
    assert_eq!(outcome.summary.page_count, 19);
    let h = &outcome.report.credit_header;
    assert_eq!(
        (h.serial_no.as_str(), h.report_time.as_str()),
        ("201506010000332123", "2015.06.01 10:05:15")
    );
    // Without classification the 简版 is still not rejected by the classifier.
    assert!(p
        .parse(
            &sample(JIANBAN),
            ParseOptions {
                classify: false,
                ..ParseOptions::default()
            }
        )
        .is_ok());
    assert!(matches!(
        p.parse(b"%PDF-1.4 garbage", ParseOptions::default())
            .map_err(Error::into_kind),
        Err(ErrorKind::InvalidInput(_))
    ));
}

#[test]
fn text_path_speed_per_page() {
    let eng = engine();
    let bytes = sample(BENRENBAN);
    let pdf = eng.open(&bytes).expect("open");
    let pages: Vec<_> = pdf.pages().iter().collect();
    let runs = 5;
    let mut best = f64::MAX;
    let (mut extract_ms, mut layout_ms) = (0.0, 0.0);
    for _ in 0..runs {
        let t0 = Instant::now();
        let contents: Vec<_> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| extract_page(p, i).expect("extract"))
            .collect();
        let t1 = Instant::now();
        let doc = build_document(contents);
        let t2 = Instant::now();
        assert!(!doc.blocks.is_empty());
        let total = (t2 - t0).as_secs_f64() * 1e3;
        if total < best {
            best = total;
            extract_ms = (t1 - t0).as_secs_f64() * 1e3;
            layout_ms = (t2 - t1).as_secs_f64() * 1e3;
        }
    }
    let n = pages.len() as f64;
    println!(
        "text path: {:.2} ms/page (extract {:.2} + layout {:.2}), {} pages, best of {runs}",
        best / n,
        extract_ms / n,
        layout_ms / n,
        pages.len()
    );
}

#[test]
fn a_page_without_text_layer_is_not_read_as_text() {
    use pdfium_render::prelude::*;
    let eng = engine();
    let mut pdf = eng.pdfium().create_new_pdf().expect("new pdf");
    let font = pdf.fonts_mut().helvetica();
    for with_text in [true, false] {
        let mut page = pdf
            .pages_mut()
            .create_page_at_end(PdfPagePaperSize::a4())
            .expect("page");
        if with_text {
            let t = PdfPageTextObject::new(&pdf, "Personal credit report page one", font, PdfPoints::new(12.0))
                .expect("text");
            page.objects_mut().add_text_object(t).expect("add");
        }
    }
    let bytes = pdf.save_to_bytes().expect("save");
    let p = Pipeline::new(&Settings::from_env().expect("settings")).expect("pipeline");
    let outcome = p
        .parse(
            &bytes,
            ParseOptions {
                classify: false,
                ..ParseOptions::default()
            },
        )
        .expect("parse without classification");
    assert_eq!(
        outcome.summary.text_layers,
        [TextLayerQuality::Usable, TextLayerQuality::Empty]
    );
    assert_eq!(
        outcome.ocr_pages,
        [1],
        "the empty page goes to OCR, the text page does not"
    );
    match p.parse(&bytes, ParseOptions::default()).map_err(Error::into_kind) {
        Err(ErrorKind::NotReport(m)) => assert!(m.to_string().contains("个人信用报告"), "{m}"),
        other => panic!("expected NotRecognizable, got {:?}", other.map(|_| ())),
    }
}
