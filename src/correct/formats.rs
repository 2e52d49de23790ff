//! Validators and conservative fixers for the value formats of report_layout.md §3.
//!
//! A fixer repairs only what OCR demonstrably confuses — `O`/`o` for `0`, `l`/`I` for `1`,
//! full-width forms, a comma read as `，`, the em dash read as `-`/`一` where the format
//! requires one — and keeps the repair only when the result validates. Digits are never added,
//! dropped or guessed: a value that does not validate after these repairs is left as read.

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Already in the format.
    Valid,
    /// Not in the format, but the OCR repairs give a value that is; the repaired value.
    Fixed(String),
    /// Not in the format and not repairable: to be left as read.
    Invalid,
    /// Not this check's business (e.g. a passport number under 证件号码).
    NotApplicable,
}

impl Check {
    /// The value to keep: the repaired one, or `original` as read.
    pub fn value(self, original: &str) -> String {
        match self {
            Check::Fixed(v) => v,
            _ => original.to_string(),
        }
    }
}

/// The digit an OCR confusion stands for (full-width digits included).
fn confusable_digit(c: char) -> Option<char> {
    match c {
        'O' | 'o' => Some('0'),
        'l' | 'I' => Some('1'),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// Dash variants OCR reads for the em dash (and `一`, the CJK "one", which is the same stroke).
fn is_dash_like(c: char) -> bool {
    matches!(
        c,
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '－' | '−' | '一' | '~' | '～'
    )
}

/// Replaces confusable characters by digits, `，` by `,`, and drops whitespace. Returns `None`
/// when nothing was confusable or when no character was read as a digit at all (a string of
/// letters such as a lone `O` is not a number misread; the caller's format check does the rest).
fn repair_digits(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let (mut real, mut changed) = (0usize, false);
    for c in s.chars() {
        if c.is_ascii_digit() {
            real += 1;
            out.push(c);
        } else if let Some(d) = confusable_digit(c) {
            // Full-width digits are digits, not misreadings.
            if !c.is_ascii() {
                real += 1;
            }
            changed = true;
            out.push(d);
        } else if c == '，' {
            changed = true;
            out.push(',');
        } else if c == '％' {
            changed = true;
            out.push('%');
        } else if c.is_whitespace() {
            changed = true;
        } else {
            out.push(c);
        }
    }
    (changed && real >= 1).then_some(out)
}

/// Runs `valid` on `s`, then on its repaired form.
fn check_with(s: &str, valid: impl Fn(&str) -> bool) -> Check {
    let s = s.trim();
    if s.is_empty() {
        return Check::NotApplicable;
    }
    if valid(s) {
        return Check::Valid;
    }
    if let Some(na) = restore_na(s) {
        return na;
    }
    // Blur can merge `--` into one dash; a lone dash is no value in any format that has `--`.
    if s.chars().count() == 1 && s.chars().all(is_dash_like) && valid("--") {
        return Check::Fixed("--".into());
    }
    match repair_digits(s) {
        Some(r) if valid(&r) => Check::Fixed(r),
        _ => Check::Invalid,
    }
}

/// `--` (not applicable, §3) read as two dash-like glyphs (`一一`, `——`, `-—`).
fn restore_na(s: &str) -> Option<Check> {
    let chars: Vec<char> = s.chars().collect();
    (chars.len() == 2 && chars.iter().all(|c| is_dash_like(*c)) && s != "--").then(|| Check::Fixed("--".into()))
}

fn all_digits(s: &str, n: std::ops::RangeInclusive<usize>) -> bool {
    n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid_year(y: &str) -> bool {
    all_digits(y, 4..=4) && (y.starts_with("19") || y.starts_with("20"))
}

/// Year, month (1–12) and optionally day (valid for the month), as digit strings.
fn valid_ymd(y: &str, m: &str, d: Option<&str>, padded: bool) -> bool {
    let width = if padded { 2..=2 } else { 1..=2 };
    if !valid_year(y) || !all_digits(m, width.clone()) {
        return false;
    }
    let (yy, mm): (u32, u32) = (y.parse().unwrap_or(0), m.parse().unwrap_or(0));
    if !(1..=12).contains(&mm) {
        return false;
    }
    match d {
        None => true,
        Some(d) => all_digits(d, width) && (1..=days_in_month(yy, mm)).contains(&d.parse().unwrap_or(0)),
    }
}

/// `YYYY.MM.DD` or `YYYY.MM`.
pub fn is_dot_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    match parts.as_slice() {
        [y, m] => valid_ymd(y, m, None, true),
        [y, m, d] => valid_ymd(y, m, Some(d), true),
        _ => false,
    }
}

/// `YYYY年MM月DD日` or `YYYY年MM月` (the 防欺诈警示 dates are not zero-padded: `2015年5月29日`).
pub fn is_cjk_date(s: &str) -> bool {
    let Some((y, rest)) = s.split_once('年') else {
        return false;
    };
    let Some((m, rest)) = rest.split_once('月') else {
        return false;
    };
    match rest {
        "" => valid_ymd(y, m, None, false),
        _ => rest.strip_suffix('日').is_some_and(|d| valid_ymd(y, m, Some(d), false)),
    }
}

/// Any printed date form, or `--`.
pub fn is_date(s: &str) -> bool {
    s == "--" || is_dot_date(s) || is_cjk_date(s)
}

/// Separators OCR reads for the `.` of a dotted date.
fn repair_dots(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '，' | ',' | '．' | '。' | '·') {
                '.'
            } else {
                c
            }
        })
        .collect()
}

/// Date check: digit confusions, dot separators misread as commas, and trailing OCR noise
/// after a space (`2022.06.16 广`, §15) are repaired.
pub fn check_date(s: &str) -> Check {
    let t = s.trim();
    if let Some((head, tail)) = t.split_once(char::is_whitespace) {
        let tail = tail.trim();
        let noise = tail.chars().count() <= 2 && !tail.chars().any(|c| c.is_ascii_digit());
        if noise {
            return match check_date(head) {
                Check::Valid => Check::Fixed(head.to_string()),
                fixed @ Check::Fixed(_) => fixed,
                other => other,
            };
        }
    }
    match check_with(t, is_date) {
        Check::Invalid => match repair_digits(&repair_dots(t)).unwrap_or_else(|| repair_dots(t)) {
            r if r != t && is_date(&r) => Check::Fixed(r),
            r => match lost_dot(&r) {
                Some(d) if is_date(&d) => Check::Fixed(d),
                _ => Check::Invalid,
            },
        },
        other => other,
    }
}

/// `YYYY.MMDD` / `YYYYMM.DD` (a point lost to the scan) as `YYYY.MM.DD`: eight digits and one
/// point, where one of the two belongs. A date with no point left is not cut up by guess.
fn lost_dot(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let dot = s.find('.')?;
    let ok = digits.len() == 8
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
        && s.matches('.').count() == 1
        && matches!(dot, 4 | 6);
    ok.then(|| format!("{}.{}.{}", &digits[..4], &digits[4..6], &digits[6..]))
}

/// `YYYY年MM月—YYYY年MM月` with the em dash (U+2014) and start ≤ end.
pub fn is_month_range(s: &str) -> bool {
    let Some((a, b)) = s.split_once('—') else {
        return false;
    };
    is_cjk_date(a) && is_cjk_date(b) && !a.contains('日') && !b.contains('日') && a.len() == b.len() && a <= b
}

/// Month-range check (grid titles): the dash between the two months is restored to U+2014
/// (it is the only dash the format has), digit confusions are repaired.
pub fn check_month_range(s: &str) -> Check {
    let t = s.trim();
    if is_month_range(t) {
        return Check::Valid;
    }
    // The separator is the dash-like run right after the first `月`.
    let Some(m) = t.find('月') else { return Check::Invalid };
    let (left, right) = t.split_at(m + '月'.len_utf8());
    let right = right.trim_start_matches(|c: char| is_dash_like(c) || c.is_whitespace());
    let sep_len = t.len() - left.len() - right.len();
    if sep_len == 0 {
        return Check::Invalid;
    }
    let fix = |p: &str| repair_digits(p).unwrap_or_else(|| p.to_string());
    let candidate = format!("{}—{}", fix(left), fix(right));
    if is_month_range(&candidate) {
        Check::Fixed(candidate)
    } else {
        Check::Invalid
    }
}

/// Whole-yuan amount `360,000` (§3; an optional `.dd` as S8 accepts; a leading minus), or `--`.
pub fn is_amount(s: &str) -> bool {
    if s == "--" {
        return true;
    }
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if frac.is_some_and(|f| !all_digits(f, 1..=2)) {
        return false;
    }
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok =
        all_digits(groups[0], 1..=3) && !(groups[0].starts_with('0') && (groups.len() > 1 || groups[0].len() > 1));
    first_ok && groups[1..].iter().all(|g| all_digits(g, 3..=3))
}

/// Amount check (`36O,000` → `360,000`, `1，010，000` → `1,010,000`, `9.480` → `9,480`).
pub fn check_amount(s: &str) -> Check {
    match check_with(s, is_amount) {
        Check::Invalid => {
            let s = s.trim();
            let digits = repair_digits(s).unwrap_or_else(|| s.to_string());
            match points_as_commas(&digits) {
                Some(t) if is_amount(&t) => Check::Fixed(t),
                _ => Check::Invalid,
            }
        }
        other => other,
    }
}

/// A cell of a repayment grid's amount row: an amount (see [`check_amount`]), or a lone `O`,
/// `o`, `〇`, `○`, which there can only be `0` (the row holds amounts and `--`, and `0` is its
/// most frequent amount; elsewhere a lone `O` may be a letter and is left as read).
pub fn check_grid_amount_cell(s: &str) -> Check {
    let t = s.trim();
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some(zero) = mark_of(c, &['0']) {
            return Check::Fixed(zero.to_string());
        }
    }
    check_amount(s)
}

/// `s` with every `.` that is followed by exactly three digits read as `,`. Amounts carry at
/// most two decimals (§3), so a point before a group of three can only be a thousands comma
/// that a blurred scan has lost the tail of; `None` when there is no such point.
fn points_as_commas(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    for (i, &c) in chars.iter().enumerate() {
        let group = chars
            .get(i + 1..i + 4)
            .is_some_and(|g| g.iter().all(char::is_ascii_digit))
            && chars.get(i + 4).is_none_or(|n| matches!(n, ',' | '.' | '，'));
        if c == '.' && group {
            out.push(',');
            changed = true;
        } else {
            out.push(c);
        }
    }
    changed.then_some(out)
}

/// A count (`账户数`, `还款期数`): digits, or `--`.
pub fn is_count(s: &str) -> bool {
    s == "--" || (all_digits(s, 1..=6) && !(s.len() > 1 && s.starts_with('0')))
}

/// Count check.
pub fn check_count(s: &str) -> Check {
    check_with(s, is_count)
}

/// Four-digit year (进入本单位年份), or `--`.
pub fn check_year(s: &str) -> Check {
    check_with(s, |v| v == "--" || valid_year(v))
}

/// `12%` / `7.5%`, or `--`.
pub fn is_percent(s: &str) -> bool {
    s == "--"
        || s.strip_suffix('%').is_some_and(|n| match n.split_once('.') {
            Some((i, f)) => all_digits(i, 1..=3) && all_digits(f, 1..=2),
            None => all_digits(n, 1..=3),
        })
}

/// Percentage check (`１２％` → `12%`, `l2%` → `12%`).
pub fn check_percent(s: &str) -> Check {
    check_with(s, is_percent)
}

/// ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID.
fn id_check_char(first17: &[u8]) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.iter().zip(W).map(|(b, w)| u32::from(b - b'0') * w).sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

/// A resident ID: 18 characters with a correct MOD 11-2 check character, 15 digits (first
/// generation), or a masked form (`110108******181X`) whose hidden digits cannot be checked.
pub fn is_id_number(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() == 18 && b[..17].iter().all(u8::is_ascii_digit) {
        return id_check_char(&b[..17]) == b[17] as char;
    }
    if all_digits(s, 15..=15) {
        return true;
    }
    let stars = s.bytes().filter(|&c| c == b'*').count();
    let shape = s
        .bytes()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || c == b'*' || (c == b'X' && i == b.len() - 1));
    let star_run = s.trim_matches(|c: char| c != '*');
    stars > 0 && shape && (15..=18).contains(&b.len()) && star_run.bytes().all(|c| c == b'*') && !s.starts_with('*')
}

/// ID check. Shapes that are not resident IDs (passports, 军官证) are not this check's
/// business. A full ID whose check character fails is invalid: it is never "corrected" by
/// changing a digit.
pub fn check_id_number(s: &str) -> Check {
    let t = s.trim();
    let id_like = (15..=18).contains(&t.chars().count())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '*' || matches!(c, 'X' | 'x') || confusable_digit(c).is_some());
    if !id_like {
        return Check::NotApplicable;
    }
    if is_id_number(t) {
        return Check::Valid;
    }
    let mut r = repair_digits(t).unwrap_or_else(|| t.to_string());
    if r.ends_with('x') {
        r.pop();
        r.push('X');
    }
    if r != t && is_id_number(&r) {
        Check::Fixed(r)
    } else {
        Check::Invalid
    }
}

/// A mobile number `13811117777`, a landline `010—83234323` (em dash, CONVENTIONS 3), a local
/// number `83234323`, or `--`.
pub fn is_phone(s: &str) -> bool {
    if s == "--" || (all_digits(s, 11..=11) && s.starts_with('1')) || all_digits(s, 7..=8) {
        return true;
    }
    match s.split_once('—') {
        Some((area, num)) => all_digits(area, 3..=4) && area.starts_with('0') && all_digits(num, 7..=8),
        None => false,
    }
}

/// Phone check: digit confusions and the area-code dash restored to U+2014.
pub fn check_phone(s: &str) -> Check {
    let t = s.trim();
    match check_with(t, is_phone) {
        Check::Invalid => {
            let fixed = repair_digits(t).unwrap_or_else(|| t.to_string());
            let dashed: String = fixed.chars().map(|c| if is_dash_like(c) { '—' } else { c }).collect();
            if dashed != t && is_phone(&dashed) {
                Check::Fixed(dashed)
            } else {
                Check::Invalid
            }
        }
        other => other,
    }
}

/// Full-width forms of the status characters.
fn ascii_status(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        other => other,
    }
}

/// What OCR reads for the grid's marks and look-alike codes (printed code → misreadings). A
/// grid state cell holds one character of a small alphabet, so a misreading is mapped back when
/// exactly one of the codes it may stand for is in the grid's alphabet: `★` or a dot is `*` (no
/// other code is that small), but `O`
/// stays as read in a credit grid (`0` or `D`) and becomes `0` in a 后付费 grid (no `D`).
const MARK_CONFUSIONS: &[(char, &str)] = &[
    // A `*` printed at 8–9 pt and scanned at 150 DPI is a few pixels of ink: read as a dot.
    ('*', "★☆✱✲✳✴✵✶✷✸✹✺✻✼✽⁎∗⋆※米大•·∙。．"),
    ('#', "井♯⌗"),
    ('/', "∕⁄丿"),
    ('0', "Oo〇○"),
    ('D', "Oo〇○"),
    ('1', "lI|丨"),
];

/// Whether `c` is a known misreading of a grid mark or code (`★`, `。`, `井`, `O`, `l`…), which
/// the correction of a grid cell maps back to its code.
pub fn is_known_mark_misreading(c: char) -> bool {
    MARK_CONFUSIONS.iter().any(|(_, seen)| seen.contains(c))
}

/// Whether OCR's reading `c` may be the grid mark `*` (itself or one of its misreadings).
pub fn reads_as_asterisk(c: char) -> bool {
    c == '*'
        || MARK_CONFUSIONS
            .iter()
            .any(|(code, seen)| *code == '*' && seen.contains(c))
}

/// The one code of `set` that the misreading `c` may stand for; `None` when it may stand for
/// none or for several.
fn mark_of(c: char, set: &[char]) -> Option<char> {
    let mut codes = MARK_CONFUSIONS
        .iter()
        .filter(|(code, seen)| set.contains(code) && seen.contains(c))
        .map(|(code, _)| *code);
    match (codes.next(), codes.next()) {
        (Some(code), None) => Some(code),
        _ => None,
    }
}

/// One status character from `set`. Only full-width forms are normalised: any other
/// character could stand for more than one code (`O`: `0` or `D`?), so it stays as read.
pub fn check_status(s: &str, set: &[char]) -> Check {
    let t = s.trim();
    let mut chars = t.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return if t.is_empty() {
            Check::NotApplicable
        } else {
            Check::Invalid
        };
    };
    if set.contains(&c) {
        Check::Valid
    } else if set.contains(&ascii_status(c)) {
        Check::Fixed(ascii_status(c).to_string())
    } else {
        Check::Invalid
    }
}

/// A grid cell of a status row: a status character, or status and amount run together
/// (`B16,200`, when the amount row was not separated). Blank is not this check's business:
/// it stays blank.
pub fn check_grid_status_cell(s: &str, set: &[char]) -> Check {
    let t = s.trim();
    if t.chars().count() <= 1 {
        return match (check_status(t, set), t.chars().next().map(|c| mark_of(c, set))) {
            (Check::Invalid, Some(Some(code))) => Check::Fixed(code.to_string()),
            (check, _) => check,
        };
    }
    let first = t.chars().next().map(|c| c.to_string()).unwrap_or_default();
    let rest = &t[first.len()..];
    match (check_status(&first, set), check_amount(rest)) {
        (Check::Valid, Check::Valid) => Check::Valid,
        (Check::Valid | Check::Fixed(_), Check::Valid | Check::Fixed(_)) => {
            let st = check_status(&first, set).value(&first);
            Check::Fixed(format!("{st}{}", check_amount(rest).value(rest)))
        }
        _ => Check::Invalid,
    }
}

/// `YYYY.MM.DD hh:mm:ss` (报告时间).
pub fn is_report_time(s: &str) -> bool {
    let Some((date, time)) = s.split_once(' ') else {
        return false;
    };
    let t: Vec<&str> = time.split(':').collect();
    let in_range = |v: &str, max: u32| all_digits(v, 2..=2) && v.parse::<u32>().is_ok_and(|n| n <= max);
    date.len() == 10
        && is_dot_date(date)
        && t.len() == 3
        && in_range(t[0], 23)
        && in_range(t[1], 59)
        && in_range(t[2], 59)
}

/// Report-time check, including the glued OCR form `2024.031311:05:32` (§15) and a colon read
/// as a point (`2020.01.2618:05.46`): the separators are put back only when all 14 digits are
/// there and every separator read falls between two fields.
pub fn check_report_time(s: &str) -> Check {
    let t = s.trim();
    if is_report_time(t) {
        return Check::Valid;
    }
    let repaired = repair_digits(t).unwrap_or_else(|| t.to_string());
    let digits: String = repaired.chars().filter(char::is_ascii_digit).collect();
    let shape_ok = repaired
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ':' | ' '));
    // Where the separators fall, counted in digits: each must sit between two of the six
    // fields (`:` read as `.` or a space lost keep that), and at least three of them must be
    // there, so a run of digits is never cut up by guess.
    let mut cuts = Vec::new();
    let mut seen = 0usize;
    for c in repaired.chars() {
        if c.is_ascii_digit() {
            seen += 1;
        } else if cuts.last() != Some(&seen) {
            cuts.push(seen);
        }
    }
    let at_fields = cuts.iter().all(|c| matches!(c, 4 | 6 | 8 | 10 | 12));
    if digits.len() != 14 || !shape_ok || !at_fields || cuts.len() < 3 {
        return Check::Invalid;
    }
    let d = digits.as_str();
    let rebuilt = format!(
        "{}.{}.{} {}:{}:{}",
        &d[..4],
        &d[4..6],
        &d[6..8],
        &d[8..10],
        &d[10..12],
        &d[12..14]
    );
    if is_report_time(&rebuilt) {
        Check::Fixed(rebuilt)
    } else {
        Check::Invalid
    }
}

/// Report number: 22 digits in real reports, 18 in the design sample (§3).
pub fn check_report_number(s: &str) -> Check {
    check_with(s, |v| all_digits(v, 18..=18) || all_digits(v, 22..=22))
}

#[cfg(test)]
#[path = "formats_tests.rs"]
mod tests;

/// What OCR reads for the quote marks around a masked institution's code (`“` `”` at 8–9 pt on
/// a copy): straight quotes, primes, a dash, a degree sign, a star or a dot.
fn is_quote_like(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '„'
            | '\''
            | '‘'
            | '’'
            | '`'
            | '´'
            | '″'
            | '′'
            | '「'
            | '」'
            | '『'
            | '』'
            | '°'
            | '*'
            | '·'
    ) || is_dash_like(c)
}

/// The code of a masked institution name: ASCII capitals and digits (`D7HY`, `8QQN1GDT`).
fn is_institution_code(s: &str) -> bool {
    (MIN_INSTITUTION_CODE..=MAX_INSTITUTION_CODE).contains(&s.chars().count())
        && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// A masked institution's code is this many characters at least…
const MIN_INSTITUTION_CODE: usize = 3;
/// …and at most this many.
const MAX_INSTITUTION_CODE: usize = 16;

/// An institution cell in the 授信机构版's masked form `type“CODE”` (`外资银行“D7HY”`): a type of
/// [`INSTITUTION_TYPES`], then a code of capitals and digits in curly quotes. OCR misreads the
/// small quotes (`-`, `"`, `°`, `*`, or nothing) and one character of the type
/// (`外责银行`); where the rest of the cell is exactly a code between such marks, the quotes
/// are the printed ones and the type is the one entry it snaps to. The code itself is never
/// changed. A legal name (`招商银行股份有限公司…`) or anything else is not this check's
/// business.
pub fn check_masked_institution(s: &str) -> Check {
    let t = s.trim();
    let Some((kind, rest)) = institution_type_prefix(t) else {
        return Check::NotApplicable;
    };
    let code = rest.trim_start_matches(is_quote_like).trim_end_matches(is_quote_like);
    let marks = rest.chars().count() - code.chars().count();
    if marks > 3 || !is_institution_code(code) {
        return Check::NotApplicable;
    }
    let fixed = format!("{kind}“{code}”");
    if fixed == t {
        Check::Valid
    } else {
        Check::Fixed(fixed)
    }
}

/// The institution type `t` begins with (exactly, or one misread character away from exactly
/// one entry) and what follows it.
fn institution_type_prefix(t: &str) -> Option<(&'static str, &str)> {
    use crate::lexicon::codes::INSTITUTION_TYPES;
    // Longest first: `网络小额贷款公司` before `小额贷款公司`, `小额贷款公司` before `贷款公司`.
    let mut lens: Vec<usize> = INSTITUTION_TYPES.iter().map(|k| k.chars().count()).collect();
    lens.sort_unstable_by(|a, b| b.cmp(a));
    lens.dedup();
    for n in lens {
        let Some((cut, _)) = t.char_indices().nth(n) else {
            continue;
        };
        let (head, rest) = t.split_at(cut);
        if let Some(kind) = INSTITUTION_TYPES.iter().find(|k| **k == head) {
            return Some((kind, rest));
        }
        let same_len: Vec<&'static str> = INSTITUTION_TYPES
            .iter()
            .copied()
            .filter(|k| k.chars().count() == n)
            .collect();
        if let Some(kind) = crate::correct::snap::snap_code_value(head, &same_len) {
            return Some((kind, rest));
        }
    }
    None
}
