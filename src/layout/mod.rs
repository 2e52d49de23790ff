//! Stage 2: page contents → a [`Document`]: tables rebuilt from rulings (merged cells kept as
//! spans), text outside tables kept as lines, all in reading order across pages, with page
//! footers stripped and tables that flow over a page break stitched into one.
//!
//! This is the boundary between extraction (text layer or OCR) and the section parsers, so
//! it is `Serialize + Deserialize` for fixtures.

use serde::{Deserialize, Serialize};

use crate::geom::Rect;

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
