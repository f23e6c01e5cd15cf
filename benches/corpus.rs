//! Writes the benchmark corpus (see `corpus/mod.rs`) to a directory, for
//! running the CLI binary or another linter on it:
//!
//! ```sh
//! cargo bench --bench corpus -- --write DIR [--drafts N] [--bytes B]
//! ```
//!
//! Without `--write` it prints what the corpus would hold. `--drafts`
//! defaults to 200 (1,000 with `MOULINT_BENCH_FULL=1`), `--bytes` (the
//! target size of one draft) to 70,000.

#[path = "corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut write: Option<PathBuf> = None;
    let mut drafts = corpus::drafts_from_env();
    let mut bytes = corpus::DRAFT_BYTES;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |what: &str| args.next().unwrap_or_else(|| panic!("{a} needs {what}"));
        match a.as_str() {
            "--write" => write = Some(PathBuf::from(value("a directory"))),
            "--drafts" => drafts = value("a number").parse().expect("--drafts N"),
            "--bytes" => bytes = value("a number").parse().expect("--bytes B"),
            // `cargo bench` passes `--bench`; ignore it and any filter.
            _ => {}
        }
    }
    let t = Instant::now();
    let set = corpus::generate(drafts, bytes, corpus::SEED);
    let generated = t.elapsed();
    // Write first: a closed pipe on the listing below must not lose it.
    let written = write
        .as_ref()
        .map(|dir| corpus::write(dir, &set).expect("writing the corpus"));
    let total: usize = set.iter().map(|d| d.text.len()).sum();
    let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
    for d in &set {
        let kind = d
            .text
            .lines()
            .nth(1)
            .unwrap_or("")
            .trim_start_matches("template: ");
        *kinds.entry(kind.to_string()).or_default() += 1;
    }
    println!(
        "{} drafts, {:.1} MB ({:.1} KB each on average), generated in {:.2} s",
        set.len(),
        total as f64 / 1e6,
        total as f64 / 1e3 / set.len().max(1) as f64,
        generated.as_secs_f64()
    );
    for (kind, n) in &kinds {
        // A closed pipe (`| head`) ends the listing, not the run.
        use std::io::Write;
        if writeln!(std::io::stdout(), "  {n:>5}  template: {kind}").is_err() {
            break;
        }
    }
    if let (Some(dir), Some(written)) = (write, written) {
        println!("wrote {written} bytes to {}", dir.display());
    }
}
