//! Reading the printed values the rules compare: dates in any of the report's spellings
//! (`2015.06.01`, `2015年05月25日`, `2015年5月29日`, `2015.06`), amounts with thousands
//! separators, counts. Anything else is `None`: a rule never compares what it cannot read.

/// A calendar day, comparable; `day` is 0 for a month-only value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// Days since 1970-01-01 (proleptic Gregorian), for window arithmetic; a month-only value
    /// counts as its first day.
    pub fn ordinal(self) -> i64 {
        let (y, m, d) = (self.year as i64, self.month as i64, self.day.max(1) as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The same value as a month (`day` 0), for comparing with month-only values.
    pub fn month_only(self) -> Day {
        Day { day: 0, ..self }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// The digit groups of `s` (`2015年5月29日` → 2015, 5, 29).
fn groups(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect()
}

/// A full date (year, month, day) at the start of `s`; a time after it is ignored.
pub fn date(s: &str) -> Option<Day> {
    let g = groups(s);
    if g.len() < 3 || g[0].len() != 4 || g[1].len() > 2 || g[2].len() > 2 {
        return None;
    }
    let (year, month, day) = (g[0].parse().ok()?, g[1].parse().ok()?, g[2].parse().ok()?);
    (1900..=2100).contains(&year).then_some(())?;
    (1..=12).contains(&month).then_some(())?;
    (1..=days_in_month(year, month)).contains(&day).then_some(())?;
    Some(Day { year, month, day })
}

/// A month (`2015.06`, `2015年06月`), or the month of a full date.
pub fn month(s: &str) -> Option<Day> {
    let g = groups(s);
    if g.len() < 2 || g[0].len() != 4 || g[1].len() > 2 {
        return None;
    }
    let (year, month) = (g[0].parse().ok()?, g[1].parse().ok()?);
    ((1900..=2100).contains(&year) && (1..=12).contains(&month)).then_some(Day { year, month, day: 0 })
}

/// The report time `YYYY.MM.DD HH:MM:SS` (the convention's spelling), fully validated.
pub fn date_time(s: &str) -> Option<(Day, u32, u32, u32)> {
    let (d, t) = s.trim().split_once(' ')?;
    let day = date(d).filter(|_| groups(d).len() == 3)?;
    let hms: Vec<u32> = t.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    match hms[..] {
        [h, m, s] if h < 24 && m < 60 && s < 60 => Some((day, h, m, s)),
        _ => None,
    }
}

/// An amount or count as printed (`1,010,000`, `0`, `12.50`) in hundredths; `--` and blanks
/// are `None`.
pub fn amount(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    let plain: String = s.chars().filter(|&c| c != ',').collect();
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    if int.is_empty() || frac.len() > 2 || frac.contains('.') {
        return None;
    }
    let frac = format!("{frac:0<2}");
    Some(int.parse::<i64>().ok()? * 100 + frac.parse::<i64>().ok()?)
}

/// A whole count (`3`); `None` for anything else.
pub fn count(s: &str) -> Option<u64> {
    let s = s.trim();
    (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_spelling() {
        let d = Day {
            year: 2015,
            month: 5,
            day: 29,
        };
        assert_eq!(date("2015年5月29日"), Some(d));
        assert_eq!(date("2015年05月29日"), Some(d));
        assert_eq!(date("2015.05.29"), Some(d));
        assert_eq!(date("2015.02.30"), None);
        assert_eq!(date("2015.05"), None);
        assert_eq!(
            month("2015.05"),
            Some(Day {
                year: 2015,
                month: 5,
                day: 0
            })
        );
        assert_eq!(
            month("2015年05月"),
            Some(Day {
                year: 2015,
                month: 5,
                day: 0
            })
        );
        assert_eq!(date_time("2015.06.01 10:05:15").map(|t| t.1), Some(10));
        assert_eq!(date_time("2015.06.01 24:05:15"), None);
        assert_eq!(date_time("2015.06.01"), None);
    }

    #[test]
    fn ordinals_count_days() {
        let a = date("2016.02.28").unwrap().ordinal();
        let b = date("2016.03.01").unwrap().ordinal();
        assert_eq!(b - a, 2);
        assert_eq!(date("1970.01.01").unwrap().ordinal(), 0);
    }

    #[test]
    fn amounts_and_counts() {
        assert_eq!(amount("1,010,000"), Some(101_000_000));
        assert_eq!(amount("12.5"), Some(1250));
        assert_eq!(amount("--"), None);
        assert_eq!(amount(""), None);
        assert_eq!(count("3"), Some(3));
        assert_eq!(count("3.0"), None);
    }
}
