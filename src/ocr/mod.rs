//! OCR: PP-OCR detection + recognition through ort (issue [4/4]); being written.
