//! Ruling clean-up: collinear pieces snapped and joined into whole lines, then grouped into
//! connected networks (one network per table).

use crate::content::{Orientation, Ruling};

use super::params::LayoutParams;

/// A cleaned-up ruling line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Seg {
    /// Cross position: y for horizontal lines, x for vertical ones.
    pub pos: f32,
    /// Start along the line.
    pub start: f32,
    /// End along the line.
    pub end: f32,
    /// Colour of the longest piece.
    pub color: u32,
}

impl Seg {
    fn len(&self) -> f32 {
        self.end - self.start
    }
}

/// A connected set of horizontal and vertical lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct Network {
    pub h: Vec<Seg>,
    pub v: Vec<Seg>,
}

/// Snaps and joins the rulings of one orientation.
pub(crate) fn merge(rulings: &[Ruling], orientation: Orientation, p: &LayoutParams) -> Vec<Seg> {
    let mut pieces: Vec<Seg> = rulings
        .iter()
        .filter(|r| r.orientation == orientation && r.end > r.start && r.pos.is_finite())
        .map(|r| Seg {
            pos: r.pos,
            start: r.start,
            end: r.end,
            color: r.color,
        })
        .collect();
    pieces.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        // Greedy clusters anchored at their first member, so a run of pieces each slightly
        // offset from the last cannot drift across a whole row.
        let anchor = pieces[i].pos;
        let mut j = i;
        while j < pieces.len() && pieces[j].pos - anchor < p.snap_tol {
            j += 1;
        }
        join_collinear(&mut pieces[i..j], p.join_gap, &mut out);
        i = j;
    }
    out
}

fn join_collinear(group: &mut [Seg], join_gap: f32, out: &mut Vec<Seg>) {
    let total: f32 = group.iter().map(|s| s.len().max(0.01)).sum();
    let pos = group.iter().map(|s| s.pos * s.len().max(0.01)).sum::<f32>() / total;
    group.sort_by(|a, b| a.start.total_cmp(&b.start));
    let mut cur: Option<(Seg, f32)> = None;
    for s in group.iter() {
        match cur.as_mut() {
            Some((c, longest)) if s.start <= c.end + join_gap => {
                c.end = c.end.max(s.end);
                if s.len() > *longest {
                    *longest = s.len();
                    c.color = s.color;
                }
            }
            _ => {
                if let Some((c, _)) = cur.take() {
                    out.push(c);
                }
                cur = Some((
                    Seg {
                        pos,
                        start: s.start,
                        end: s.end,
                        color: s.color,
                    },
                    s.len(),
                ));
            }
        }
    }
    if let Some((c, _)) = cur {
        out.push(c);
    }
}

/// Whether a horizontal and a vertical line cross or touch.
pub(crate) fn meet(h: &Seg, v: &Seg, tol: f32) -> bool {
    v.pos >= h.start - tol && v.pos <= h.end + tol && h.pos >= v.start - tol && h.pos <= v.end + tol
}

/// Groups lines into connected networks; lines that touch nothing are dropped.
pub(crate) fn networks(h: Vec<Seg>, v: Vec<Seg>, p: &LayoutParams) -> Vec<Network> {
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, hs) in h.iter().enumerate() {
        for (j, vs) in v.iter().enumerate() {
            if meet(hs, vs, p.touch_tol) {
                union(&mut parent, i, h.len() + j);
            }
        }
    }
    let mut by_root: Vec<Option<usize>> = vec![None; n];
    let mut nets: Vec<Network> = Vec::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        let k = *by_root[r].get_or_insert_with(|| {
            nets.push(Network::default());
            nets.len() - 1
        });
        if i < h.len() {
            nets[k].h.push(h[i]);
        } else {
            nets[k].v.push(v[i - h.len()]);
        }
    }
    nets.retain(|n| !n.h.is_empty() && !n.v.is_empty());
    nets
}

pub(crate) fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

pub(crate) fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pos: f32, start: f32, end: f32) -> Ruling {
        Ruling {
            orientation: Orientation::Horizontal,
            pos,
            start,
            end,
            color: 0x00B0F0,
        }
    }
    fn v(pos: f32, start: f32, end: f32) -> Ruling {
        Ruling {
            orientation: Orientation::Vertical,
            pos,
            start,
            end,
            color: 0x00B0F0,
        }
    }

    #[test]
    fn pieces_with_small_gaps_join_and_offsets_snap() {
        // Word draws a row border as cell-wide pieces with 0.5 pt gaps and a slight offset.
        let r = [
            h(100.0, 10.0, 50.0),
            h(100.4, 50.5, 90.0),
            h(100.2, 95.0, 120.0),
            h(140.0, 10.0, 120.0),
        ];
        let segs = merge(&r, Orientation::Horizontal, &LayoutParams::default());
        assert_eq!(segs.len(), 3, "{segs:?}");
        assert!((segs[0].pos - 100.2).abs() < 0.2);
        assert_eq!((segs[0].start, segs[0].end), (10.0, 90.0));
        assert_eq!((segs[1].start, segs[1].end), (95.0, 120.0));
        assert_eq!(segs[2].pos, 140.0);
    }

    #[test]
    fn separate_grids_become_separate_networks() {
        let p = LayoutParams::default();
        let r = [
            h(10.0, 0.0, 100.0),
            h(30.0, 0.0, 100.0),
            v(0.0, 10.0, 30.0),
            v(100.0, 10.0, 30.0),
            h(60.0, 0.0, 100.0),
            h(80.0, 0.0, 100.0),
            v(0.0, 60.0, 80.0),
            v(100.0, 60.0, 80.0),
            h(200.0, 0.0, 50.0), // a lone underline touches nothing
        ];
        let nets = networks(
            merge(&r, Orientation::Horizontal, &p),
            merge(&r, Orientation::Vertical, &p),
            &p,
        );
        assert_eq!(nets.len(), 2);
        assert!(nets.iter().all(|n| n.h.len() == 2 && n.v.len() == 2));
    }
}
