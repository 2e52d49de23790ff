//! The fixed texts a report prints as a cell or line of their own: labels, table titles,
//! stand-alone lines, section titles and the values of closed code tables. A reading that is
//! exactly one of them, with nothing before or after it in its crop, is a word the report
//! prints, not free text (see `ocr::TinyRecParams::accepts`).

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{codes, labels, sections};

/// Whether `text` is, exactly as printed, one of the report's fixed texts.
pub fn is_fixed_text(text: &str) -> bool {
    fixed_texts().contains(text)
}

fn fixed_texts() -> &'static HashSet<&'static str> {
    static V: OnceLock<HashSet<&'static str>> = OnceLock::new();
    V.get_or_init(|| {
        let titles = sections::LEVEL1.iter().flat_map(|l| {
            l.titles
                .iter()
                .chain(l.children.iter().flat_map(|(_, t)| t.iter()))
                .chain(l.inner.iter())
                .copied()
        });
        labels::WORDS
            .iter()
            .map(|w| w.text)
            .chain(codes::ALL.iter().flat_map(|(_, words)| words.iter().copied()))
            .chain(titles)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_codes_and_titles_are_fixed_texts_and_nothing_else_is() {
        for word in [
            "账户状态",
            "人民币元",
            "循环贷账户二",
            "信贷交易信息明细",
            "身份信息",
            "判决信息",
        ] {
            assert!(is_fixed_text(word), "{word}");
        }
        // Free text, a fixed text with a character more or less, and a reading with spaces.
        for text in ["张三", "账户状", "账户状态正常", "人民币 元", "", "2019.01.01"] {
            assert!(!is_fixed_text(text), "{text}");
        }
    }
}
