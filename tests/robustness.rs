//! Bad input never panics, and every span a finding carries lies inside
//! the file on character boundaries. Inputs are deterministic mutations of
//! the fixtures (a small LCG, so failures reproduce).

mod common;

use common::lint_source;
use moulint::lint::FileReport;
use moulint::source::SourceFile;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn assert_spans_valid(r: &FileReport, text: &str) {
    for d in &r.diagnostics {
        let spans = d.span.into_iter().chain(d.labels.iter().map(|l| l.span));
        for s in spans {
            assert!(
                s.end() <= text.len(),
                "{}: span {s:?} past end {} ({})",
                r.path,
                text.len(),
                d.message
            );
            assert!(
                text.is_char_boundary(s.offset) && text.is_char_boundary(s.end()),
                "{}: span {s:?} splits a character ({})",
                r.path,
                d.message
            );
        }
    }
}

const PIECES: &[&str] = &[
    "[",
    "]",
    "**",
    "*",
    "#",
    "## 4. ",
    "\n",
    "\r\n",
    "\t",
    "---\n",
    "(a) ",
    "1. ",
    "“",
    "—",
    "é",
    "\u{feff}",
    "[MCP Name]",
    "<!--",
    "-->",
    "|",
    "`",
    "\\",
    "Section 99",
    "&amp;",
    ": ",
    "- ",
    "&",
    "*a ",
];

#[test]
fn mutated_drafts_never_panic_and_spans_stay_in_bounds() {
    let catalog = common::catalog();
    let seed_text = std::fs::read_to_string("fixtures/base/complete.md").unwrap();
    let mut rng = Lcg(0x5eed);
    for round in 0..300 {
        let mut text = seed_text.clone();
        for _ in 0..1 + rng.below(12) {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match rng.below(3) {
                0 => text.insert_str(at, PIECES[rng.below(PIECES.len())]),
                1 => {
                    let mut end = (at + rng.below(200)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(at..end, "");
                }
                _ => text.truncate(at),
            }
        }
        let r = lint_source(
            SourceFile::new(format!("round-{round}.md"), text.clone()),
            catalog,
        );
        assert_spans_valid(&r, &text);
    }
}

#[test]
fn every_fixture_has_valid_spans() {
    let catalog = common::catalog();
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(std::path::Path::new("fixtures"), &mut files);
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let r = lint_source(
            SourceFile::new(f.display().to_string(), text.clone()),
            catalog,
        );
        assert_spans_valid(&r, &text);
    }
}

#[test]
fn pathological_inputs() {
    let catalog = common::catalog();
    let cases = [
        String::new(),
        "---".to_string(),
        "---\n---\n".to_string(),
        "\u{feff}".to_string(),
        "---\n: : :\n---\n".to_string(),
        "---\n- a\n- b\n---\n".to_string(),
        "---\ntemplate: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n---\n".to_string(),
        format!("---\ntemplate: base\n---\n{}", "> ".repeat(5000)),
        format!("---\ntemplate: base\n---\n{}", "1. ".repeat(3000)),
        format!("---\ntemplate: base\n---\n{}", "[".repeat(20000)),
        format!("---\ntemplate: base\n---\n{}", "**a** ".repeat(10000)),
        "---\r\ntemplate: base\r\n---\r\n## 1. A\r\n\r\n**1.1 B.** text\r\n".to_string(),
    ];
    for (i, text) in cases.iter().enumerate() {
        let r = lint_source(
            SourceFile::new(format!("case-{i}.md"), text.clone()),
            catalog,
        );
        assert_spans_valid(&r, text);
    }
}
