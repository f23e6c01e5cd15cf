//! Throughput of `moulint check` against raw Markdown parsing of the same
//! corpus, measured in one run so the ratio is meaningful on any machine.
//!
//! Run by hand: `cargo bench --bench throughput`. Prints, for each stage,
//! the median time per pass over the corpus and its ratio to the baseline
//! (pulldown-cmark parsing the same bytes with offsets, doing nothing else).

// The allocator of the binary, so that in-process figures are its own.
#[global_allocator]
static ALLOCATOR: moulint::allocator::MiMalloc = moulint::allocator::MiMalloc;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use moulint::catalog::Catalog;
use moulint::document::Document;
use moulint::lint::lint_source;
use moulint::source::SourceFile;

fn corpus() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    let mut paths = Vec::new();
    walk(Path::new("fixtures"), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

/// Median wall time of `f` over `runs` runs, after one warm-up.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let files = corpus();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let catalog = &Catalog::bundled().expect("bundled packs load");
    let runs = 21;
    println!(
        "corpus: {} files, {} KiB (fixtures/)",
        files.len(),
        bytes / 1024
    );

    let baseline = median(runs, || {
        for (_, text) in &files {
            let parser =
                pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES);
            for ev in parser.into_offset_iter() {
                black_box(ev);
            }
        }
    });
    let parse = median(runs, || {
        for (path, text) in &files {
            black_box(Document::parse(SourceFile::new(path.clone(), text.clone())));
        }
    });
    let set = &moulint::reference::TemplateSet::bundled().expect("bundled templates load");
    let docs: Vec<(Document, Vec<String>)> = files
        .iter()
        .map(|(path, text)| {
            let d = Document::parse(SourceFile::new(path.clone(), text.clone()));
            let mut t: Vec<String> = d
                .template_ids()
                .into_iter()
                .filter(|t| catalog.pack(t).is_some())
                .collect();
            if t.is_empty() {
                t.push("base".into());
            }
            (d, t)
        })
        .collect();
    let references = moulint::compare::References::new(set);
    let compare = median(runs, || {
        for (d, t) in &docs {
            let outcome = moulint::compare::prepare(d, t, &references, catalog);
            if let Some(c) = outcome.comparison() {
                black_box(c.diffs(&d.tree, &|_| None, &catalog.vocab.modality));
            }
        }
    });
    let check = median(runs, || {
        for (path, text) in &files {
            black_box(lint_source(
                SourceFile::new(path.clone(), text.clone()),
                catalog,
                &references,
            ));
        }
    });
    let mb = bytes as f64 / (1024.0 * 1024.0);
    let row = |name: &str, d: Duration| {
        println!(
            "{name:<40} {:>9.3} ms  {:>7.1} MiB/s  {:>6.1}x baseline",
            d.as_secs_f64() * 1e3,
            mb / d.as_secs_f64(),
            d.as_secs_f64() / baseline.as_secs_f64()
        );
    };
    row("baseline: pulldown-cmark offset parse", baseline);
    row("moulint: parse (front matter + tree)", parse);
    row("moulint: word comparison (align + diff)", compare);
    row("moulint: full check, one thread", check);

    // Scaling: one draft holding the complete Base MOU's body k times. The
    // comparison aligns provisions, never whole documents' words, so the
    // time per KiB should stay flat as k grows.
    let complete = std::fs::read_to_string("fixtures/base/complete.md").expect("complete draft");
    let body_at = complete[4..].find("\n---").map_or(0, |i| i + 8);
    let (front, body) = complete.split_at(body_at);
    println!("\nscaling (complete Base draft, body repeated k times):");
    let mut first = None;
    for k in [1usize, 4, 16] {
        let text = format!("{front}{}", body.repeat(k));
        let d = median(7, || {
            black_box(lint_source(
                SourceFile::new("scaled.md", text.clone()),
                catalog,
                &references,
            ));
        });
        let per_kib = d.as_secs_f64() * 1e3 / (text.len() as f64 / 1024.0);
        let base = *first.get_or_insert(per_kib);
        println!(
            "  k={k:<3} {:>6} KiB  {:>9.3} ms  {:>6.3} ms/KiB  {:>5.2}x the k=1 cost per KiB",
            text.len() / 1024,
            d.as_secs_f64() * 1e3,
            per_kib,
            per_kib / base
        );
    }
}
