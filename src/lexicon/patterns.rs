//! The lines a report prints from a fixed form with numbers filled in: the titles of dated
//! anchor lines (`2014年11月—2017年02月的还款记录`, [`super::anchors`]) and numbered section
//! headings (`一 个人基本信息`, `（二）居住信息`). Their words are the report's own; only the
//! numbers vary (report_layout.md §2, §15).
//!
//! [`fill`] says whether an OCR reading is such a line, read as printed where it was sure and
//! each unsure character the form's own word character or the same mark in another width,
//! with every number read surely: a number is never guessed. Every form has one length (dates
//! print `YYYY年MM月DD日`, headings one numeral), so a reading that dropped or gained a character
//! fits none: the forms need no test of the characters' spacing. Lines whose numbers vary in
//! length (`账户12`, `第3页，共22页`, `报告编号：…`) are not forms here, since a digit dropped
//! inside them would still fit.

use std::sync::OnceLock;

use super::{anchors, fold, printed, sections};

/// A part of a printed form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// Words printed as they are.
    Words(&'static str),
    /// This many ASCII digits.
    Digits(usize),
    /// The Chinese numeral of a heading (`一` … `十`).
    Numeral,
}

/// One printed form, its pieces in reading order.
type Form = Vec<Piece>;

const NUMERALS: &str = "一二三四五六七八九十";

/// The reading `chars` as the one form it fits, each uncertain character (`certain[i]`
/// false) of the form's words replaced by the form's own; spaces are not part of a form and
/// stay where they were read. `None` unless the reading fits a form whole, every character in a
/// slot is certain, every certain word character is the form's own and every uncertain one
/// its own or the same mark ([`fold::same_mark`]), and every form it fits spells it alike.
pub fn fill(chars: &[char], certain: &[bool]) -> Option<String> {
    if chars.len() != certain.len() {
        return None;
    }
    let read: Vec<(usize, char, bool)> = chars
        .iter()
        .zip(certain)
        .enumerate()
        .filter(|(_, (c, _))| **c != ' ')
        .map(|(i, (&c, &sure))| (i, c, sure))
        .collect();
    let mut answer: Option<Vec<char>> = None;
    for form in forms() {
        let mut spelled = chars.to_vec();
        if fits(form, &read, &mut spelled) {
            match &answer {
                Some(a) if *a != spelled => return None,
                _ => answer = Some(spelled),
            }
        }
    }
    answer.map(|a| a.into_iter().collect())
}

/// Whether `read` (position in the reading, character, certain) fits `form` whole, writing the
/// form's word characters into `spelled` at their positions.
fn fits(form: &[Piece], read: &[(usize, char, bool)], spelled: &mut [char]) -> bool {
    let Some((piece, rest)) = form.split_first() else {
        return read.is_empty();
    };
    match *piece {
        Piece::Words(words) => {
            let n = words.chars().count();
            if read.len() < n {
                return false;
            }
            let (head, tail) = read.split_at(n);
            let agrees = words
                .chars()
                .zip(head)
                .all(|(w, &(_, c, sure))| if sure { w == c } else { fold::same_mark(w, c) });
            if !agrees {
                return false;
            }
            for (w, &(i, _, _)) in words.chars().zip(head) {
                spelled[i] = w;
            }
            fits(rest, tail, spelled)
        }
        Piece::Digits(n) => number(read, n, |c| c.is_ascii_digit(), rest, spelled),
        Piece::Numeral => number(read, 1, |c| NUMERALS.contains(c), rest, spelled),
    }
}

/// `n` certain characters of `class` at the start of `read`, then `rest`.
fn number(
    read: &[(usize, char, bool)],
    n: usize,
    class: impl Fn(char) -> bool,
    rest: &[Piece],
    spelled: &mut [char],
) -> bool {
    read.len() >= n && read[..n].iter().all(|&(_, c, sure)| sure && class(c)) && fits(rest, &read[n..], spelled)
}

/// Every printed form, built once from the lexicon's words.
fn forms() -> &'static [Form] {
    static V: OnceLock<Vec<Form>> = OnceLock::new();
    V.get_or_init(|| {
        use Piece::{Digits, Numeral, Words};
        let month = |then: &'static str| [Digits(4), Words("年"), Digits(2), Words(then)];
        let mut v: Vec<Form> = Vec::new();
        // `YYYY年MM月—YYYY年MM月的还款记录` / `…的缴费记录`.
        for record in [anchors::REPAYMENT_RECORD, anchors::PAYMENT_RECORD] {
            let mut f: Form = month("月—").to_vec();
            f.extend(month("月"));
            f.push(Words(record));
            v.push(f);
        }
        // `YYYY年MM月DD日以后的最新还款记录`, and a state line's `截至YYYY年MM月DD日` on its own.
        let day: Form = month("月").into_iter().chain([Digits(2), Words("日")]).collect();
        v.push(day.iter().copied().chain([Words(anchors::LATEST_REPAYMENT)]).collect());
        for as_of in [anchors::AS_OF, anchors::AS_OF_VARIANT] {
            v.push([Words(as_of)].into_iter().chain(day.iter().copied()).collect());
        }
        // Numbered headings: `一 个人基本信息` (the space is not part of a form) and `（一）身份信息`.
        // Not a title that begins a longer one: `（二）循环贷账户` may be `（二）循环贷账户二`
        // whose last character was lost at the crop's edge.
        for level in sections::LEVEL1.iter().filter(|l| !l.unnumbered) {
            let whole = |t: &&&'static str| !printed::begins_another(t);
            for title in level.titles.iter().filter(whole) {
                v.push(vec![Numeral, Words(title)]);
            }
            let inner = level.children.iter().flat_map(|(_, t)| t.iter()).chain(level.inner);
            for title in inner.filter(whole) {
                v.push(vec![Words("（"), Numeral, Words("）"), Words(title)]);
            }
        }
        v
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `read` filled with the characters at `uncertain` read without confidence.
    fn filled(read: &str, uncertain: &[usize]) -> Option<String> {
        let chars: Vec<char> = read.chars().collect();
        let certain: Vec<bool> = (0..chars.len()).map(|i| !uncertain.contains(&i)).collect();
        fill(&chars, &certain)
    }

    #[test]
    fn printed_forms_read_surely_stand_as_read() {
        for line in [
            "2014年11月—2017年02月的还款记录",
            "2015年01月—2015年05月的缴费记录",
            "2017年02月02日以后的最新还款记录",
            "截至2017年02月09日",
            "一 个人基本信息",
            "三信贷交易信息明细",
            "（二）居住信息",
            "（六）其他公开信息",
            "（一）欠税记录",
        ] {
            assert_eq!(filled(line, &[]).as_deref(), Some(line), "{line}");
        }
    }

    #[test]
    fn uncertain_word_characters_become_the_forms_own() {
        // The dash read as the numeral one, and `年` doubtful.
        assert_eq!(
            filled("2014年11月一2017年02月的还款记录", &[4, 8]).as_deref(),
            Some("2014年11月—2017年02月的还款记录")
        );
        assert_eq!(filled("(二）居住信息", &[0]).as_deref(), Some("（二）居住信息"));
    }

    #[test]
    fn numbers_and_certain_characters_are_never_guessed() {
        // A doubtful digit or numeral: the number is not known.
        assert_eq!(filled("2014年11月—2017年02月的还款记录", &[1]), None);
        assert_eq!(filled("（二）居住信息", &[1]), None);
        // A certain character that is not the form's, even the same mark in another width.
        assert_eq!(filled("(二）居住信息", &[]), None);
        assert_eq!(filled("2014年11月一2017年02月的还款记录", &[]), None);
        // A doubtful character that is another character altogether.
        assert_eq!(filled("2014年11月—2017年02日的还款记录", &[13]), None);
    }

    #[test]
    fn readings_that_do_not_fit_a_form_whole_are_refused() {
        for line in [
            "",
            "2014年11月—2017年02月",
            "201年11月—2017年02月的还款记录",
            "2014年1月—2017年02月的还款记录",
            "截至2015年5月25日",
            "截至2015年05月25日，信用卡账户已销户",
            "账户12",
            "第1页，共8页",
            "报告编号：2017032718384598701084",
            "（十一）其他公开信息",
            "（二）循环贷账户",
            "（二）张三",
            "二 张三",
            "湖北省武汉市洪山区中山北路241号",
            "（二)居住信息",
        ] {
            assert_eq!(filled(line, &[]), None, "{line}");
        }
    }
}
