//! Synthetic credit-report corpus generator (issue [2/4]); being written.

pub mod negatives;
pub mod scan;
