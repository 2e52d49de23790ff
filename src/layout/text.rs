//! Turning spans into text: visual lines, joining without invented spaces, lines outside
//! tables, and page-footer recognition.

use crate::content::TextSpan;
use crate::geom::Rect;

use super::params::LayoutParams;
use super::Line;

/// Latin letters, digits and ASCII punctuation: the only neighbours between which a gap
/// means a real space. Between CJK characters (or CJK and Latin) a gap is layout.
pub fn is_latin(c: char) -> bool {
    c.is_ascii_graphic() || (c.is_alphanumeric() && (c as u32) < 0x2E80)
}

/// Groups spans into visual lines, top to bottom, each left to right. Two spans are on one
/// line when their boxes overlap vertically by at least half the smaller height.
pub(crate) fn group_lines(mut spans: Vec<&TextSpan>) -> Vec<Vec<&TextSpan>> {
    spans.sort_by(|a, b| a.rect.center().1.total_cmp(&b.rect.center().1));
    let mut lines: Vec<(Rect, Vec<&TextSpan>)> = Vec::new();
    for s in spans {
        let joined = lines.last_mut().is_some_and(|(band, members)| {
            let overlap = band.y1.min(s.rect.y1) - band.y0.max(s.rect.y0);
            let smaller = s.rect.height().min(band.height()).max(0.1);
            if overlap >= 0.5 * smaller {
                *band = band.union(&s.rect);
                members.push(s);
                true
            } else {
                false
            }
        });
        if !joined {
            lines.push((s.rect, vec![s]));
        }
    }
    lines
        .into_iter()
        .map(|(_, mut m)| {
            m.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
            m
        })
        .collect()
}

/// Joins the spans of one visual line. Spans were split at a large gap or a ruling; a space
/// is kept only between two Latin/digit runs (`2015.06.01 10:05:15` written as two runs).
pub(crate) fn join_line(spans: &[&TextSpan]) -> String {
    let mut out = String::new();
    for s in spans {
        if let (Some(prev), Some(next)) = (out.chars().last(), s.text.chars().next()) {
            if is_latin(prev) && is_latin(next) {
                out.push(' ');
            }
        }
        out.push_str(&s.text);
    }
    out
}

fn union_rect(spans: &[&TextSpan]) -> Rect {
    spans.iter().skip(1).fold(spans[0].rect, |r, s| r.union(&s.rect))
}

/// Share of characters drawn bold, by character count.
pub(crate) fn bold_count(spans: &[&TextSpan]) -> (usize, usize) {
    spans.iter().fold((0, 0), |(b, n), s| {
        let c = s.text.chars().count();
        (b + if s.bold { c } else { 0 }, n + c)
    })
}

/// Lines of text outside tables on one page, top to bottom. Spans on one baseline stay one
/// line unless a gap wider than `line_gap_em` font sizes separates them.
pub(crate) fn page_lines(page: usize, spans: Vec<&TextSpan>, p: &LayoutParams) -> Vec<Line> {
    let mut out = Vec::new();
    for visual in group_lines(spans) {
        let mut start = 0;
        for i in 1..=visual.len() {
            let split = i == visual.len() || {
                let fs = visual[i - 1].font_size.max(visual[i].font_size).max(1.0);
                visual[i].rect.x0 - visual[i - 1].rect.x1 > p.line_gap_em * fs
            };
            if split {
                out.push(make_line(page, &visual[start..i]));
                start = i;
            }
        }
    }
    out.retain(|l| !l.text.is_empty());
    out
}

fn make_line(page: usize, spans: &[&TextSpan]) -> Line {
    let (bold, total) = bold_count(spans);
    Line {
        text: join_line(spans),
        page,
        rect: union_rect(spans),
        font_size: spans.iter().map(|s| s.font_size).fold(0.0, f32::max),
        bold: total > 0 && bold * 2 > total,
        color: spans[0].color,
    }
}

/// Whether a line is a page footer: `第N页，共M页` and the OCR variants `第N页。共M页`,
/// `第 N 页/共 M 页` (any one separator, spaces ignored).
pub fn is_page_footer(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut i = 0;
    let expect = |i: &mut usize, c: char| -> bool {
        if chars.get(*i) == Some(&c) {
            *i += 1;
            true
        } else {
            false
        }
    };
    let digits = |i: &mut usize| -> bool {
        let s = *i;
        while chars.get(*i).is_some_and(|c| c.is_ascii_digit()) {
            *i += 1;
        }
        *i > s
    };
    if !(expect(&mut i, '第') && digits(&mut i) && expect(&mut i, '页')) {
        return false;
    }
    if chars.get(i).is_some_and(|c| "，,。./／、;；|".contains(*c)) {
        i += 1;
    }
    expect(&mut i, '共') && digits(&mut i) && expect(&mut i, '页') && i == chars.len()
}

/// Share of the page height at the top and bottom where a bare page number may stand.
const MARGIN_SHARE: f32 = 0.08;

/// Whether a line is a bare page number in the top or bottom margin: `3/19` (browser
/// print-outs), `- 3 -`. Only in the margin, so a value like `1/2` elsewhere is kept.
pub(crate) fn is_margin_page_number(line: &Line, page_height: f32) -> bool {
    let margin = page_height * MARGIN_SHARE;
    if line.rect.y0 > margin && line.rect.y1 < page_height - margin {
        return false;
    }
    let t: String = line.text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    let inner = t.trim_start_matches(['-', '—']).trim_end_matches(['-', '—']);
    inner.len() < t.len() && digits(inner)
}

/// Characters of a page footer (`第N页，共M页`) besides its digits, and the separators OCR puts
/// between them.
const FOOTER_CHARS: &str = "第页共，,。.、/／|-—";

/// Whether a line is a page footer misread by OCR, e.g. `第6页，共9页` read as `155292` on a
/// heavy copy, or only its `第` on a photo: it stands in the bottom margin and holds nothing
/// but digits and the footer's own characters, with at least one of its words (第, 页, 共) or
/// at least two digits (where on the width it stands is not a test: OCR may read only part of
/// the footer). Left in, it would sit
/// between a table and its continuation on the next page and keep them apart. A line with any
/// other character (a title, a value with units) is never taken for one.
pub(crate) fn is_misread_footer(line: &Line, page_height: f32) -> bool {
    if line.rect.y0 < page_height * (1.0 - MARGIN_SHARE) {
        return false;
    }
    let chars: Vec<char> = line.text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = chars.iter().filter(|c| c.is_ascii_digit()).count();
    let words = chars.iter().filter(|c| "第页共".contains(**c)).count();
    let foreign = chars
        .iter()
        .filter(|c| !c.is_ascii_digit() && !FOOTER_CHARS.contains(**c))
        .count();
    (foreign == 0 && ((chars.len() >= 4 && digits >= 2) || words > 0))
        || (foreign <= MAX_FOOTER_MISREADS && has_footer_frame(&chars))
}

/// Characters of a misread footer that may be other than its own, when its frame is whole.
const MAX_FOOTER_MISREADS: usize = 2;

/// Whether `chars` hold the footer's frame in order: `第`, then `共`, the last character `页`,
/// and digits in the total (`第买，共4页`: the page number misread, the rest intact).
fn has_footer_frame(chars: &[char]) -> bool {
    let (Some(first), Some(gong)) = (
        chars.iter().position(|&c| c == '第'),
        chars.iter().position(|&c| c == '共'),
    ) else {
        return false;
    };
    let total = &chars[gong + 1..chars.len().saturating_sub(1).max(gong + 1)];
    first == 0
        && gong > first + 1
        && chars.last() == Some(&'页')
        && !total.is_empty()
        && total.iter().all(char::is_ascii_digit)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn span(text: &str, x0: f32, y0: f32, x1: f32, y1: f32) -> TextSpan {
        let n = text.chars().count();
        TextSpan {
            text: text.into(),
            rect: Rect::new(x0, y0, x1, y1),
            char_rects: vec![Rect::new(x0, y0, x1, y1); n],
            font_size: y1 - y0,
            bold: false,
            color: 0,
            confidences: vec![1.0; n],
        }
    }

    #[test]
    fn footers_in_all_printed_and_ocr_forms() {
        for t in [
            "第5页，共19页",
            "第5页。共19页",
            "第 5 页/共 19 页",
            "第12页,共 19 页",
            "第1页共2页",
        ] {
            assert!(is_page_footer(t), "{t}");
        }
        for t in [
            "第5页",
            "共19页",
            "第5页，共19页。其他",
            "第五页，共19页",
            "截至第5页，共19页",
        ] {
            assert!(!is_page_footer(t), "{t}");
        }
    }

    #[test]
    fn bare_page_numbers_only_in_the_margins() {
        let at = |text: &str, y: f32| Line {
            text: text.into(),
            page: 0,
            rect: Rect::new(280.0, y, 320.0, y + 9.0),
            font_size: 9.0,
            bold: false,
            color: 0,
        };
        assert!(is_margin_page_number(&at("3/19", 820.0), 842.0));
        assert!(is_margin_page_number(&at("- 3 -", 10.0), 842.0));
        assert!(!is_margin_page_number(&at("3/19", 400.0), 842.0));
        assert!(!is_margin_page_number(&at("2015/05", 400.0), 842.0));
        assert!(!is_margin_page_number(&at("合计", 820.0), 842.0));
        assert!(!is_margin_page_number(&at("12", 820.0), 842.0));
    }

    #[test]
    fn misread_footers_only_in_the_bottom_margin_and_of_footer_characters() {
        let at = |text: &str, x0: f32, y: f32| Line {
            text: text.into(),
            page: 0,
            rect: Rect::new(x0, y, x0 + 40.0, y + 9.0),
            font_size: 9.0,
            bold: false,
            color: 0,
        };
        let h = 842.0;
        assert!(is_misread_footer(&at("155292", 278.0, 815.0), h));
        assert!(is_misread_footer(&at("6页，共9", 278.0, 815.0), h));
        assert!(is_misread_footer(&at("6 / 19", 278.0, 815.0), h));
        assert!(is_misread_footer(&at("第", 250.0, 815.0), h));
        // The frame whole, the page number misread as another character.
        assert!(is_misread_footer(&at("第买，共4页", 250.0, 815.0), h));
        assert!(is_misread_footer(&at("第1贝，共12页", 250.0, 815.0), h));
        // Not in the bottom margin, other characters, too short.
        assert!(!is_misread_footer(&at("155292", 278.0, 700.0), h));
        assert!(!is_misread_footer(&at("2017年02月", 278.0, 815.0), h));
        assert!(!is_misread_footer(&at("账户12", 278.0, 815.0), h));
        assert!(!is_misread_footer(&at("12", 278.0, 815.0), h));
        assert!(!is_misread_footer(&at("第1笔", 278.0, 815.0), h));
        assert!(!is_misread_footer(&at("第", 250.0, 700.0), h));
        assert!(!is_misread_footer(&at("第买，共4页", 250.0, 700.0), h));
        assert!(
            !is_misread_footer(&at("第二部分共3页", 250.0, 815.0), h),
            "more than two others"
        );
        assert!(!is_misread_footer(&at("第1笔，共计", 250.0, 815.0), h), "no total");
    }

    #[test]
    fn spans_join_with_a_space_only_between_latin_runs() {
        let a = span("2015.06.01", 0.0, 0.0, 45.0, 9.0);
        let b = span("10:05:15", 60.0, 0.0, 96.0, 9.0);
        let c = span("报告时间：", 0.0, 0.0, 45.0, 9.0);
        assert_eq!(join_line(&[&a, &b]), "2015.06.01 10:05:15");
        assert_eq!(join_line(&[&c, &a]), "报告时间：2015.06.01");
    }

    #[test]
    fn lines_group_by_baseline_and_split_at_wide_gaps() {
        let s1 = span("截至", 100.0, 50.0, 118.0, 59.0);
        let s2 = span("2015", 119.0, 50.5, 137.0, 58.5);
        let s3 = span("右侧", 400.0, 50.0, 418.0, 59.0);
        let s4 = span("下一行", 100.0, 62.0, 127.0, 71.0);
        let lines = page_lines(3, vec![&s4, &s3, &s2, &s1], &LayoutParams::default());
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["截至2015", "右侧", "下一行"]);
        assert!(lines.iter().all(|l| l.page == 3));
        assert_eq!(lines[0].rect, Rect::new(100.0, 50.0, 137.0, 59.0));
    }
}
