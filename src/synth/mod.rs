//! Synthetic credit-report corpus generator (issue [2/4]); being written.
