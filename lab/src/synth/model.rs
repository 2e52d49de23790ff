//! The generator's own page-content model: blocks (headings, captions, paragraphs, ruled tables)
//! that `layout` flows onto A4 pages. Deliberately independent of `zhengxin::content`/`zhengxin::layout`
//! so the corpus never inherits a parser's assumptions.

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

pub const BLACK: Rgb = Rgb(0, 0, 0);
/// Border colours observed in the sample (§2): blue normal, orange 信贷交易信息提示, red for
/// defaults, pink for negative public information.
pub const BLUE: Rgb = Rgb(0x1E, 0x90, 0xC8);
pub const ORANGE: Rgb = Rgb(0xF0, 0x8C, 0x28);
pub const RED: Rgb = Rgb(0xE0, 0x20, 0x20);
pub const PINK: Rgb = Rgb(0xF0, 0x78, 0xB4);

/// Horizontal alignment inside a cell or line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One table cell. `colspan`/`rowspan` count grid columns/rows.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
    pub bold: bool,
    pub color: Rgb,
    pub align: Align,
}

impl Cell {
    /// A value cell.
    pub fn v(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            bold: false,
            color: BLACK,
            align: Align::Center,
        }
    }
    /// A bold header cell.
    pub fn h(text: impl Into<String>) -> Self {
        Cell {
            bold: true,
            ..Cell::v(text)
        }
    }
    pub fn span(mut self, n: usize) -> Self {
        self.colspan = n.max(1);
        self
    }
    pub fn rows(mut self, n: usize) -> Self {
        self.rowspan = n.max(1);
        self
    }
    pub fn red(mut self) -> Self {
        self.color = RED;
        self
    }
    pub fn align(mut self, a: Align) -> Self {
        self.align = a;
        self
    }
}

/// One table row; `dashed_top` draws its top rule dashed (the status/amount split of the grids).
#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub dashed_top: bool,
}

/// A ruled table over a column grid of relative widths.
#[derive(Debug, Clone)]
pub struct Table {
    pub cols: Vec<f32>,
    pub rows: Vec<Row>,
    pub border: Rgb,
    /// Joined to the previous table without a gap (stacked blocks of one account).
    pub attached: bool,
}

/// Columns of a "uniform" table: divisible by 1–8, 10, 12, 14, so rows of 2…8 equal cells share
/// one grid the way the report lays an 8-cell row over a 6-cell one.
pub const UNITS: usize = 840;

/// A cell resolved onto its table's column grid.
pub struct Placed<'a> {
    pub cell: &'a Cell,
    /// First column.
    pub col: usize,
    /// Columns covered (the colspan, clipped at the table's edge).
    pub span: usize,
}

impl Table {
    /// Every row's cells resolved to columns, as both routes draw them: a cell starts at the
    /// first column not covered by a rowspan from above; cells past the last column are dropped.
    pub fn place(&self) -> Vec<Vec<Placed<'_>>> {
        let ncol = self.cols.len();
        let mut covered = vec![0usize; ncol];
        let mut rows = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let mut placed = Vec::new();
            let mut col = 0;
            for cell in &row.cells {
                while col < ncol && covered[col] > 0 {
                    col += 1;
                }
                if col >= ncol {
                    break;
                }
                let span = cell.colspan.min(ncol - col);
                if cell.rowspan > 1 {
                    for c in covered.iter_mut().skip(col).take(span) {
                        *c = cell.rowspan;
                    }
                }
                placed.push(Placed { cell, col, span });
                col += span;
            }
            for c in covered.iter_mut() {
                *c = c.saturating_sub(1);
            }
            rows.push(placed);
        }
        rows
    }
}

impl Table {
    /// A table of `units` equal columns.
    pub fn uniform(border: Rgb) -> Self {
        Table {
            cols: vec![1.0; UNITS],
            rows: Vec::new(),
            border,
            attached: false,
        }
    }
    /// A table with explicit relative column widths.
    pub fn with_cols(border: Rgb, cols: &[f32]) -> Self {
        Table {
            cols: cols.to_vec(),
            rows: Vec::new(),
            border,
            attached: false,
        }
    }
    pub fn attached(mut self) -> Self {
        self.attached = true;
        self
    }
    /// Appends a row of cells as given.
    pub fn row(&mut self, cells: Vec<Cell>) -> &mut Self {
        self.rows.push(Row {
            cells,
            dashed_top: false,
        });
        self
    }
    /// Appends a row whose cells split the uniform grid evenly.
    pub fn even(&mut self, cells: Vec<Cell>) -> &mut Self {
        let n = cells.len().max(1);
        let span = self.cols.len() / n;
        let cells = cells.into_iter().map(|c| c.span(span)).collect();
        self.row(cells)
    }
    /// Even header row.
    pub fn hdr(&mut self, texts: &[&str]) -> &mut Self {
        self.even(texts.iter().map(|t| Cell::h(*t)).collect())
    }
    /// Even value row.
    pub fn val<S: AsRef<str>>(&mut self, texts: &[S]) -> &mut Self {
        self.even(texts.iter().map(|t| Cell::v(t.as_ref())).collect())
    }
    /// A single bold cell over the whole width.
    pub fn title(&mut self, text: &str) -> &mut Self {
        let n = self.cols.len();
        self.row(vec![Cell::h(text).span(n)])
    }
    /// A single value cell over the whole width.
    pub fn full(&mut self, text: &str) -> &mut Self {
        let n = self.cols.len();
        self.row(vec![Cell::v(text).span(n)])
    }
}

/// A unit of page content.
#[derive(Debug, Clone)]
pub enum Block {
    /// Centred bold heading; level 1 = `一 个人基本信息`, level 2 = `（一）身份信息`.
    Heading {
        text: String,
        level: u8,
        color: Rgb,
    },
    /// Left-aligned bold caption (`账户1（授信协议标识：…）`, `授信协议1`).
    Caption(String),
    /// Wrapped paragraph (报告说明 items).
    Para(String),
    Table(Table),
    /// Vertical space in points.
    Gap(f32),
}
