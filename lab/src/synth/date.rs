//! Civil dates and the printed formats of §3 of the layout reference.

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

/// A calendar month, used for repayment grids and `YYYY.MM` fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub y: i32,
    pub m: u32,
}

impl Date {
    pub fn new(y: i32, m: u32, d: u32) -> Self {
        Date { y, m, d }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn days(self) -> i64 {
        let y = if self.m <= 2 { self.y - 1 } else { self.y } as i64;
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (self.m as i64 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    pub fn from_days(z: i64) -> Self {
        let z = z + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date {
            y: (if m <= 2 { y + 1 } else { y }) as i32,
            m,
            d,
        }
    }

    pub fn add_days(self, n: i64) -> Self {
        Date::from_days(self.days() + n)
    }

    /// Same day `n` months later, clamped to 28 so every month has it.
    pub fn add_months(self, n: i64) -> Self {
        let mo = self.month().add(n);
        Date {
            y: mo.y,
            m: mo.m,
            d: self.d.min(28),
        }
    }

    pub fn month(self) -> Month {
        Month { y: self.y, m: self.m }
    }

    /// `2015.06.01`
    pub fn dot(self) -> String {
        format!("{:04}.{:02}.{:02}", self.y, self.m, self.d)
    }

    /// `2015年05月25日` (zero-padded, as in 截至 rows)
    pub fn cn(self) -> String {
        format!("{:04}年{:02}月{:02}日", self.y, self.m, self.d)
    }

    /// `2015年5月29日` (not padded, as the 防欺诈警示 dates of the sample)
    pub fn cn_unpadded(self) -> String {
        format!("{}年{}月{}日", self.y, self.m, self.d)
    }
}

impl Month {
    pub fn index(self) -> i64 {
        self.y as i64 * 12 + self.m as i64 - 1
    }

    pub fn from_index(i: i64) -> Self {
        Month {
            y: i.div_euclid(12) as i32,
            m: (i.rem_euclid(12) + 1) as u32,
        }
    }

    pub fn add(self, n: i64) -> Self {
        Month::from_index(self.index() + n)
    }

    /// `2015.05`
    pub fn dot(self) -> String {
        format!("{:04}.{:02}", self.y, self.m)
    }

    /// `2015年05月`
    pub fn cn(self) -> String {
        format!("{:04}年{:02}月", self.y, self.m)
    }

    /// A day of this month.
    pub fn day(self, d: u32) -> Date {
        Date {
            y: self.y,
            m: self.m,
            d: d.clamp(1, 28),
        }
    }
}

/// Whole yuan with ASCII thousands separators: `1,010,000`.
pub fn amount(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_arithmetic_round_trips() {
        for z in [-1000i64, 0, 10_000, 16_587, 20_000] {
            assert_eq!(Date::from_days(z).days(), z);
        }
        assert_eq!(Date::new(2015, 2, 28).add_days(1), Date::new(2015, 3, 1));
        assert_eq!(Date::new(2016, 2, 28).add_days(1), Date::new(2016, 2, 29));
        assert_eq!(Month { y: 2015, m: 6 }.add(-59).cn(), "2010年07月");
    }

    #[test]
    fn formats_match_the_report() {
        assert_eq!(amount(0), "0");
        assert_eq!(amount(360_000), "360,000");
        assert_eq!(amount(1_010_000), "1,010,000");
        assert_eq!(Date::new(2015, 5, 25).cn(), "2015年05月25日");
        assert_eq!(Date::new(2015, 5, 29).cn_unpadded(), "2015年5月29日");
        assert_eq!(Date::new(2015, 6, 1).dot(), "2015.06.01");
    }
}
