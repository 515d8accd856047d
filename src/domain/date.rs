//! Calendar dates as the model keeps them: ISO `YYYY-MM-DD`, checked once on
//! the way in (the one date validator), stored as the same text, and
//! counted on numbers rather than by cutting the text apart.

use super::text::excerpt;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// A real calendar date from 0001-01-01 to 9999-12-31. Ordered
/// chronologically; written and stored as `2026-03-31`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IsoDate {
    // Field order gives the chronological `Ord`.
    year: u16,
    month: u8,
    day: u8,
}

/// Quotes at most an excerpt, so a huge stored value can't flood a message.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("\"{}\" is not a date like 2026-03-31", excerpt(.0))]
pub struct DateError(pub String);

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// Days in `month` (1-12) of `year`; 0 for a month that does not exist.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl IsoDate {
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        if (1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month) {
            Ok(IsoDate { year, month, day })
        } else {
            Err(DateError(format!("{year:04}-{month:02}-{day:02}")))
        }
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// 1-12.
    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 0000-03-01 (proleptic Gregorian), so adding days is plain
    /// arithmetic; counting from March puts the leap day last in the year.
    fn day_number(self) -> i64 {
        let m = i64::from(self.month);
        let y = i64::from(self.year) - i64::from(m <= 2);
        let shifted_month = (m + 9) % 12; // March = 0
        let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(self.day) - 1;
        y * 365 + y / 4 - y / 100 + y / 400 + day_of_year
    }

    fn from_day_number(n: i64) -> Option<Self> {
        // Inverse of `day_number` over 400-year eras of 146,097 days.
        let era = n.div_euclid(146_097);
        let day_of_era = n.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = era * 400 + year_of_era + i64::from(month <= 2);
        IsoDate::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
        .ok()
    }

    /// Whole days from `earlier` to this date (negative when `earlier` is later).
    pub fn days_since(self, earlier: IsoDate) -> i64 {
        self.day_number() - earlier.day_number()
    }

    /// `days` later (earlier when negative); `None` outside years 1-9999.
    pub fn add_days(self, days: i64) -> Option<Self> {
        Self::from_day_number(self.day_number().checked_add(days)?)
    }

    /// The same day `months` earlier, or the month's last day when it is
    /// shorter (31 May back 3 months is 28 or 29 February); `None` before year 1.
    pub fn months_back(self, months: u32) -> Option<Self> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(months);
        let year = u16::try_from(index.div_euclid(12)).ok()?;
        let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
        IsoDate::new(year, month, self.day.min(days_in_month(year, month))).ok()
    }

    /// The first day of this date's calendar quarter.
    pub fn start_of_quarter(self) -> Self {
        IsoDate {
            year: self.year,
            month: (self.month - 1) / 3 * 3 + 1,
            day: 1,
        }
    }
}

impl FromStr for IsoDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, DateError> {
        let err = || DateError(s.to_string());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let number = |from: usize, to: usize| -> Option<u16> {
            b[from..to].iter().try_fold(0u16, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
            })
        };
        let (Some(year), Some(month), Some(day)) = (number(0, 4), number(5, 7), number(8, 10))
        else {
            return Err(err());
        };
        let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
            return Err(err());
        };
        IsoDate::new(year, month, day).map_err(|_| err())
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for IsoDate {
    type Error = DateError;
    fn try_from(s: String) -> Result<Self, DateError> {
        s.parse()
    }
}

impl From<IsoDate> for String {
    fn from(d: IsoDate) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> IsoDate {
        s.parse().unwrap()
    }

    #[test]
    fn only_real_calendar_dates_parse() {
        assert_eq!(d("2026-03-31").to_string(), "2026-03-31");
        assert_eq!((d("2024-02-29").month(), d("2024-02-29").day()), (2, 29));
        for bad in [
            "2026-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-01-32",
            "2026-01-00",
            "0000-01-01",
            "2026-1-01",
            "2026/01/01",
            " 2026-01-01",
            "２０２６-01-01",
            "31/03/2026",
            "",
        ] {
            assert_eq!(bad.parse::<IsoDate>(), Err(DateError(bad.into())), "{bad}");
        }
        assert_eq!("2000-02-29".parse::<IsoDate>(), IsoDate::new(2000, 2, 29));
        assert_eq!(
            IsoDate::new(2026, 2, 30),
            Err(DateError("2026-02-30".into()))
        );
    }

    #[test]
    fn stored_as_the_same_text_and_refused_when_not_a_date() {
        let date = d("2026-01-05");
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2026-01-05\"");
        assert_eq!(
            serde_json::from_str::<IsoDate>("\"2026-01-05\"").unwrap(),
            date
        );
        let err = serde_json::from_str::<IsoDate>("\"2026-02-30\"").unwrap_err();
        assert!(
            err.to_string()
                .contains("\"2026-02-30\" is not a date like 2026-03-31"),
            "{err}"
        );
        // A huge bad value is quoted as an excerpt.
        let msg = DateError("9".repeat(10_000)).to_string();
        assert!(msg.chars().count() < 100, "{msg}");
    }

    #[test]
    fn ordered_by_calendar() {
        assert!(d("2025-12-31") < d("2026-01-01"));
        assert!(d("2026-01-31") < d("2026-02-01"));
        assert!(d("2026-02-01") < d("2026-02-10"));
    }

    #[test]
    fn days_are_added_across_months_years_and_leap_days() {
        assert_eq!(d("2026-03-01").add_days(-1), Some(d("2026-02-28")));
        assert_eq!(d("2024-03-01").add_days(-1), Some(d("2024-02-29")));
        assert_eq!(d("2025-12-31").add_days(1), Some(d("2026-01-01")));
        assert_eq!(d("2026-03-31").add_days(-30), Some(d("2026-03-01")));
        assert_eq!(d("2026-03-31").add_days(0), Some(d("2026-03-31")));
        assert_eq!(d("2000-01-01").add_days(366), Some(d("2001-01-01")));
        assert_eq!(d("0001-01-01").add_days(-1), None);
        assert_eq!(d("9999-12-31").add_days(1), None);
        assert_eq!(d("2026-01-01").add_days(i64::MAX), None);
        // Every day of four years round-trips through the day number.
        let mut day = d("2023-01-01");
        for _ in 0..(4 * 366) {
            let next = day.add_days(1).unwrap();
            assert!(next > day);
            assert_eq!(next.add_days(-1), Some(day));
            day = next;
        }
        assert_eq!(day, d("2027-01-04"));
    }

    #[test]
    fn months_back_keeps_the_day_or_the_month_end() {
        assert_eq!(d("2026-03-31").months_back(12), Some(d("2025-03-31")));
        assert_eq!(d("2024-02-29").months_back(12), Some(d("2023-02-28")));
        assert_eq!(d("2026-05-31").months_back(3), Some(d("2026-02-28")));
        assert_eq!(d("2026-01-15").months_back(1), Some(d("2025-12-15")));
        assert_eq!(d("2026-01-15").months_back(0), Some(d("2026-01-15")));
        assert_eq!(d("0001-06-01").months_back(6), None);
    }

    #[test]
    fn quarters_start_on_the_first_of_january_april_july_october() {
        assert_eq!(d("2026-01-01").start_of_quarter(), d("2026-01-01"));
        assert_eq!(d("2026-03-31").start_of_quarter(), d("2026-01-01"));
        assert_eq!(d("2026-04-01").start_of_quarter(), d("2026-04-01"));
        assert_eq!(d("2026-08-17").start_of_quarter(), d("2026-07-01"));
        assert_eq!(d("2026-12-31").start_of_quarter(), d("2026-10-01"));
    }
}
