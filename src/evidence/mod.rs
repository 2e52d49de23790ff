//! Evidence about a parsed report (`shared/spec/EVIDENCE.md`): where each value of `result` is
//! printed, how it was read, how sure we are of it, and whether the report agrees with itself.
//!
//! ```text
//! parsers ──note──▶ provenance::ReadLog ─┐
//! pages ──▶ Sheet (sizes, frames, glyphs) ├─▶ build ──▶ Evidence { pages, fields, checks, review }
//! result ──▶ attribute::leaves ───────────┘        (confidence: calibration.json; checks: checks::run)
//! ```
//!
//! The consistency rules ([`checks`]) read only the `result`, so they run on text-layer and OCR
//! results alike; the document integrity signals ([`integrity`], `integrity.*` checks) look at
//! the PDF file itself and inform only, never changing `status`. Nothing here changes `result`.

pub mod attribute;
pub mod checks;
pub mod confidence;
pub mod frame;
pub mod glyphs;
pub mod integrity;
pub mod page_image;
pub mod provenance;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::{ContentSource, PageContent};
use crate::layout::CellPiece;
use crate::report::CreditReport;
use crate::scanned::PageGeometry;

pub use checks::Check;
pub use confidence::{Calibration, Signals, FEATURES, FEATURE_COUNT};
pub use frame::Frame;
pub use glyphs::Glyphs;
pub use provenance::ReadLog;

/// Version of the `evidence` object's layout.
pub const VERSION: u32 = 1;

/// How a value or page was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// From the PDF's text layer.
    Text,
    /// From pixels.
    Ocr,
}

/// One page of the PDF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageInfo {
    /// 1-based page number.
    pub page: usize,
    /// Width in points as displayed (after `/Rotate`).
    pub width: f64,
    /// Height in points as displayed.
    pub height: f64,
    /// How the page was read.
    pub source: Source,
    /// Clockwise rotation applied to read it (0/90/180/270).
    pub rotation: u32,
    /// With `page_images=1`: the page as displayed, `data:image/png;base64,…`
    /// ([`page_image`]); absent otherwise, so the evidence is unchanged without the option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// Where (part of) a value is printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrintedBox {
    /// 1-based page number.
    pub page: usize,
    /// `[x0, y0, x1, y1]` in points from the page's top-left, y downwards.
    pub bbox: [f64; 4],
}

/// The evidence of one leaf of `result`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldEvidence {
    /// One box per page the value is printed on; empty when it could not be located.
    pub boxes: Vec<PrintedBox>,
    /// How it was read.
    pub source: Source,
    /// Probability that the value is exactly the printed one.
    pub confidence: f64,
    /// What `confidence` was computed from. Not part of the response: it is what a fit of the
    /// calibration (`zhengxin-lab calibrate`) learns from.
    #[serde(skip)]
    pub signals: Signals,
}

/// The `evidence` object of a response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// [`VERSION`].
    pub version: u32,
    /// Every page.
    pub pages: Vec<PageInfo>,
    /// One entry per non-empty leaf of `result`, by path.
    pub fields: BTreeMap<String, FieldEvidence>,
    /// Every consistency rule applied.
    pub checks: Vec<Check>,
    /// Paths to look at, by page then top to bottom.
    pub review: Vec<String>,
}

impl Evidence {
    /// Share of `fields` that have at least one box (1.0 for a report without leaves).
    pub fn located_share(&self) -> f64 {
        if self.fields.is_empty() {
            return 1.0;
        }
        let located = self.fields.values().filter(|f| !f.boxes.is_empty()).count();
        located as f64 / self.fields.len() as f64
    }
}

/// One page as the evidence needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SheetPage {
    /// Displayed width, points.
    pub width: f32,
    /// Displayed height, points.
    pub height: f32,
    /// How it was read.
    pub source: Source,
    /// How its boxes map back to the displayed page.
    pub frame: Frame,
}

/// What the evidence needs from the pages, taken before the layout stage consumes them.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// Every page, in order.
    pub pages: Vec<SheetPage>,
    /// Their glyphs.
    pub glyphs: Glyphs,
}

impl Sheet {
    /// From the pages' contents and the geometry of the pages straightened for OCR (page
    /// index, geometry). A text-layer page's content has the displayed size (pdfium applies
    /// `/Rotate`); a straightened page has the rendered size, turned a quarter when it was.
    pub fn new(contents: &[PageContent], geometries: &[(usize, PageGeometry)]) -> Self {
        let n = contents.iter().map(|c| c.index + 1).max().unwrap_or(0);
        let pages = (0..n)
            .map(|i| {
                let content = contents.iter().find(|c| c.index == i);
                let (mut width, mut height) = content.map_or((0.0, 0.0), |c| (c.width, c.height));
                let source = match content.map(|c| c.source) {
                    Some(ContentSource::Ocr) => Source::Ocr,
                    _ => Source::Text,
                };
                let frame = match (geometries.iter().find(|(g, _)| *g == i), content) {
                    (Some((_, geometry)), Some(c)) => Frame::Straightened {
                        geometry: *geometry,
                        width: c.width,
                        height: c.height,
                    },
                    _ => Frame::Page,
                };
                if frame.rotation() % 180 == 90 {
                    (width, height) = (height, width);
                }
                SheetPage {
                    width,
                    height,
                    source,
                    frame,
                }
            })
            .collect();
        Self {
            pages,
            glyphs: Glyphs::of_pages(contents),
        }
    }

    fn source_of(&self, page: usize) -> Source {
        self.pages.get(page).map_or(Source::Text, |p| p.source)
    }

    fn printed(&self, piece: &CellPiece) -> PrintedBox {
        let r = self
            .pages
            .get(piece.page)
            .map_or(piece.rect, |p| p.frame.to_page(piece.rect));
        let round = |v: f32| (f64::from(v) * 100.0).round() / 100.0;
        PrintedBox {
            page: piece.page + 1,
            bbox: [round(r.x0), round(r.y0), round(r.x1), round(r.y1)],
        }
    }
}

/// Where the review list places a path: first page, then top edge; unlocated paths last.
type Place = (usize, f64);
const NOWHERE: Place = (usize::MAX, f64::MAX);

/// The evidence of `report`, from what its parsers noted (`log`) and the pages (`sheet`).
/// `threshold`: paths whose confidence is below it are put up for review.
pub fn build(report: &CreditReport, log: &ReadLog, sheet: &Sheet, threshold: f64, cal: &Calibration) -> Evidence {
    let leaves = attribute::leaves(report);
    let checks = checks::run_on(report, &leaves);
    let failed = checks::failed_paths(&checks);
    let corroborated = checks::corroborated(report, &checks, &failed);
    let any_ocr = sheet.pages.iter().any(|p| p.source == Source::Ocr);
    let notes = attribute::assign(&leaves, log);
    // Collected in the leaves' order, then built into the map in one go (sorting an almost
    // sorted list is cheaper than thousands of inserts by long, shared-prefix keys).
    let mut entries: Vec<(String, FieldEvidence)> = Vec::with_capacity(leaves.len());
    let mut review: Vec<(Place, String)> = Vec::new();
    for (leaf, note) in leaves.into_iter().zip(notes) {
        let located = note
            .map(|n| sheet.glyphs.locate(&leaf.text, &n.boxes))
            .unwrap_or_default();
        let ocr = match located.boxes.first() {
            Some(_) => located.boxes.iter().any(|b| sheet.source_of(b.page) == Source::Ocr),
            None => any_ocr,
        };
        let signals = Signals {
            ocr,
            verbatim: located.verbatim,
            format_ok: confidence::format_ok(&leaf.path, &leaf.key, &leaf.text),
            failed_check: failed.contains(leaf.path.as_str()),
            corroborated: corroborated.contains(leaf.path.as_str()),
            ..Signals::default()
        }
        .with_probs(&located.confs);
        let conf = (cal.confidence(&signals) * 1000.0).round() / 1000.0;
        let boxes: Vec<PrintedBox> = located.boxes.iter().map(|b| sheet.printed(b)).collect();
        let place = boxes.first().map_or(NOWHERE, |b| (b.page, b.bbox[1]));
        if conf < threshold || signals.failed_check {
            review.push((place, leaf.path.clone()));
        }
        entries.push((
            leaf.path,
            FieldEvidence {
                boxes,
                source: if ocr { Source::Ocr } else { Source::Text },
                confidence: conf,
                signals,
            },
        ));
    }
    let fields: BTreeMap<String, FieldEvidence> = entries.into_iter().collect();
    // A failed check may name a whole record or list: it is reviewed where its first leaf is.
    for path in failed.iter().filter(|p| !fields.contains_key(**p)) {
        let place = fields
            .iter()
            .filter(|(k, _)| k.strip_prefix(*path).is_some_and(|rest| rest.starts_with(['.', '['])))
            .filter_map(|(_, f)| f.boxes.first().map(|b| (b.page, b.bbox[1])))
            .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
            .unwrap_or(NOWHERE);
        review.push((place, path.to_string()));
    }
    review.sort_by(|a, b| a.0 .0.cmp(&b.0 .0).then(a.0 .1.total_cmp(&b.0 .1)).then(a.1.cmp(&b.1)));
    let pages = sheet
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| PageInfo {
            page: i + 1,
            width: (f64::from(p.width) * 100.0).round() / 100.0,
            height: (f64::from(p.height) * 100.0).round() / 100.0,
            source: p.source,
            rotation: p.frame.rotation(),
            image: None,
        })
        .collect();
    Evidence {
        version: VERSION,
        pages,
        fields,
        checks,
        review: review.into_iter().map(|(_, p)| p).collect(),
    }
}
