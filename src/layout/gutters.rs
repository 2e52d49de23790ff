//! Stacked tables told apart. The report stacks many tables a few points apart (呆账信息汇总 right
//! above 逾期（透支）信息汇总, say). In a vector PDF the two never touch, but a print or a scan
//! thickens and blurs their outer borders until the left or right border of one runs into the
//! other's, and [`super::rulings::networks`] makes one network of both. The grid of that network
//! has a thin row between the tables, crossed by nothing but the outer borders, and the cell
//! merging of the grid then fuses rows of both tables into one cell. Such a gutter row cannot be
//! a table row (it is too thin to hold text and no column ruling crosses it), so the network is
//! cut there into the tables it was drawn as.

use super::params::LayoutParams;
use super::rulings::{Network, Seg};

/// Splits a network at every gutter between stacked tables (see the module's notes); a network
/// without one comes back as it was.
pub(crate) fn split_at_gutters(net: Network, p: &LayoutParams) -> Vec<Network> {
    let Some((upper, lower)) = find_gutter(&net, p).map(|(a, b)| cut(&net, a, b)) else {
        return vec![net];
    };
    let mut out = split_at_gutters(upper, p);
    out.extend(split_at_gutters(lower, p));
    out
}

/// The cross positions of the lines above and below the first gutter, top down.
fn find_gutter(net: &Network, p: &LayoutParams) -> Option<(f32, f32)> {
    let lo = net.h.iter().map(|s| s.start).fold(f32::INFINITY, f32::min);
    let hi = net.h.iter().map(|s| s.end).fold(f32::NEG_INFINITY, f32::max);
    let width = hi - lo;
    if width.is_nan() || width <= 0.0 {
        return None;
    }
    let lines = lines_by_pos(&net.h, p.snap_tol);
    lines.windows(2).find_map(|w| {
        let ((a, a_lo, a_hi), (b, b_lo, b_hi)) = (w[0], w[1]);
        let gap = b - a;
        if gap < p.min_cell || gap >= p.gutter_max {
            return None;
        }
        // Both sides are a table's whole top or bottom edge, not a piece of one.
        let long = |l: f32, h: f32| h - l >= p.gutter_edge_share * width;
        if !long(a_lo, a_hi) || !long(b_lo, b_hi) {
            return None;
        }
        let mid = (a + b) / 2.0;
        let near_an_end = |x: f32, l: f32, h: f32| (x - l).abs() <= p.touch_tol || (x - h).abs() <= p.touch_tol;
        let only_outer_borders_cross = net
            .v
            .iter()
            .filter(|v| v.start < mid && v.end > mid)
            .all(|v| near_an_end(v.pos, a_lo, a_hi) && near_an_end(v.pos, b_lo, b_hi));
        only_outer_borders_cross.then_some((a, b))
    })
}

/// Horizontal lines grouped by cross position (within `tol`), each with its extent, top down.
fn lines_by_pos(h: &[Seg], tol: f32) -> Vec<(f32, f32, f32)> {
    let mut segs: Vec<&Seg> = h.iter().collect();
    segs.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut out: Vec<(f32, f32, f32)> = Vec::new();
    for s in segs {
        match out.last_mut() {
            Some((pos, lo, hi)) if s.pos - *pos < tol => {
                *lo = lo.min(s.start);
                *hi = hi.max(s.end);
            }
            _ => out.push((s.pos, s.start, s.end)),
        }
    }
    out
}

/// The network above the line at `a` and the one below the line at `b`; verticals crossing
/// the gutter are cut at its edges.
fn cut(net: &Network, a: f32, b: f32) -> (Network, Network) {
    let mid = (a + b) / 2.0;
    let mut upper = Network::default();
    let mut lower = Network::default();
    for s in &net.h {
        if s.pos < mid {
            upper.h.push(*s);
        } else {
            lower.h.push(*s);
        }
    }
    for s in &net.v {
        if s.start < mid {
            upper.v.push(Seg {
                end: s.end.min(a),
                ..*s
            });
        }
        if s.end > mid {
            lower.v.push(Seg {
                start: s.start.max(b),
                ..*s
            });
        }
    }
    upper.v.retain(|s| s.end > s.start);
    lower.v.retain(|s| s.end > s.start);
    (upper, lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pos: f32, start: f32, end: f32) -> Seg {
        Seg {
            pos,
            start,
            end,
            color: 0,
        }
    }
    fn v(pos: f32, start: f32, end: f32) -> Seg {
        h(pos, start, end)
    }

    /// Two stacked tables 4 pt apart whose left borders were blurred into one line: rows at
    /// 100–115–130 above, 134–150–166 below; the upper table has a column at 300, the lower at
    /// 200 and 400.
    fn stacked(left_joined: bool) -> Network {
        let mut n = Network::default();
        for y in [100.0, 115.0, 130.0, 134.0, 150.0, 166.0] {
            n.h.push(h(y, 40.0, 570.0));
        }
        if left_joined {
            n.v.push(v(40.0, 100.0, 166.0));
        } else {
            n.v.push(v(40.0, 100.0, 130.0));
            n.v.push(v(40.0, 134.0, 166.0));
        }
        n.v.push(v(570.0, 100.0, 130.0));
        n.v.push(v(570.0, 134.0, 166.0));
        n.v.push(v(300.0, 115.0, 130.0));
        n.v.push(v(200.0, 150.0, 166.0));
        n.v.push(v(400.0, 150.0, 166.0));
        n
    }

    #[test]
    fn a_gutter_crossed_only_by_outer_borders_splits_the_tables() {
        let parts = split_at_gutters(stacked(true), &LayoutParams::default());
        assert_eq!(parts.len(), 2, "{parts:?}");
        let (up, low) = (&parts[0], &parts[1]);
        assert!(up.h.iter().all(|s| s.pos <= 130.0) && low.h.iter().all(|s| s.pos >= 134.0));
        assert!(up.v.iter().all(|s| s.end <= 130.0), "{:?}", up.v);
        assert!(low.v.iter().all(|s| s.start >= 134.0), "{:?}", low.v);
        assert!(up.v.iter().any(|s| s.pos == 40.0) && low.v.iter().any(|s| s.pos == 40.0));
    }

    #[test]
    fn a_thin_row_crossed_by_a_column_ruling_stays_one_table() {
        let mut n = stacked(true);
        n.v.push(v(300.0, 100.0, 166.0));
        assert_eq!(split_at_gutters(n, &LayoutParams::default()).len(), 1);
    }

    #[test]
    fn a_text_high_row_is_no_gutter() {
        let mut n = Network::default();
        for y in [100.0, 115.0, 130.0] {
            n.h.push(h(y, 40.0, 570.0));
        }
        n.v.push(v(40.0, 100.0, 130.0));
        n.v.push(v(570.0, 100.0, 130.0));
        assert_eq!(split_at_gutters(n, &LayoutParams::default()).len(), 1);
    }

    #[test]
    fn a_short_line_is_no_table_edge() {
        let mut n = stacked(true);
        // The line above the gap covers a third of the width: a cell's underline, not an edge.
        n.h.retain(|s| s.pos != 130.0);
        n.h.push(h(130.0, 40.0, 220.0));
        assert_eq!(split_at_gutters(n, &LayoutParams::default()).len(), 1);
    }
}
