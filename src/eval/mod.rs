//! Accuracy scorer (issue [2/4]); being written.
