//! The 8-connected parts of a binary mask, labelled run by run: the overlay pass drops small
//! parts, the mark reader measures the parts of a cell's ink.

use crate::layout::{find, union};

/// A horizontal run of set pixels `[x0, x1)` on row `y`, and the part it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub y: usize,
    pub x0: usize,
    pub x1: usize,
    /// Index into the parts returned with it.
    pub part: usize,
}

/// One 8-connected part: its bounding box (half-open) and its pixel count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
    pub area: usize,
}

impl Part {
    pub fn width(&self) -> usize {
        self.x1 - self.x0
    }
    pub fn height(&self) -> usize {
        self.y1 - self.y0
    }
}

/// The runs and parts of `mask` (`w` × `h`, row-major), parts in order of their first run
/// (top to bottom, then left to right).
pub fn parts(mask: &[bool], w: usize, h: usize) -> (Vec<Run>, Vec<Part>) {
    let mut runs: Vec<Run> = Vec::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut prev = 0..0;
    for y in 0..h {
        let row = &mask[y * w..(y + 1) * w];
        let first = runs.len();
        let mut x = 0;
        while x < w {
            if !row[x] {
                x += 1;
                continue;
            }
            let x0 = x;
            while x < w && row[x] {
                x += 1;
            }
            let id = runs.len();
            runs.push(Run { y, x0, x1: x, part: id });
            parent.push(id);
            for j in prev.clone() {
                let r: &Run = &runs[j];
                // Touching diagonally counts: [x0, x) against [r.x0 - 1, r.x1 + 1).
                if r.x0 <= x && x0 <= r.x1 {
                    union(&mut parent, j, id);
                }
            }
        }
        prev = first..runs.len();
    }
    let mut index = vec![usize::MAX; runs.len()];
    let mut out: Vec<Part> = Vec::new();
    for (i, r) in runs.iter_mut().enumerate() {
        let root = find(&mut parent, i);
        if index[root] == usize::MAX {
            index[root] = out.len();
            out.push(Part {
                x0: usize::MAX,
                y0: usize::MAX,
                x1: 0,
                y1: 0,
                area: 0,
            });
        }
        r.part = index[root];
        let p = &mut out[r.part];
        p.x0 = p.x0.min(r.x0);
        p.y0 = p.y0.min(r.y);
        p.x1 = p.x1.max(r.x1);
        p.y1 = p.y1.max(r.y + 1);
        p.area += r.x1 - r.x0;
    }
    (runs, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask(rows: &[&str]) -> (Vec<bool>, usize, usize) {
        let w = rows[0].len();
        (
            rows.iter().flat_map(|r| r.chars().map(|c| c == '#')).collect(),
            w,
            rows.len(),
        )
    }

    #[test]
    fn parts_join_diagonal_neighbours_and_count_pixels() {
        let (m, w, h) = mask(&["##..#", ".#..#", "..#..", "....."]);
        let (runs, ps) = parts(&m, w, h);
        assert_eq!(ps.len(), 2);
        assert_eq!(
            ps[0],
            Part {
                x0: 0,
                y0: 0,
                x1: 3,
                y1: 3,
                area: 4
            }
        );
        assert_eq!(
            ps[1],
            Part {
                x0: 4,
                y0: 0,
                x1: 5,
                y1: 2,
                area: 2
            }
        );
        assert!(runs.iter().all(|r| r.part < 2));
    }

    #[test]
    fn a_u_shape_is_one_part() {
        let (m, w, h) = mask(&["#...#", "#...#", "#####"]);
        let (_, ps) = parts(&m, w, h);
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].area, 9);
    }
}
