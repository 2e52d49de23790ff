//! OCR confusions seen in real scans (report_layout.md §15).

/// Character pairs OCR misreads (misread → printed). Applied as substring replacements, and a
/// replacement only counts when the whole result is an entry of the vocabulary in question, so
/// `货款` can never turn a free text into `贷款`.
pub static CONFUSIONS: &[(&str, &str)] = &[
    ("结消", "结清"),
    ("舰度", "额度"),
    ("概度", "额度"),
    ("师种", "币种"),
    ("营理", "管理"),
    ("货后", "贷后"),
    ("费后", "贷后"),
    ("货款", "贷款"),
    ("资款", "贷款"),
    ("瓷询", "查询"),
];

/// `text` with every confusion pair that occurs in it replaced; `None` when none occurs (most
/// texts: this runs for every label candidate). The caller must check that the result is a
/// word of its vocabulary before using it.
pub fn repaired(text: &str) -> Option<String> {
    let mut out: Option<String> = None;
    for (bad, good) in CONFUSIONS {
        let current = out.as_deref().unwrap_or(text);
        if current.contains(bad) {
            out = Some(current.replace(bad, good));
        }
    }
    out
}

/// What OCR makes of the heading numeral `一` in bold print: a dash of some width.
pub static ONE_LOOKALIKES: &[char] = &['—', '-', '－', '–', '_'];

/// The digit a character of a number stands for: digits, full-width digits, and the letters OCR
/// reads for `0` and `1`.
pub fn digit_of(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        'O' | 'o' => Some('0'),
        'l' | 'I' | '|' => Some('1'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pair_is_repaired() {
        assert_eq!(repaired("营理机构").as_deref(), Some("管理机构"));
        assert_eq!(repaired("账户授信舰度").as_deref(), Some("账户授信额度"));
        assert_eq!(repaired("资款审批货后").as_deref(), Some("贷款审批贷后"));
        assert_eq!(repaired("管理机构"), None);
    }

    #[test]
    fn digits_read_through_look_alikes() {
        assert_eq!(digit_of('O'), Some('0'));
        assert_eq!(digit_of('l'), Some('1'));
        assert_eq!(digit_of('３'), Some('3'));
        assert_eq!(digit_of('账'), None);
    }
}
