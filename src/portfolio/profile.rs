//! The plan profile: the plan's name, the counties it serves and, for
//! each, what operates there, from which the templates the county needs an
//! MOU under follow (`rules/vocab/portfolio.yaml`).
//!
//! Written as `plan.yaml` beside the MOUs, or as a `[plan]` table in
//! `moulint.toml`; the keys are the same:
//!
//! ```yaml
//! plan: Example Health Plan
//! counties:
//!   - county: Alameda
//!     operates: [dmc-ods, whole-child-model]
//!     not_needed:
//!       lea: no school-based services are provided through the plan here
//!     also: [base]
//! good_faith:
//!   - {county: Alameda, template: wic, date: 2025-03-01, action: sent the draft MOU}
//! ```
//!
//! Every mistake is a configuration error naming the file, line and
//! column: an unknown key, feature or template (with a did-you-mean), a
//! county listed twice, a county that names no feature or two of a
//! `one_of` group, a date that is not YYYY-MM-DD.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::catalog::Catalog;
use crate::error::Error;
use crate::frontmatter::Date;
use crate::repository::county_key;
use crate::util::suggest;

/// The profile file looked for in the portfolio's directory.
pub const FILE: &str = "plan.yaml";

/// A validated plan profile.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Where it was read from (`plan.yaml` or `moulint.toml`).
    pub file: PathBuf,
    pub plan: Option<String>,
    pub counties: Vec<County>,
    /// Efforts toward an MOU not yet in the repository.
    pub good_faith: Vec<Effort>,
}

/// A county the plan serves, and the templates it needs.
#[derive(Debug, Clone)]
pub struct County {
    pub name: String,
    /// The line of its entry in the profile, where a finding about it
    /// points.
    pub line: usize,
    pub operates: Vec<String>,
    /// Needed templates, in catalog order, each with why it is needed.
    pub needs: Vec<(String, Need)>,
    /// Templates left out, with the profile's reason.
    pub not_needed: Vec<(String, String)>,
}

/// Why a county needs a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    EveryCounty,
    Feature(String),
    Also,
}

impl Need {
    pub fn describe(&self) -> String {
        match self {
            Need::EveryCounty => "needed in every county".to_string(),
            Need::Feature(f) => format!("the county operates {f}"),
            Need::Also => "listed under `also` in the plan profile".to_string(),
        }
    }
}

/// A good-faith effort toward an MOU: `{county, template, date, action}`.
#[derive(Debug, Clone)]
pub struct Effort {
    pub county: String,
    pub template: String,
    pub date: Date,
    pub action: String,
}

/// ` (did you mean `x`?)` when a candidate is close, else nothing.
fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    suggest::did_you_mean(word, candidates)
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// A value and the byte where it was written, whatever the file format.
trait Located {
    fn text(&self) -> &str;
    fn offset(&self) -> usize;
}

impl Located for serde_saphyr::Spanned<String> {
    fn text(&self) -> &str {
        &self.value
    }
    fn offset(&self) -> usize {
        self.referenced.span().byte_offset().unwrap_or(0) as usize
    }
}

impl Located for toml::Spanned<String> {
    fn text(&self) -> &str {
        self.get_ref()
    }
    fn offset(&self) -> usize {
        self.span().start
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound = "S: Deserialize<'de>")]
struct Raw<S> {
    plan: Option<S>,
    counties: Vec<RawCounty<S>>,
    #[serde(default)]
    good_faith: Vec<RawEffort<S>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound = "S: Deserialize<'de>")]
struct RawCounty<S> {
    county: S,
    #[serde(default)]
    operates: Vec<S>,
    #[serde(default)]
    not_needed: BTreeMap<String, S>,
    #[serde(default)]
    also: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound = "S: Deserialize<'de>")]
struct RawEffort<S> {
    county: S,
    template: S,
    date: S,
    action: S,
}

/// `moulint.toml` read for its `[plan]` table alone (the configuration
/// reads the rest).
#[derive(Deserialize)]
struct TomlFile {
    plan: Option<Raw<toml::Spanned<String>>>,
}

/// Finds the profile for a portfolio of `dir`: `--plan FILE` when given,
/// else `dir/plan.yaml`, else the `[plan]` table of the nearest
/// `moulint.toml` (or `.moulint.toml`) at or above `dir`.
pub fn find(dir: &Path, explicit: Option<&Path>, catalog: &Catalog) -> Result<Profile, Error> {
    discover(dir, explicit, catalog)?.ok_or_else(|| {
        Error::Usage(format!(
            "no plan profile: write {} in {} (or a [plan] table in moulint.toml), or pass --plan \
             FILE; it lists the counties the plan serves (see `moulint portfolio --help`)",
            FILE,
            dir.display()
        ))
    })
}

/// [`find`], with no profile not an error: `None`. A profile that exists
/// but cannot be read or used is still one.
pub fn discover(
    dir: &Path,
    explicit: Option<&Path>,
    catalog: &Catalog,
) -> Result<Option<Profile>, Error> {
    if let Some(p) = explicit {
        return read(p, catalog).map(Some);
    }
    let yaml = dir.join(FILE);
    if yaml.is_file() {
        return read(&yaml, catalog).map(Some);
    }
    let start = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    for d in start.ancestors() {
        for name in crate::config::NAMES {
            let f = d.join(name);
            if f.is_file() {
                let text = read_text(&f)?;
                if text.contains("[plan") {
                    return read(&f, catalog).map(Some);
                }
            }
        }
        if d.join(".git").exists() {
            break;
        }
    }
    Ok(None)
}

fn read_text(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        message: format!("{}: {e}", path.display()),
    })
}

/// Reads a profile file: YAML, or TOML with a `[plan]` table.
pub fn read(path: &Path, catalog: &Catalog) -> Result<Profile, Error> {
    let text = read_text(path)?;
    parse(path, &text, catalog)
}

/// Parses a profile's text; `path` decides the format and names errors.
pub fn parse(path: &Path, text: &str, catalog: &Catalog) -> Result<Profile, Error> {
    let at = |offset: usize, message: String| located(path, text, offset, message);
    if path.extension().is_some_and(|e| e == "toml") {
        let file: TomlFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            at(offset, e.message().to_string())
        })?;
        let raw = file
            .plan
            .ok_or_else(|| at(0, "the file has no [plan] table".to_string()))?;
        validate(path, text, raw, catalog)
    } else {
        let raw: Raw<serde_saphyr::Spanned<String>> =
            serde_saphyr::from_str(text).map_err(|e| {
                let offset = e
                    .location()
                    .and_then(|l| l.span().byte_offset())
                    .unwrap_or(0) as usize;
                at(offset, crate::yaml::message(&e.to_string()))
            })?;
        validate(path, text, raw, catalog)
    }
}

/// A configuration error at `file:line:column`.
fn located(path: &Path, text: &str, offset: usize, message: String) -> Error {
    let (line, column) = crate::util::position::line_col(text, offset);
    Error::Config {
        file: Some(path.to_path_buf()),
        line: Some(line),
        message: format!(
            "plan profile {}:{line}:{column}: {message}",
            crate::config::shown(path)
        ),
    }
}

fn validate<S: Located>(
    path: &Path,
    text: &str,
    raw: Raw<S>,
    catalog: &Catalog,
) -> Result<Profile, Error> {
    let at = |s: &S, message: String| located(path, text, s.offset(), message);
    let rules = &catalog.vocab.portfolio;
    let templates: Vec<&str> = catalog.template_ids().collect();
    let features: Vec<&str> = rules.features.keys().map(String::as_str).collect();
    let known_template = |s: &S| -> Result<String, Error> {
        let t = s.text().trim();
        if templates.contains(&t) {
            Ok(t.to_string())
        } else {
            Err(at(
                s,
                format!(
                    "`{t}` is not a template{} (`moulint templates` lists them)",
                    did_you_mean(t, templates.iter().copied())
                ),
            ))
        }
    };
    let mut counties: Vec<County> = Vec::new();
    for c in raw.counties {
        let name = c.county.text().trim().to_string();
        if name.is_empty() {
            return Err(at(&c.county, "the county has no name".to_string()));
        }
        if counties
            .iter()
            .any(|k| county_key(&k.name) == county_key(&name))
        {
            return Err(at(&c.county, format!("county `{name}` is listed twice")));
        }
        let mut operates = Vec::new();
        for f in &c.operates {
            let id = f.text().trim();
            if !features.contains(&id) {
                return Err(at(
                    f,
                    format!(
                        "`{id}` is not a county feature{} (known: {})",
                        did_you_mean(id, features.iter().copied()),
                        features.join(", ")
                    ),
                ));
            }
            operates.push(id.to_string());
        }
        for group in &rules.one_of {
            let given: Vec<&String> = operates.iter().filter(|f| group.contains(f)).collect();
            if given.len() != 1 {
                let said = if given.is_empty() {
                    "names none".to_string()
                } else {
                    format!(
                        "names {}",
                        given
                            .iter()
                            .map(|g| format!("`{g}`"))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    )
                };
                return Err(at(
                    &c.county,
                    format!(
                        "county `{name}` must operate exactly one of {} and {said}: \
                         add it to `operates`, so that the MOU it needs is expected",
                        group
                            .iter()
                            .map(|g| format!("`{g}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        let mut needs: Vec<(String, Need)> = Vec::new();
        let mut add = |t: &str, why: Need| {
            if !needs.iter().any(|(n, _)| n == t) {
                needs.push((t.to_string(), why));
            }
        };
        for t in &rules.every_county {
            add(t, Need::EveryCounty);
        }
        for f in &operates {
            for t in &rules.features[f].templates {
                add(t, Need::Feature(f.clone()));
            }
        }
        let mut also = Vec::new();
        for a in &c.also {
            also.push(known_template(a)?);
        }
        for t in &also {
            add(t, Need::Also);
        }
        let mut not_needed = Vec::new();
        for (t, reason) in &c.not_needed {
            if !templates.contains(&t.as_str()) {
                return Err(at(
                    reason,
                    format!(
                        "`not_needed` names `{t}`, which is not a template{}",
                        did_you_mean(t, templates.iter().copied())
                    ),
                ));
            }
            if reason.text().trim().is_empty() {
                return Err(at(
                    reason,
                    format!(
                        "`not_needed.{t}` gives no reason: say why the county needs no {t} MOU"
                    ),
                ));
            }
            needs.retain(|(n, _)| n != t);
            not_needed.push((t.clone(), reason.text().trim().to_string()));
        }
        // Catalog order, so every county's row reads the same way.
        needs.sort_by_key(|(t, _)| templates.iter().position(|k| k == t));
        counties.push(County {
            name,
            line: crate::util::position::line_col(text, c.county.offset()).0,
            operates,
            needs,
            not_needed,
        });
    }
    let mut good_faith = Vec::new();
    for e in raw.good_faith {
        let county = e.county.text().trim().to_string();
        if !counties
            .iter()
            .any(|c| county_key(&c.name) == county_key(&county))
        {
            return Err(at(
                &e.county,
                format!("good-faith effort for `{county}`, which is not among the plan's counties"),
            ));
        }
        let template = known_template(&e.template)?;
        let date = Date::parse(e.date.text().trim()).ok_or_else(|| {
            at(
                &e.date,
                "the date is not a day written YYYY-MM-DD".to_string(),
            )
        })?;
        if e.action.text().trim().is_empty() {
            return Err(at(
                &e.action,
                "the effort has no action: say what was done".to_string(),
            ));
        }
        good_faith.push(Effort {
            county,
            template,
            date,
            action: e.action.text().trim().to_string(),
        });
    }
    Ok(Profile {
        file: path.to_path_buf(),
        plan: raw.plan.map(|p| p.text().trim().to_string()),
        counties,
        good_faith,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Result<Profile, Error> {
        parse(Path::new("plan.yaml"), text, Catalog::for_tests())
    }

    fn message(e: Error) -> String {
        match e {
            Error::Config { message, .. } => message,
            other => panic!("not a configuration error: {other:?}"),
        }
    }

    #[test]
    fn features_add_their_templates_and_not_needed_takes_one_away() {
        let p = yaml(
            "plan: Example Health Plan\ncounties:\n  - county: Alameda\n    operates: [dmc-ods, whole-child-model]\n    not_needed: {lea: none here}\n",
        )
        .unwrap();
        let c = &p.counties[0];
        let needs: Vec<&str> = c.needs.iter().map(|(t, _)| t.as_str()).collect();
        assert!(needs.contains(&"dmc-ods") && needs.contains(&"wcm") && needs.contains(&"mhp"));
        assert!(!needs.contains(&"dmc") && !needs.contains(&"lea") && !needs.contains(&"tcm"));
        assert_eq!(c.not_needed, [("lea".to_string(), "none here".to_string())]);
    }

    #[test]
    fn mistakes_name_their_line_and_column() {
        let e = message(
            yaml("counties:\n  - county: Alameda\n    operates: [dmc-odss]\n").unwrap_err(),
        );
        assert!(e.starts_with("plan profile plan.yaml:3:16: `dmc-odss` is not a county feature (did you mean `dmc-ods`?)"), "{e}");
        let e = message(yaml("counties:\n  - county: Alameda\n    operates: []\n").unwrap_err());
        assert!(e.contains("plan.yaml:2:13: county `Alameda` must operate exactly one of `dmc-ods`, `dmc-state-plan` and names none"), "{e}");
        let e = message(
            yaml("counties:\n  - county: A\n    operates: [dmc-ods]\n    also: [mhpp]\n")
                .unwrap_err(),
        );
        assert!(
            e.contains("plan.yaml:4:12: `mhpp` is not a template"),
            "{e}"
        );
        let e = message(yaml("counties:\n  - county: A\n    operates: [dmc-ods]\n  - county: a county\n    operates: [dmc-ods]\n").unwrap_err());
        assert!(
            e.contains("plan.yaml:4:13: county `a county` is listed twice"),
            "{e}"
        );
        let e = message(yaml("countys: []\n").unwrap_err());
        assert!(e.contains("plan.yaml:1:"), "{e}");
    }

    #[test]
    fn the_toml_form_reads_the_plan_table() {
        let text = "select = [\"doc\"]\n\n[plan]\nplan = \"P\"\n[[plan.counties]]\ncounty = \"Alpine\"\noperates = [\"dmc-state-plan\"]\n";
        let p = parse(Path::new("moulint.toml"), text, Catalog::for_tests()).unwrap();
        assert_eq!(p.plan.as_deref(), Some("P"));
        assert!(p.counties[0].needs.iter().any(|(t, _)| t == "dmc"));
        let bad = text.replace("dmc-state-plan", "dmc-state");
        let e = message(parse(Path::new("moulint.toml"), &bad, Catalog::for_tests()).unwrap_err());
        assert!(
            e.contains("moulint.toml:7:13: `dmc-state` is not a county feature"),
            "{e}"
        );
    }
}
