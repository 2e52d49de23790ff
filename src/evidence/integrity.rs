//! Document integrity signals (EVIDENCE.md, "Document integrity signals"): facts about the PDF
//! file itself that a genuine second-generation report does not show. Each signal is a
//! [`Check`] whose rule id starts with `integrity.`; they inform and never change `status`.
//!
//! * `integrity.revisions` — more than one revision: the file was changed by incremental
//!   updates after it was written (each update appends objects, a cross-reference section and
//!   its own `%%EOF`; see [`revisions`]).
//! * `integrity.textOverImage` — visible text drawn over an image that covers most of a page
//!   (a number pasted onto a scan). Invisible text (a searchable scan's OCR layer) is not.
//! * `integrity.sectionFonts` — a font family used on one page of a section and on no other
//!   page of that section, while the section's other pages share their fonts (an edited line
//!   set in the editor's own font). Sections are found by their level-1 headings in the page
//!   text.
//! * `integrity.producer` — a born-digital report whose `/Producer` is none of the programs
//!   known to write reports ([`crate::lexicon::producers`]). Image-only files (scans) are not
//!   judged: any scanner may have made them.
//!
//! The fifth signal, the report number's date against the report time, reads only the result;
//! it is `integrity.serialNo.reportTime` of [`super::checks::run`], so it is not repeated here.
//!
//! A signal reads only the file and the facts of its pages ([`PageFacts`], gathered by the first
//! pass over each page's objects and characters); it speaks when it could look (a file
//! without a producer has no producer check) and its messages name no personal data.

use std::collections::BTreeSet;

use pdfium_render::prelude::*;

use super::checks::Check;
use crate::lexicon::producers::is_known_producer;
use crate::lexicon::sections::{is_numeral, level1_titles};
use crate::pdf::content::extract_page_checked;
use crate::pdf::facts::PageFacts;
use crate::Result;

const REVISIONS: &str = "integrity.revisions";
const TEXT_OVER_IMAGE: &str = "integrity.textOverImage";
const SECTION_FONTS: &str = "integrity.sectionFonts";
const PRODUCER: &str = "integrity.producer";

/// Every integrity signal of one PDF: `bytes` is the file, `doc` the same file opened by
/// pdfium, `pages` its pages' facts in page order, as the first pass gathered them.
pub fn run(bytes: &[u8], doc: &PdfDocument<'_>, pages: &[PageFacts]) -> Vec<Check> {
    let mut out = vec![revision_check(bytes)];
    out.extend(text_over_image(pages));
    out.extend(section_fonts(pages));
    let image_only = pages.iter().all(|p| p.fonts.is_empty());
    if !image_only {
        out.extend(producer_check(doc));
    }
    out
}

/// [`run`] on a document whose pages were not read: each page is read here for its facts (tools
/// and tests; a parse passes the facts of its own first pass).
pub fn run_on(bytes: &[u8], doc: &PdfDocument<'_>) -> Result<Vec<Check>> {
    let pages = doc
        .pages()
        .iter()
        .enumerate()
        .map(|(i, p)| extract_page_checked(&p, i).map(|read| read.facts))
        .collect::<Result<Vec<_>>>()?;
    Ok(run(bytes, doc, &pages))
}

fn check(rule: &str, ok: bool, message: String) -> Check {
    Check {
        rule: rule.to_string(),
        ok,
        paths: Vec::new(),
        message,
    }
}

/// Number of revisions in the file: the first, plus every later `… %%EOF` part that defines
/// at least one object. A part without objects (Word's closing empty cross-reference table of a
/// hybrid file) changes nothing, and a linearized file's first-page part is not a revision.
pub fn revisions(bytes: &[u8]) -> usize {
    let mut parts = Vec::new();
    let mut from = 0;
    for end in find_all(bytes, b"%%EOF") {
        parts.push(&bytes[from..end]);
        from = end + 5;
    }
    // A linearized file announces itself in its first object, within the first kilobytes.
    let head = &bytes[..bytes.len().min(2048)];
    let skip = if find_all(head, b"/Linearized").next().is_some() {
        2
    } else {
        1
    };
    1 + parts.iter().skip(skip).filter(|p| defines_object(p)).count()
}

fn find_all<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(hay, needle)
}

/// Whether `part` holds an indirect object definition `N G obj`.
fn defines_object(part: &[u8]) -> bool {
    find_all(part, b"obj").any(|i| {
        let after = part.get(i + 3).copied();
        if after.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        // Backwards: whitespace, generation digits, whitespace, object digits.
        let mut j = i;
        let mut groups = 0;
        while groups < 2 {
            let ws = part[..j].iter().rev().take_while(|c| c.is_ascii_whitespace()).count();
            let digits = part[..j - ws].iter().rev().take_while(|c| c.is_ascii_digit()).count();
            if ws == 0 || digits == 0 {
                return false;
            }
            j -= ws + digits;
            groups += 1;
        }
        j == 0 || !part[j - 1].is_ascii_alphanumeric()
    })
}

fn revision_check(bytes: &[u8]) -> Check {
    let n = revisions(bytes);
    check(
        REVISIONS,
        n <= 1,
        if n <= 1 {
            "one revision: no incremental update after the file was written".into()
        } else {
            format!("{n} revisions: the file was changed by {} incremental update(s)", n - 1)
        },
    )
}

/// One check per page whose picture covers most of it: text drawn inside that picture fails.
fn text_over_image(pages: &[PageFacts]) -> Vec<Check> {
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate().filter(|(_, p)| p.has_page_image()) {
        let inside = p.over_image;
        out.push(check(
            TEXT_OVER_IMAGE,
            inside == 0,
            if inside == 0 {
                format!("page {}: a page image with no visible text over it", i + 1)
            } else {
                format!(
                    "page {}: {inside} visible character(s) drawn over the page image",
                    i + 1
                )
            },
        ));
    }
    out
}

/// The level-1 sections each page holds: the one running at its top, and each whose heading
/// (a numeral followed by a level-1 title) it prints.
fn sections_per_page(pages: &[PageFacts]) -> Vec<BTreeSet<&'static str>> {
    let mut current: Option<&'static str> = None;
    let mut out = Vec::with_capacity(pages.len());
    for p in pages {
        let mut here = BTreeSet::new();
        let mut heads: Vec<(usize, &'static str)> = level1_titles()
            .iter()
            .flat_map(|t| {
                p.text
                    .match_indices(t)
                    .filter(|(i, _)| p.text[..*i].chars().next_back().is_some_and(is_numeral))
                    .map(move |(i, _)| (i, *t))
            })
            .collect();
        heads.sort();
        if let Some(c) = current {
            if heads.first().is_none_or(|(i, _)| *i > 0) {
                here.insert(c);
            }
        }
        for (_, t) in heads {
            here.insert(t);
            current = Some(t);
        }
        out.push(here);
    }
    out
}

/// One check per section printed on more than one page with text: a font found on one of its
/// pages only, while its other pages agree on their fonts, fails.
fn section_fonts(pages: &[PageFacts]) -> Vec<Check> {
    let sections = sections_per_page(pages);
    let names: BTreeSet<&str> = sections.iter().flatten().copied().collect();
    let mut out = Vec::new();
    for name in names {
        let on: Vec<usize> = (0..pages.len())
            .filter(|&i| sections[i].contains(name) && !pages[i].fonts.is_empty())
            .collect();
        if on.len() < 2 {
            continue;
        }
        let mut odd = Vec::new();
        for &i in &on {
            for font in pages[i].fonts.keys() {
                let elsewhere = on.iter().any(|&j| j != i && pages[j].fonts.contains_key(font));
                if !elsewhere {
                    odd.push(i + 1);
                    break;
                }
            }
        }
        // A font of its own on every page is how some producers subset fonts, not an edit.
        let ok = odd.is_empty() || odd.len() == on.len();
        out.push(check(
            SECTION_FONTS,
            ok,
            if ok {
                format!("{name}: its {} pages share their fonts", on.len())
            } else {
                let pages: Vec<String> = odd.iter().map(usize::to_string).collect();
                format!(
                    "{name}: page(s) {} use a font no other page of the section uses",
                    pages.join(", ")
                )
            },
        ));
    }
    out
}

fn producer_check(doc: &PdfDocument<'_>) -> Option<Check> {
    let producer = doc
        .metadata()
        .get(PdfDocumentMetadataTagType::Producer)?
        .value()
        .trim()
        .to_string();
    if producer.is_empty() {
        return None;
    }
    let ok = is_known_producer(&producer);
    // A program name, not personal data; cut to keep messages short.
    let shown: String = producer.chars().take(60).collect();
    Some(check(
        PRODUCER,
        ok,
        if ok {
            format!("made by {shown}, a known producer of reports")
        } else {
            format!("made by {shown}, not a known producer of reports")
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_count_updates_that_define_objects() {
        let one = b"%PDF-1.7\n1 0 obj<<>>endobj\nxref\n0 2\ntrailer<<>>\nstartxref\n9\n%%EOF\n";
        assert_eq!(revisions(one), 1);
        let mut two = one.to_vec();
        two.extend_from_slice(b"2 0 obj<</Producer(x)>>endobj\nxref\n2 1\ntrailer<</Prev 9>>\nstartxref\n60\n%%EOF\n");
        assert_eq!(revisions(&two), 2);
        // An empty closing table (Word's hybrid files) is no revision.
        let mut word = one.to_vec();
        word.extend_from_slice(b"xref\ntrailer<</Prev 9/XRefStm 3>>\nstartxref\n60\n%%EOF\n");
        assert_eq!(revisions(&word), 1);
        // A linearized file's first-page part is no revision either.
        let lin = b"%PDF-1.7\n1 0 obj<</Linearized 1>>endobj\nxref\ntrailer<<>>\n%%EOF\n2 0 obj<<>>endobj\nxref\ntrailer<<>>\nstartxref\n0\n%%EOF\n";
        assert_eq!(revisions(lin), 1);
        assert!(!defines_object(b"endobj /ObjStm"));
        assert!(defines_object(b"\n12 0 obj"));
    }
}
