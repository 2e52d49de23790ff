//! Flows blocks onto A4 pages: wraps cell text, sizes rows, and breaks tables across pages the
//! way the real report does — no repeated header, a heading may be left at the foot of a page,
//! and a tall row may be cut mid-cell (§2 "Page breaks").

use super::metrics::{text_width, wrap};
use super::model::{Align, Block, Rgb, Table, BLACK, RED};
use super::rng::SplitMix64;

pub const PAGE_W: f32 = 595.32;
pub const PAGE_H: f32 = 841.92;
const MARGIN_X: f32 = 34.0;
const TOP: f32 = 40.0;
const BOTTOM: f32 = PAGE_H - 58.0;
const PAD_X: f32 = 2.0;
const PAD_Y: f32 = 2.0;

/// A drawing operation in top-left page coordinates (points).
#[derive(Debug, Clone)]
pub enum Op {
    /// `baseline` is the y of the text baseline.
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        text: String,
        bold: bool,
        color: Rgb,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
        dashed: bool,
    },
    /// Circle outline (logo).
    Ring {
        cx: f32,
        cy: f32,
        r: f32,
        width: f32,
        color: Rgb,
    },
}

/// One laid-out page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub ops: Vec<Op>,
}

/// Page-break behaviour, drawn per report.
#[derive(Debug, Clone, Copy)]
pub struct FlowStyle {
    /// Probability that a heading is pushed to the next page with its table.
    pub keep_heading: f64,
    /// Probability that a multi-line row at a page foot is cut mid-cell instead of moved.
    pub split_row: f64,
    /// Table text size in points (8 in the sample); line height follows it.
    pub cell_size: f32,
    /// Extra space (em) drawn between CJK and Latin runs (Word's autospace); wrapping
    /// measures it so wrapped lines still fit their cells.
    pub script_gap: f32,
}

impl FlowStyle {
    fn lh(&self) -> f32 {
        self.cell_size * 1.3125
    }
}

/// What the flow did, so tests can check that breaks really happen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlowStats {
    /// Tables continued on a following page.
    pub table_breaks: usize,
    /// Rows cut mid-cell across a page break.
    pub row_cuts: usize,
}

struct Flow<'a> {
    pages: Vec<Page>,
    stats: FlowStats,
    y: f32,
    rng: &'a mut SplitMix64,
    style: FlowStyle,
}

impl Flow<'_> {
    fn ops(&mut self) -> &mut Vec<Op> {
        &mut self.pages.last_mut().expect("a page exists").ops
    }
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }
    fn room(&self) -> f32 {
        BOTTOM - self.y
    }
    fn text(&mut self, x: f32, baseline: f32, size: f32, text: &str, bold: bool, color: Rgb) {
        if !text.is_empty() {
            self.ops().push(Op::Text {
                x,
                baseline,
                size,
                text: text.to_string(),
                bold,
                color,
            });
        }
    }
    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, color: Rgb, dashed: bool) {
        self.ops().push(Op::Line {
            x1,
            y1,
            x2,
            y2,
            width: 0.6,
            color,
            dashed,
        });
    }
}

/// Lays out `blocks` below the page-1 title block `title` (its ops and height) and appends the
/// `第N页，共M页` footer to every page.
pub fn paginate(
    title: (Vec<Op>, f32),
    blocks: &[Block],
    rng: &mut SplitMix64,
    style: FlowStyle,
) -> (Vec<Page>, FlowStats) {
    let mut f = Flow {
        pages: vec![Page { ops: title.0 }],
        stats: FlowStats::default(),
        y: title.1,
        rng,
        style,
    };
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Gap(h) => f.y += h,
            Block::Heading { text, level, color } => {
                let (size, before, h) = match level {
                    1 => (12.5, 12.0, 24.0),
                    _ => (10.5, 6.0, 18.0),
                };
                let next_h = first_unit_height(blocks.get(i + 1), &f.style);
                if f.room() < before + h + next_h && f.rng.chance(f.style.keep_heading) || f.room() < before + h {
                    f.new_page();
                } else {
                    f.y += before;
                }
                let w = text_width(text, size);
                let base = f.y + h * 0.5 + size * 0.35;
                f.text((PAGE_W - w) / 2.0, base, size, text, true, *color);
                f.y += h;
            }
            Block::Caption(text) => {
                let size = 8.5;
                let h = 16.0;
                let next_h = first_unit_height(blocks.get(i + 1), &f.style);
                if f.room() < h + 6.0 + next_h && f.rng.chance(f.style.keep_heading) || f.room() < h + 6.0 {
                    f.new_page();
                } else {
                    f.y += 6.0;
                }
                f.text(MARGIN_X + 4.0, f.y + h - 4.0, size, text, true, BLACK);
                f.y += h;
            }
            Block::Para(text) => {
                let size = 8.5;
                let lh = 13.0;
                for line in wrap(text, PAGE_W - 2.0 * MARGIN_X - 16.0, size, style.script_gap) {
                    if f.room() < lh {
                        f.new_page();
                    }
                    f.text(MARGIN_X + 8.0, f.y + lh - 3.0, size, &line, false, BLACK);
                    f.y += lh;
                }
                f.y += 2.0;
            }
            Block::Table(t) => table(&mut f, t),
        }
    }
    let n = f.pages.len();
    for (i, p) in f.pages.iter_mut().enumerate() {
        let footer = format!("第{}页，共{}页", i + 1, n);
        let w = text_width(&footer, 9.0);
        p.ops.push(Op::Text {
            x: (PAGE_W - w) / 2.0,
            baseline: PAGE_H - 30.0,
            size: 9.0,
            text: footer,
            bold: false,
            color: BLACK,
        });
    }
    (f.pages, f.stats)
}

/// A cell resolved onto the column grid.
struct Placed {
    col: usize,
    span: usize,
    rowspan: usize,
    lines: Vec<String>,
    bold: bool,
    color: Rgb,
    align: Align,
}

struct Grid {
    xs: Vec<f32>,
    rows: Vec<Vec<Placed>>,
    heights: Vec<f32>,
}

fn resolve(t: &Table, style: &FlowStyle) -> Grid {
    let (size, lh) = (style.cell_size, style.lh());
    let total: f32 = t.cols.iter().sum();
    let width = PAGE_W - 2.0 * MARGIN_X;
    let mut xs = Vec::with_capacity(t.cols.len() + 1);
    let mut acc = 0.0;
    xs.push(MARGIN_X);
    for c in &t.cols {
        acc += c;
        xs.push(MARGIN_X + width * acc / total);
    }
    let mut rows = Vec::with_capacity(t.rows.len());
    let mut heights = Vec::with_capacity(t.rows.len());
    let mut pending: Vec<(usize, usize, f32)> = Vec::new(); // (first row, rowspan, needed height)
    for (ri, row) in t.place().into_iter().enumerate() {
        let mut placed = Vec::with_capacity(row.len());
        let mut h: f32 = lh + 2.0 * PAD_Y;
        for super::model::Placed { cell, col, span } in row {
            let w = xs[col + span] - xs[col] - 2.0 * PAD_X;
            let lines = wrap(&cell.text, w, size, style.script_gap);
            let need = lines.len() as f32 * lh + 2.0 * PAD_Y;
            if cell.rowspan > 1 {
                pending.push((ri, cell.rowspan, need));
            } else {
                h = h.max(need);
            }
            placed.push(Placed {
                col,
                span,
                rowspan: cell.rowspan,
                lines,
                bold: cell.bold,
                color: cell.color,
                align: cell.align,
            });
        }
        rows.push(placed);
        heights.push(h);
    }
    for (r0, k, need) in pending {
        let end = (r0 + k).min(heights.len());
        let have: f32 = heights[r0..end].iter().sum();
        if have < need {
            heights[end - 1] += need - have;
        }
    }
    Grid { xs, rows, heights }
}

/// Rows that must stay on one page: a rowspan ties its rows together.
fn units(g: &Grid) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut r = 0;
    while r < g.rows.len() {
        let mut end = r + 1;
        let mut i = r;
        while i < end {
            for p in &g.rows[i] {
                end = end.max(i + p.rowspan).min(g.rows.len());
            }
            i += 1;
        }
        out.push((r, end));
        r = end;
    }
    out
}

fn first_unit_height(b: Option<&Block>, style: &FlowStyle) -> f32 {
    match b {
        Some(Block::Table(t)) => {
            let g = resolve(t, style);
            units(&g)
                .first()
                .map(|&(a, b)| g.heights[a..b].iter().sum())
                .unwrap_or(0.0)
        }
        Some(Block::Caption(_)) | Some(Block::Heading { .. }) => 40.0,
        _ => 0.0,
    }
}

fn table(f: &mut Flow<'_>, t: &Table) {
    let g = resolve(t, &f.style);
    let lh = f.style.lh();
    if !t.attached {
        f.y += 4.0;
    }
    let right = *g.xs.last().expect("table has columns");
    let left = g.xs[0];
    let mut open = false; // a segment of this table is on the current page
    for (a, b) in units(&g) {
        let unit_h: f32 = g.heights[a..b].iter().sum();
        if f.room() < unit_h {
            let single = b == a + 1;
            let max_lines = g.rows[a].iter().map(|p| p.lines.len()).max().unwrap_or(1);
            let fit = ((f.room() - 2.0 * PAD_Y) / lh).floor() as isize;
            if single && max_lines > 1 && fit >= 1 && (fit as usize) < max_lines && f.rng.chance(f.style.split_row) {
                let k = fit as usize;
                draw_row_part(f, &g, t, a, 0, k, k as f32 * lh + 2.0 * PAD_Y);
                f.line(left, f.y, right, f.y, t.border, false);
                f.new_page();
                f.stats.row_cuts += 1;
                f.stats.table_breaks += 1;
                draw_row_part(f, &g, t, a, k, max_lines, (max_lines - k) as f32 * lh + 2.0 * PAD_Y);
                open = true;
                continue;
            }
            if open {
                f.line(left, f.y, right, f.y, t.border, false);
                f.stats.table_breaks += 1;
            }
            f.new_page();
        }
        let y0 = f.y;
        let mut y = y0;
        for r in a..b {
            draw_row(f, &g, t, r, y, &g.heights);
            y += g.heights[r];
        }
        f.y = y;
        open = true;
    }
    if open {
        f.line(left, f.y, right, f.y, t.border, false);
    }
}

/// Draws row `r` at `y` (its rowspan cells extend over the following rows of its unit).
fn draw_row(f: &mut Flow<'_>, g: &Grid, t: &Table, r: usize, y: f32, heights: &[f32]) {
    let right = *g.xs.last().expect("columns");
    let dashed = t.rows[r].dashed_top;
    for p in &g.rows[r] {
        let (x0, x1) = (g.xs[p.col], g.xs[p.col + p.span]);
        let h: f32 = heights[r..(r + p.rowspan).min(heights.len())].iter().sum();
        f.line(x0, y, x1, y, t.border, dashed && p.rowspan == 1);
        f.line(x0, y, x0, y + h, t.border, false);
        cell_text(f, p, x0, x1, y, h, 0, p.lines.len(), false);
    }
    f.line(right, y, right, y + heights[r], t.border, false);
}

/// Draws lines `l0..l1` of a single-row unit `r` as a row of height `h` at the flow cursor.
#[allow(clippy::too_many_arguments)]
fn draw_row_part(f: &mut Flow<'_>, g: &Grid, t: &Table, r: usize, l0: usize, l1: usize, h: f32) {
    let y = f.y;
    let right = *g.xs.last().expect("columns");
    for p in &g.rows[r] {
        let (x0, x1) = (g.xs[p.col], g.xs[p.col + p.span]);
        f.line(x0, y, x1, y, t.border, false);
        f.line(x0, y, x0, y + h, t.border, false);
        cell_text(f, p, x0, x1, y, h, l0, l1, true);
    }
    f.line(right, y, right, y + h, t.border, false);
    f.y = y + h;
}

#[allow(clippy::too_many_arguments)]
fn cell_text(f: &mut Flow<'_>, p: &Placed, x0: f32, x1: f32, y: f32, h: f32, l0: usize, l1: usize, top: bool) {
    let lines: Vec<&String> = p.lines.iter().skip(l0).take(l1.saturating_sub(l0)).collect();
    let (size, lh) = (f.style.cell_size, f.style.lh());
    let block = lines.len() as f32 * lh;
    let start = if top { y + PAD_Y } else { y + (h - block) / 2.0 };
    for (k, line) in lines.iter().enumerate() {
        let w = text_width(line, size);
        let x = match p.align {
            Align::Left => x0 + PAD_X + 1.0,
            Align::Center => (x0 + x1 - w) / 2.0,
            Align::Right => x1 - PAD_X - 1.0 - w,
        };
        let base = start + k as f32 * lh + lh * 0.5 + size * 0.35;
        let color = p.color;
        f.text(x, base, size, line, p.bold, color);
    }
}

/// Title block of page 1: logo ring, notice box (本人版), `个人信用报告` and the version line.
pub fn title_ops(version_line: &str, notice: bool) -> (Vec<Op>, f32) {
    let mut ops = vec![
        Op::Ring {
            cx: 62.0,
            cy: 62.0,
            r: 17.0,
            width: 3.0,
            color: RED,
        },
        Op::Ring {
            cx: 62.0,
            cy: 62.0,
            r: 9.0,
            width: 1.5,
            color: RED,
        },
    ];
    if notice {
        let (x0, y0, x1, y1) = (PAGE_W - 190.0, 44.0, PAGE_W - 40.0, 82.0);
        for (a, b, c, d) in [(x0, y0, x1, y0), (x1, y0, x1, y1), (x1, y1, x0, y1), (x0, y1, x0, y0)] {
            ops.push(Op::Line {
                x1: a,
                y1: b,
                x2: c,
                y2: d,
                width: 1.2,
                color: BLACK,
                dashed: false,
            });
        }
        for (k, s) in ["本报告仅供您了解", "自己的信用状况使用"].iter().enumerate() {
            let w = text_width(s, 12.0);
            ops.push(Op::Text {
                x: (x0 + x1 - w) / 2.0,
                baseline: y0 + 16.0 + k as f32 * 15.0,
                size: 12.0,
                text: s.to_string(),
                bold: true,
                color: BLACK,
            });
        }
    }
    let t = "个人信用报告";
    let w = text_width(t, 18.0);
    ops.push(Op::Text {
        x: (PAGE_W - w) / 2.0,
        baseline: 120.0,
        size: 18.0,
        text: t.into(),
        bold: true,
        color: BLACK,
    });
    let w = text_width(version_line, 11.0);
    ops.push(Op::Text {
        x: (PAGE_W - w) / 2.0,
        baseline: 142.0,
        size: 11.0,
        text: version_line.into(),
        bold: true,
        color: BLACK,
    });
    (ops, 152.0)
}
