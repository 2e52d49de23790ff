//! Identity numbers: the GB 11643 check digit of 18-character 居民身份证 numbers, and the birth
//! date they encode against the printed 出生日期.

use super::values::{self, Day};
use super::Check;
use crate::report::CreditReport;

const CHECK_DIGIT: &str = "identity.idNum.checkDigit";
const BIRTH_DATE: &str = "identity.birthDate";
/// The printed-form rule of `formats`: a 居民身份证 number's length is part of its form.
const FORMAT: &str = "value.format";

/// Whether `id`, printed as a 居民身份证 number, has a length one prints: 18 characters (15 for
/// the first-generation card), or fewer where a mask of `*` stands for the birth date
/// (`110108******181X`, 16). The recogniser collapses a run of equal characters that no gap
/// separates, so a masked number loses its stars (`440106*929` for `440106******9229`) and
/// keeps every other character's confidence; its length tells. `None` for `--` or nothing read.
fn id_card_length_ok(id: &str) -> Option<bool> {
    let n = id.chars().count();
    (n > 0 && id != "--").then_some((15..=18).contains(&n))
}

/// `Some(valid)` for an unmasked 18-character number (17 digits and a digit or `X`).
fn check_digit_ok(id: &str) -> Option<bool> {
    let b = id.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return None;
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CODES: &[u8; 11] = b"10X98765432";
    let sum: u32 = b[..17].iter().zip(WEIGHTS).map(|(d, w)| (d - b'0') as u32 * w).sum();
    let last = b[17].to_ascii_uppercase();
    (last.is_ascii_digit() || last == b'X').then(|| CODES[(sum % 11) as usize] == last)
}

/// The birth date in positions 7–14, when those characters are printed (numbers masked
/// elsewhere, e.g. `110108******181X`, have none).
fn birth_of(id: &str) -> Option<Day> {
    let b: Vec<char> = id.chars().collect();
    if b.len() != 18 {
        return None;
    }
    let s: String = b[6..14].iter().collect();
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    values::date(&format!("{}.{}.{}", &s[..4], &s[4..6], &s[6..]))
}

pub(super) fn run(r: &CreditReport, out: &mut Vec<Check>) {
    let h = &r.credit_header;
    // (证件类型, path, 证件号码) of every ID number the report prints for a person.
    let mut ids = vec![(h.id_type.as_str(), "creditHeader.idNum".to_string(), h.id_num.as_str())];
    ids.extend(h.other_id_info.iter().enumerate().map(|(i, o)| {
        (
            o.kind.as_str(),
            format!("creditHeader.otherIdInfo[{i}].idNum"),
            o.id_num.as_str(),
        )
    }));
    let spouse = &r.person_basic_info.connubial_info;
    ids.push((
        spouse.id_type.as_str(),
        "personBasicInfo.connubialInfo.idNum".to_string(),
        spouse.id_num.as_str(),
    ));
    for (kind, path, id) in ids {
        let id = id.trim();
        if kind.trim() == "身份证" && id_card_length_ok(id) == Some(false) {
            let msg = "a 身份证 number of a length none is printed in (15 to 18 characters)";
            out.push(Check::new(FORMAT, false, vec![path.clone()], msg.to_string()));
        }
        if let Some(ok) = check_digit_ok(id) {
            let msg = if ok {
                "the check digit agrees with the other 17 digits"
            } else {
                "the check digit does not agree with the other 17 digits"
            };
            out.push(Check::new(CHECK_DIGIT, ok, vec![path], msg.to_string()));
        }
    }

    let birthday = &r.person_basic_info.person_info.birthday.value;
    if let (Some(encoded), Some(printed)) = (birth_of(h.id_num.trim()), values::date(birthday)) {
        let ok = encoded == printed;
        let msg = if ok {
            "the birth date in the ID number equals the printed 出生日期".to_string()
        } else {
            "the birth date in the ID number differs from the printed 出生日期".to_string()
        };
        out.push(Check::new(
            BIRTH_DATE,
            ok,
            vec![
                "creditHeader.idNum".into(),
                "personBasicInfo.personInfo.birthday.value".into(),
            ],
            msg,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb11643_check_digits() {
        // Published examples of the standard's algorithm.
        assert_eq!(check_digit_ok("11010519491231002X"), Some(true));
        assert_eq!(check_digit_ok("440524188001010014"), Some(true));
        assert_eq!(check_digit_ok("440524188001010015"), Some(false));
        assert_eq!(check_digit_ok("110108******181X"), None);
        assert_eq!(check_digit_ok("G30003516"), None);
        assert_eq!(id_card_length_ok("110108******181X"), Some(true));
        assert_eq!(id_card_length_ok("440106******9229"), Some(true));
        assert_eq!(id_card_length_ok("110105491231002"), Some(true));
        assert_eq!(id_card_length_ok("440106*929"), Some(false));
        assert_eq!(id_card_length_ok("11010519491231002X1"), Some(false));
        assert_eq!(id_card_length_ok("--"), None);
        assert_eq!(
            birth_of("11010519491231002X").map(|d| (d.year, d.month, d.day)),
            Some((1949, 12, 31))
        );
    }
}
