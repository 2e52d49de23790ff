//! Plain geometry in page space: PDF points, origin top-left, y down. No I/O.

use serde::{Deserialize, Serialize};

/// Axis-aligned rectangle; `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Rect {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Rect {
    /// Builds a rectangle from any two corners.
    pub fn new(xa: f32, ya: f32, xb: f32, yb: f32) -> Self {
        Self {
            x0: xa.min(xb),
            y0: ya.min(yb),
            x1: xa.max(xb),
            y1: ya.max(yb),
        }
    }
    /// Width in points.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    /// Height in points.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }
    /// Centre point `(x, y)`.
    pub fn center(&self) -> (f32, f32) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }
    /// Whether the point lies inside (edges included).
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
    /// Smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }
    /// Area of the overlap (0 when disjoint).
    pub fn intersection_area(&self, o: &Rect) -> f32 {
        let w = (self.x1.min(o.x1) - self.x0.max(o.x0)).max(0.0);
        let h = (self.y1.min(o.y1) - self.y0.max(o.y0)).max(0.0);
        w * h
    }
}

/// Length of `[start, end)` that the union of `intervals` covers (each clipped to the span;
/// overlapping intervals count once).
pub fn covered_length(start: f32, end: f32, intervals: impl Iterator<Item = (f32, f32)>) -> f32 {
    let mut iv: Vec<(f32, f32)> = intervals
        .map(|(a, b)| (a.max(start), b.min(end)))
        .filter(|(a, b)| b > a)
        .collect();
    iv.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut total, mut reach) = (0.0f32, start);
    for (a, b) in iv {
        if b > reach {
            total += b - a.max(reach);
            reach = b;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covered_length_counts_overlaps_once_within_the_span() {
        let iv = [(10.0, 30.0), (20.0, 40.0), (90.0, 120.0), (-5.0, 2.0)];
        assert_eq!(covered_length(0.0, 100.0, iv.into_iter()), 42.0);
        assert_eq!(covered_length(0.0, 100.0, std::iter::empty()), 0.0);
    }

    #[test]
    fn rect_normalises_corners_and_measures_overlap() {
        let a = Rect::new(10.0, 10.0, 0.0, 0.0);
        assert_eq!(
            a,
            Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 10.0,
                y1: 10.0
            }
        );
        let b = Rect::new(5.0, 5.0, 15.0, 20.0);
        assert_eq!(a.intersection_area(&b), 25.0);
        assert_eq!(a.union(&b), Rect::new(0.0, 0.0, 15.0, 20.0));
        assert!(a.contains(10.0, 0.0));
        assert!(!a.contains(10.1, 0.0));
    }
}
