//! Inputs through the command line: only regular files are read, reads
//! are bounded, odd line ends and very long lines never mislead or crash.

use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

fn moulint() -> Command {
    let mut c = Command::cargo_bin("moulint").unwrap();
    c.timeout(Duration::from_secs(120));
    c
}

const CLEAN: &str = "fixtures/redline/clean.md";

/// `moulint check --format json ARGS`: the whole document and the exit code.
fn check(args: &[&str]) -> (Value, i32) {
    let out = moulint()
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (v, out.status.code().unwrap())
}

fn ids(f: &Value) -> Vec<String> {
    f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_one_finding_never_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("draft.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let mut paths = vec!["/dev/null".to_string()];
    if made {
        paths.push(fifo.display().to_string());
    }
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (v, code) = check(&args);
    assert_eq!(code, 1);
    for f in v["files"].as_array().unwrap() {
        assert_eq!(ids(f), ["doc.encoding"], "{f:#}");
        let msg = f["diagnostics"][0]["message"].as_str().unwrap();
        assert!(msg.contains("not a regular file"), "{msg}");
        assert_eq!(f["verdict"], "invalid");
    }
    assert_eq!(v["files"].as_array().unwrap().len(), paths.len());
}

#[test]
fn a_file_over_the_size_limit_is_refused_with_a_clear_message() {
    let (v, code) = check(&["--max-file-size", "1KB", CLEAN]);
    assert_eq!(code, 1);
    let f = &v["files"][0];
    assert_eq!(ids(f), ["doc.encoding"]);
    let msg = f["diagnostics"][0]["message"].as_str().unwrap();
    assert_eq!(
        msg,
        "the file is larger than the 1024-byte limit; it was not read"
    );
    assert!(f["diagnostics"][0]["help"]
        .as_str()
        .unwrap()
        .contains("--max-file-size"));
    // The default takes a real draft; a size that is not one is a usage error.
    assert_eq!(check(&[CLEAN]).0["files"][0]["verdict"], "file-and-use");
    let out = moulint()
        .args(["check", "--max-file-size", "lots", CLEAN])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn standard_input_is_bounded_too() {
    let text = std::fs::read_to_string(CLEAN).unwrap();
    let out = moulint()
        .args(["check", "--format", "json", "--max-file-size", "2KB", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&v["files"][0]), ["doc.encoding"]);
}

/// The clean draft written with other line ends and a byte order mark.
fn variant(dir: &std::path::Path, name: &str, f: impl Fn(&str) -> String) -> String {
    let text = std::fs::read_to_string(CLEAN).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, f(&text)).unwrap();
    p.display().to_string()
}

#[test]
fn cr_only_and_crlf_files_read_like_lf_ones() {
    let dir = tempfile::tempdir().unwrap();
    let cr = variant(dir.path(), "cr.md", |t| t.replace('\n', "\r"));
    let crlf = variant(dir.path(), "crlf.md", |t| t.replace('\n', "\r\n"));
    for p in [cr, crlf] {
        let (v, code) = check(&[&p]);
        assert_eq!(code, 0, "{p}: {v:#}");
        assert_eq!(v["files"][0]["verdict"], "file-and-use", "{p}");
    }
}

#[test]
fn line_one_columns_do_not_count_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bom.md");
    std::fs::write(&p, "\u{FEFF}---\ntemplate: base\nmcp: x\n").unwrap();
    let (v, code) = check(&[p.to_str().unwrap()]);
    assert_eq!(code, 1);
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["message"], "the front matter is never closed");
    assert_eq!(
        (&d["span"]["line"], &d["span"]["column"]),
        (&1.into(), &1.into())
    );
    assert_eq!(d["span"]["offset"], 3, "the span starts after the mark");
}

#[test]
fn a_finding_past_column_65535_is_reported_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let p = variant(dir.path(), "long.md", |t| {
        let filler = "word ".repeat(20_000);
        t.replacen(
            "# Memorandum of Understanding\n",
            &format!("# Memorandum of Understanding\n\n{filler}[MCP Name] end.\n"),
            1,
        )
    });
    for format in ["human", "json", "concise"] {
        let out = moulint()
            .args(["check", "--color", "never", "--format", format, &p])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(s.contains("[MCP Name]"), "{format}");
        assert!(
            s.contains(":15:100001") || format == "json",
            "{format}: {s:.2000}"
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Ten thousand findings in one file are each rendered, in every format,
/// with no crash and each format's count right.
#[test]
fn ten_thousand_findings_render_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let p = variant(dir.path(), "many.md", |t| {
        let slots: String = (0..10_000)
            .map(|i| format!("The contact is [Name of contact {i}].\n\n"))
            .collect();
        format!("{t}\n{slots}")
    });
    for format in [
        "human",
        "concise",
        "json",
        "json-lines",
        "sarif",
        "github",
        "gitlab",
        "junit",
    ] {
        let out = moulint()
            .args(["check", "--color", "never", "--format", format, &p])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let s = String::from_utf8(out.stdout).unwrap();
        let shown = s.matches("[Name of contact ").count();
        assert!(shown >= 10_000, "{format}: {shown}");
        assert!(out.stderr.is_empty(), "{format}");
    }
}

#[test]
fn yaml_errors_are_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let p = variant(dir.path(), "dup.md", |t| {
        t.replacen("template: base\n", "template: base\ntemplate: mhp\n", 1)
    });
    let (v, code) = check(&[&p]);
    assert_eq!(code, 1);
    let msg = v["files"][0]["diagnostics"][0]["message"].as_str().unwrap();
    assert_eq!(
        msg,
        "the front matter is not valid YAML: duplicate mapping key: template"
    );
}

#[cfg(unix)]
#[test]
fn symlinked_files_in_a_walked_directory_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let real = tempfile::tempdir().unwrap();
    std::fs::copy(CLEAN, real.path().join("draft.md")).unwrap();
    std::os::unix::fs::symlink(real.path().join("draft.md"), dir.path().join("link.md")).unwrap();
    let (v, code) = check(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{v:#}");
    assert!(files[0]["path"].as_str().unwrap().ends_with("link.md"));
    assert_eq!(files[0]["verdict"], "file-and-use");
}

/// A walked tree with one draft of each kind the walk leaves out.
#[cfg(unix)]
fn tree_with_left_out_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for d in ["docs", ".archive", "build", "links"] {
        std::fs::create_dir(p.join(d)).unwrap();
    }
    std::fs::write(p.join(".moulintignore"), "build/\nscratch.md\n").unwrap();
    for f in [
        "docs/a.md",
        ".archive/old.md",
        "build/out.md",
        "scratch.md",
        ".draft.md",
    ] {
        std::fs::copy(CLEAN, p.join(f)).unwrap();
    }
    std::os::unix::fs::symlink(p.join("docs/a.md"), p.join("links/a.md")).unwrap();
    std::fs::write(p.join("notes.txt"), "not Markdown\n").unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn what_walking_leaves_out_is_counted_and_named_never_silent() {
    let dir = tree_with_left_out_files();
    let root = dir.path().to_str().unwrap();
    let (v, code) = check(&[root]);
    assert_eq!(code, 0);
    assert_eq!(v["files"].as_array().unwrap().len(), 1, "{v:#}");
    let left: Vec<(String, String, bool)> = v["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let path = l["path"].as_str().unwrap();
            (
                path.strip_prefix(root).unwrap().to_string(),
                l["reason"].as_str().unwrap().to_string(),
                l["directory"].as_bool().unwrap(),
            )
        })
        .collect();
    let want = [
        ("/.archive", "hidden", true),
        ("/.draft.md", "hidden", false),
        ("/build", "ignore-file", true),
        ("/links/a.md", "same-file", false),
        ("/scratch.md", "ignore-file", false),
    ];
    let want: Vec<(String, String, bool)> = want
        .iter()
        .map(|(p, r, d)| (p.to_string(), r.to_string(), *d))
        .collect();
    assert_eq!(left, want);
    assert_eq!(v["summary"]["left_out"], 5);

    // The human summary counts them by reason; --verbose lists each.
    let out = moulint().args(["check", root]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "left out 3 Markdown files and 2 directories: 2 hidden, 2 matched by an ignore \
             file, 1 the same file as another path, checked there; --verbose lists them"
        ),
        "{text}"
    );
    let out = moulint()
        .args(["check", "--verbose", root])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("    {root}/build/ (matched by an ignore file)")),
        "{text}"
    );
    assert!(
        text.contains(&format!("    {root}/.draft.md (hidden)")),
        "{text}"
    );
    let out = moulint()
        .args(["check", "--format", "concise", "-v", root])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("; 5 left out"), "{text}");
    assert!(text.contains(&format!(
        "left out: {root}/scratch.md (matched by an ignore file)"
    )));
}

#[cfg(unix)]
#[test]
fn an_excluded_file_is_named_and_a_link_to_it_is_then_checked() {
    let dir = tree_with_left_out_files();
    // `--exclude` globs are relative to the working directory.
    let run = |args: &[&str]| {
        moulint()
            .current_dir(dir.path())
            .arg("check")
            .args(args)
            .arg(".")
            .output()
            .unwrap()
    };
    let out = run(&["--format", "json", "--exclude", "docs"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let excluded: Vec<&str> = v["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["reason"] == "excluded")
        .map(|l| l["path"].as_str().unwrap())
        .collect();
    assert_eq!(excluded, ["./docs/a.md"]);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], "./links/a.md");

    // Nothing left to check: a usage error that names what was left out.
    let out = run(&["--exclude", "docs", "--exclude", "links"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no Markdown files found under the given paths; left out: "),
        "{err}"
    );
    assert!(
        err.contains("./docs/a.md (excluded by the configuration or --exclude)"),
        "{err}"
    );
}
