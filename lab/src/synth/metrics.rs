//! Glyph widths and line wrapping. Text is drawn in two fonts, as real reports are (S6: one CJK
//! serif plus Helvetica): the built-in Helvetica for Latin/WinAnsi characters and the embedded
//! CJK font for everything else. Droid Sans Fallback has no Latin glyphs, so the split is needed
//! for the text to extract at all.

/// Helvetica advance widths (AFM, 1/1000 em) for ASCII 32..=126.
const HELV: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];

/// Helvetica width of the WinAnsi extras the report uses; `None` = not a Helvetica character.
fn helv_extra(c: char) -> Option<u16> {
    Some(match c {
        '—' | '…' => 1000,
        '–' => 556,
        '“' | '”' => 333,
        '‘' | '’' => 222,
        '×' => 584,
        '·' => 278,
        _ => return None,
    })
}

/// True when `c` is drawn with Helvetica rather than the CJK font.
pub fn is_latin(c: char) -> bool {
    (' '..='~').contains(&c) || helv_extra(c).is_some()
}

/// Advance width of `c` at `size` points. CJK glyphs (and full-width punctuation) are one em.
pub fn char_width(c: char, size: f32) -> f32 {
    let w = if (' '..='~').contains(&c) {
        HELV[c as usize - 32]
    } else {
        helv_extra(c).unwrap_or(1000)
    };
    w as f32 * size / 1000.0
}

pub fn text_width(s: &str, size: f32) -> f32 {
    s.chars().map(|c| char_width(c, size)).sum()
}

/// Greedy wrap: explicit `\n` breaks first, then break before the character that would overflow.
/// CJK text may break anywhere; so do long Latin tokens (IDs, e-mails), which is also what the
/// sample's cells do. `script_gap` (em) is the extra space the drawer puts where a line switches
/// between CJK and Latin runs; it must be measured here too, or text overflows its cell.
pub fn wrap(s: &str, width: f32, size: f32, script_gap: f32) -> Vec<String> {
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut w = 0.0;
        let mut prev: Option<bool> = None;
        for c in para.chars() {
            let latin = is_latin(c);
            let gap = if prev.is_some_and(|p| p != latin) {
                script_gap * size
            } else {
                0.0
            };
            let cw = char_width(c, size);
            if w + gap + cw > width && !line.is_empty() {
                out.push(std::mem::take(&mut line));
                w = cw;
            } else {
                w += gap + cw;
            }
            line.push(c);
            prev = Some(latin);
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_width_and_keeps_every_char() {
        let s = "北京市海淀区中关村南大街5号理科3号楼601室";
        let lines = wrap(s, 60.0, 8.0, 0.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), s);
        for l in &lines {
            assert!(text_width(l, 8.0) <= 60.0 + 8.0);
        }
        assert_eq!(wrap("a\nb", 100.0, 8.0, 0.0), vec!["a", "b"]);
        assert!(is_latin('—') && is_latin('7') && !is_latin('（'));
    }

    #[test]
    fn wrap_measures_the_script_gap() {
        // "四川省" + "2310" + "室": two script switches, each 0.3 em at 8 pt = 2.4 pt.
        let s = "四川省2310室";
        let plain = text_width(s, 8.0);
        assert_eq!(wrap(s, plain + 0.1, 8.0, 0.0).len(), 1);
        let lines = wrap(s, plain + 0.1, 8.0, 0.3);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines.concat(), s);
    }
}
