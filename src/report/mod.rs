//! What `moulint report` writes from a plan's repository
//! ([`crate::repository`]): the public MOU information page ([`site`]) and
//! the MOU Annual Report draft ([`annual`]). This file holds what both read
//! off an MOU: its page id, its partner category, its dates and its
//! meetings quarter by quarter.

pub mod annual;
pub mod html;
pub mod site;

use crate::calendar::Quarter;
use crate::catalog::Catalog;
use crate::frontmatter::{Date, Dated};
use crate::repository::{Mou, Repository};
use crate::util::date::Ymd;

/// A name made safe for a file name and a URL: lowercase ASCII letters,
/// digits and single hyphens, at most 60 characters; `mou` when nothing is
/// left. No dot, no slash: a name made here can never leave a directory.
pub fn sanitize_id(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "mou".to_string()
    } else {
        out.to_string()
    }
}

/// One id per MOU, from its file stem (never its title), unique: a stem
/// met again gets `-2`, `-3`... in walking order.
pub fn page_ids(mous: &[&Mou]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for m in mous {
        let stem = m
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let base = sanitize_id(&stem);
        let mut id = base.clone();
        let mut n = 2;
        while seen.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        seen.push(id);
    }
    seen
}

/// The partner category an MOU is listed under: its templates' titles
/// (the kind of entity), else its other party's type.
pub fn category(m: &Mou, catalog: &Catalog) -> String {
    let titles: Vec<String> = m
        .templates
        .iter()
        .map(|t| catalog.pack(t).map_or(t.clone(), |p| p.def.title.clone()))
        .collect();
    if !titles.is_empty() {
        return titles.join(" and ");
    }
    m.other_party_type
        .clone()
        .unwrap_or_else(|| "Other partners".to_string())
}

pub fn ymd(d: Date) -> Ymd {
    Ymd::new(d.year, d.month, d.day)
}

/// A date as written, if it is one (`upon execution` is not).
pub fn parse_date(s: &str) -> Option<Ymd> {
    Date::parse(s.trim()).map(ymd)
}

/// The day the MOU took effect: its effective date, else its execution
/// date.
pub fn effective(m: &Mou) -> Option<Ymd> {
    m.effective_date
        .as_deref()
        .and_then(parse_date)
        .or_else(|| m.execution_date.as_deref().and_then(parse_date))
}

/// The plan's name as the executed MOUs give it: the one most of them
/// name (the first met, on a tie).
pub fn plan_name(repo: &Repository) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for m in repo.mous.iter().filter(|m| m.is_executed()) {
        for p in &m.mcps {
            match counts.iter_mut().find(|(n, _)| *n == p) {
                Some((_, c)) => *c += 1,
                None => counts.push((p, 1)),
            }
        }
    }
    let best = counts.iter().map(|(_, c)| *c).max()?;
    counts
        .iter()
        .find(|(_, c)| *c == best)
        .map(|(n, _)| n.to_string())
}

/// A quarter of a year as the records show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuarterState {
    /// Before the MOU took effect: no meeting was due.
    NotInEffect,
    /// The quarter has not ended by the as-of date: not due yet (held
    /// meetings are still shown).
    Open(Vec<Meeting>),
    /// Ended, with the meetings held.
    Held(Vec<Meeting>),
    /// Ended with no meeting recorded.
    Missed,
}

/// A meeting held, and when its notice and summary were posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub date: Ymd,
    pub posted: Option<Ymd>,
}

/// The four quarters of `year` for an MOU, as of `as_of`.
pub fn quarters(m: &Mou, year: i32, as_of: Ymd) -> [QuarterState; 4] {
    let start = effective(m);
    std::array::from_fn(|i| {
        let q = Quarter {
            year,
            q: i as u32 + 1,
        };
        let held: Vec<Meeting> = meetings_in(&m.records.meetings, q);
        if start.is_some_and(|s| q.last_day() < s) && held.is_empty() {
            QuarterState::NotInEffect
        } else if q.last_day() >= as_of {
            QuarterState::Open(held)
        } else if held.is_empty() {
            QuarterState::Missed
        } else {
            QuarterState::Held(held)
        }
    })
}

fn meetings_in(meetings: &[Dated], q: Quarter) -> Vec<Meeting> {
    let mut v: Vec<Meeting> = meetings
        .iter()
        .map(|d| Meeting {
            date: ymd(d.date.value),
            posted: d.then.as_ref().map(|p| ymd(p.value)),
        })
        .filter(|x| Quarter::of(x.date) == q)
        .collect();
    v.sort_by_key(|x| x.date);
    v
}

/// The years the page shows for an MOU: from the year it took effect (or
/// of its first meeting) to the as-of year.
pub fn years(m: &Mou, as_of: Ymd) -> std::ops::RangeInclusive<i32> {
    let first_meeting = m.records.meetings.iter().map(|d| d.date.value.year).min();
    let from = effective(m)
        .map(|d| d.year)
        .into_iter()
        .chain(first_meeting)
        .min()
        .unwrap_or(as_of.year);
    from.min(as_of.year)..=as_of.year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe_file_names() {
        assert_eq!(sanitize_id("Alpine MHP"), "alpine-mhp");
        assert_eq!(sanitize_id("../../etc/passwd"), "etc-passwd");
        assert_eq!(sanitize_id("a/b\\c..d"), "a-b-c-d");
        assert_eq!(sanitize_id("<script>"), "script");
        assert_eq!(sanitize_id("..."), "mou");
        assert_eq!(sanitize_id("Ärzte"), "rzte");
        assert!(sanitize_id(&"x".repeat(500)).len() <= 60);
    }

    #[test]
    fn quarters_before_effect_missed_held_and_open() {
        let text = "---\ntemplate: mhp\nstatus: executed\neffective_date: 2025-05-01\n\
                    meetings: [{date: 2025-08-01, posted: 2025-08-05}, 2025-12-01]\n---\n# M\n";
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.md");
        std::fs::write(&file, text).unwrap();
        let repo = crate::repository::load(&[file], crate::source::MAX_FILE_BYTES);
        let m = &repo.mous[0];
        let held = |d: (i32, u32, u32), p: Option<(i32, u32, u32)>| Meeting {
            date: Ymd::new(d.0, d.1, d.2),
            posted: p.map(|p| Ymd::new(p.0, p.1, p.2)),
        };
        assert_eq!(
            quarters(m, 2025, Ymd::new(2025, 12, 15)),
            [
                QuarterState::NotInEffect,
                QuarterState::Missed,
                QuarterState::Held(vec![held((2025, 8, 1), Some((2025, 8, 5)))]),
                QuarterState::Open(vec![held((2025, 12, 1), None)]),
            ]
        );
        assert_eq!(years(m, Ymd::new(2026, 3, 1)), 2025..=2026);
    }
}
