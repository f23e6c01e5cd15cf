//! The output formats over one fixed run of several files: one snapshot per
//! format. The run covers a bounded-number element finding, file-wide
//! findings (no span), a changed-wording finding, a file whose front matter
//! is not YAML and a file that is not UTF-8, with each file's verdict and
//! the summary. The tool version is redacted, so a release rewrites nothing.

mod common;

use std::path::Path;

use common::lint_file;
use moulint::emit;
use moulint::lint::FileReport;

const RUN: &[&str] = &[
    "fixtures/rules/base.contacts.change-notice/trigger-ten-days.md",
    "fixtures/rules/doc.altered/trigger.md",
    "fixtures/rules/doc.encoding/trigger.md",
    "fixtures/rules/doc.front-matter/trigger-bad-yaml.md",
];

fn run() -> Vec<FileReport> {
    let catalog = common::catalog();
    RUN.iter()
        .map(|p| lint_file(Path::new(p), catalog))
        .collect()
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[test]
fn human_output() {
    let out = emit::human::render(
        &run(),
        emit::human::Style {
            color: false,
            width: 100,
        },
    );
    let out = out.replace(&format!("moulint {VERSION}"), "moulint [version]");
    insta::assert_snapshot!("human", out);
}

#[test]
fn json_output() {
    let out = emit::json::render(&run());
    let tool = format!("\"version\": \"{VERSION}\"");
    assert_eq!(out.matches(&tool).count(), 1, "the tool version, once");
    let out = out.replace(&tool, "\"version\": \"[version]\"");
    insta::assert_snapshot!("json", out);
}
