//! Column rulings a scan lost, restored from the text. A pale inner ruling can vanish from a
//! print or a copy (a 0.5 pt grey line at 150 DPI is a fraction of a pixel of faint ink), and
//! the grid then merges the cells on both sides: `个人缴存比例单位缴存比例` over `12% 12%`, a
//! repayment grid's `N N N` in one cell. The text still shows where the column was: in each
//! row the merged cell holds two runs with a wide gap between them, and the gaps of different
//! rows line up. Such a gap, seen in two rows at least (or in one, where a piece of the ruling
//! survived in the gap), becomes a ruling through the rows that show it, and the grid is built
//! again with it. A run that crosses the gap anywhere in a cell keeps that cell whole, so a
//! cell whose text really spans the columns (a title, a sentence) is never cut.
//!
//! Only pages read from pixels: a text layer's tables have exact vector rulings.

use crate::content::TextSpan;
use crate::geom::Rect;

use super::params::LayoutParams;
use super::rulings::Seg;
use super::text::group_lines;

/// A gap between two runs on one line of one cell: where a lost ruling may have been.
#[derive(Debug, Clone, Copy)]
struct Gap {
    /// The cell (index into the caller's list).
    cell: usize,
    /// Grid row the cell starts in (gaps of one row do not confirm each other).
    row: usize,
    /// Free x-range between the two runs.
    lo: f32,
    hi: f32,
}

/// One cell of a grid as this module needs it: its box, its first row, and its runs.
pub(crate) struct CellText<'a> {
    pub rect: Rect,
    pub row: usize,
    /// The cell spans every column of its table (a title row, or a row whose rulings were all
    /// lost).
    pub full_width: bool,
    pub spans: Vec<&'a TextSpan>,
}

/// The vertical rulings to add to a table whose cells are `cells`, given its existing
/// vertical rulings `v`: one segment per cell that shows a confirmed gap, running the height
/// of that cell.
pub(crate) fn lost_columns(cells: &[CellText<'_>], v: &[Seg], p: &LayoutParams) -> Vec<Seg> {
    let gaps = gaps(cells, p);
    if gaps.is_empty() {
        return Vec::new();
    }
    // The same for every candidate column: found once.
    let narrow = narrow_gaps(cells);
    let mut out: Vec<Seg> = Vec::new();
    let mut used = vec![false; gaps.len()];
    for i in 0..gaps.len() {
        if used[i] {
            continue;
        }
        // The gaps that overlap this one, and the x-range they all leave free.
        let (mut lo, mut hi) = (gaps[i].lo, gaps[i].hi);
        let mut members = vec![i];
        for (j, g) in gaps.iter().enumerate().skip(i + 1) {
            if used[j] || g.hi.min(hi) - g.lo.max(lo) < p.min_cell {
                continue;
            }
            (lo, hi) = (lo.max(g.lo), hi.min(g.hi));
            members.push(j);
        }
        let rows = {
            let mut r: Vec<usize> = members.iter().map(|&k| gaps[k].row).collect();
            r.sort_unstable();
            r.dedup();
            r.len()
        };
        // A piece of the lost ruling that survived inside the free range, in the rows of a
        // cell showing the gap or touching them, pins it. A ruling of other rows that only
        // happens to fall in the range (a form's column over a grid's) says nothing.
        let surviving = v
            .iter()
            .find(|s| {
                s.pos > lo
                    && s.pos < hi
                    && members.iter().any(|&k| {
                        let c = &cells[gaps[k].cell];
                        s.start <= c.rect.y1 + p.touch_tol && s.end >= c.rect.y0 - p.touch_tol
                    })
            })
            .map(|s| s.pos);
        if rows < 2 && surviving.is_none() {
            continue;
        }
        // Where the line ran: a ruling of the table inside the free range (the same column
        // where other rows kept it), else the narrower gaps of other cells (labels that nearly
        // touch), else the middle of the range.
        let mid = (lo + hi) / 2.0;
        let kept = v
            .iter()
            .filter(|s| s.pos > lo && s.pos < hi)
            .map(|s| s.pos)
            .min_by(|a, b| (a - mid).abs().total_cmp(&(b - mid).abs()));
        for &(a, b) in &narrow {
            let (l, h) = (lo.max(a), hi.min(b));
            if h - l >= 1.0 {
                (lo, hi) = (l, h);
            }
        }
        let x = surviving
            .or(kept)
            .filter(|&x| x > lo - p.snap_tol && x < hi + p.snap_tol)
            .unwrap_or((lo + hi) / 2.0);
        // A title across the whole table is cut only where the column is lost from every row
        // it crosses: a title that a stamp broke in two shows a gap too.
        let everywhere = cells
            .iter()
            .filter(|c| crosses(c, x, p))
            .all(|c| c.spans.is_empty() || splits(c, x, p));
        for &k in &members {
            used[k] = true;
        }
        // Once the column is confirmed, every cell it crosses with text on both sides of it
        // is cut, however narrow its own gap (header labels that fill their cells).
        for c in cells
            .iter()
            .filter(|c| splits(c, x, p) && (everywhere || !c.full_width))
        {
            if !out
                .iter()
                .any(|s| (s.pos - x).abs() < p.snap_tol && s.start == c.rect.y0)
            {
                out.push(Seg {
                    pos: x,
                    start: c.rect.y0,
                    end: c.rect.y1,
                    color: 0,
                });
            }
        }
    }
    out
}

/// Whether `x` lies inside cell `c`, clear of its sides.
fn crosses(c: &CellText<'_>, x: f32, p: &LayoutParams) -> bool {
    x > c.rect.x0 + p.min_cell && x < c.rect.x1 - p.min_cell
}

/// Every free x-range between consecutive runs of one line of one cell, however narrow.
fn narrow_gaps(cells: &[CellText<'_>]) -> Vec<(f32, f32)> {
    cells
        .iter()
        .filter(|c| c.spans.len() >= 2 && !c.full_width)
        .flat_map(|c| group_lines(c.spans.clone()))
        .flat_map(|line| {
            line.windows(2)
                .map(|w| (w[0].rect.x1, w[1].rect.x0))
                .filter(|(a, b)| b > a)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether a ruling at `x` would cut cell `c` between runs: `x` inside the cell, no run across
/// it, and some line with runs on both sides.
fn splits(c: &CellText<'_>, x: f32, p: &LayoutParams) -> bool {
    if !crosses(c, x, p) {
        return false;
    }
    if c.spans.iter().any(|s| s.rect.x0 < x && s.rect.x1 > x) {
        return false;
    }
    group_lines(c.spans.clone())
        .iter()
        .any(|line| line.iter().any(|s| s.rect.x1 <= x) && line.iter().any(|s| s.rect.x0 >= x))
}

/// Every wide gap between consecutive runs of one line of one cell.
fn gaps(cells: &[CellText<'_>], p: &LayoutParams) -> Vec<Gap> {
    let mut out = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        // A title across the table shows no column: a stamp or a seal leaves gaps in it too.
        if c.spans.len() < 2 || c.full_width {
            continue;
        }
        for line in group_lines(c.spans.clone()) {
            for pair in line.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let em = a.font_size.max(b.font_size).max(1.0);
                if b.rect.x0 - a.rect.x1 >= p.lost_column_gap_em * em {
                    out.push(Gap {
                        cell: i,
                        row: c.row,
                        lo: a.rect.x1,
                        hi: b.rect.x0,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::text::tests::span;

    fn cell<'a>(x0: f32, x1: f32, y0: f32, row: usize, spans: Vec<&'a TextSpan>) -> CellText<'a> {
        CellText {
            rect: Rect::new(x0, y0, x1, y0 + 20.0),
            row,
            full_width: false,
            spans,
        }
    }

    #[test]
    fn gaps_that_line_up_in_two_rows_become_a_ruling_through_both() {
        let p = LayoutParams::default();
        // Two columns of 100 pt whose middle ruling is lost: header labels and values.
        let (h1, h2) = (
            span("个人缴存比例", 110.0, 5.0, 170.0, 15.0),
            span("单位缴存比例", 210.0, 5.0, 270.0, 15.0),
        );
        let (v1, v2) = (
            span("12%", 130.0, 25.0, 150.0, 35.0),
            span("12%", 230.0, 25.0, 250.0, 35.0),
        );
        let cells = [
            cell(100.0, 300.0, 0.0, 0, vec![&h1, &h2]),
            cell(100.0, 300.0, 20.0, 1, vec![&v1, &v2]),
        ];
        let added = lost_columns(&cells, &[], &p);
        assert_eq!(added.len(), 2, "{added:?}");
        for s in &added {
            assert!(s.pos > 170.0 && s.pos < 210.0, "{s:?}");
        }
        assert_eq!((added[0].start, added[0].end), (0.0, 20.0));
        assert_eq!((added[1].start, added[1].end), (20.0, 40.0));
    }

    #[test]
    fn a_confirmed_column_also_cuts_a_header_whose_labels_nearly_touch() {
        let p = LayoutParams::default();
        let (h1, h2) = (
            span("个人缴存比例", 105.0, 5.0, 195.0, 15.0),
            span("单位缴存比例", 204.0, 5.0, 295.0, 15.0),
        );
        let (v1, v2) = (
            span("12%", 130.0, 25.0, 150.0, 35.0),
            span("12%", 230.0, 25.0, 250.0, 35.0),
        );
        let (w1, w2) = (
            span("8%", 130.0, 45.0, 150.0, 55.0),
            span("8%", 230.0, 45.0, 250.0, 55.0),
        );
        let cells = [
            cell(100.0, 300.0, 0.0, 0, vec![&h1, &h2]),
            cell(100.0, 300.0, 20.0, 1, vec![&v1, &v2]),
            cell(100.0, 300.0, 40.0, 2, vec![&w1, &w2]),
        ];
        let added = lost_columns(&cells, &[], &p);
        assert_eq!(added.len(), 3, "{added:?}");
        assert!(added.iter().all(|s| s.pos > 195.0 && s.pos < 204.0), "{added:?}");
    }

    #[test]
    fn a_gap_in_one_row_alone_or_a_run_across_it_adds_nothing() {
        let p = LayoutParams::default();
        let (a, b) = (
            span("该客户委托", 110.0, 5.0, 170.0, 15.0),
            span("还款", 210.0, 5.0, 240.0, 15.0),
        );
        let one = [cell(100.0, 300.0, 0.0, 0, vec![&a, &b])];
        assert!(lost_columns(&one, &[], &p).is_empty());
        // The same gap in the next row, but that cell also holds a title across it.
        let (c, d) = (span("1", 130.0, 25.0, 140.0, 33.0), span("2", 230.0, 25.0, 240.0, 33.0));
        let title = span("2010年07月—2011年08月的还款记录", 120.0, 33.0, 280.0, 39.0);
        let two = [
            cell(100.0, 300.0, 0.0, 0, vec![&a, &b]),
            cell(100.0, 300.0, 20.0, 1, vec![&c, &d, &title]),
        ];
        let added = lost_columns(&two, &[], &p);
        assert_eq!(added.len(), 1, "{added:?}");
        assert_eq!(added[0].start, 0.0);
        // A narrow gap is a space between words, not a column.
        let (e, f) = (
            span("2015.06.01", 110.0, 5.0, 160.0, 15.0),
            span("10:05:15", 163.0, 5.0, 200.0, 15.0),
        );
        let (g, h) = (
            span("2015.06.02", 110.0, 25.0, 160.0, 35.0),
            span("10:05:16", 163.0, 25.0, 200.0, 35.0),
        );
        let spaced = [
            cell(100.0, 300.0, 0.0, 0, vec![&e, &f]),
            cell(100.0, 300.0, 20.0, 1, vec![&g, &h]),
        ];
        assert!(lost_columns(&spaced, &[], &p).is_empty());
    }

    #[test]
    fn a_title_across_the_table_is_cut_only_where_every_row_lost_the_column() {
        let p = LayoutParams::default();
        // A grid title broken in two by a stamp, over month labels whose ruling is lost, over a
        // form row whose cell keeps one run across the gap.
        let (t1, t2) = (
            span("2012年03月—20", 110.0, 5.0, 175.0, 15.0),
            span("记录", 215.0, 5.0, 240.0, 15.0),
        );
        let (m1, m2) = (span("5", 140.0, 25.0, 150.0, 35.0), span("6", 240.0, 25.0, 250.0, 35.0));
        let (n1, n2) = (span("N", 140.0, 45.0, 150.0, 55.0), span("N", 240.0, 45.0, 250.0, 55.0));
        let form = span("按期结息，到期还本", 120.0, 65.0, 260.0, 75.0);
        let mut title = cell(100.0, 300.0, 0.0, 0, vec![&t1, &t2]);
        title.full_width = true;
        let mut cells = vec![
            title,
            cell(100.0, 300.0, 20.0, 1, vec![&m1, &m2]),
            cell(100.0, 300.0, 40.0, 2, vec![&n1, &n2]),
        ];
        let with_form = {
            let mut c = cells
                .iter()
                .map(|c| CellText {
                    spans: c.spans.clone(),
                    ..*c
                })
                .collect::<Vec<_>>();
            c.push(cell(100.0, 300.0, 60.0, 3, vec![&form]));
            c
        };
        let added = lost_columns(&with_form, &[], &p);
        assert_eq!(added.len(), 2, "{added:?}");
        assert!(added.iter().all(|s| s.start >= 20.0), "{added:?}");
        // Without the form row every row shows the gap: the title is cut too.
        cells.truncate(3);
        assert_eq!(lost_columns(&cells, &[], &p).len(), 3);
    }

    #[test]
    fn a_surviving_piece_of_the_ruling_confirms_one_row_and_places_the_line() {
        let p = LayoutParams::default();
        let (a, b) = (
            span("账户状态", 110.0, 5.0, 150.0, 15.0),
            span("转出月份", 230.0, 5.0, 270.0, 15.0),
        );
        let cells = [cell(100.0, 300.0, 0.0, 0, vec![&a, &b])];
        // The line survives in the row below the cell.
        let piece = Seg {
            pos: 200.0,
            start: 20.0,
            end: 40.0,
            color: 0,
        };
        let added = lost_columns(&cells, &[piece], &p);
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].pos, 200.0);
        // A ruling of rows further down (another table's columns) confirms nothing.
        let far = Seg {
            start: 60.0,
            end: 80.0,
            ..piece
        };
        assert!(lost_columns(&cells, &[far], &p).is_empty());
    }
}
