//! The one text normaliser: the comparison form of a label, title or heading.
//!
//! Every reader compares printed words in a folded form so that the Word-made sample
//! (`逾期 31—60 天`), real reports (`逾期31－90天`) and OCR output (`(一)`, `－`) read alike. The
//! readers do not all fold the same way, and the differences are deliberate, so they are
//! named options of one function rather than separate functions: the detail tables' labels
//! are written with `-`, every other key with `—`; only heading keys treat `～` as a dash and
//! drop a trailing colon. Values are never folded: they are returned as printed.

/// What dash variants (`- ‐ ‑ ‒ – — ― − －`) become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dashes {
    /// Left as they are.
    Keep,
    /// All read as `—` (the report's own dash).
    EmDash,
    /// All read as ASCII `-` (the form the detail labels are compared in).
    Hyphen,
}

/// Which full-width forms (U+FF01–U+FF5E) become ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// None.
    Keep,
    /// Digits `０`–`９` only.
    Digits,
    /// Digits, Latin letters and symbols, except the punctuation the report prints full-width
    /// on purpose (`（）：，；！？`).
    Ascii,
}

/// Options of [`Fold::apply`]. Whitespace is always dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    /// ASCII `(` `)` as `（` `）`.
    pub full_width_brackets: bool,
    /// ASCII `:` as `：`.
    pub full_width_colon: bool,
    /// Dash variants.
    pub dashes: Dashes,
    /// `~` and `～` count as dashes (ranges printed `31～60`).
    pub tilde_is_dash: bool,
    /// Quotation marks (`"'“”‘’「」『』`) dropped: titles are printed with and without them.
    pub drop_quotes: bool,
    /// Full-width forms as ASCII.
    pub width: Width,
    /// Trailing `：` dropped (`报告编号：`).
    pub trim_colon: bool,
}

/// Every dash variant OCR or a PDF text layer produces for the report's `—`.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '－')
}

fn is_tilde(c: char) -> bool {
    matches!(c, '~' | '～')
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』')
}

/// Whether `a` and `b` are one punctuation mark in two widths or shapes, as OCR confuses them:
/// `(`/`（`, `)`/`）`, `:`/`：`, the dashes (and the numeral `一`, which is a dash to OCR:
/// [`super::confusions::ONE_LOOKALIKES`]), the quotation marks. A character is its own mark.
pub fn same_mark(a: char, b: char) -> bool {
    let dashlike = |c: char| is_dash(c) || c == '一' || super::confusions::ONE_LOOKALIKES.contains(&c);
    a == b
        || matches!(
            (a, b),
            ('(' | '（', '(' | '（') | (')' | '）', ')' | '）') | (':' | '：', ':' | '：')
        )
        || (dashlike(a) && dashlike(b))
        || (is_quote(a) && is_quote(b))
}

impl Fold {
    /// Whitespace dropped, nothing else: anchors (`截至 2015 年 05 月` → `截至2015年05月`).
    pub const COMPACT: Fold = Fold {
        full_width_brackets: false,
        full_width_colon: false,
        dashes: Dashes::Keep,
        tilde_is_dash: false,
        drop_quotes: false,
        width: Width::Keep,
        trim_colon: false,
    };

    /// Whitespace dropped and ASCII brackets full-width: the title block as classification
    /// reads it (`(本人版)`).
    pub const TITLE_LINE: Fold = Fold {
        full_width_brackets: true,
        ..Fold::COMPACT
    };

    /// Labels of the credit-detail tables: whitespace dropped, dashes as `-`.
    pub const DETAIL_LABEL: Fold = Fold {
        dashes: Dashes::Hyphen,
        ..Fold::COMPACT
    };

    /// Layout-neutral comparison form of OCR correction: printed variants that the parsers
    /// treat alike must not count as OCR errors.
    pub const MATCH: Fold = Fold {
        full_width_brackets: true,
        full_width_colon: true,
        dashes: Dashes::EmDash,
        tilde_is_dash: false,
        drop_quotes: true,
        width: Width::Ascii,
        trim_colon: false,
    };

    /// Key of a label, title or heading in the section parsers: like [`Fold::MATCH`], but
    /// `～` is a dash, only digits are narrowed, and a trailing colon is dropped.
    pub const KEY: Fold = Fold {
        tilde_is_dash: true,
        width: Width::Digits,
        trim_colon: true,
        ..Fold::MATCH
    };

    /// `s` in this form.
    pub fn apply(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if let Some(m) = self.map(c) {
                out.push(m);
            }
        }
        if self.trim_colon {
            while out.ends_with('：') {
                out.pop();
            }
        }
        out
    }

    /// One character in this form; `None` when it is dropped.
    fn map(&self, c: char) -> Option<char> {
        if c.is_whitespace() {
            return None;
        }
        // Folding runs for every cell of every table: the cheap tests come first.
        let is_dash = self.dashes != Dashes::Keep && (is_dash(c) || (self.tilde_is_dash && is_tilde(c)));
        let mapped = match c {
            '(' if self.full_width_brackets => '（',
            ')' if self.full_width_brackets => '）',
            ':' if self.full_width_colon => '：',
            _ if is_dash && self.dashes == Dashes::EmDash => '—',
            _ if is_dash && self.dashes == Dashes::Hyphen => '-',
            _ if self.drop_quotes && is_quote(c) => return None,
            '０'..='９' if self.width != Width::Keep => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{FF01}'..='\u{FF5E}'
                if self.width == Width::Ascii && !matches!(c, '（' | '）' | '：' | '，' | '；' | '！' | '？') =>
            {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        };
        Some(mapped)
    }
}

/// `s` folded with `options` (shorthand for [`Fold::apply`]).
pub fn fold(s: &str, options: Fold) -> String {
    options.apply(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_form_ignores_layout_variants() {
        assert_eq!(Fold::MATCH.apply("逾期 61－90 天未还本金"), "逾期61—90天未还本金");
        assert_eq!(Fold::MATCH.apply("(一) “数字解读”"), "（一）数字解读");
        assert_eq!(Fold::MATCH.apply("ＡＢ１２：，"), "AB12：，");
        assert_eq!(Fold::MATCH.apply("31～60"), "31~60");
    }

    #[test]
    fn key_form_reads_tildes_as_dashes_and_drops_the_colon() {
        assert_eq!(Fold::KEY.apply("报告编号: "), "报告编号");
        assert_eq!(Fold::KEY.apply("31～60 ＡＢ１"), "31—60ＡＢ1");
        assert_eq!(Fold::KEY.apply("『数字解读』"), "数字解读");
    }

    #[test]
    fn detail_labels_use_hyphens_and_keep_brackets() {
        assert_eq!(
            Fold::DETAIL_LABEL.apply("逾期 31—60 天\n未还本金"),
            "逾期31-60天未还本金"
        );
        assert_eq!(Fold::DETAIL_LABEL.apply("逾期61－90天(未还)"), "逾期61-90天(未还)");
    }

    #[test]
    fn compact_and_title_line_only_touch_spaces_and_brackets() {
        assert_eq!(Fold::COMPACT.apply("截至 2015 年 05 月—"), "截至2015年05月—");
        assert_eq!(Fold::TITLE_LINE.apply(" (本人版) －"), "（本人版）－");
    }
}
