//! Tolerances of grid reconstruction, named so that the OCR path (whose rulings are found in
//! pixels and wobble more) can loosen them without touching the algorithm.

/// Geometric tolerances, in PDF points unless the name says `_em` (multiples of the font size)
/// or `_share` (a fraction).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutParams {
    /// Ruling pieces whose cross positions differ by less than this are one line (a filled
    /// 0.5 pt rectangle and a stroked line drawn over it, a line drawn in cell-sized pieces).
    pub snap_tol: f32,
    /// Collinear pieces separated by a gap up to this are joined (Word leaves 0.5 pt gaps at
    /// every intersection and draws the corner as a separate dot).
    pub join_gap: f32,
    /// A line may stop this far short of a crossing line and still meet it.
    pub touch_tol: f32,
    /// Grid rows and columns thinner than this are artefacts of double rulings and are merged.
    pub min_cell: f32,
    /// A row thinner than this, crossed by no column ruling, between two table-wide lines, is
    /// the gap between two stacked tables whose outer borders a scan blurred together (a text
    /// row is at least a font size high).
    pub gutter_max: f32,
    /// Each line bounding such a gap covers at least this share of the network's width.
    pub gutter_edge_share: f32,
    /// A cell side counts as ruled when rulings cover at least this share of it.
    pub border_cover_share: f32,
    /// A table's side with no closing line is taken as open only when at least this many
    /// lines run on past its last crossing line (see `grid::edges`)…
    pub open_side_min_lines: usize,
    /// …and at least this share of the lines that reach that crossing line.
    pub open_side_share: f32,
    /// Tables on consecutive pages are one table only when their left and right edges agree
    /// within this.
    pub stitch_edge_tol: f32,
    /// On scanned pages, how far a table continued on the next page may lie sideways from
    /// its start as a whole (each sheet lies on the scanner glass in its own place); its
    /// width must still agree within `stitch_edge_tol`.
    pub scan_shift_tol: f32,
    /// Spans on one baseline outside tables form one [`super::Line`] while the gap between
    /// them is at most this many font sizes.
    pub line_gap_em: f32,
    /// A cell line counts as filling its cell (so the text was probably wrapped there) when
    /// the unused width is at most this many font sizes; used to spot a row cut by a page
    /// break.
    pub full_slack_em: f32,
    /// On scanned pages, two runs on one line of one cell with at least this many font sizes
    /// between them may stand either side of a column ruling the scan lost (see
    /// `text_columns`); a space between words is well under one.
    pub lost_column_gap_em: f32,
}

impl Default for LayoutParams {
    fn default() -> Self {
        Self {
            snap_tol: 1.2,
            join_gap: 2.0,
            touch_tol: 2.0,
            min_cell: 3.0,
            gutter_max: 6.0,
            gutter_edge_share: 0.5,
            border_cover_share: 0.5,
            open_side_min_lines: 2,
            open_side_share: 0.5,
            stitch_edge_tol: 3.0,
            scan_shift_tol: 12.0,
            line_gap_em: 3.0,
            full_slack_em: 2.5,
            lost_column_gap_em: 1.5,
        }
    }
}
