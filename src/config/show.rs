//! The text of `moulint config [FILE]`: the effective configuration for a
//! file, one setting a line in TOML syntax, each with where it came from.

use std::fmt::Write as _;
use std::path::Path;

use super::{shown, Config, Set};

fn list(v: &[String]) -> String {
    let items: Vec<String> = v.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", items.join(", "))
}

fn line(out: &mut String, setting: String, origin: &str) {
    let _ = writeln!(out, "{setting:<48} # {origin}");
}

fn set_list(out: &mut String, key: &str, v: Option<&Set<Vec<String>>>) {
    match v {
        Some(s) => line(
            out,
            format!("{key} = {}", list(&s.value)),
            &s.origin.to_string(),
        ),
        None => line(out, format!("{key} = []"), "default"),
    }
}

/// The effective configuration for `file` (an absolute path), from
/// `config` (`None`: no configuration file was found).
pub fn render(file: &Path, config: Option<&Config>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# the configuration for {}", shown(file));
    let default = Config::default();
    let c = match config {
        Some(c) => {
            let files: Vec<String> = c.files.iter().map(|f| shown(f)).collect();
            let _ = writeln!(out, "# read from {}", files.join(", extending "));
            c
        }
        None => {
            let _ = writeln!(
                out,
                "# no moulint.toml or .moulint.toml up to the repository root: the defaults"
            );
            &default
        }
    };
    let rules = c.for_file(file);
    for o in &rules.overrides {
        let _ = writeln!(out, "# with the override at {o}");
    }
    match &rules.select {
        Some(s) => line(
            &mut out,
            format!("select = {}", list(&s.value)),
            &s.origin.to_string(),
        ),
        None => line(&mut out, "select = [] (every rule)".into(), "default"),
    }
    if rules.ignore.is_empty() {
        line(&mut out, "ignore = []".into(), "default");
    }
    for i in &rules.ignore {
        line(
            &mut out,
            format!("ignore = [{:?}]", i.value),
            &i.origin.to_string(),
        );
    }
    if rules.severity.is_empty() {
        line(&mut out, "[severity] (each rule's own)".into(), "default");
    }
    let mut severity = rules.severity.clone();
    severity.sort_by(|a, b| a.0.cmp(&b.0));
    for (id, s) in &severity {
        line(
            &mut out,
            format!("severity.{id:?} = {:?}", s.value.as_str()),
            &s.origin.to_string(),
        );
    }
    set_list(&mut out, "include", c.include.as_ref().map(|g| &g.patterns));
    set_list(&mut out, "exclude", c.exclude.as_ref().map(|g| &g.patterns));
    match &c.templates {
        Some(t) => line(
            &mut out,
            format!("templates = {:?}", shown(&t.value)),
            &t.origin.to_string(),
        ),
        None => line(&mut out, "templates = (bundled)".into(), "default"),
    }
    set_list(&mut out, "front-matter-keys", c.front_matter_keys.as_ref());
    set_list(&mut out, "accept", c.accept.as_ref());
    let _ = writeln!(
        out,
        "# select, ignore and severity change what is shown and the exit code, never the verdict"
    );
    out
}
