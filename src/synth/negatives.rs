//! Negative cases: PDFs that are not credit reports, and broken files; being written.
