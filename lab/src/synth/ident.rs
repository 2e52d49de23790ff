//! Fictitious identities: 18-digit resident ID numbers with a valid ISO 7064 MOD 11-2 check
//! character, names, phones.

use super::date::Date;
use super::rng::SplitMix64;
use super::vocab;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// The check character for the first 17 digits of an ID number (GB 11643, ISO 7064 MOD 11-2).
pub fn id_check_char(first17: &str) -> char {
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| (b - b'0') as u32 * w).sum();
    CHECK[(sum % 11) as usize] as char
}

/// True when `id` is 18 characters with a correct check character.
pub fn id_is_valid(id: &str) -> bool {
    id.len() == 18 && id[..17].bytes().all(|b| b.is_ascii_digit()) && id[17..].starts_with(id_check_char(&id[..17]))
}

/// A resident ID number for someone born on `birth`; odd sequence digit = male.
pub fn id_number(rng: &mut SplitMix64, birth: Date, male: bool) -> String {
    let region = rng.pick(vocab::REGION_CODES);
    let mut seq = rng.range(0, 99) as u32 * 10 + rng.range(0, 4) as u32 * 2;
    if male {
        seq += 1;
    }
    let first17 = format!("{region}{:04}{:02}{:02}{:03}", birth.y, birth.m, birth.d, seq % 1000);
    let c = id_check_char(&first17);
    format!("{first17}{c}")
}

/// The 本人版 header mask: `110108******181X`.
pub fn mask_id(id: &str) -> String {
    format!("{}******{}", &id[..6], &id[14..])
}

/// A two- or three-character fictitious name.
pub fn person_name(rng: &mut SplitMix64) -> String {
    let mut s = rng.pick(vocab::SURNAMES).to_string();
    let n = if rng.chance(0.7) { 2 } else { 1 };
    for _ in 0..n {
        s.push(*rng.pick(vocab::GIVEN_CHARS));
    }
    s
}

/// A mobile number.
pub fn mobile(rng: &mut SplitMix64) -> String {
    format!("1{}{}", rng.pick(&["3", "5", "8", "7"]), rng.digits(9))
}

/// A landline with the em dash the report prints: `010—83234323`.
pub fn landline(rng: &mut SplitMix64) -> String {
    format!("{}—{}", rng.pick(vocab::AREA_CODES), rng.digits(8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_matches_known_examples() {
        // GB 11643 worked example.
        assert_eq!(id_check_char("11010519491231002"), 'X');
        assert!(id_is_valid("11010519491231002X"));
        assert!(!id_is_valid("110105194912310021"));
        let mut rng = SplitMix64::new(3);
        for i in 0..500 {
            let id = id_number(
                &mut rng,
                Date::new(1960 + i % 40, 1 + (i as u32 % 12), 1 + (i as u32 % 28)),
                i % 2 == 0,
            );
            assert!(id_is_valid(&id), "{id}");
            assert_eq!(mask_id(&id).chars().count(), 16);
        }
    }
}
