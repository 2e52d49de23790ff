//! Image-only (scanned) variants of generated reports; being written.
