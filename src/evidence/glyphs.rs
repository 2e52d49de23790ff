//! The printed characters of every page, kept from the pages' contents before the layout
//! stage joins them into cells, so that a value's cell box can be tightened to the glyphs of
//! the value itself, and an OCR value can carry its characters' recognition probabilities.

use crate::content::PageContent;
use crate::geom::Rect;
use crate::layout::CellPiece;

/// One printed character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The character.
    pub ch: char,
    /// Its box, in the page frame the layout stage worked in.
    pub rect: Rect,
    /// Recognition probability (1.0 from a text layer).
    pub conf: f32,
}

/// Characters inside a box are those whose centre lies within it, grown by this much: cell
/// boxes are the rulings' centre lines and a glyph's box may touch them.
const SLACK_PT: f32 = 0.5;

/// Every page's glyphs, in the order their producer emitted them (reading order within a run).
#[derive(Debug, Clone, Default)]
pub struct Glyphs {
    pages: Vec<Vec<Glyph>>,
    /// Per page: (centre y, index into the page's glyphs), sorted by y, so that a box only
    /// looks at the glyphs of its own band of the page.
    by_y: Vec<Vec<(f32, usize)>>,
}

/// The glyphs of a value: those that spell it when they were found, else all the glyphs in
/// its boxes (a derived value points at the text it comes from).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Located {
    /// Tight boxes, one per page piece that holds glyphs; the given boxes where none does.
    pub boxes: Vec<CellPiece>,
    /// Probabilities of the glyphs used (empty when the boxes hold none).
    pub confs: Vec<f32>,
    /// Whether the value's characters were found, in order, among the printed ones.
    pub verbatim: bool,
}

impl Glyphs {
    /// The glyphs of `pages` (indexed by `PageContent::index`).
    pub fn of_pages(pages: &[PageContent]) -> Self {
        let n = pages.iter().map(|p| p.index + 1).max().unwrap_or(0);
        let mut out = vec![Vec::new(); n];
        for p in pages {
            let glyphs: &mut Vec<Glyph> = &mut out[p.index];
            for span in &p.spans {
                for (i, (ch, rect)) in span.text.chars().zip(&span.char_rects).enumerate() {
                    if ch.is_whitespace() {
                        continue;
                    }
                    let conf = span.confidences.get(i).copied().unwrap_or(1.0);
                    glyphs.push(Glyph { ch, rect: *rect, conf });
                }
            }
        }
        let by_y = out
            .iter()
            .map(|glyphs| {
                let mut ys: Vec<(f32, usize)> =
                    glyphs.iter().enumerate().map(|(i, g)| (g.rect.center().1, i)).collect();
                ys.sort_by(|a, b| a.0.total_cmp(&b.0));
                ys
            })
            .collect();
        Self { pages: out, by_y }
    }

    /// The glyphs inside `piece`, in emission order.
    pub fn inside(&self, piece: &CellPiece) -> impl Iterator<Item = &Glyph> + '_ {
        let r = piece.rect;
        let (x0, y0, x1, y1) = (r.x0 - SLACK_PT, r.y0 - SLACK_PT, r.x1 + SLACK_PT, r.y1 + SLACK_PT);
        let (glyphs, band) = match (self.pages.get(piece.page), self.by_y.get(piece.page)) {
            (Some(glyphs), Some(ys)) => {
                let from = ys.partition_point(|(y, _)| *y < y0);
                let to = ys.partition_point(|(y, _)| *y <= y1);
                let mut band: Vec<usize> = ys[from..to]
                    .iter()
                    .map(|&(_, i)| i)
                    .filter(|&i| {
                        let x = glyphs[i].rect.center().0;
                        x >= x0 && x <= x1
                    })
                    .collect();
                band.sort_unstable();
                (glyphs.as_slice(), band)
            }
            _ => (&[][..], Vec::new()),
        };
        band.into_iter().map(move |i| &glyphs[i])
    }

    /// Where `text` is printed inside `boxes`: the first run of glyphs that spells it (white
    /// space ignored), boxed per page; all glyphs of the boxes when no run does.
    pub fn locate(&self, text: &str, boxes: &[CellPiece]) -> Located {
        let inside: Vec<(usize, &Glyph)> = boxes
            .iter()
            .flat_map(|b| self.inside(b).map(move |g| (b.page, g)))
            .collect();
        if inside.is_empty() {
            return Located {
                boxes: boxes.to_vec(),
                confs: Vec::new(),
                verbatim: false,
            };
        }
        let want: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let found = (!want.is_empty() && want.len() <= inside.len())
            .then(|| {
                (0..=inside.len() - want.len()).find(|&s| {
                    inside[s..s + want.len()]
                        .iter()
                        .map(|(_, g)| g.ch)
                        .eq(want.iter().copied())
                })
            })
            .flatten();
        let used = match found {
            Some(s) => &inside[s..s + want.len()],
            None => &inside[..],
        };
        Located {
            boxes: per_page(used),
            confs: used.iter().map(|(_, g)| g.conf).collect(),
            verbatim: found.is_some(),
        }
    }

    /// The characters printed inside `piece`, white space dropped (for checking boxes).
    pub fn text_in(&self, piece: &CellPiece) -> String {
        self.inside(piece).map(|g| g.ch).collect()
    }
}

/// The union of the glyph boxes on each page, pages in first-seen order.
fn per_page(glyphs: &[(usize, &Glyph)]) -> Vec<CellPiece> {
    let mut out: Vec<CellPiece> = Vec::new();
    for (page, g) in glyphs {
        match out.iter_mut().find(|p| p.page == *page) {
            Some(p) => p.rect = p.rect.union(&g.rect),
            None => out.push(CellPiece {
                page: *page,
                rect: g.rect,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{ContentSource, TextSpan};

    fn page(text: &str, x0: f32) -> PageContent {
        let n = text.chars().count();
        let char_rects = (0..n)
            .map(|i| Rect::new(x0 + i as f32 * 5.0, 10.0, x0 + i as f32 * 5.0 + 4.0, 18.0))
            .collect();
        PageContent {
            index: 0,
            width: 600.0,
            height: 800.0,
            source: ContentSource::Ocr,
            spans: vec![TextSpan {
                text: text.into(),
                rect: Rect::new(x0, 10.0, x0 + n as f32 * 5.0, 18.0),
                char_rects,
                font_size: 9.0,
                bold: false,
                color: 0,
                confidences: vec![0.9; n],
            }],
            rulings: Vec::new(),
        }
    }

    #[test]
    fn a_value_is_boxed_around_its_own_glyphs_within_the_cell() {
        let g = Glyphs::of_pages(&[page("B16,200", 100.0)]);
        let cell = CellPiece {
            page: 0,
            rect: Rect::new(95.0, 5.0, 150.0, 25.0),
        };
        let got = g.locate("16,200", std::slice::from_ref(&cell));
        assert!(got.verbatim);
        assert_eq!(
            got.boxes,
            [CellPiece {
                page: 0,
                rect: Rect::new(105.0, 10.0, 134.0, 18.0)
            }]
        );
        assert_eq!(got.confs.len(), 6);
        assert_eq!(g.text_in(&got.boxes[0]), "16,200");
        // Not printed as such: the whole cell's glyphs, flagged.
        let derived = g.locate("2015.07", std::slice::from_ref(&cell));
        assert!(!derived.verbatim);
        assert_eq!(derived.confs.len(), 7);
    }
}
