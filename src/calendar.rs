//! Holidays, working days and calendar quarters.
//!
//! The mechanism only: which days are holidays is data, a table of
//! [`HolidayRule`]s with an observance policy ([`Observance`]), read from
//! `rules/vocab/lifecycle.yaml` by the catalog. A rule is a fixed date
//! (July 4), the nth weekday of a month (the third Monday of January), or
//! the last one (the last Monday of May), optionally shifted by some days
//! (the day after Thanksgiving). A holiday that falls on a weekend may be
//! observed on a weekday instead, as the policy says.

use serde::Deserialize;

use crate::util::date::{days_in_month, to_days, Weekday, Ymd};

/// One holiday, as a rule that gives its date in any year.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayRule {
    pub name: String,
    pub month: u32,
    /// A fixed day of the month; or else `weekday` with `nth`.
    #[serde(default)]
    pub day: Option<u32>,
    #[serde(default)]
    pub weekday: Option<Weekday>,
    /// 1 to 5 for the first to fifth such weekday, -1 for the last.
    #[serde(default)]
    pub nth: Option<i32>,
    /// Days added to the date the rule gives (1: the day after).
    #[serde(default)]
    pub offset: i64,
}

/// What happens to a holiday that falls on a weekend day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shift {
    /// It stays on the weekend: no weekday is taken off.
    NotMoved,
    /// The Friday before is taken off.
    PreviousFriday,
    /// The Monday after is taken off.
    NextMonday,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observance {
    pub saturday: Shift,
    pub sunday: Shift,
}

/// A holiday calendar: rules and how weekend holidays are observed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holidays {
    /// Where the rules come from, for people.
    pub source: String,
    pub observed: Observance,
    pub rules: Vec<HolidayRule>,
}

impl HolidayRule {
    /// Why the rule cannot give a date, if it cannot.
    pub fn problem(&self) -> Option<String> {
        if !(1..=12).contains(&self.month) {
            return Some(format!("`{}`: month must be 1 to 12", self.name));
        }
        match (self.day, self.weekday, self.nth) {
            (Some(d), None, None) if (1..=31).contains(&d) => None,
            (None, Some(_), Some(n)) if (1..=5).contains(&n) || n == -1 => None,
            _ => Some(format!(
                "`{}`: give `day` (1 to 31), or `weekday` with `nth` (1 to 5, or -1 for the last)",
                self.name
            )),
        }
    }

    /// The date the rule gives in `year`, before any weekend shift;
    /// `None` when that month has no such day.
    pub fn date_in(&self, year: i32) -> Option<Ymd> {
        let last = days_in_month(year, self.month);
        let base = match (self.day, self.weekday, self.nth) {
            (Some(d), _, _) => (d <= last).then(|| Ymd::new(year, self.month, d))?,
            (None, Some(w), Some(n)) if n > 0 => {
                let first = Ymd::new(year, self.month, 1);
                let ahead = (w as i64 - first.weekday() as i64).rem_euclid(7);
                let day = 1 + ahead as u32 + 7 * (n as u32 - 1);
                (day <= last).then(|| Ymd::new(year, self.month, day))?
            }
            (None, Some(w), Some(_)) => {
                let end = Ymd::new(year, self.month, last);
                let back = (end.weekday() as i64 - w as i64).rem_euclid(7);
                end.plus_days(-back)
            }
            _ => return None,
        };
        Some(base.plus_days(self.offset))
    }
}

impl Holidays {
    /// The days taken off in `year`, in date order, each with its
    /// holiday's name: the rule's date on a weekday, or the weekday the
    /// policy moves a weekend holiday to. A holiday the policy leaves on a
    /// weekend takes no weekday off and is not listed.
    pub fn days_off(&self, year: i32) -> Vec<(Ymd, &str)> {
        let mut out: Vec<(Ymd, &str)> = Vec::new();
        for r in &self.rules {
            let Some(d) = r.date_in(year) else { continue };
            let shift = match d.weekday() {
                Weekday::Saturday => Some(self.observed.saturday),
                Weekday::Sunday => Some(self.observed.sunday),
                _ => None,
            };
            let off = match (shift, d.weekday()) {
                (None, _) => Some(d),
                (Some(Shift::NotMoved), _) => None,
                (Some(Shift::PreviousFriday), Weekday::Saturday) => Some(d.plus_days(-1)),
                (Some(Shift::PreviousFriday), _) => Some(d.plus_days(-2)),
                (Some(Shift::NextMonday), Weekday::Saturday) => Some(d.plus_days(2)),
                (Some(Shift::NextMonday), _) => Some(d.plus_days(1)),
            };
            out.extend(off.map(|o| (o, r.name.as_str())));
        }
        out.sort();
        out
    }

    /// A weekday that is not a day off.
    pub fn is_working_day(&self, d: Ymd) -> bool {
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
            && !self.days_off(d.year).iter().any(|(o, _)| *o == d)
    }

    /// The working days after `from` up to and including `to` (0 when `to`
    /// is not after `from`): "notified 3 working days after the change".
    pub fn working_days_between(&self, from: Ymd, to: Ymd) -> i64 {
        let (a, b) = (to_days(from), to_days(to));
        (a + 1..=b)
            .filter(|&d| self.is_working_day(crate::util::date::from_days(d)))
            .count() as i64
    }

    /// The `n`th working day after `from`: the last day of a window of `n`
    /// working days.
    pub fn working_day_after(&self, from: Ymd, n: u32) -> Ymd {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d.plus_days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }
}

/// A calendar quarter: `q` is 1 (January to March) to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i32,
    pub q: u32,
}

impl Quarter {
    pub fn of(d: Ymd) -> Quarter {
        Quarter {
            year: d.year,
            q: (d.month - 1) / 3 + 1,
        }
    }
    pub fn first_day(self) -> Ymd {
        Ymd::new(self.year, 3 * (self.q - 1) + 1, 1)
    }
    pub fn last_day(self) -> Ymd {
        self.next().first_day().plus_days(-1)
    }
    pub fn next(self) -> Quarter {
        if self.q == 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q + 1,
            }
        }
    }
    /// The quarters from the one holding `from` up to, not including, the
    /// one holding `before`.
    pub fn between(from: Ymd, before: Ymd) -> Vec<Quarter> {
        let (mut q, end) = (Quarter::of(from), Quarter::of(before));
        let mut out = Vec::new();
        while q < end {
            out.push(q);
            q = q.next();
        }
        out
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Q{} {}", self.q, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str, month: u32, day: Option<u32>, wn: Option<(Weekday, i32)>) -> HolidayRule {
        HolidayRule {
            name: name.into(),
            month,
            day,
            weekday: wn.map(|w| w.0),
            nth: wn.map(|w| w.1),
            offset: 0,
        }
    }

    #[test]
    fn nth_and_last_weekdays() {
        let mlk = rule("MLK", 1, None, Some((Weekday::Monday, 3)));
        assert_eq!(mlk.date_in(2026), Some(Ymd::new(2026, 1, 19)));
        let memorial = rule("Memorial", 5, None, Some((Weekday::Monday, -1)));
        assert_eq!(memorial.date_in(2027), Some(Ymd::new(2027, 5, 31)));
        assert_eq!(memorial.date_in(2026), Some(Ymd::new(2026, 5, 25)));
        let fifth = rule("x", 2, None, Some((Weekday::Monday, 5)));
        assert_eq!(fifth.date_in(2026), None);
        assert!(rule("bad", 13, Some(1), None).problem().is_some());
        assert!(rule("bad", 1, None, None).problem().is_some());
        assert!(mlk.problem().is_none());
    }

    #[test]
    fn weekend_shifts() {
        let h = |saturday, sunday| Holidays {
            source: String::new(),
            observed: Observance { saturday, sunday },
            rules: vec![rule("Independence Day", 7, Some(4), None)],
        };
        // 2026-07-04 is a Saturday, 2027-07-04 a Sunday.
        let calhr = h(Shift::NotMoved, Shift::NextMonday);
        assert!(calhr.days_off(2026).is_empty());
        assert_eq!(calhr.days_off(2027)[0].0, Ymd::new(2027, 7, 5));
        let federal = h(Shift::PreviousFriday, Shift::NextMonday);
        assert_eq!(federal.days_off(2026)[0].0, Ymd::new(2026, 7, 3));
    }

    #[test]
    fn quarters() {
        let q = Quarter::of(Ymd::new(2025, 11, 15));
        assert_eq!(q, Quarter { year: 2025, q: 4 });
        assert_eq!(q.last_day(), Ymd::new(2025, 12, 31));
        assert_eq!(q.next().first_day(), Ymd::new(2026, 1, 1));
        let qs = Quarter::between(Ymd::new(2025, 2, 1), Ymd::new(2025, 10, 1));
        assert_eq!(qs.len(), 3);
        assert_eq!(qs[2].to_string(), "Q3 2025");
        assert!(Quarter::between(Ymd::new(2025, 2, 1), Ymd::new(2025, 3, 1)).is_empty());
    }
}

/// The bundled California calendar, year by year, against the state
/// holiday lists CalHR publishes (weekdays taken off).
#[cfg(test)]
mod california {
    use super::*;

    #[derive(Deserialize)]
    struct File {
        holidays: Holidays,
    }

    fn bundled() -> Holidays {
        let text = include_str!("../rules/vocab/lifecycle.yaml");
        let f: File = serde_saphyr::from_str(text).expect("lifecycle.yaml parses");
        assert!(f.holidays.rules.iter().all(|r| r.problem().is_none()));
        f.holidays
    }

    fn check(year: i32, expected: &[(u32, u32, &str)]) {
        let got: Vec<(u32, u32, String)> = bundled()
            .days_off(year)
            .into_iter()
            .map(|(d, n)| (d.month, d.day, n.to_string()))
            .collect();
        let want: Vec<(u32, u32, String)> = expected
            .iter()
            .map(|(m, d, n)| (*m, *d, n.to_string()))
            .collect();
        assert_eq!(got, want, "{year}");
    }

    #[test]
    fn year_2024() {
        check(
            2024,
            &[
                (1, 1, "New Year's Day"),
                (1, 15, "Martin Luther King Jr. Day"),
                (2, 19, "Presidents' Day"),
                (4, 1, "César Chávez Day"), // March 31 is a Sunday
                (5, 27, "Memorial Day"),
                (7, 4, "Independence Day"),
                (9, 2, "Labor Day"),
                (9, 27, "Native American Day"),
                (11, 11, "Veterans Day"),
                (11, 28, "Thanksgiving Day"),
                (11, 29, "Day after Thanksgiving"),
                (12, 25, "Christmas Day"),
            ],
        );
    }

    #[test]
    fn year_2025() {
        check(
            2025,
            &[
                (1, 1, "New Year's Day"),
                (1, 20, "Martin Luther King Jr. Day"),
                (2, 17, "Presidents' Day"),
                (3, 31, "César Chávez Day"),
                (5, 26, "Memorial Day"),
                (7, 4, "Independence Day"),
                (9, 1, "Labor Day"),
                (9, 26, "Native American Day"),
                (11, 11, "Veterans Day"),
                (11, 27, "Thanksgiving Day"),
                (11, 28, "Day after Thanksgiving"),
                (12, 25, "Christmas Day"),
            ],
        );
    }

    #[test]
    fn year_2026() {
        // July 4 is a Saturday: holiday credit, no weekday off.
        check(
            2026,
            &[
                (1, 1, "New Year's Day"),
                (1, 19, "Martin Luther King Jr. Day"),
                (2, 16, "Presidents' Day"),
                (3, 31, "César Chávez Day"),
                (5, 25, "Memorial Day"),
                (9, 7, "Labor Day"),
                (9, 25, "Native American Day"),
                (11, 11, "Veterans Day"),
                (11, 26, "Thanksgiving Day"),
                (11, 27, "Day after Thanksgiving"),
                (12, 25, "Christmas Day"),
            ],
        );
    }

    #[test]
    fn year_2027() {
        // July 4 is a Sunday (Monday off); December 25 a Saturday (none).
        check(
            2027,
            &[
                (1, 1, "New Year's Day"),
                (1, 18, "Martin Luther King Jr. Day"),
                (2, 15, "Presidents' Day"),
                (3, 31, "César Chávez Day"),
                (5, 31, "Memorial Day"),
                (7, 5, "Independence Day"),
                (9, 6, "Labor Day"),
                (9, 24, "Native American Day"),
                (11, 11, "Veterans Day"),
                (11, 25, "Thanksgiving Day"),
                (11, 26, "Day after Thanksgiving"),
            ],
        );
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let h = bundled();
        // Changed Wednesday 2025-11-26: Thursday and Friday are holidays,
        // so the fifth working day after is Friday 2025-12-05.
        let changed = Ymd::new(2025, 11, 26);
        assert_eq!(h.working_day_after(changed, 5), Ymd::new(2025, 12, 5));
        assert_eq!(h.working_days_between(changed, Ymd::new(2025, 12, 5)), 5);
        assert_eq!(h.working_days_between(changed, Ymd::new(2025, 12, 8)), 6);
        assert_eq!(h.working_days_between(changed, changed), 0);
        assert!(!h.is_working_day(Ymd::new(2024, 4, 1)));
        assert!(h.is_working_day(Ymd::new(2026, 7, 3)));
    }
}
