//! What each fuzz target does with its input bytes. Shared with `tests/fuzz_regressions.rs`
//! (included there by path), so it uses only crates the service itself depends on: structured
//! values are decoded from the bytes by [`Input`] rather than with `arbitrary`.

use std::sync::OnceLock;

use bytes::Bytes;
use http_body_util::StreamBody;
use hyper::body::Frame;
use hyper::header::{HeaderMap, HeaderValue, CONTENT_TYPE};

use zhengxin::config::{Flags, Settings, ENV_HOME, MAX_UPLOAD_BYTES};
use zhengxin::content::{ContentSource, Orientation, PageContent, Ruling, TextSpan};
use zhengxin::geom::Rect;
use zhengxin::layout::{self, Block, Cell, CellPiece, Document, LayoutParams, Line, Table};
use zhengxin::lexicon;
use zhengxin::parse::{self, ReportVersion};
use zhengxin::pdf::{self, TextLayerQuality};
use zhengxin::pipeline::{PageRead, PageRoute, Pages, ParseOptions, Pipeline};
use zhengxin::server::multipart;

/// Reads typed values off the front of the fuzzer's bytes; past the end everything is zero,
/// so every input decodes to something.
pub struct Input<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    pub fn u8(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }

    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }

    pub fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }

    /// A count in `0..=max`.
    pub fn count(&mut self, max: usize) -> usize {
        self.u8() as usize % (max + 1)
    }

    /// A coordinate: mostly on an A4-sized page on a coarse grid (so that rulings meet and
    /// spans fall in cells), sometimes far off it or exactly on another value's edge.
    pub fn coord(&mut self) -> f32 {
        match self.u8() {
            0..=239 => self.u16() as f32 / 64.0,
            240..=247 => -(self.u16() as f32) / 16.0,
            248..=251 => self.u16() as f32 * 64.0,
            252 => 0.0,
            253 => 1.0e7,
            254 => -1.0e7,
            _ => self.u8() as f32 * 4.0,
        }
    }

    /// A few bytes as text (invalid UTF-8 replaced), at most `max` bytes.
    pub fn raw_text(&mut self, max: usize) -> String {
        let n = self.count(max);
        let start = self.pos.min(self.data.len());
        let end = (start + n).min(self.data.len());
        self.pos += n;
        String::from_utf8_lossy(&self.data[start..end]).into_owned()
    }

    /// Text made of report words, value-like fragments and raw bytes, so that the parsers'
    /// label and heading matching is reached, not only their "nothing recognised" paths.
    pub fn text(&mut self) -> String {
        let parts = self.count(3);
        let mut s = String::new();
        for _ in 0..parts {
            match self.u8() % 4 {
                0 | 1 => s.push_str(pick(vocabulary(), self.u16())),
                2 => s.push_str(pick(FRAGMENTS, self.u16())),
                _ => s.push_str(&self.raw_text(8)),
            }
        }
        s
    }
}

fn pick<S: AsRef<str>>(list: &[S], i: u16) -> &str {
    if list.is_empty() {
        return "";
    }
    list[i as usize % list.len()].as_ref()
}

/// Values and marks as reports print them.
const FRAGMENTS: &[&str] = &[
    "2023.01.05",
    "2023年01月05日",
    "2019.12",
    "12,345",
    "0",
    "1",
    "--",
    "-",
    "/",
    "N",
    "C",
    "G",
    "Z",
    "M",
    "#",
    "*",
    "正常",
    "人民币",
    "个人信用报告",
    "（授信机构版）",
    "（本人版）",
    "第1页，共3页",
    "截至2023年01月",
    "信息概要",
    "110101199001011234",
    "身份证",
    "张三",
    "已婚",
    "本科",
    "是",
    "否",
    "：",
    "（",
    "）",
    "一",
    "二",
    "三",
    "1.",
    "2",
    "元",
    "%",
    "　",
    " ",
];

/// Every word the lexicon knows, collected once.
fn vocabulary() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut v: Vec<String> = Vec::new();
        let lists: [&[&str]; 10] = [
            lexicon::sections::level1_titles(),
            lexicon::sections::level2_titles(),
            lexicon::sections::unnumbered_titles(),
            lexicon::sections::CREDIT_DETAIL_TITLES,
            lexicon::labels::column_labels(),
            lexicon::labels::table_titles(),
            lexicon::labels::standalone_lines(),
            lexicon::labels::form_words(),
            lexicon::labels::ROW_LABELS,
            lexicon::labels::HEADER_TABLE_LABELS,
        ];
        for list in lists {
            v.extend(list.iter().map(|s| s.to_string()));
        }
        v.extend(lexicon::labels::detail_labels().iter().cloned());
        v.extend(lexicon::labels::REMARK_KINDS.iter().map(|s| s.to_string()));
        v.extend(
            [
                lexicon::anchors::AS_OF,
                lexicon::anchors::LATEST_REPAYMENT,
                lexicon::anchors::REPAYMENT_RECORD,
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        v
    })
}

// ---------------------------------------------------------------- multipart

/// `multipart`: byte 0 sets the chunk size the body arrives in, the next line is the
/// `Content-Type` header (empty: a valid one with boundary `B`), the rest is the body.
pub fn multipart(data: &[u8]) {
    let Some((&chunk, rest)) = data.split_first() else {
        return;
    };
    let chunk = chunk as usize + 1;
    let (ct, body) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (&rest[..0], rest),
    };
    let mut headers = HeaderMap::new();
    let ct = if ct.is_empty() {
        &b"multipart/form-data; boundary=B"[..]
    } else {
        ct
    };
    if let Ok(v) = HeaderValue::from_bytes(ct) {
        headers.insert(CONTENT_TYPE, v);
    }
    let Ok(boundary) = multipart::boundary(&headers) else {
        return;
    };
    let frames: Vec<Result<Frame<Bytes>, std::convert::Infallible>> = body
        .chunks(chunk)
        .map(|c| Ok(Frame::data(Bytes::copy_from_slice(c))))
        .collect();
    let stream = StreamBody::new(futures_util::stream::iter(frames));
    thread_local! {
        static RT: tokio::runtime::Runtime =
            tokio::runtime::Builder::new_current_thread().build().expect("tokio runtime");
    }
    let upload = RT.with(|rt| rt.block_on(multipart::read_upload(stream, boundary)));
    if let Ok(upload) = upload {
        assert!(upload.file.len() <= MAX_UPLOAD_BYTES);
        assert!(pdf::check_pdf_magic(&upload.file).is_ok());
    }
}

// ---------------------------------------------------------------- pdf_open

/// The pipeline, built once per process (pdfium is bound once), with the settings the service
/// would read from this environment: `ZHENGXIN_MAX_PAGES` bounds the pages one input may cost,
/// as it does for an upload (`fuzz/run.sh` sets it low). OCR models are never loaded (lazy,
/// and this entry reads text layers only).
fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let home = zhengxin_home();
        let var = |name: &str| match name {
            ENV_HOME => Some(home.clone().into_os_string()),
            _ => std::env::var_os(name),
        };
        let settings = Settings::from_vars(var, &Flags::default()).expect("settings from the environment");
        Pipeline::new_lazy(&settings).expect("pdfium binds under ZHENGXIN_HOME")
    })
}

/// `ZHENGXIN_HOME`, else the first directory above the including crate's manifest that holds
/// libpdfium (the repository root both from `fuzz/` and from the service's tests).
fn zhengxin_home() -> std::path::PathBuf {
    if let Some(home) = std::env::var_os("ZHENGXIN_HOME") {
        return home.into();
    }
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|d| d.join("third_party/lib/libpdfium.so").is_file())
        .unwrap_or(manifest)
        .to_path_buf()
}

/// `pdf_open`: PDF bytes → open → every page's text layer and rulings → (usable pages) the
/// document and the report, as `Pipeline::parse` takes a text report; pages that would go to
/// OCR are checked for their render size only.
pub fn pdf_open(data: &[u8]) {
    let p = pipeline();
    let Ok(doc) = p.open(data) else {
        return;
    };
    let mut pages = Pages::new();
    for (i, page) in doc.pages().iter().enumerate() {
        let Ok(pdf::content::LayerRead {
            content,
            quality,
            facts,
        }) = pdf::content::extract_page_checked(&page, i)
        else {
            continue;
        };
        if quality == TextLayerQuality::Usable {
            pages.push(
                i,
                PageRead {
                    content,
                    quality,
                    route: PageRoute::TextLayer,
                    facts,
                },
            );
        } else {
            let _ = pdf::check_render_size(&page, i, 300.0 / 72.0);
        }
    }
    if let Ok(document) = p.build_document(pages) {
        let _ = p.report(&document, ParseOptions::default());
    }
}

// ---------------------------------------------------------------- grid

/// A page of arbitrary rulings and spans.
pub fn page_content(input: &mut Input, index: usize) -> PageContent {
    let width = 200.0 + input.u16() as f32 / 64.0;
    let height = 200.0 + input.u16() as f32 / 64.0;
    let n_rulings = input.count(48);
    let rulings = (0..n_rulings)
        .map(|_| {
            let orientation = if input.bool() {
                Orientation::Horizontal
            } else {
                Orientation::Vertical
            };
            let (a, b) = (input.coord(), input.coord());
            Ruling {
                orientation,
                pos: input.coord(),
                start: a.min(b),
                end: a.max(b),
                color: [0x000000, 0x7f7f7f, 0x1f4e79, 0xff0000][input.count(3)],
            }
        })
        .collect();
    let n_spans = input.count(40);
    let spans = (0..n_spans)
        .map(|_| {
            let text = input.text();
            let (x0, y0) = (input.coord(), input.coord());
            let w = input.u16() as f32 / 128.0;
            let h = input.u8() as f32 / 8.0;
            let rect = Rect::new(x0, y0, x0 + w, y0 + h);
            let n = text.chars().count();
            let step = if n == 0 { 0.0 } else { w / n as f32 };
            let char_rects = (0..n)
                .map(|k| Rect::new(x0 + step * k as f32, y0, x0 + step * (k + 1) as f32, y0 + h))
                .collect();
            TextSpan {
                text,
                rect,
                char_rects,
                font_size: h.max(1.0),
                bold: input.bool(),
                color: if input.bool() { 0 } else { input.u32() & 0xff_ffff },
                confidences: vec![1.0; n],
            }
        })
        .collect();
    PageContent {
        index,
        width,
        height,
        source: if input.bool() {
            ContentSource::TextLayer
        } else {
            ContentSource::Ocr
        },
        spans,
        rulings,
    }
}

/// `grid`: arbitrary rulings and spans on one to three pages → the layout stage (grids,
/// lines, stitching); every table it returns must tile its grid.
pub fn grid(data: &[u8]) {
    let mut input = Input::new(data);
    let n_pages = 1 + input.count(2);
    let pages: Vec<PageContent> = (0..n_pages).map(|i| page_content(&mut input, i)).collect();
    let params = LayoutParams::default();
    for page in &pages {
        let cells = layout::RulingCells::of(page, &params);
        let _ = cells.blank(&page.spans);
        let _ = cells.rows(&page.spans);
    }
    let doc = layout::build_document_with(pages, &params);
    for table in doc.tables() {
        check_tiling(table);
    }
}

/// The `Table` contract: every grid slot covered by exactly one cell.
pub fn check_tiling(t: &Table) {
    let mut covered = vec![0u8; t.n_rows * t.n_cols];
    for c in &t.cells {
        assert!(c.row_span >= 1 && c.col_span >= 1, "empty span in a table cell");
        for r in c.row..c.row + c.row_span {
            for k in c.col..c.col + c.col_span {
                assert!(r < t.n_rows && k < t.n_cols, "cell outside its table's grid");
                covered[r * t.n_cols + k] += 1;
            }
        }
    }
    if let Some(i) = covered.iter().position(|&n| n != 1) {
        let cells: Vec<_> = t.cells.iter().map(|c| (c.row, c.col, c.row_span, c.col_span)).collect();
        panic!(
            "table {}x{}: slot ({}, {}) covered {} times; cells (row, col, row_span, col_span): {cells:?}",
            t.n_rows,
            t.n_cols,
            i / t.n_cols,
            i % t.n_cols,
            covered[i]
        );
    }
}

// ---------------------------------------------------------------- sections

/// A table of up to 12 × 10 slots tiled by cells of random spans (the layout stage's contract).
fn table(input: &mut Input, page: usize) -> Table {
    let n_rows = 1 + input.count(11);
    let n_cols = 1 + input.count(9);
    let mut taken = vec![false; n_rows * n_cols];
    let mut cells = Vec::new();
    for r in 0..n_rows {
        for c in 0..n_cols {
            if taken[r * n_cols + c] {
                continue;
            }
            let want_cols = 1 + input.count(3);
            let mut col_span = 1;
            while col_span < want_cols && c + col_span < n_cols && !taken[r * n_cols + c + col_span] {
                col_span += 1;
            }
            let row_span = (1 + input.count(2)).min(n_rows - r);
            for rr in r..r + row_span {
                for cc in c..c + col_span {
                    taken[rr * n_cols + cc] = true;
                }
            }
            cells.push(Cell {
                row: r,
                col: c,
                row_span,
                col_span,
                text: input.text(),
                bold: input.bool(),
                pieces: vec![CellPiece {
                    page,
                    rect: Rect::new(
                        c as f32 * 50.0,
                        r as f32 * 20.0,
                        (c + col_span) as f32 * 50.0,
                        (r + row_span) as f32 * 20.0,
                    ),
                }],
            });
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Table {
        n_rows,
        n_cols,
        cells,
        border_color: [0x000000, 0x7f7f7f, 0x1f4e79][input.count(2)],
        page,
    }
}

/// An arbitrary document of lines and tables.
pub fn document(input: &mut Input) -> Document {
    let n_blocks = input.count(40);
    let mut page = 0;
    let mut blocks = Vec::with_capacity(n_blocks);
    for i in 0..n_blocks {
        if input.u8() < 16 {
            page += 1;
        }
        if input.u8().is_multiple_of(3) {
            blocks.push(Block::Table(table(input, page)));
        } else {
            let y = i as f32 * 20.0;
            blocks.push(Block::Line(Line {
                text: input.text(),
                page,
                rect: Rect::new(40.0, y, 40.0 + input.u8() as f32 * 2.0, y + 12.0),
                font_size: 6.0 + input.count(18) as f32,
                bold: input.bool(),
                color: 0,
            }));
        }
    }
    Document {
        page_count: page + 1,
        blocks,
    }
}

/// `sections`: an arbitrary `Document` → the classifier and the report parsers (both
/// versions).
pub fn sections(data: &[u8]) {
    let mut input = Input::new(data);
    let doc = document(&mut input);
    let _ = zhengxin::classify::classify(&doc);
    let _ = zhengxin::classify::version_hint(&doc);
    for version in [ReportVersion::Personal, ReportVersion::Institution] {
        let _ = parse::parse_report(&doc, version);
    }
}
