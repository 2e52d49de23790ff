//! One page's ruling networks → grids of cells (merged where an inner ruling is missing),
//! with the page's spans assigned to cells by their centre.

use crate::content::{ContentSource, Orientation, PageContent, TextSpan};
use crate::geom::Rect;

use super::gutters;
use super::params::LayoutParams;
use super::rulings::{self, find, union, Network, Seg};
use super::text::{self, bold_count, group_lines, join_line};
use super::text_columns::{self, CellText};
use super::CellPiece;

/// A cell while tables are still being stitched: slot ranges are half-open.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridCell {
    pub r0: usize,
    pub r1: usize,
    pub c0: usize,
    pub c1: usize,
    pub text: String,
    /// Bold and total character counts (a cell is bold when most of its text is).
    pub bold_chars: usize,
    pub chars: usize,
    pub pieces: Vec<CellPiece>,
    /// Unused width of the cell's last text line, in font sizes; `None` for a blank cell.
    pub tail_slack_em: Option<f32>,
}

/// A table while tables are still being stitched across pages.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridTable {
    /// Page of the first row.
    pub page: usize,
    /// Page of the last row.
    pub last_page: usize,
    /// Column edges, left to right.
    pub xs: Vec<f32>,
    pub n_rows: usize,
    pub cells: Vec<GridCell>,
    pub color: u32,
    /// Top edge on the first page (for reading order).
    pub top: f32,
    /// The top edge carries no ruling (the table continues a row from the previous page).
    pub top_open: bool,
    /// The bottom edge carries no ruling (the last row continues on the next page).
    pub bottom_open: bool,
}

/// Row and column edges of one network plus the slot → cell map.
struct Skeleton {
    xs: Vec<f32>,
    ys: Vec<f32>,
    /// Cell slot ranges `(r0, r1, c0, c1)`, half-open.
    cells: Vec<(usize, usize, usize, usize)>,
    /// For every slot (row-major), the index into `cells`.
    slot_cell: Vec<usize>,
    color: u32,
    top_open: bool,
    bottom_open: bool,
}

impl Skeleton {
    /// The cell (index into `cells`) that holds the centre of `s`, given the skeleton's
    /// `bbox`; spans within a point of the border still count as inside.
    fn cell_of(&self, bbox: &Rect, s: &TextSpan) -> Option<usize> {
        let (cx, cy) = s.rect.center();
        let inside = cx >= bbox.x0 - 1.0 && cx <= bbox.x1 + 1.0 && cy >= bbox.y0 - 1.0 && cy <= bbox.y1 + 1.0;
        inside.then(|| self.slot_cell[slot_index(&self.ys, cy) * (self.xs.len() - 1) + slot_index(&self.xs, cx)])
    }

    /// Cell `i`'s rectangle, in points.
    fn cell_rect(&self, i: usize) -> Rect {
        let (r0, r1, c0, c1) = self.cells[i];
        Rect::new(self.xs[c0], self.ys[r0], self.xs[c1], self.ys[r1])
    }

    /// Each cell with the runs whose centre lies in it.
    fn cell_texts<'a>(&self, spans: &'a [TextSpan]) -> Vec<CellText<'a>> {
        let bbox = self.bbox();
        let mut out: Vec<CellText<'a>> = (0..self.cells.len())
            .map(|i| CellText {
                rect: self.cell_rect(i),
                row: self.cells[i].0,
                full_width: self.cells[i].2 == 0 && self.cells[i].3 == self.xs.len() - 1,
                spans: Vec::new(),
            })
            .collect();
        for s in spans {
            if let Some(i) = self.cell_of(&bbox, s) {
                out[i].spans.push(s);
            }
        }
        out
    }

    fn bbox(&self) -> Rect {
        Rect::new(
            self.xs[0],
            self.ys[0],
            self.xs[self.xs.len() - 1],
            self.ys[self.ys.len() - 1],
        )
    }
}

/// Builds the tables of one page. Returns them with the spans that lie outside every table.
pub(crate) fn tables_on_page<'a>(page: &'a PageContent, p: &LayoutParams) -> (Vec<GridTable>, Vec<&'a TextSpan>) {
    let skeletons = skeletons_of(page, p);
    let boxes: Vec<Rect> = skeletons.iter().map(Skeleton::bbox).collect();
    let mut buckets: Vec<Vec<Vec<&TextSpan>>> = skeletons.iter().map(|s| vec![Vec::new(); s.cells.len()]).collect();
    let mut outside = Vec::new();
    'spans: for s in &page.spans {
        for (k, b) in boxes.iter().enumerate() {
            if let Some(cell) = skeletons[k].cell_of(b, s) {
                buckets[k][cell].push(s);
                continue 'spans;
            }
        }
        outside.push(s);
    }
    release_page_footers(&mut buckets, &mut outside);
    let tables = skeletons
        .into_iter()
        .zip(buckets)
        .map(|(sk, b)| finish(page.index, sk, b))
        .collect();
    (tables, outside)
}

/// Hands the spans of a cell that holds nothing but a page footer (`第5页，共6页`) back to the
/// page's free text, where footers are dropped. A table cut by a page break can leave an
/// open-bottomed row at the page foot (Chromium draws a moved row's cell sides before the
/// break) whose cell reaches over the footer; read as a value, the footer would become a
/// phantom record.
fn release_page_footers<'a>(buckets: &mut [Vec<Vec<&'a TextSpan>>], outside: &mut Vec<&'a TextSpan>) {
    for cell in buckets.iter_mut().flatten() {
        if cell.is_empty() {
            continue;
        }
        let text: String = cell.iter().map(|s| s.text.as_str()).collect();
        if text::is_page_footer(&text) {
            outside.append(cell);
        }
    }
}

/// The cells of a page's ruling grids (in points), built once from its rulings, for the OCR
/// path to read cells' ink before the page is laid out: its spans change in between (blank
/// cells read, marks read again), its rulings do not.
pub struct RulingCells {
    skeletons: Vec<Skeleton>,
}

/// A one-row cell of a page's ruling grid (in points) and the page's spans (indices into
/// `PageContent::spans`) whose centre falls in it.
#[derive(Debug, Clone, PartialEq)]
pub struct RowCell {
    pub rect: Rect,
    pub spans: Vec<usize>,
}

impl RulingCells {
    pub fn of(page: &PageContent, p: &LayoutParams) -> Self {
        Self {
            skeletons: skeletons_of(page, p),
        }
    }

    /// Per grid, the skeleton and the indices of the `spans` each of its cells holds.
    fn filled<'a>(&'a self, spans: &'a [TextSpan]) -> impl Iterator<Item = (&'a Skeleton, Vec<Vec<usize>>)> + 'a {
        self.skeletons.iter().map(move |sk| {
            let b = sk.bbox();
            let mut held = vec![Vec::new(); sk.cells.len()];
            for (i, s) in spans.iter().enumerate() {
                if let Some(cell) = sk.cell_of(&b, s) {
                    held[cell].push(i);
                }
            }
            (sk, held)
        })
    }

    /// The cells that none of `spans` falls in. The OCR path reads these cells' ink
    /// directly: a lone mark such as `--` or `*` is often too small for the text detector to
    /// give it a box.
    pub fn blank(&self, spans: &[TextSpan]) -> Vec<Rect> {
        self.filled(spans)
            .flat_map(|(sk, held)| {
                (0..sk.cells.len())
                    .filter(|&i| held[i].is_empty())
                    .map(|i| sk.cell_rect(i))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The grids' rows, top to bottom per grid, each as its one-row cells left to right with
    /// the `spans` in them (cells spanning several rows are left out): for judging a cell by
    /// its row's other cells before the page is parsed.
    pub fn rows(&self, spans: &[TextSpan]) -> Vec<Vec<RowCell>> {
        let mut rows = Vec::new();
        for (sk, held) in self.filled(spans) {
            for r in 0..sk.ys.len() - 1 {
                let mut row: Vec<(usize, RowCell)> = (0..sk.cells.len())
                    .filter(|&i| sk.cells[i].0 == r && sk.cells[i].1 == r + 1)
                    .map(|i| {
                        let cell = RowCell {
                            rect: sk.cell_rect(i),
                            spans: held[i].clone(),
                        };
                        (sk.cells[i].2, cell)
                    })
                    .collect();
                row.sort_by_key(|(c0, _)| *c0);
                rows.push(row.into_iter().map(|(_, c)| c).collect());
            }
        }
        rows
    }
}

/// Index of the slot between consecutive `edges` that holds `x` (clamped to the grid).
/// The page's ruled tables: rulings cleaned up, grouped into networks, stacked tables cut
/// apart, each laid out as a grid.
fn skeletons_of(page: &PageContent, p: &LayoutParams) -> Vec<Skeleton> {
    let h = rulings::merge(&page.rulings, Orientation::Horizontal, p);
    let v = rulings::merge(&page.rulings, Orientation::Vertical, p);
    let scanned = page.source == ContentSource::Ocr;
    rulings::networks(h, v, p)
        .into_iter()
        .flat_map(|n| gutters::split_at_gutters(n, p))
        .filter_map(|mut n| {
            let sk = skeleton(&n, p)?;
            if !scanned {
                return Some(sk);
            }
            let lost = text_columns::lost_columns(&sk.cell_texts(&page.spans), &n.v, p);
            if lost.is_empty() {
                return Some(sk);
            }
            n.v.extend(lost);
            skeleton(&n, p).or(Some(sk))
        })
        .collect()
}

fn slot_index(edges: &[f32], x: f32) -> usize {
    edges
        .partition_point(|&e| e <= x)
        .saturating_sub(1)
        .min(edges.len() - 2)
}

/// Greedy clustering of sorted positions: members within `tol` of the cluster's first value.
fn cluster(mut xs: Vec<f32>, tol: f32) -> Vec<f32> {
    xs.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    let mut i = 0;
    while i < xs.len() {
        let mut j = i;
        while j < xs.len() && xs[j] - xs[i] < tol {
            j += 1;
        }
        let mean = xs[i..j].iter().sum::<f32>() / (j - i) as f32;
        // Means of neighbouring clusters can end up closer than `tol`; fuse them so that
        // edges are always at least `tol` apart (stitching relies on it).
        match out.last_mut() {
            Some(last) if mean - *last < tol => *last = (*last + mean) / 2.0,
            _ => out.push(mean),
        }
        i = j;
    }
    out
}

/// Edges of one axis: the crossing lines' positions, plus, on a side where no crossing line
/// closes the table, how far the lines along this axis run on past the last crossing line (an
/// open-sided table). A table left open by a lost or undrawn border has most of the lines
/// that reach its last crossing line running on to where the border should be; one or two
/// running further are something else joined to the table (a copy mark's stroke, a copier
/// streak along a border, a ruling's blurred end). Taken as the table's edge, such a stray
/// end adds a slot that no other line divides, and every row merges through it. So a side is
/// open only when at least [`LayoutParams::open_side_min_lines`] lines and
/// [`LayoutParams::open_side_share`] of those reaching the last crossing line run on, and
/// its edge is where the middle one of them ends.
fn edges(cross: &[Seg], along: &[Seg], p: &LayoutParams) -> Vec<f32> {
    let mut pos: Vec<f32> = cross.iter().map(|s| s.pos).collect();
    if pos.is_empty() {
        // No crossing lines at all: the lines' own extent is the table.
        let lo = along.iter().map(|s| s.start).fold(f32::INFINITY, f32::min);
        let hi = along.iter().map(|s| s.end).fold(f32::NEG_INFINITY, f32::max);
        pos.extend([lo, hi].into_iter().filter(|x| x.is_finite()));
        return cluster(pos, p.min_cell.max(p.snap_tol));
    }
    let first = pos.iter().copied().fold(f32::INFINITY, f32::min);
    let last = pos.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    // Each side as distances outward from its last crossing line.
    let sides = [
        (first, -1.0, along.iter().map(|s| first - s.start).collect::<Vec<f32>>()),
        (last, 1.0, along.iter().map(|s| s.end - last).collect()),
    ];
    for (edge, outward, reach) in sides {
        let reaching = reach.iter().filter(|&&d| d >= -p.touch_tol).count();
        let mut over: Vec<f32> = reach.into_iter().filter(|&d| d >= p.min_cell).collect();
        if over.len() >= p.open_side_min_lines && over.len() as f32 >= p.open_side_share * reaching as f32 {
            over.sort_by(f32::total_cmp);
            pos.push(edge + outward * over[over.len() / 2]);
        }
    }
    cluster(pos, p.min_cell.max(p.snap_tol))
}

/// Length of `[a, b]` covered by lines at cross position `at`.
fn covered(lines: &[Seg], at: f32, a: f32, b: f32, tol: f32) -> f32 {
    lines
        .iter()
        .filter(|s| (s.pos - at).abs() <= tol)
        .map(|s| (s.end.min(b) - s.start.max(a)).max(0.0))
        .sum::<f32>()
        .min(b - a)
}

fn skeleton(net: &Network, p: &LayoutParams) -> Option<Skeleton> {
    let xs = edges(&net.v, &net.h, p);
    let ys = edges(&net.h, &net.v, p);
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    let tol = p.min_cell.max(p.snap_tol);
    let ruled_v =
        |x: f32, r: usize| covered(&net.v, x, ys[r], ys[r + 1], tol) >= p.border_cover_share * (ys[r + 1] - ys[r]);
    let ruled_h =
        |y: f32, c: usize| covered(&net.h, y, xs[c], xs[c + 1], tol) >= p.border_cover_share * (xs[c + 1] - xs[c]);
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    for r in 0..nr {
        for c in 0..nc {
            if c + 1 < nc && !ruled_v(xs[c + 1], r) {
                union(&mut parent, r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && !ruled_h(ys[r + 1], c) {
                union(&mut parent, r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    rectangularise(&mut parent, nr, nc);
    let mut cells = Vec::new();
    let mut root_cell = vec![usize::MAX; nr * nc];
    let mut slot_cell = vec![0; nr * nc];
    for r in 0..nr {
        for c in 0..nc {
            let root = find(&mut parent, r * nc + c);
            if root_cell[root] == usize::MAX {
                root_cell[root] = cells.len();
                cells.push((r, r + 1, c, c + 1));
            }
            let k = root_cell[root];
            let cell = &mut cells[k];
            cell.1 = cell.1.max(r + 1);
            cell.3 = cell.3.max(c + 1);
            slot_cell[r * nc + c] = k;
        }
    }
    let width = xs[nc] - xs[0];
    let edge_cover = |y: f32| {
        (0..nc)
            .filter(|&c| ruled_h(y, c))
            .map(|c| xs[c + 1] - xs[c])
            .sum::<f32>()
            / width
    };
    let top_open = edge_cover(ys[0]) < p.border_cover_share;
    let bottom_open = edge_cover(ys[nr]) < p.border_cover_share;
    Some(Skeleton {
        color: majority_color(net),
        xs,
        ys,
        cells,
        slot_cell,
        top_open,
        bottom_open,
    })
}

/// Grows every merged region to its bounding rectangle (absorbing whatever it overlaps), so
/// that each cell is a rectangle and every slot belongs to exactly one cell.
fn rectangularise(parent: &mut [usize], nr: usize, nc: usize) {
    loop {
        let mut bounds: Vec<Option<(usize, usize, usize, usize)>> = vec![None; nr * nc];
        for r in 0..nr {
            for c in 0..nc {
                let root = find(parent, r * nc + c);
                let b = bounds[root].get_or_insert((r, r, c, c));
                *b = (b.0.min(r), b.1.max(r), b.2.min(c), b.3.max(c));
            }
        }
        let mut changed = false;
        for (root, b) in bounds.iter().enumerate() {
            let Some((r0, r1, c0, c1)) = *b else { continue };
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if find(parent, r * nc + c) != find(parent, root) {
                        union(parent, root, r * nc + c);
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return;
        }
    }
}

fn majority_color(net: &Network) -> u32 {
    let mut tally: Vec<(u32, f32)> = Vec::new();
    for s in net.h.iter().chain(&net.v) {
        match tally.iter_mut().find(|(c, _)| *c == s.color) {
            Some((_, l)) => *l += s.end - s.start,
            None => tally.push((s.color, s.end - s.start)),
        }
    }
    tally
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(0, |(c, _)| c)
}

fn finish(page: usize, sk: Skeleton, buckets: Vec<Vec<&TextSpan>>) -> GridTable {
    let cells = sk
        .cells
        .iter()
        .zip(buckets)
        .map(|(&(r0, r1, c0, c1), spans)| {
            let rect = Rect::new(sk.xs[c0], sk.ys[r0], sk.xs[c1], sk.ys[r1]);
            let (bold_chars, chars) = bold_count(&spans);
            let lines = group_lines(spans);
            let text: String = lines.iter().map(|l| join_line(l)).collect();
            let tail_slack_em = lines.last().map(|l| {
                let used = l[l.len() - 1].rect.x1 - l[0].rect.x0;
                let fs = l.iter().map(|s| s.font_size).fold(1.0, f32::max);
                (rect.width() - used) / fs
            });
            GridCell {
                r0,
                r1,
                c0,
                c1,
                text,
                bold_chars,
                chars,
                pieces: vec![CellPiece { page, rect }],
                tail_slack_em,
            }
        })
        .collect();
    GridTable {
        page,
        last_page: page,
        n_rows: sk.ys.len() - 1,
        top: sk.ys[0],
        xs: sk.xs,
        cells,
        color: sk.color,
        top_open: sk.top_open,
        bottom_open: sk.bottom_open,
    }
}
