//! Raster page analysis: ruling lines, orientation, skew (issue [4/4]); being written.
