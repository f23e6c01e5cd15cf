//! The configuration through the command line, in temporary repositories:
//! discovery up to the repository root, `extend`, per-path overrides,
//! `include` and `exclude`, the templates directory, accepted bracket text
//! and front matter keys, `moulint config`, and every configuration error
//! (exit 2, with the file, the line and a suggestion). Configuration never
//! changes a verdict.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

const ALTERED: &str = "fixtures/redline/altered.md";
const CLEAN: &str = "fixtures/redline/clean.md";

/// A temporary repository (it has `.git`) holding `files`.
fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let text = match *text {
            "@altered" => std::fs::read_to_string(ALTERED).unwrap(),
            "@clean" => std::fs::read_to_string(CLEAN).unwrap(),
            t => t.to_string(),
        };
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("moulint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", common_as_of())
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = run(dir, &[&["check", "--format", "json"], args].concat());
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("no JSON: {}", String::from_utf8_lossy(&out.stderr)));
    (v, out.status.code().unwrap())
}

fn ids(f: &Value) -> Vec<String> {
    let mut v: Vec<String> = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    v.dedup();
    v
}

fn paths(v: &Value) -> Vec<String> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// The configuration error of `check`: its exit code is 2 and its one
/// line of standard error.
fn config_error(files: &[(&str, &str)]) -> String {
    let dir = repo(files);
    let out = run(dir.path(), &["check", "d/a.md"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty());
    err.trim().to_string()
}

#[test]
fn the_nearest_config_up_to_the_repository_root_applies() {
    let outer = tempfile::tempdir().unwrap();
    // Above the repository: never read.
    std::fs::write(outer.path().join("moulint.toml"), "selec = 1\n").unwrap();
    let root = outer.path().join("repo");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("a/b")).unwrap();
    std::fs::create_dir_all(root.join("c")).unwrap();
    std::fs::copy(ALTERED, root.join("a/b/x.md")).unwrap();
    std::fs::copy(ALTERED, root.join("c/y.md")).unwrap();
    std::fs::write(root.join("moulint.toml"), "ignore = [\"doc.structure\"]\n").unwrap();
    std::fs::write(root.join("a/.moulint.toml"), "ignore = [\"doc.altered\"]\n").unwrap();
    let (v, code) = json(&root, &["a/b/x.md", "c/y.md"]);
    assert_eq!(ids(&v["files"][0]), ["doc.structure"], "a/.moulint.toml");
    assert_eq!(ids(&v["files"][1]), ["doc.altered"], "moulint.toml");
    // Hidden findings still decide the verdict.
    assert_eq!(v["files"][0]["verdict"], "redline");
    assert_eq!(v["files"][0]["suppressed"][0]["by"], "config");
    assert_eq!(
        v["files"][0]["suppressed"][0]["reason"],
        "ignore = \"doc.altered\" (a/.moulint.toml:1)"
    );
    assert_eq!(v["summary"]["suppressed_deciding"], 2);
    assert_eq!(code, 1, "y.md still has its doc.altered errors");
    // Without a configuration, nothing is hidden.
    let out = run(&root, &["check", "--format", "concise", "c/y.md"]);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("3 suppressed"));
}

#[test]
fn extend_inherits_and_the_extending_file_wins() {
    let dir = repo(&[
        (
            "base.toml",
            "ignore = [\"doc.structure\"]\n[severity]\n\"doc.altered\" = \"info\"\n\"base\" = \"warning\"\n",
        ),
        (
            "moulint.toml",
            "extend = \"base.toml\"\n[severity]\n\"doc.altered\" = \"warning\"\n",
        ),
        ("d/a.md", "@altered"),
    ]);
    let (v, code) = json(dir.path(), &["d/a.md"]);
    let f = &v["files"][0];
    assert_eq!(ids(f), ["doc.altered"], "ignore inherited");
    let severities: Vec<&str> = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    assert!(severities.iter().all(|s| *s == "warning"), "{severities:?}");
    // Turned down to warnings, the run passes, but the verdict is the same.
    assert_eq!(code, 0);
    assert_eq!(f["verdict"], "redline");
    let (_, code) = json(dir.path(), &["d/a.md", "--fail-on-verdict", "redline"]);
    assert_eq!(code, 1);
}

#[test]
fn overrides_apply_to_the_paths_they_match() {
    let dir = repo(&[
        (
            "moulint.toml",
            "[[overrides]]\npaths = [\"legacy/**\"]\nselect = [\"doc.structure\"]\n\
             [overrides.severity]\n\"doc.structure\" = \"error\"\n",
        ),
        ("legacy/old.md", "@altered"),
        ("new/a.md", "@altered"),
    ]);
    let (v, _) = json(dir.path(), &["legacy", "new"]);
    assert_eq!(paths(&v), ["legacy/old.md", "new/a.md"]);
    let old = &v["files"][0];
    assert_eq!(ids(old), ["doc.structure"]);
    assert_eq!(old["diagnostics"][0]["severity"], "error");
    assert_eq!(old["verdict"], "redline");
    assert!(old["suppressed"][0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("not in select (moulint.toml:3)"));
    assert!(ids(&v["files"][1]).contains(&"doc.altered".to_string()));
}

#[test]
fn include_exclude_and_the_exclude_flag_pick_walked_files() {
    let dir = repo(&[
        (
            "moulint.toml",
            "include = [\"drafts/**\"]\nexclude = [\"archive/\"]\n",
        ),
        ("drafts/a.md", "@clean"),
        ("drafts/archive/old.md", "@clean"),
        ("drafts/wip/b.md", "@clean"),
        ("notes/c.md", "@clean"),
    ]);
    let (v, _) = json(dir.path(), &["."]);
    assert_eq!(paths(&v), ["./drafts/a.md", "./drafts/wip/b.md"]);
    let (v, _) = json(dir.path(), &[".", "--exclude", "wip"]);
    assert_eq!(paths(&v), ["./drafts/a.md"]);
    // A file named on the command line is always checked.
    let (v, _) = json(dir.path(), &["notes/c.md"]);
    assert_eq!(paths(&v), ["notes/c.md"]);
}

#[test]
fn templates_accept_and_front_matter_keys() {
    let clean = std::fs::read_to_string(CLEAN).unwrap();
    let edited = clean
        .replacen("status: draft\n", "status: draft\nreviewer: counsel\n", 1)
        .replacen(
            "# Memorandum of Understanding\n",
            "# Memorandum of Understanding\n\nThe County's [emphasis added] text.\n",
            1,
        );
    assert_ne!(edited, clean);
    let reference = std::fs::read_to_string("rules/templates/base.md")
        .unwrap()
        .replacen("shall coordinate them", "may coordinate them", 1);
    let dir = repo(&[("d/a.md", edited.as_str()), ("tpl/base.md", &reference)]);
    let (v, _) = json(dir.path(), &["d/a.md"]);
    let before = ids(&v["files"][0]);
    assert!(
        before.contains(&"doc.placeholder".to_string()),
        "{before:?}"
    );
    assert!(
        before.contains(&"doc.front-matter".to_string()),
        "{before:?}"
    );
    std::fs::write(
        dir.path().join("moulint.toml"),
        "accept = [\"[Emphasis Added]\"]\nfront-matter-keys = [\"reviewer\"]\n",
    )
    .unwrap();
    let (v, _) = json(dir.path(), &["d/a.md"]);
    let after = ids(&v["files"][0]);
    assert!(!after.contains(&"doc.placeholder".to_string()), "{after:?}");
    assert!(
        !after.contains(&"doc.front-matter".to_string()),
        "{after:?}"
    );
    assert_eq!(v["files"][0]["verdict"], "file-and-use");
    // The draft compared with the configuration's reference text, whose
    // wording differs.
    std::fs::write(
        dir.path().join("moulint.toml"),
        "accept = [\"[Emphasis Added]\"]\nfront-matter-keys = [\"reviewer\"]\ntemplates = \"tpl\"\n",
    )
    .unwrap();
    let (v, _) = json(dir.path(), &["d/a.md"]);
    assert_eq!(v["files"][0]["verdict"], "redline");
    // `--templates` wins over the configuration.
    let bundled = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/templates");
    let (v, _) = json(dir.path(), &["d/a.md", "--templates", bundled]);
    assert_eq!(v["files"][0]["verdict"], "file-and-use");
}

#[test]
fn every_configuration_error_names_the_file_and_line() {
    let draft = ("d/a.md", "@clean");
    for (toml, expected) in [
        (
            "select = [\"doc\"]\nignroe = [\"doc.dates\"]\n",
            "moulint.toml:2: unknown key `ignroe` (did you mean `ignore`?)",
        ),
        (
            "[[overrides]]\npaths = [\"x/**\"]\nselct = [\"doc\"]\n",
            "moulint.toml:3: unknown key `selct` (did you mean `select`?)",
        ),
        (
            "zzz = 1\n",
            "moulint.toml:1: unknown key `zzz`; the keys are extend, select,",
        ),
        (
            "select = [\"doc.dats\"]\n",
            "moulint.toml:1: `doc.dats` in `select` matches no rule (did you mean `doc.dates`?)",
        ),
        (
            "\nignore = [\"bse\"]\n",
            "moulint.toml:2: `bse` in `ignore` matches no rule (did you mean `base`?)",
        ),
        (
            "ignore = [\"acme.widgets\"]\n",
            "moulint.toml:1: `acme.widgets` in `ignore` matches no rule; `moulint rules` lists",
        ),
        (
            "[severity]\n\"doc.dates\" = \"eror\"\n",
            "moulint.toml:2: unknown severity `eror` (expected error, warning or info) (did you \
             mean `error`?)",
        ),
        (
            "[severity]\n\"doc.datez\" = \"error\"\n",
            "moulint.toml:2: `doc.datez` in `severity` matches no rule (did you mean `doc.dates`?)",
        ),
        (
            "[[overrides]]\npaths = [\"x/**\"]\nignore = [\"doc.rol\"]\n",
            "moulint.toml:3: `doc.rol` in `ignore` matches no rule (did you mean `doc.role`?)",
        ),
        (
            "[[overrides]]\npaths = []\n",
            "moulint.toml:2: `paths` of an override is empty",
        ),
        (
            "exclude = [\"a/[b\"]\n",
            "moulint.toml:1: `a/[b` is not a glob",
        ),
        (
            "templates = \"nowhere\"\n",
            "moulint.toml:1: `templates`: nowhere is not a directory",
        ),
        (
            "accept = [\"[MCP  name]\"]\n",
            "moulint.toml:1: `accept` lists `[MCP  name]`, a slot of template base",
        ),
        (
            "front-matter-keys = [\"status\"]\n",
            "moulint.toml:1: `status` in `front-matter-keys` is a moulint key",
        ),
        ("select = \"doc\"\n", "moulint.toml:1: invalid type"),
        ("select = [\n", "moulint.toml:"),
        (
            "extend = \"missing.toml\"\n",
            "moulint.toml:1: `extend`: missing.toml does not exist",
        ),
        (
            "extend = \"moulint.toml\"\n",
            "moulint.toml:1: `extend` makes a cycle",
        ),
    ] {
        let err = config_error(&[("moulint.toml", toml), draft]);
        assert!(
            err.starts_with(&format!("error: {expected}")),
            "{toml}\n{err}"
        );
    }
    let err = config_error(&[
        ("moulint.toml", "extend = \"b.toml\"\n"),
        ("b.toml", "\n\nextend = \"moulint.toml\"\n"),
        draft,
    ]);
    assert!(
        err.starts_with("error: b.toml:3: `extend` makes a cycle: moulint.toml"),
        "{err}"
    );
    let err = config_error(&[
        ("moulint.toml", "extend = \"b.toml\"\n"),
        ("b.toml", "selet = []\n"),
        draft,
    ]);
    assert!(
        err.starts_with("error: b.toml:1: unknown key `selet` (did you mean `select`?)"),
        "{err}"
    );
    let err = config_error(&[("moulint.toml", ""), (".moulint.toml", ""), draft]);
    assert!(
        err.contains("keep one configuration file per directory"),
        "{err}"
    );
    // `moulint config` reports the same errors.
    let dir = repo(&[("moulint.toml", "selec = []\n"), draft]);
    let out = run(dir.path(), &["config", "d/a.md"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn config_prints_each_value_and_where_it_came_from() {
    let dir = repo(&[
        (
            "shared.toml",
            "ignore = [\"doc.template-version\"]\nexclude = [\"archive/\"]\n[severity]\n\
             \"doc.structure\" = \"info\"\n",
        ),
        (
            "moulint.toml",
            "extend = \"shared.toml\"\nselect = [\"doc\", \"base\"]\naccept = [\"[sic erat]\"]\n\n\
             [[overrides]]\npaths = [\"legacy/**\"]\nignore = [\"doc.dates\"]\n\
             [overrides.severity]\n\"doc.dates\" = \"warning\"\n",
        ),
        ("legacy/a.md", "@clean"),
    ]);
    let out = run(dir.path(), &["config", "legacy/a.md"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("config_legacy", text);
    let out = run(dir.path(), &["config"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("override"), "{text}");
    assert!(text.contains("# read from moulint.toml, extending shared.toml\n"));
    let none = repo(&[("a.md", "@clean")]);
    let text = String::from_utf8(run(none.path(), &["config", "a.md"]).stdout).unwrap();
    assert!(text.contains("no moulint.toml"), "{text}");
}

#[cfg(unix)]
#[test]
fn moulintignore_and_symlinked_directories_followed_once() {
    let dir = repo(&[
        ("d/sub/a.md", "@clean"),
        ("d/b.md", "@clean"),
        ("d/.moulintignore", "b.md\n"),
    ]);
    std::os::unix::fs::symlink("..", dir.path().join("d/sub/up")).unwrap();
    std::os::unix::fs::symlink("sub", dir.path().join("d/link")).unwrap();
    let out = run(dir.path(), &["check", "--format", "json", "d"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // d/link/a.md is d/sub/a.md: checked once; b.md is ignored.
    assert_eq!(paths(&v), ["d/link/a.md"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("warning: d/sub/up links back to d: a directory loop, not followed"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn completions_are_generated_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(Path::new("."), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("moulint") && text.contains("baseline"),
            "{shell}"
        );
    }
    let out = run(Path::new("."), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The day `check` judges records as of in these tests (2025-12-15), so
/// that summaries do not change with the clock.
#[allow(dead_code)]
fn common_as_of() -> &'static str {
    "1765756800"
}
