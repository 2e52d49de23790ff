//! The fixed texts a report prints as a cell or line of their own: labels, table titles,
//! stand-alone lines, section titles and the values of closed code tables. A reading that is
//! exactly one of them, with nothing before or after it in its crop, is a word the report
//! prints, not free text (see `ocr::TinyRecParams::accepts`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::{codes, fold, labels, sections};

/// Whether `text` is, exactly as printed, one of the report's fixed texts.
pub fn is_fixed_text(text: &str) -> bool {
    fixed_texts().contains(text)
}

/// The one fixed text a reading can stand for when some of its characters are uncertain:
/// `certain[i]` says whether `chars[i]` was read with confidence. A certain character must be
/// the fixed text's own; an uncertain one its own or the same mark in another width or shape
/// ([`fold::same_mark`]: `(` for `（`, `一` for `—`). `None` unless exactly one fixed text of the
/// reading's length agrees with every certain character, so the certain characters alone name
/// it: `授信总额` with `信` uncertain is `授信总额`, but `循环贷账户二` with `二` uncertain is
/// refused, for `循环贷账户一` and `循环贷账户三` agree with the rest too. Nor is a fixed text
/// that begins or ends another completed: an uncertain read of `循环贷账户` may be
/// `循环贷账户二` with its last character lost at the crop's edge (a print-level CI scan).
pub fn only_completion(chars: &[char], certain: &[bool]) -> Option<&'static str> {
    if chars.len() != certain.len() {
        return None;
    }
    // Every fixed text the certain characters allow, each read as its own mark in any width.
    let mut allowed = by_length().get(&chars.len())?.iter().filter(|(_, fixed)| {
        fixed
            .iter()
            .zip(chars.iter().zip(certain))
            .all(|(&f, (&c, &sure))| !sure || fold::same_mark(f, c))
    });
    let (text, fixed) = allowed.next()?;
    if allowed.next().is_some() {
        return None;
    }
    // The one allowed text must still spell the certain characters exactly, and the uncertain
    // ones as its own characters or marks.
    let spelled = fixed
        .iter()
        .zip(chars.iter().zip(certain))
        .all(|(&f, (&c, &sure))| if sure { f == c } else { fold::same_mark(f, c) });
    (spelled && !begins_or_ends_another(text)).then_some(*text)
}

/// Whether a longer fixed text begins or ends with `text`.
fn begins_or_ends_another(text: &str) -> bool {
    static V: OnceLock<HashSet<&'static str>> = OnceLock::new();
    V.get_or_init(|| {
        fixed_texts()
            .iter()
            .copied()
            .filter(|t| longer_one(t, |o, t| o.starts_with(t) || o.ends_with(t)))
            .collect()
    })
    .contains(text)
}

/// Whether a longer fixed text begins with `text`: a reading of `text` whose end was lost at
/// its crop's edge may be that one.
pub fn begins_another(text: &str) -> bool {
    longer_one(text, |o, t| o.starts_with(t))
}

/// Whether a fixed text longer than `text` holds it as `holds` says.
fn longer_one(text: &str, holds: impl Fn(&str, &str) -> bool) -> bool {
    fixed_texts().iter().any(|o| o.len() > text.len() && holds(o, text))
}

/// Fixed texts, each with its characters.
type Spelled = Vec<(&'static str, Vec<char>)>;

/// The fixed texts by their length in characters.
fn by_length() -> &'static HashMap<usize, Spelled> {
    static V: OnceLock<HashMap<usize, Spelled>> = OnceLock::new();
    V.get_or_init(|| {
        let mut m: HashMap<usize, Spelled> = HashMap::new();
        let mut texts: Vec<&'static str> = fixed_texts().iter().copied().collect();
        // One order whatever the set's hashing, so a reading's answer never depends on it.
        texts.sort_unstable();
        for text in texts {
            let chars: Vec<char> = text.chars().collect();
            m.entry(chars.len()).or_default().push((text, chars));
        }
        m
    })
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

    fn completion(read: &str, uncertain: &[usize]) -> Option<&'static str> {
        let chars: Vec<char> = read.chars().collect();
        let certain: Vec<bool> = (0..chars.len()).map(|i| !uncertain.contains(&i)).collect();
        only_completion(&chars, &certain)
    }

    #[test]
    fn uncertain_characters_are_completed_only_where_the_certain_ones_name_one_fixed_text() {
        // An uncertain character that is the fixed text's own, or its mark in another width.
        assert_eq!(completion("授信总额", &[1]), Some("授信总额"));
        assert_eq!(completion("本人查询(临柜）", &[4]), Some("本人查询（临柜）"));
        assert_eq!(completion("逾期91一180天未还本金", &[4]), Some("逾期91—180天未还本金"));
        // Another fixed text agrees with the certain characters: the numeral is not known.
        assert_eq!(completion("循环贷账户二", &[5]), None);
        // The start or end of a longer fixed text (`循环贷账户二`, `非循环贷账户`).
        assert!(is_fixed_text("循环贷账户"));
        assert_eq!(completion("循环贷账户", &[2]), None);
        // A certain character that differs, even as the same mark in another width.
        assert_eq!(completion("本人查询(临柜）", &[]), None);
        assert_eq!(completion("授信总颜", &[1]), None);
        // An uncertain character that is another character altogether.
        assert_eq!(completion("授信总颜", &[3]), None);
        // Free text, and a reading of another length.
        assert_eq!(completion("张三丰", &[1]), None);
        assert_eq!(completion("授信总额度", &[1]), None);
        assert_eq!(only_completion(&['授', '信'], &[true]), None);
    }
}
