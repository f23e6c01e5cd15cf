//! Scale: the full check on a generated corpus of realistic drafts against
//! a raw Markdown parse of the same files in the same run, the release
//! binary's wall time, CPU time and peak memory at two corpus sizes,
//! start-up, the pathological inputs at two sizes, and rumdl on the same
//! corpus when it is installed; and a re-run with `--cache` holding every
//! report.
//!
//! Run by hand (not a timed test):
//!
//! ```sh
//! cargo bench --bench scale                       # 200 drafts of ~70 KB (14 MB)
//! MOULINT_BENCH_FULL=1 cargo bench --bench scale  # 1,000 drafts (70 MB)
//! cargo bench --bench scale -- corpus             # only the corpus part
//! ```
//!
//! Sections: `corpus`, `startup`, `patho`, `rumdl` (a filter argument picks
//! them; none runs all). The corpus is written to `target/bench-corpus/`.
//! Every ratio divides by the raw pulldown-cmark offset parse (tables on)
//! of the same bytes, measured single-threaded in the same run.

#[path = "corpus/mod.rs"]
mod corpus;

// The allocator of the binary, so that in-process figures are its own.
#[global_allocator]
static ALLOCATOR: moulint::allocator::MiMalloc = moulint::allocator::MiMalloc;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use moulint::catalog::Catalog;
use moulint::compare::References;
use moulint::lint::lint_source;
use moulint::source::SourceFile;

const BIN: &str = env!("CARGO_BIN_EXE_moulint");

/// CPU time (user + system) of this process so far.
fn self_cpu() -> Duration {
    // SAFETY: getrusage writes into the zeroed struct we pass.
    let ru = unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut ru);
        ru
    };
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

fn tv(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// One child process: wall time from spawn to exit, its CPU time and its
/// peak resident memory, from `wait4` (this child's own rusage).
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    cpu: Duration,
    rss_kib: i64,
}

/// `/usr/bin/time`, when present, measures the child's peak memory. The
/// child's own `ru_maxrss` cannot: on Linux a child forked from this
/// process starts with this process's peak (`exec` keeps the high-water
/// mark), and this process holds the corpus. The grandchild that `time`
/// forks has no such inheritance.
const TIME: &str = "/usr/bin/time";

// The child is reaped by `wait4` (for its rusage), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run(cmd: &mut Command) -> Run {
    let time = Path::new(TIME).exists();
    let rss_file = std::env::temp_dir().join(format!("moulint-bench-rss-{}", std::process::id()));
    let mut wrapped;
    let cmd = if time {
        wrapped = Command::new(TIME);
        wrapped
            .args(["-f", "%M", "-o"])
            .arg(&rss_file)
            .arg(cmd.get_program())
            .args(cmd.get_args());
        &mut wrapped
    } else {
        cmd
    };
    let t = Instant::now();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("spawning {cmd:?}: {e}"));
    let mut status = 0;
    // SAFETY: wait4 on our own child's pid, writing into a zeroed rusage.
    let ru = unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        let r = libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut ru);
        assert_eq!(r, child.id() as libc::pid_t, "wait4 failed");
        ru
    };
    let wall = t.elapsed();
    // wait4 reports the child and the children it waited for (time's child).
    let cpu = tv(ru.ru_utime) + tv(ru.ru_stime);
    let rss_kib = if time {
        let text = std::fs::read_to_string(&rss_file).unwrap_or_default();
        let _ = std::fs::remove_file(&rss_file);
        // The last line holds %M (a line before it may say the exit status).
        text.lines()
            .filter_map(|l| l.trim().parse().ok())
            .next_back()
            .unwrap_or(-1)
    } else {
        ru.ru_maxrss
    };
    Run { wall, cpu, rss_kib }
}

/// Median (by wall time) of `n` runs of the command, after one warm-up.
fn median_run(n: usize, warm: bool, mut cmd: impl FnMut() -> Command) -> Run {
    if warm {
        run(&mut cmd());
    }
    let mut runs: Vec<Run> = (0..n).map(|_| run(&mut cmd())).collect();
    runs.sort_by_key(|r| r.wall);
    let mid = runs[n / 2];
    let mut cpus: Vec<Duration> = runs.iter().map(|r| r.cpu).collect();
    cpus.sort();
    Run {
        cpu: cpus[n / 2],
        ..mid
    }
}

/// Median wall time of `runs` runs of `f` (after one warm-up when `warm`).
fn median(runs: usize, warm: bool, mut f: impl FnMut()) -> Duration {
    if warm {
        f();
    }
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

fn raw_parse(text: &str) {
    let parser = pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES);
    for ev in parser.into_offset_iter() {
        black_box(ev);
    }
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1.0 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

struct Ctx<'a> {
    catalog: Catalog,
    references: References<'a>,
}

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wants = |s: &str| filters.is_empty() || filters.iter().any(|f| s.contains(f.as_str()));
    let catalog = Catalog::bundled().expect("bundled packs load");
    let set = moulint::reference::TemplateSet::bundled().expect("bundled templates load");
    let references = References::new(&set);
    let ctx = Ctx {
        catalog,
        references,
    };
    println!(
        "moulint scale bench: {} cores visible; binary {BIN}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    if wants("corpus") {
        corpus_section(&ctx);
    }
    if wants("startup") {
        startup_section();
    }
    if wants("patho") {
        patho_section(&ctx);
    }
    if wants("rumdl") && !wants("corpus") {
        // rumdl's figure is printed with the corpus; alone it needs the corpus.
        let n = corpus::drafts_from_env();
        let (dir, files) = write_corpus(n);
        println!(
            "\nrumdl on {} drafts, {:.1} MB ({})",
            n,
            mb(&files),
            dir.display()
        );
        header();
        rumdl_row(&dir, raw_of(&files));
    }
}

fn corpus_dir(n: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpus")
        .join(format!("{n}x{}", corpus::DRAFT_BYTES))
}

/// Generates `n` drafts and writes them (afresh) to their directory.
fn write_corpus(n: usize) -> (PathBuf, Vec<corpus::Draft>) {
    let drafts = corpus::generate(n, corpus::DRAFT_BYTES, corpus::SEED);
    let dir = corpus_dir(n);
    let _ = std::fs::remove_dir_all(&dir);
    corpus::write(&dir, &drafts).expect("writing the corpus");
    (dir, drafts)
}

/// Median of 5 single-threaded raw parses of every draft.
fn raw_of(files: &[corpus::Draft]) -> Duration {
    median(5, true, || {
        for d in files {
            raw_parse(&d.text);
        }
    })
}

fn mb(files: &[corpus::Draft]) -> f64 {
    files.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6
}

fn header() {
    println!(
        "  {:<44} {:>10} {:>10} {:>9} {:>9} {:>9}",
        "measure", "wall", "cpu", "peak RSS", "wall/raw", "cpu/raw"
    );
}

fn row(name: &str, wall: Duration, cpu: Option<Duration>, rss_kib: Option<i64>, raw: Duration) {
    println!(
        "  {:<44} {:>10} {:>10} {:>9} {:>8.1}x {:>9}",
        name,
        secs(wall),
        cpu.map_or("-".into(), secs),
        rss_kib.map_or("-".into(), |k| format!("{:.0} MB", k as f64 / 1024.0)),
        ratio(wall, raw),
        cpu.map_or("-".into(), |c| format!("{:.1}x", ratio(c, raw))),
    );
}

fn corpus_section(ctx: &Ctx<'_>) {
    let n = corpus::drafts_from_env();
    let (dir, files) = write_corpus(n);
    let (dir2, files2) = write_corpus(2 * n);
    println!(
        "\ncorpus: {} drafts, {:.1} MB (and {} drafts, {:.1} MB), written to {}",
        files.len(),
        mb(&files),
        files2.len(),
        mb(&files2),
        dir.parent().unwrap().display()
    );
    let raw = raw_of(&files);
    let raw2 = raw_of(&files2);
    header();
    row(
        "raw parse, one thread (baseline)",
        raw,
        Some(raw),
        None,
        raw,
    );

    // The full check in-process, one thread: one pass (it is long).
    let cpu0 = self_cpu();
    let t = Instant::now();
    for d in &files {
        black_box(lint_source(
            SourceFile::new(d.name.clone(), d.text.clone()),
            &ctx.catalog,
            &ctx.references,
        ));
    }
    let wall = t.elapsed();
    let cpu = self_cpu() - cpu0;
    row(
        "full check in-process, one thread",
        wall,
        Some(cpu),
        None,
        raw,
    );

    for (dir, raw, count) in [(&dir, raw, n), (&dir2, raw2, 2 * n)] {
        // Median of 3 on the default corpus; one run of the full one.
        let runs = if n <= corpus::DEFAULT_DRAFTS { 3 } else { 1 };
        let r = median_run(runs, false, || {
            let mut c = Command::new(BIN);
            c.args(["check", "--format", "json"]).arg(dir);
            c
        });
        row(
            &format!("moulint check --format json, {count} drafts"),
            r.wall,
            Some(r.cpu),
            Some(r.rss_kib),
            raw,
        );
    }
    // A CI re-run with nothing changed: every report read back from
    // `--cache` (filled by the warm-up run, in a fresh directory).
    let cache = dir.parent().unwrap().join("cache");
    let _ = std::fs::remove_dir_all(&cache);
    let r = median_run(3, true, || {
        let mut c = Command::new(BIN);
        c.args(["check", "--format", "json", "--cache-dir"])
            .arg(&cache)
            .arg(&dir);
        c
    });
    row(
        &format!("... re-run with --cache, {n} reports kept"),
        r.wall,
        Some(r.cpu),
        Some(r.rss_kib),
        raw,
    );
    rumdl_row(&dir, raw);
    let biggest = files.iter().map(|d| d.text.len()).max().unwrap_or(0);
    println!(
        "  (largest draft {:.0} KB; raw parse of the {} drafts {})",
        biggest as f64 / 1e3,
        2 * n,
        secs(raw2)
    );
}

fn rumdl_row(dir: &Path, raw: Duration) {
    let found = Command::new("rumdl")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        println!("  rumdl: not installed (not on PATH); no figure");
        return;
    }
    let r = run(Command::new("rumdl")
        .args(["check", "--no-cache", "--no-config"])
        .arg(dir));
    row(
        "rumdl check --no-cache --no-config",
        r.wall,
        Some(r.cpu),
        Some(r.rss_kib),
        raw,
    );
}

fn startup_section() {
    println!(
        "\nstart-up: process start to exit, median of 20 runs after one warm-up (target: under 20 ms)"
    );
    let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/redline/clean.md");
    let size = std::fs::metadata(&clean).map_or(0, |m| m.len());
    println!(
        "  {:<44} {:>10} {:>10} {:>9}",
        "measure", "wall", "cpu", "peak RSS"
    );
    let show = |name: &str, r: Run| {
        println!(
            "  {:<44} {:>10} {:>10} {:>6.0} MB",
            name,
            secs(r.wall),
            secs(r.cpu),
            r.rss_kib as f64 / 1024.0
        );
    };
    let r = median_run(20, true, || {
        let mut c = Command::new(BIN);
        c.arg("check").arg(&clean);
        c
    });
    show(&format!("moulint check clean.md ({} KB)", size / 1000), r);
    let r = median_run(20, true, || {
        let mut c = Command::new(BIN);
        c.arg("rules");
        c
    });
    show("moulint rules", r);
    if Path::new(TIME).exists() {
        println!("  (wall and cpu include starting {TIME}, which measures the peak RSS)");
    }
}

/// A pathological input at size `k`.
struct Patho {
    name: &'static str,
    sizes: [usize; 2],
    unit: &'static str,
    make: fn(usize) -> String,
}

const FRONT: &str = "---\ntemplate: base\nmcp: Golden Poppy Health Plan\nother_party:\n  name: Alpine Continuum of Care\n  type: continuum-of-care\ncounties: [Alpine]\nstatus: draft\n---\n\n# Memorandum of Understanding\n\n";

fn nested_lists(depth: usize) -> String {
    // One chain of ordered lists, each item holding the next list.
    let mut s = String::from(FRONT);
    for d in 0..depth {
        s.push_str(&" ".repeat(3 * d));
        s.push_str("1. The Parties shall coordinate care.\n");
    }
    s
}

fn flat_lists(items: usize) -> String {
    let mut s = String::from(FRONT);
    for i in 1..=items {
        s.push_str(&format!("{i}. The Parties shall coordinate item {i}.\n"));
    }
    s
}

fn headings(n: usize) -> String {
    let mut s = String::from(FRONT);
    for i in 1..=n {
        s.push_str(&format!(
            "## {i}. Article {i}\n\nThe Parties shall meet.\n\n"
        ));
    }
    s
}

fn long_line(bytes: usize) -> String {
    let mut s = String::from(FRONT);
    let words = "the Parties shall coordinate care for Members ";
    while s.len() < bytes {
        s.push_str(words);
    }
    s.push('\n');
    s
}

fn brackets(n: usize) -> String {
    let mut s = String::from(FRONT);
    for i in 0..n {
        s.push_str(&format!("[slot {i}] "));
        if i % 10 == 9 {
            s.push('\n');
        }
    }
    s
}

fn table(rows: usize) -> String {
    let mut s = String::from(FRONT);
    s.push_str("| Role | Name | Phone |\n|---|---|---|\n");
    for i in 0..rows {
        s.push_str(&format!(
            "| Liaison {i} | Maria Hernandez | (530) 555-{:04} |\n",
            i % 10_000
        ));
    }
    s
}

fn repeated_provision(times: usize) -> String {
    let clean = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/redline/clean.md"),
    )
    .expect("fixtures/redline/clean.md");
    let start = clean.find("## 9. Quarterly Meetings").expect("article 9");
    let end = start + clean[start..].find("## 10.").expect("article 10");
    let mut s = clean.clone();
    let article = &clean[start..end];
    for _ in 1..times {
        s.push_str(article);
    }
    s
}

const PATHO: &[Patho] = &[
    Patho {
        // Bytes grow with the square of the depth: 283 and 400 levels are
        // 0.13 and 0.25 MB, a doubling of the input.
        name: "nested ordered lists (depth)",
        sizes: [283, 400],
        unit: "levels",
        make: nested_lists,
    },
    Patho {
        name: "flat ordered list",
        sizes: [40_000, 80_000],
        unit: "items",
        make: flat_lists,
    },
    Patho {
        name: "headings, numbered past 999",
        sizes: [25_000, 50_000],
        unit: "headings",
        make: headings,
    },
    Patho {
        name: "one long line",
        sizes: [2_500_000, 5_000_000],
        unit: "bytes",
        make: long_line,
    },
    Patho {
        name: "brackets",
        sizes: [50_000, 100_000],
        unit: "brackets",
        make: brackets,
    },
    Patho {
        name: "table rows",
        sizes: [50_000, 100_000],
        unit: "rows",
        make: table,
    },
    Patho {
        name: "provision repeated",
        sizes: [500, 1_000],
        unit: "copies",
        make: repeated_provision,
    },
];

fn patho_section(ctx: &Ctx<'_>) {
    println!("\npathological inputs at two sizes: full check in-process (one thread; median of 3 unless a run\n  takes over 0.5 s), the raw parse of the same bytes, and `moulint check` peak RSS (ratios: 2nd/1st)");
    println!(
        "  {:<30} {:>16} {:>9} {:>10} {:>9} {:>7} {:>9} {:>7}",
        "input", "size", "bytes", "time", "raw", "t ratio", "peak RSS", "m ratio"
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus/patho");
    std::fs::create_dir_all(&dir).expect("patho dir");
    for p in PATHO {
        let mut prev: Option<(Duration, i64)> = None;
        for k in p.sizes {
            let text = (p.make)(k);
            let raw = median(3, true, || raw_parse(&text));
            let check = || {
                black_box(lint_source(
                    SourceFile::new("patho.md", text.clone()),
                    &ctx.catalog,
                    &ctx.references,
                ));
            };
            // One run when it is slow, else the median of three more.
            let t0 = Instant::now();
            check();
            let first = t0.elapsed();
            let t = if first > Duration::from_millis(500) {
                first
            } else {
                median(3, false, check)
            };
            let file = dir.join(format!("{}-{k}.md", p.unit));
            std::fs::write(&file, &text).expect("writing the input");
            let r = run(Command::new(BIN)
                .args(["check", "--format", "json"])
                .arg(&file));
            let (tr, mr) = match prev {
                Some((t0, m0)) => (
                    format!("{:.2}", ratio(t, t0)),
                    format!("{:.2}", r.rss_kib as f64 / m0 as f64),
                ),
                None => ("".into(), "".into()),
            };
            println!(
                "  {:<30} {:>16} {:>8.1}M {:>10} {:>9} {:>7} {:>6.0} MB {:>7}",
                p.name,
                format!("{k} {}", p.unit),
                text.len() as f64 / 1e6,
                secs(t),
                secs(raw),
                tr,
                r.rss_kib as f64 / 1024.0,
                mr
            );
            prev = Some((t, r.rss_kib));
        }
    }
}
