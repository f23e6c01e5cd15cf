//! Calendar dates without a time zone: today's date (UTC, or the one
//! `SOURCE_DATE_EPOCH` names, so a generated report is reproducible) and
//! the conversion between days since 1970-01-01 and year, month, day,
//! and the arithmetic built on it (weekdays, days and months later).

use std::time::{SystemTime, UNIX_EPOCH};

/// A date in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Today's date in UTC; `SOURCE_DATE_EPOCH` (seconds since the epoch, the
/// reproducible-builds convention) overrides the clock when it is set.
pub fn today() -> Ymd {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    from_days(secs.div_euclid(86_400))
}

/// The date `days` days after 1970-01-01 (negative: before it). Counts in
/// 400-year eras, each of 146,097 days, with years starting on March 1 so
/// that the leap day ends the year.
pub fn from_days(days: i64) -> Ymd {
    let z = days + 719_468; // days since 0000-03-01
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // 0 = March
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Ymd {
        year: year as i32,
        month,
        day,
    }
}

/// Days from 1970-01-01 to `date` (the inverse of [`from_days`]).
pub fn to_days(date: Ymd) -> i64 {
    let year = i64::from(date.year) - i64::from(date.month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let shifted_month = i64::from((date.month + 9) % 12); // 0 = March
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(date.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    #[serde(alias = "mon")]
    Monday,
    #[serde(alias = "tue")]
    Tuesday,
    #[serde(alias = "wed")]
    Wednesday,
    #[serde(alias = "thu")]
    Thursday,
    #[serde(alias = "fri")]
    Friday,
    #[serde(alias = "sat")]
    Saturday,
    #[serde(alias = "sun")]
    Sunday,
}

const WEEK: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

impl Ymd {
    pub const fn new(year: i32, month: u32, day: u32) -> Ymd {
        Ymd { year, month, day }
    }

    /// The day of the week (1970-01-01 was a Thursday).
    pub fn weekday(self) -> Weekday {
        WEEK[(to_days(self) + 3).rem_euclid(7) as usize]
    }

    /// The date `n` days later (earlier when negative).
    pub fn plus_days(self, n: i64) -> Ymd {
        from_days(to_days(self) + n)
    }

    /// The same day `n` months later, or the month's last day when it
    /// has no such day (2024-02-29 plus 12 months is 2025-02-28).
    pub fn plus_months(self, n: i32) -> Ymd {
        let months = self.year * 12 + self.month as i32 - 1 + n;
        let (year, month) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
        Ymd {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }
}

/// 28 to 31.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        Ymd::new(year + 1, 1, 1)
    } else {
        Ymd::new(year, month + 1, 1)
    };
    (to_days(next) - to_days(Ymd::new(year, month, 1))) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> Ymd {
        Ymd { year, month, day }
    }

    #[test]
    fn known_days() {
        assert_eq!(from_days(0), ymd(1970, 1, 1));
        assert_eq!(from_days(-1), ymd(1969, 12, 31));
        assert_eq!(from_days(11_016), ymd(2000, 2, 29));
        assert_eq!(from_days(20_454), ymd(2026, 1, 1));
        assert_eq!(ymd(2026, 12, 3).to_string(), "2026-12-03");
    }

    #[test]
    fn weekdays_and_month_arithmetic() {
        assert_eq!(ymd(1970, 1, 1).weekday(), Weekday::Thursday);
        assert_eq!(ymd(2026, 7, 4).weekday(), Weekday::Saturday);
        assert_eq!(ymd(2024, 3, 31).weekday(), Weekday::Sunday);
        assert_eq!(ymd(1969, 12, 29).weekday(), Weekday::Monday);
        assert_eq!(ymd(2024, 2, 29).plus_months(12), ymd(2025, 2, 28));
        assert_eq!(ymd(2025, 1, 31).plus_months(1), ymd(2025, 2, 28));
        assert_eq!(ymd(2025, 11, 15).plus_months(3), ymd(2026, 2, 15));
        assert_eq!(ymd(2025, 1, 15).plus_months(-1), ymd(2024, 12, 15));
        assert_eq!(ymd(2025, 12, 31).plus_days(1), ymd(2026, 1, 1));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2025, 12), 31);
    }

    #[test]
    fn to_days_inverts_from_days_over_centuries() {
        for d in (-800_000..800_000).step_by(7) {
            assert_eq!(to_days(from_days(d)), d);
        }
        // Consecutive days are consecutive dates.
        let mut prev = from_days(-1);
        for d in 0..3_000 {
            let cur = from_days(d);
            assert!(cur > prev);
            prev = cur;
        }
    }
}
