//! One model `Table` as an HTML `<table>`: the column grid reduced to the boundaries cells use,
//! colspan/rowspan kept, border colour and the dashed status/amount split on the cells, and
//! rowspan groups (grid years) kept on one page.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::super::model::{Align, Table, BLACK};
use super::{css_rgb, escape};

/// Row ranges that must stay on one page: a rowspan ties its rows together.
fn units(t: &Table) -> Vec<(usize, usize)> {
    let n = t.rows.len();
    let mut out = Vec::new();
    let mut r = 0;
    while r < n {
        let mut end = r + 1;
        let mut i = r;
        while i < end {
            for c in &t.rows[i].cells {
                end = end.max(i + c.rowspan).min(n);
            }
            i += 1;
        }
        out.push((r, end));
        r = end;
    }
    out
}

/// Appends `t` as HTML. `rule_px` is the ruling width.
pub fn write_table(out: &mut String, t: &Table, rule_px: f32) {
    let placed = t.place();
    // Only the column boundaries some cell starts or ends at matter; the 840-column uniform
    // grid collapses to a handful of columns.
    let mut bounds: BTreeSet<usize> = BTreeSet::from([0, t.cols.len()]);
    for row in &placed {
        for p in row {
            bounds.insert(p.col);
            bounds.insert(p.col + p.span);
        }
    }
    let bounds: Vec<usize> = bounds.into_iter().collect();
    let index = |b: usize| bounds.binary_search(&b).expect("every cell edge is a boundary");
    let total: f32 = t.cols.iter().sum();
    let border = css_rgb(t.border);
    let class = if t.attached { "t att" } else { "t" };
    let _ = write!(
        out,
        "<table class=\"{class}\" style=\"border-color:{border};{}\"><colgroup>",
        if t.attached {
            format!("margin-top:-{rule_px}px")
        } else {
            String::new()
        }
    );
    for w in bounds.windows(2) {
        let share: f32 = t.cols[w[0]..w[1]].iter().sum::<f32>() / total * 100.0;
        let _ = write!(out, "<col style=\"width:{share:.3}%\">");
    }
    out.push_str("</colgroup>");
    for (a, b) in units(t) {
        out.push_str(if b > a + 1 { "<tbody class=\"keep\">" } else { "<tbody>" });
        for (r, cells) in placed.iter().enumerate().take(b).skip(a) {
            out.push_str("<tr>");
            for p in cells {
                let c = p.cell;
                let span = index(p.col + p.span) - index(p.col);
                let mut style = format!("border-color:{border};");
                if t.rows[r].dashed_top && c.rowspan == 1 {
                    style.push_str("border-top-style:dashed;");
                }
                // With collapsed borders a solid edge beats a dashed one, so the cell above the
                // dashed row dashes its bottom edge too.
                if t.rows.get(r + c.rowspan).is_some_and(|next| next.dashed_top) {
                    style.push_str("border-bottom-style:dashed;");
                }
                if c.color != BLACK {
                    let _ = write!(style, "color:{};", css_rgb(c.color));
                }
                match c.align {
                    Align::Left => style.push_str("text-align:left;"),
                    Align::Right => style.push_str("text-align:right;"),
                    Align::Center => {}
                }
                out.push_str("<td");
                if c.bold {
                    out.push_str(" class=\"h\"");
                }
                if span > 1 {
                    let _ = write!(out, " colspan=\"{span}\"");
                }
                if c.rowspan > 1 {
                    let _ = write!(out, " rowspan=\"{}\"", c.rowspan);
                }
                let _ = write!(out, " style=\"{style}\">{}</td>", escape(&c.text));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody>");
    }
    out.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::super::super::model::{Cell, Row, Table, BLUE, UNITS};
    use super::*;

    #[test]
    fn uniform_grid_collapses_to_used_boundaries() {
        let mut t = Table::uniform(BLUE);
        t.hdr(&["a", "b", "c"]);
        t.val(&["1", "2", "3"]);
        t.title("合计");
        let mut html = String::new();
        write_table(&mut html, &t, 1.0);
        assert_eq!(html.matches("<col ").count(), 3, "{html}");
        assert!(html.contains("colspan=\"3\""));
        assert_eq!(t.cols.len(), UNITS);
    }

    #[test]
    fn rowspan_groups_are_kept_and_dashes_meet() {
        let mut t = Table::with_cols(BLUE, &[1.25, 1.0, 1.0]);
        t.row(vec![Cell::h("2015").rows(2), Cell::v("N"), Cell::v("*")]);
        t.rows.push(Row {
            cells: vec![Cell::v("0"), Cell::v("")],
            dashed_top: true,
        });
        t.row(vec![Cell::h("x").span(3)]);
        let mut html = String::new();
        write_table(&mut html, &t, 1.0);
        assert_eq!(html.matches("<tbody class=\"keep\">").count(), 1, "{html}");
        // Both status cells dash their bottom edge, both amount cells their top edge; the year
        // cell (rowspan 2) neither.
        assert_eq!(html.matches("border-bottom-style:dashed").count(), 2, "{html}");
        assert_eq!(html.matches("border-top-style:dashed").count(), 2, "{html}");
        assert!(html.contains("rowspan=\"2\""));
    }
}
