//! The configuration: `moulint.toml` (or `.moulint.toml`), found by
//! walking up from each checked file to the repository root, with
//! `extend = "path"` to inherit another file.
//!
//! Configuration is post-processing: it picks which findings are shown
//! (`select`, `ignore`, per-path `overrides`), at which severity, and which
//! files are walked (`include`, `exclude`). It never changes the verdict a
//! finding decides ([`crate::registry`] decides from the rule and the
//! finding's kind): a finding hidden by `select` or `ignore` is listed as
//! suppressed and still decides its file's verdict. Two settings feed the
//! checks instead, as vocabulary: `accept` (bracketed text that is not a
//! template slot, like the built-in `[sic]`) and `front-matter-keys` (a
//! team's own keys, like the built-in `x-` prefix).
//!
//! Every mistake is a configuration error (exit 2) naming the file and
//! line, with a suggestion: an unknown key, a selector that matches no
//! rule, a bad severity or glob, an `extend` cycle.

pub mod apply;
pub mod show;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::catalog::Catalog;
use crate::checks::CHECKS;
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::util::suggest::did_you_mean;

/// The names of a configuration file, in the order they are looked for in
/// one directory.
pub const NAMES: [&str; 2] = ["moulint.toml", ".moulint.toml"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    extend: Option<Spanned<String>>,
    select: Option<Spanned<Vec<String>>>,
    ignore: Option<Spanned<Vec<String>>>,
    severity: Option<BTreeMap<String, Spanned<String>>>,
    include: Option<Spanned<Vec<String>>>,
    exclude: Option<Spanned<Vec<String>>>,
    templates: Option<Spanned<String>>,
    front_matter_keys: Option<Spanned<Vec<String>>>,
    accept: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    /// The plan profile, read by `moulint portfolio` alone.
    #[allow(dead_code)]
    plan: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    paths: Spanned<Vec<String>>,
    select: Option<Spanned<Vec<String>>>,
    ignore: Option<Spanned<Vec<String>>>,
    severity: Option<BTreeMap<String, Spanned<String>>>,
}

/// Where a value was set: a configuration file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", shown(&self.file), self.line)
    }
}

/// A path as people read it: relative to the working directory when it is
/// below it.
pub fn shown(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    rel.unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// A value and where it was set.
#[derive(Debug, Clone)]
pub struct Set<T> {
    pub value: T,
    pub origin: Origin,
}

/// Globs, relative to the directory of the file that set them.
#[derive(Debug, Clone)]
pub struct Globs {
    pub patterns: Set<Vec<String>>,
    pub base: PathBuf,
    set: GlobSet,
}

impl Globs {
    /// Compiles `patterns` (a pattern without `/` matches at any depth, as
    /// in `.gitignore`).
    pub fn new(patterns: Set<Vec<String>>, base: PathBuf) -> Result<Globs, Error> {
        let mut b = GlobSetBuilder::new();
        for p in &patterns.value {
            b.add(glob(p).map_err(|e| {
                config_error(
                    &patterns.origin.file,
                    Some(patterns.origin.line),
                    format!("`{p}` is not a glob: {e}"),
                )
            })?);
        }
        let set = b.build().map_err(|e| {
            config_error(
                &patterns.origin.file,
                Some(patterns.origin.line),
                e.to_string(),
            )
        })?;
        Ok(Globs {
            patterns,
            base,
            set,
        })
    }

    /// Whether an absolute path below `base` matches, or one of the
    /// directories it is in (as in `.gitignore`, excluding a directory
    /// excludes what it holds).
    pub fn matches(&self, path: &Path) -> bool {
        match path.strip_prefix(&self.base) {
            Ok(rel) => rel
                .ancestors()
                .filter(|a| !a.as_os_str().is_empty())
                .any(|a| self.set.is_match(a)),
            Err(_) => false,
        }
    }
}

/// The `--exclude` globs of the command line, relative to the working
/// directory; a bad one is a usage error.
pub fn cli_globs(patterns: &[String]) -> Result<Option<Globs>, Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(glob(p).map_err(|e| Error::Usage(format!("--exclude `{p}` is not a glob: {e}")))?);
    }
    let set = b.build().map_err(|e| Error::Usage(e.to_string()))?;
    Ok(Some(Globs {
        patterns: Set {
            value: patterns.to_vec(),
            origin: Origin {
                file: PathBuf::from("--exclude"),
                line: 0,
            },
        },
        base: absolute(Path::new(".")),
        set,
    }))
}

fn glob(p: &str) -> Result<Glob, globset::Error> {
    let p = p.trim_start_matches("./");
    // As in `.gitignore`: a `/` other than a trailing one anchors the
    // pattern at the base directory.
    let p = if p.trim_end_matches('/').contains('/') {
        p.trim_start_matches('/').to_string()
    } else {
        format!("**/{p}")
    };
    let p = p.strip_suffix('/').map_or(p.clone(), |d| format!("{d}/**"));
    GlobBuilder::new(&p).literal_separator(true).build()
}

/// A `[[overrides]]` table: settings for the files its `paths` match.
#[derive(Debug, Clone)]
pub struct Override {
    pub paths: Globs,
    pub select: Option<Set<Vec<String>>>,
    pub ignore: Option<Set<Vec<String>>>,
    pub severity: BTreeMap<String, Set<Severity>>,
}

/// One configuration file with the files it extends, merged: a key set in
/// a file replaces the one of the file it extends; `severity` tables merge
/// by id, and `overrides` add up (the extended file's first).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The files read: the one found, then those it extends.
    pub files: Vec<PathBuf>,
    pub select: Option<Set<Vec<String>>>,
    pub ignore: Option<Set<Vec<String>>>,
    pub severity: BTreeMap<String, Set<Severity>>,
    pub include: Option<Globs>,
    pub exclude: Option<Globs>,
    pub templates: Option<Set<PathBuf>>,
    pub front_matter_keys: Option<Set<Vec<String>>>,
    pub accept: Option<Set<Vec<String>>>,
    pub overrides: Vec<Override>,
}

/// The settings that apply to one file: the configuration with the
/// overrides that match it.
#[derive(Debug, Clone, Default)]
pub struct FileRules {
    /// Only findings of these ids or prefixes are shown, when set.
    pub select: Option<Set<Vec<String>>>,
    /// Findings of these ids or prefixes are hidden (each with where it
    /// was set).
    pub ignore: Vec<Set<String>>,
    /// Severity by id or prefix: the longest that matches wins.
    pub severity: Vec<(String, Set<Severity>)>,
    /// The overrides that matched, by where they start.
    pub overrides: Vec<Origin>,
}

impl Config {
    /// The settings for one file (an absolute path).
    pub fn for_file(&self, path: &Path) -> FileRules {
        let mut r = FileRules {
            select: self.select.clone(),
            ignore: Vec::new(),
            severity: Vec::new(),
            overrides: Vec::new(),
        };
        let add_ignore = |r: &mut FileRules, set: &Set<Vec<String>>| {
            for s in &set.value {
                r.ignore.push(Set {
                    value: s.clone(),
                    origin: set.origin.clone(),
                });
            }
        };
        if let Some(i) = &self.ignore {
            add_ignore(&mut r, i);
        }
        let add_severity = |r: &mut FileRules, map: &BTreeMap<String, Set<Severity>>| {
            for (k, v) in map {
                r.severity.retain(|(s, _)| s != k);
                r.severity.push((k.clone(), v.clone()));
            }
        };
        add_severity(&mut r, &self.severity);
        for o in &self.overrides {
            if !o.paths.matches(path) {
                continue;
            }
            r.overrides.push(o.paths.patterns.origin.clone());
            if let Some(s) = &o.select {
                r.select = Some(s.clone());
            }
            if let Some(i) = &o.ignore {
                add_ignore(&mut r, i);
            }
            add_severity(&mut r, &o.severity);
        }
        r
    }

    /// Whether a file found by walking a directory is checked: it matches
    /// `include` (when set) and not `exclude`.
    pub fn walks(&self, path: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.matches(path))
            && !self.exclude.as_ref().is_some_and(|g| g.matches(path))
    }
}

/// A configuration error in `file` at `line`; the message starts with the
/// location.
fn config_error(file: &Path, line: Option<usize>, message: impl Into<String>) -> Error {
    let message = message.into();
    let at = match line {
        Some(l) => format!("{}:{l}", shown(file)),
        None => shown(file),
    };
    Error::Config {
        file: Some(file.to_path_buf()),
        line,
        message: format!("{at}: {message}"),
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    crate::util::position::line_col(text, offset).0
}

/// Every rule id: the checks' and the provisions'.
pub fn rule_ids(catalog: &Catalog) -> Vec<String> {
    let mut ids: Vec<String> = CHECKS.iter().map(|c| c.meta.id.to_string()).collect();
    for p in &catalog.packs {
        ids.extend(p.provisions.iter().map(|v| v.id().to_string()));
    }
    ids.sort();
    ids.dedup();
    ids
}

/// Whether `id` is `selector` or starts with `selector.`.
pub fn selects(selector: &str, id: &str) -> bool {
    crate::checks::suppression::matches(selector, id)
}

/// Reads configuration files, each once.
pub struct Loader<'c> {
    catalog: &'c Catalog,
    ids: Vec<String>,
    /// Prefixes of the ids (`base`, `base.general`), for suggestions.
    prefixes: Vec<String>,
    /// The configuration of each directory looked at (`None`: none found
    /// up to the repository root).
    by_dir: HashMap<PathBuf, Option<Arc<Config>>>,
}

impl<'c> Loader<'c> {
    pub fn new(catalog: &'c Catalog) -> Loader<'c> {
        let ids = rule_ids(catalog);
        let mut prefixes: Vec<String> = ids
            .iter()
            .flat_map(|id| {
                id.match_indices('.')
                    .map(|(i, _)| id[..i].to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        prefixes.sort();
        prefixes.dedup();
        Loader {
            catalog,
            ids,
            prefixes,
            by_dir: HashMap::new(),
        }
    }

    pub fn catalog(&self) -> &Catalog {
        self.catalog
    }

    /// The configuration that applies to a file (or, for a directory, to
    /// the files in it): the nearest `moulint.toml` or `.moulint.toml` in
    /// its directory or above, up to the repository root (the directory
    /// holding `.git`); `None` when there is none.
    pub fn for_path(&mut self, path: &Path) -> Result<Option<Arc<Config>>, Error> {
        let abs = absolute(path);
        let dir = if abs.is_dir() {
            abs
        } else {
            abs.parent()
                .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
        };
        self.for_dir(&dir)
    }

    fn for_dir(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, Error> {
        if let Some(c) = self.by_dir.get(dir) {
            return Ok(c.clone());
        }
        let found: Vec<PathBuf> = NAMES
            .iter()
            .map(|n| dir.join(n))
            .filter(|p| p.is_file())
            .collect();
        let config = match found.as_slice() {
            [one] => Some(Arc::new(self.load(one, &mut Vec::new())?)),
            [a, b] => {
                return Err(config_error(
                    a,
                    None,
                    format!(
                        "{} is here too: keep one configuration file per directory",
                        shown(b)
                    ),
                ))
            }
            _ if dir.join(".git").exists() => None,
            _ => match dir.parent() {
                Some(up) => self.for_dir(up)?,
                None => None,
            },
        };
        self.by_dir.insert(dir.to_path_buf(), config.clone());
        Ok(config)
    }

    /// Reads one configuration file and those it extends; `chain` holds
    /// the files extending it, to detect a cycle.
    pub fn load(&self, path: &Path, chain: &mut Vec<PathBuf>) -> Result<Config, Error> {
        let path = absolute(path);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| config_error(&path, None, format!("cannot read it: {e}")))?;
        let raw: Raw = toml::from_str(&text).map_err(|e| self.toml_error(&path, &text, &e))?;
        let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
        let at = |span: std::ops::Range<usize>| Origin {
            file: path.clone(),
            line: line_of(&text, span.start),
        };
        let list = |v: Option<Spanned<Vec<String>>>| {
            v.map(|s| Set {
                origin: at(s.span()),
                value: s.into_inner(),
            })
        };
        let select = list(raw.select);
        let ignore = list(raw.ignore);
        for (key, set) in [("select", &select), ("ignore", &ignore)] {
            if let Some(s) = set {
                self.check_selectors(key, s)?;
            }
        }
        let severity = self.severities(raw.severity, &at)?;
        let mut overrides = Vec::new();
        for o in raw.overrides {
            let select = list(o.select);
            let ignore = list(o.ignore);
            for (key, set) in [("select", &select), ("ignore", &ignore)] {
                if let Some(s) = set {
                    self.check_selectors(key, s)?;
                }
            }
            let paths = Set {
                origin: at(o.paths.span()),
                value: o.paths.into_inner(),
            };
            if paths.value.is_empty() {
                return Err(config_error(
                    &path,
                    Some(paths.origin.line),
                    "`paths` of an override is empty: it would apply to nothing",
                ));
            }
            overrides.push(Override {
                paths: Globs::new(paths, dir.clone())?,
                select,
                ignore,
                severity: self.severities(o.severity, &at)?,
            });
        }
        let globs = |v: Option<Spanned<Vec<String>>>| -> Result<Option<Globs>, Error> {
            list(v).map(|s| Globs::new(s, dir.clone())).transpose()
        };
        let front_matter_keys = list(raw.front_matter_keys);
        if let Some(keys) = &front_matter_keys {
            for k in &keys.value {
                if crate::frontmatter::schema::SCHEMA
                    .iter()
                    .any(|f| f.key == k)
                {
                    return Err(config_error(
                        &path,
                        Some(keys.origin.line),
                        format!(
                            "`{k}` in `front-matter-keys` is a moulint key: list only your own keys"
                        ),
                    ));
                }
            }
        }
        let mut config = Config {
            files: vec![path.clone()],
            select,
            ignore,
            severity,
            include: globs(raw.include)?,
            exclude: globs(raw.exclude)?,
            templates: raw.templates.map(|t| Set {
                origin: at(t.span()),
                value: dir.join(t.into_inner()),
            }),
            front_matter_keys,
            accept: list(raw.accept),
            overrides,
        };
        if let Some(t) = &config.templates {
            if !t.value.is_dir() {
                return Err(config_error(
                    &path,
                    Some(t.origin.line),
                    format!("`templates`: {} is not a directory", shown(&t.value)),
                ));
            }
        }
        if let Some(ext) = raw.extend {
            let line = line_of(&text, ext.span().start);
            let target = absolute(&dir.join(ext.get_ref()));
            if target == path || chain.contains(&target) {
                return Err(config_error(
                    &path,
                    Some(line),
                    format!(
                        "`extend` makes a cycle: {} is already being read",
                        shown(&target)
                    ),
                ));
            }
            if !target.is_file() {
                return Err(config_error(
                    &path,
                    Some(line),
                    format!("`extend`: {} does not exist", shown(&target)),
                ));
            }
            chain.push(path.clone());
            let base = self.load(&target, chain)?;
            chain.pop();
            config = merge(base, config);
        }
        Ok(config)
    }

    /// A TOML error: where, and for an unknown key, the key it may be.
    fn toml_error(&self, path: &Path, text: &str, e: &toml::de::Error) -> Error {
        let line = e.span().map(|s| line_of(text, s.start));
        let message = e.message().trim().to_string();
        let message = match message.strip_prefix("unknown field `") {
            Some(rest) => {
                let key = rest.split('`').next().unwrap_or("");
                let expected: Vec<&str> = rest
                    .split_once("expected")
                    .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
                    .unwrap_or_default();
                let hint = match did_you_mean(key, expected.iter().copied()) {
                    Some(s) => format!(" (did you mean `{s}`?)"),
                    None => format!("; the keys are {}", expected.join(", ")),
                };
                format!("unknown key `{key}`{hint}")
            }
            None => message,
        };
        config_error(path, line, message)
    }

    /// Checks that each selector matches a rule id or an id prefix.
    fn check_selectors(&self, key: &str, set: &Set<Vec<String>>) -> Result<(), Error> {
        for s in &set.value {
            self.check_selector(key, s, &set.origin)?;
        }
        Ok(())
    }

    fn check_selector(&self, key: &str, s: &str, origin: &Origin) -> Result<(), Error> {
        if self.ids.iter().any(|id| selects(s, id)) {
            return Ok(());
        }
        let all = self.ids.iter().chain(&self.prefixes).map(String::as_str);
        let hint = match did_you_mean(s, all) {
            Some(m) => format!(" (did you mean `{m}`?)"),
            None => "; `moulint rules` lists the ids".to_string(),
        };
        Err(config_error(
            &origin.file,
            Some(origin.line),
            format!("`{s}` in `{key}` matches no rule{hint}"),
        ))
    }

    fn severities(
        &self,
        map: Option<BTreeMap<String, Spanned<String>>>,
        at: &dyn Fn(std::ops::Range<usize>) -> Origin,
    ) -> Result<BTreeMap<String, Set<Severity>>, Error> {
        let mut out = BTreeMap::new();
        for (id, v) in map.unwrap_or_default() {
            let origin = at(v.span());
            self.check_selector("severity", &id, &origin)?;
            let value: Severity = v.get_ref().parse().map_err(|e: String| {
                let hint = did_you_mean(v.get_ref(), ["error", "warning", "info"])
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                config_error(&origin.file, Some(origin.line), format!("{e}{hint}"))
            })?;
            out.insert(id, Set { value, origin });
        }
        Ok(out)
    }
}

/// `child` over `base`: keys the child sets win.
fn merge(base: Config, child: Config) -> Config {
    let mut severity = base.severity;
    severity.extend(child.severity);
    let mut overrides = base.overrides;
    overrides.extend(child.overrides);
    let mut files = child.files;
    files.extend(base.files);
    Config {
        files,
        select: child.select.or(base.select),
        ignore: child.ignore.or(base.ignore),
        severity,
        include: child.include.or(base.include),
        exclude: child.exclude.or(base.exclude),
        templates: child.templates.or(base.templates),
        front_matter_keys: child.front_matter_keys.or(base.front_matter_keys),
        accept: child.accept.or(base.accept),
        overrides,
    }
}

/// `path` made absolute against the working directory, with `.` and `..`
/// resolved lexically (symbolic links are left alone).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
