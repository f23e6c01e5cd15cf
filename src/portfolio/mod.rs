//! The plan's portfolio: a county x template matrix of the MOUs the plan
//! profile says it needs ([`profile`]) against the MOUs of the repository
//! ([`crate::repository`]): executed, in draft, or missing. A missing MOU
//! with no good-faith effort recorded is a `portfolio.missing` finding
//! ([`crate::checks::portfolio_missing`]); one with efforts shows them.
//!
//! What the matrix does not place is listed, never dropped: MOUs for a
//! county the profile does not list, MOUs that name no county, files that
//! could not be read.

pub mod emit;
pub mod profile;

use crate::checks::portfolio_missing;
use crate::frontmatter::{Date, Status};
use crate::repository::{same_county, Repository};
use profile::{Need, Profile};

/// Where one county stands under one template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// At least one executed MOU.
    Executed,
    /// MOUs in draft or submitted, none executed.
    Draft,
    /// No MOU at all.
    Missing,
    /// The profile says the county needs none.
    NotNeeded,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Executed => "executed",
            State::Draft => "draft",
            State::Missing => "missing",
            State::NotNeeded => "not-needed",
        }
    }
}

/// A good-faith effort, and where it was recorded.
#[derive(Debug, Clone)]
pub struct Effort {
    pub date: Date,
    pub action: String,
    /// The plan profile's file or the MOU's.
    pub recorded_in: String,
}

/// One county under one template.
#[derive(Debug, Clone)]
pub struct Cell {
    pub template: String,
    pub state: State,
    /// Why the county needs the template, or the profile's reason it does
    /// not.
    pub why: String,
    /// The MOUs that cover it (indices into [`Portfolio::mous`]).
    pub mous: Vec<usize>,
    pub good_faith: Vec<Effort>,
}

/// One county's row.
#[derive(Debug, Clone)]
pub struct Row {
    pub county: String,
    pub operates: Vec<String>,
    pub cells: Vec<Cell>,
}

/// A `portfolio.missing` finding.
#[derive(Debug, Clone)]
pub struct Finding {
    pub id: &'static str,
    pub county: String,
    /// The line of the county's entry in the plan profile.
    pub line: usize,
    pub template: String,
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// An MOU of the repository as the portfolio lists it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub file: String,
    pub name: String,
    pub templates: Vec<String>,
    pub counties: Vec<String>,
    pub status: Option<Status>,
    /// Why it sits in no cell, if it does not.
    pub unplaced: Option<String>,
}

/// The matrix and what it could not place.
#[derive(Debug, Clone)]
pub struct Portfolio {
    pub plan: Option<String>,
    /// The profile's file, as shown.
    pub profile: String,
    /// Every template some county needs, in catalog order: the columns.
    pub templates: Vec<String>,
    pub rows: Vec<Row>,
    pub mous: Vec<Listed>,
    pub findings: Vec<Finding>,
    /// What walking the repository could not do, in words.
    pub problems: Vec<String>,
}

impl Portfolio {
    /// Builds the matrix of a profile over a repository's MOUs.
    pub fn build(profile: &Profile, repo: &Repository, catalog_order: &[&str]) -> Portfolio {
        let shown = crate::config::shown(&profile.file);
        let mut templates: Vec<String> = Vec::new();
        for c in &profile.counties {
            for (t, _) in &c.needs {
                if !templates.contains(t) {
                    templates.push(t.clone());
                }
            }
        }
        templates.sort_by_key(|t| catalog_order.iter().position(|k| k == t));
        let mut placed = vec![false; repo.mous.len()];
        let mut rows = Vec::new();
        let mut findings = Vec::new();
        for county in &profile.counties {
            let mut cells = Vec::new();
            for t in &templates {
                let covering: Vec<usize> = repo
                    .mous
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.problem.is_none() && m.serves(&county.name) && m.uses(t))
                    .map(|(i, _)| i)
                    .collect();
                for &i in &covering {
                    placed[i] = true;
                }
                let mut good_faith: Vec<Effort> = profile
                    .good_faith
                    .iter()
                    .filter(|e| same_county(&e.county, &county.name) && &e.template == t)
                    .map(|e| Effort {
                        date: e.date,
                        action: e.action.clone(),
                        recorded_in: shown.clone(),
                    })
                    .collect();
                for &i in &covering {
                    let m = &repo.mous[i];
                    good_faith.extend(m.records.good_faith.iter().map(|g| Effort {
                        date: g.date.value,
                        action: g.action.value.clone(),
                        recorded_in: m.shown.clone(),
                    }));
                }
                good_faith.sort_by_key(|e| e.date);
                let need = county.needs.iter().find(|(n, _)| n == t).map(|(_, w)| w);
                let not_needed = county.not_needed.iter().find(|(n, _)| n == t);
                let executed = covering.iter().any(|&i| repo.mous[i].is_executed());
                let (state, why) = match (need, not_needed) {
                    (_, Some((_, reason))) => (State::NotNeeded, reason.clone()),
                    (None, None) => (State::NotNeeded, "not needed in this county".to_string()),
                    (Some(w), None) => {
                        let state = if executed {
                            State::Executed
                        } else if covering.is_empty() {
                            State::Missing
                        } else {
                            State::Draft
                        };
                        (state, w.describe())
                    }
                };
                if state == State::Missing && good_faith.is_empty() {
                    findings.push(missing(county, t, need));
                }
                cells.push(Cell {
                    template: t.clone(),
                    state,
                    why,
                    mous: covering,
                    good_faith,
                });
            }
            rows.push(Row {
                county: county.name.clone(),
                operates: county.operates.clone(),
                cells,
            });
        }
        let mous = repo
            .mous
            .iter()
            .zip(&placed)
            .map(|(m, &placed)| Listed {
                file: m.shown.clone(),
                name: m.name().to_string(),
                templates: m.templates.clone(),
                counties: m.counties.clone(),
                status: m.status,
                unplaced: (!placed).then(|| unplaced_reason(m, profile)),
            })
            .collect();
        Portfolio {
            plan: profile.plan.clone(),
            profile: shown,
            templates,
            rows,
            mous,
            findings,
            problems: repo.problems.clone(),
        }
    }

    /// Counts of cells per state, in the order of [`State`].
    pub fn counts(&self) -> [(State, usize); 4] {
        let n = |s: State| {
            self.rows
                .iter()
                .flat_map(|r| &r.cells)
                .filter(|c| c.state == s)
                .count()
        };
        [
            (State::Executed, n(State::Executed)),
            (State::Draft, n(State::Draft)),
            (State::Missing, n(State::Missing)),
            (State::NotNeeded, n(State::NotNeeded)),
        ]
    }
}

fn missing(c: &profile::County, template: &str, need: Option<&Need>) -> Finding {
    let why = need.map(Need::describe).unwrap_or_default();
    let county = &c.name;
    Finding {
        id: portfolio_missing::ID,
        county: county.to_string(),
        line: c.line,
        template: template.to_string(),
        message: format!(
            "{county} has no `{template}` MOU ({why}) and no good-faith effort is recorded"
        ),
        help: format!(
            "add the MOU's draft with `counties: [{county}]` (`moulint init {template}`), record \
             the efforts made under `good_faith` in the plan profile, or list `{template}` under \
             the county's `not_needed` with the reason"
        ),
    }
}

/// Why an MOU of the repository sits in no cell of the matrix.
fn unplaced_reason(m: &crate::repository::Mou, profile: &Profile) -> String {
    if let Some(p) = &m.problem {
        return format!("not read: {p}");
    }
    if m.counties.is_empty() {
        return "its front matter names no county (`counties`)".to_string();
    }
    if m.templates.is_empty() {
        return "its front matter names no template (`template`)".to_string();
    }
    let served: Vec<&String> = m
        .counties
        .iter()
        .filter(|c| profile.counties.iter().any(|k| same_county(&k.name, c)))
        .collect();
    if served.is_empty() {
        return format!(
            "the plan profile lists none of its counties ({})",
            m.counties.join(", ")
        );
    }
    format!(
        "no county of the profile needs its templates ({})",
        m.templates.join(", ")
    )
}
