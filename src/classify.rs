//! Structural classification of a Document (issue [3/4]); being written.
