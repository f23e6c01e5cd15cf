//! Every command that writes goes through one atomic writer: it refuses to
//! overwrite without `--force`, never writes into a device, FIFO or
//! directory, and leaves the original and no temporary file on failure.

use assert_cmd::Command;

fn moulint() -> Command {
    let mut c = Command::cargo_bin("moulint").unwrap();
    c.timeout(std::time::Duration::from_secs(120));
    c
}

fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

const INIT: &[&str] = &[
    "init",
    "--template",
    "mhp",
    "--mcp",
    "Golden Poppy Health Plan",
    "--party",
    "Alpine County Behavioral Health",
    "--county",
    "Alpine",
];

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new.md");
    std::fs::write(&out, "mine\n").unwrap();
    let o = moulint().args(INIT).arg("-o").arg(&out).output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine\n");
    assert_eq!(entries(dir.path()), ["new.md"]);
    let o = moulint()
        .args(INIT)
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("template: mhp"));
    assert_eq!(entries(dir.path()), ["new.md"]);
}

#[test]
fn check_output_never_replaces_a_directory_or_writes_under_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("report");
    std::fs::create_dir(&sub).unwrap();
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "x").unwrap();
    for target in [sub.clone(), plain.join("out.json")] {
        let o = moulint()
            .args([
                "check",
                "fixtures/redline/clean.md",
                "--format",
                "json",
                "-o",
            ])
            .arg(&target)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", target.display());
        assert!(!o.stderr.is_empty());
    }
    assert!(sub.is_dir());
    assert_eq!(entries(&sub), Vec::<String>::new());
    assert_eq!(std::fs::read_to_string(&plain).unwrap(), "x");
    assert_eq!(entries(dir.path()), ["plain.txt", "report"]);
}

#[cfg(unix)]
#[test]
fn redline_output_never_writes_into_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("redline.html");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        return;
    }
    let o = moulint()
        .args([
            "redline",
            "fixtures/redline/clean.md",
            "--format",
            "html",
            "-o",
        ])
        .arg(&fifo)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(entries(dir.path()), ["redline.html"]);
}

/// Runs moulint with a file size limit of one 512-byte block (as a full
/// disk would stop it), `SIGXFSZ` ignored so the write fails with an error.
#[cfg(unix)]
fn under_a_full_disk(args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("moulint");
    let mut script = String::from("ulimit -f 1; trap '' XFSZ; exec \"$0\"");
    for (i, _) in args.iter().enumerate() {
        script.push_str(&format!(" \"${}\"", i + 1));
    }
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(bin)
        .args(args)
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_midway_keeps_the_original_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("redline.html");
    std::fs::write(&target, "ORIGINAL\n").unwrap();
    let t = target.to_str().unwrap();
    let runs: [&[&str]; 3] = [
        &[
            "redline",
            "fixtures/redline/clean.md",
            "--format",
            "html",
            "--force",
            "-o",
            t,
        ],
        &[
            "check",
            "fixtures/redline/clean.md",
            "--format",
            "json",
            "--force",
            "-o",
            t,
        ],
        &["baseline", "write", "--force", t, "fixtures/redline"],
    ];
    for args in runs {
        let o = under_a_full_disk(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {o:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("File too large"), "{args:?}: {err}");
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "ORIGINAL\n",
            "{args:?}"
        );
        assert_eq!(entries(dir.path()), ["redline.html"], "{args:?}");
    }
    // A new file is not left half written either.
    let fresh = dir.path().join("new.md");
    let mut init = INIT.to_vec();
    init.extend(["-o", fresh.to_str().unwrap()]);
    let o = under_a_full_disk(&init);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert_eq!(entries(dir.path()), ["redline.html"]);
}

#[test]
fn every_writing_command_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out");
    std::fs::write(&target, "ORIGINAL\n").unwrap();
    let t = target.to_str().unwrap();
    let runs: [&[&str]; 3] = [
        &["redline", "fixtures/redline/clean.md", "-o", t],
        &["check", "fixtures/redline/clean.md", "-o", t],
        &["baseline", "write", t, "fixtures/redline"],
    ];
    for args in runs {
        let o = moulint().args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("already exists: pass --force to replace it"),
            "{args:?}: {err}"
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "ORIGINAL\n");
        let mut forced = args.to_vec();
        forced.insert(if args[0] == "baseline" { 2 } else { 1 }, "--force");
        let o = moulint().args(&forced).output().unwrap();
        assert!(matches!(o.status.code(), Some(0 | 1)), "{forced:?}: {o:?}");
        assert_ne!(std::fs::read_to_string(&target).unwrap(), "ORIGINAL\n");
        std::fs::write(&target, "ORIGINAL\n").unwrap();
    }
    assert_eq!(entries(dir.path()), ["out"]);
}
