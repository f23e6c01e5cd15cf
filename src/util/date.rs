//! Calendar dates without a time zone: today's date (UTC, or the one
//! `SOURCE_DATE_EPOCH` names, so a generated report is reproducible) and
//! the conversion between days since 1970-01-01 and year, month, day.

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
