//! Stage 2: page contents → a [`Document`]: tables rebuilt from rulings (merged cells kept as
//! spans), text outside tables kept as lines, all in reading order across pages, with page
//! footers stripped and tables that flow over a page break stitched into one.
//!
//! This is the boundary between extraction (text layer or OCR) and the section parsers, so
//! it is `Serialize + Deserialize` for fixtures.

mod grid;
mod gutters;
mod params;
mod rulings;
mod stitch;
#[cfg(test)]
mod tests;
mod text;
mod text_columns;

use serde::{Deserialize, Serialize};

use crate::content::{ContentSource, PageContent};
use crate::geom::Rect;

use grid::GridTable;
pub use grid::{RowCell, RulingCells};
pub use params::LayoutParams;
/// Union-find over indices, also used by the raster stage to group ink into shapes.
pub(crate) use rulings::{find, union};
pub use text::{is_latin, is_page_footer};

/// A line of text outside any table (a heading, a caption, a `截至…` line, a paragraph line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// Text with layout whitespace removed (spaces that belong to the value kept, collapsed).
    pub text: String,
    /// Zero-based page index.
    pub page: usize,
    /// Box on that page.
    pub rect: Rect,
    /// Largest font size on the line, points.
    pub font_size: f32,
    /// Whether the line is bold (headings, captions).
    pub bold: bool,
    /// Text colour 0xRRGGBB of the line's first character.
    pub color: u32,
}

/// Where part of a cell lies: a cell cut by a page break has one piece per page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellPiece {
    /// Zero-based page index.
    pub page: usize,
    /// Box on that page.
    pub rect: Rect,
}

/// One table cell, after merging: `row_span`/`col_span` > 1 for merged cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Top row index (0-based) in the stitched table.
    pub row: usize,
    /// Left column index (0-based).
    pub col: usize,
    /// Number of grid rows covered (≥ 1).
    pub row_span: usize,
    /// Number of grid columns covered (≥ 1).
    pub col_span: usize,
    /// Cell text: lines joined without inventing spaces; `""` for a blank cell.
    pub text: String,
    /// Whether the text is bold (header cells are).
    pub bold: bool,
    /// Provenance: page(s) and box(es) of the cell.
    pub pieces: Vec<CellPiece>,
}

/// A ruled table, possibly stitched from several pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Number of grid rows.
    pub n_rows: usize,
    /// Number of grid columns.
    pub n_cols: usize,
    /// Cells in row-major order (by `row`, then `col`); every grid slot is covered by exactly
    /// one cell.
    pub cells: Vec<Cell>,
    /// Ruling colour 0xRRGGBB (the report colour-codes tables).
    pub border_color: u32,
    /// Page of the table's first row.
    pub page: usize,
}

impl Table {
    /// Cells whose top-left slot is in row `r`, left to right.
    pub fn row(&self, r: usize) -> Vec<&Cell> {
        let mut v: Vec<&Cell> = self.cells.iter().filter(|c| c.row == r).collect();
        v.sort_by_key(|c| c.col);
        v
    }

    /// The cell covering grid slot (`r`, `c`), merged cells included.
    pub fn cell_at(&self, r: usize, c: usize) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|x| r >= x.row && r < x.row + x.row_span && c >= x.col && c < x.col + x.col_span)
    }
}

/// A piece of the document in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// Text outside tables.
    Line(Line),
    /// A table.
    Table(Table),
}

/// The whole report as blocks in reading order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Document {
    /// Number of pages in the PDF.
    pub page_count: usize,
    /// Blocks in reading order, page after page; footers `第N页，共M页` removed.
    pub blocks: Vec<Block>,
}

impl Document {
    /// Lines outside tables, in reading order.
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Line(l) => Some(l),
            Block::Table(_) => None,
        })
    }

    /// Tables in reading order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Line(_) => None,
        })
    }
}

/// Rebuilds tables and lines from page contents with the default tolerances.
pub fn build_document(pages: Vec<PageContent>) -> Document {
    build_document_with(pages, &LayoutParams::default())
}

/// A block while pages are still being stitched.
enum PageBlock {
    Line(Line),
    Table(GridTable),
}

/// Rebuilds tables and lines from page contents: per page, grids from rulings and lines from
/// the remaining spans (footers dropped), ordered top to bottom; then tables continued over a
/// page break are stitched.
pub fn build_document_with(mut pages: Vec<PageContent>, p: &LayoutParams) -> Document {
    pages.sort_by_key(|pg| pg.index);
    let page_count = pages.len();
    let mut out: Vec<PageBlock> = Vec::new();
    let mut prev_source = None;
    for page in &pages {
        let (tables, outside) = grid::tables_on_page(page, p);
        let mut blocks: Vec<(f32, f32, PageBlock)> = tables
            .into_iter()
            .map(|t| (t.top, t.xs[0], PageBlock::Table(t)))
            .collect();
        for line in text::page_lines(page.index, outside, p) {
            if !is_page_footer(&line.text)
                && !text::is_margin_page_number(&line, page.height)
                && !text::is_misread_footer(&line, page.height)
            {
                blocks.push((line.rect.y0, line.rect.x0, PageBlock::Line(line)));
            }
        }
        blocks.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        // Both this page and the one before read from pixels: the sheets may lie shifted.
        let scans = page.source == ContentSource::Ocr && prev_source == Some(ContentSource::Ocr);
        let shift_tol = if scans { p.scan_shift_tol } else { 0.0 };
        prev_source = Some(page.source);
        let mut first = true;
        for (_, _, block) in blocks {
            // Only the first block of a page may continue the last block of the previous one.
            let block = if first {
                try_stitch(&mut out, block, shift_tol, p)
            } else {
                Some(block)
            };
            first = false;
            out.extend(block);
        }
    }
    let blocks = out
        .into_iter()
        .map(|b| match b {
            PageBlock::Line(l) => Block::Line(l),
            PageBlock::Table(t) => Block::Table(into_table(t)),
        })
        .collect();
    Document { page_count, blocks }
}

/// Appends `block` to the previous table when it continues it; otherwise hands it back.
fn try_stitch(out: &mut [PageBlock], block: PageBlock, shift_tol: f32, p: &LayoutParams) -> Option<PageBlock> {
    match (out.last_mut(), block) {
        (Some(PageBlock::Table(prev)), PageBlock::Table(next)) => match stitch::continues(prev, &next, p, shift_tol) {
            Some(shift) => {
                stitch::append(prev, next, shift, p);
                None
            }
            None => Some(PageBlock::Table(next)),
        },
        (_, block) => Some(block),
    }
}

fn into_table(t: GridTable) -> Table {
    let mut cells: Vec<Cell> = t
        .cells
        .into_iter()
        .map(|c| Cell {
            row: c.r0,
            col: c.c0,
            row_span: c.r1 - c.r0,
            col_span: c.c1 - c.c0,
            text: c.text,
            bold: c.chars > 0 && c.bold_chars * 2 > c.chars,
            pieces: c.pieces,
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    Table {
        n_rows: t.n_rows,
        n_cols: t.xs.len() - 1,
        cells,
        border_color: t.color,
        page: t.page,
    }
}
