//! Programs known to write second-generation credit reports (report_layout.md §2 "Fonts"): the
//! `/Producer` of a born-digital report is compared with these. Matched by prefix, case-blind,
//! because versions follow the name (`iText 2.1.7 by 1T3XT`, `Skia/PDF m120`).
//!
//! * `iText` — the PBOC's own downloads (`iText 2.1.7 by 1T3XT`).
//! * `Skia/PDF` — a report page printed to PDF from a browser (Chrome, Edge), as banks' systems do.
//! * `Microsoft® Word`, `Microsoft Word` — the published design sample.
//! * `Apache FOP` — banks' XSL-FO renderings of the report XML (§2 "bank XSL-FO").
//!
//! A file without `/Producer` (pdfium writes only `/Creator`) is not judged at all.

/// Known producer name prefixes.
pub const KNOWN_PRODUCERS: &[&str] = &["iText", "Skia/PDF", "Microsoft® Word", "Microsoft Word", "Apache FOP"];

/// Whether `producer` starts with a known producer's name.
pub fn is_known_producer(producer: &str) -> bool {
    let p = producer.trim().to_lowercase();
    KNOWN_PRODUCERS.iter().any(|k| p.starts_with(&k.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn producers_match_by_prefix() {
        assert!(is_known_producer("iText 2.1.7 by 1T3XT"));
        assert!(is_known_producer(" skia/pdf m120"));
        assert!(!is_known_producer("Adobe Acrobat Pro DC 21.1"));
        assert!(!is_known_producer(""));
    }
}
