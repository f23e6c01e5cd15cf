//! `moulint check`: checks drafts (files, or directories walked for
//! Markdown) and prints the findings, for people or for tools.
//!
//! The files are read and checked by [`crate::lint`] and rendered by the
//! [`crate::emit`] emitter of `--format` (or the statistics of
//! `--statistics`), to standard output or atomically to `--output FILE`;
//! this file only turns the arguments into those calls and the findings
//! into the [`Outcome`] by the exit policy ([`ExitPolicy`]): by default,
//! any finding of severity `error` is [`Outcome::Findings`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::Outcome;
use crate::catalog::Catalog;
use crate::checks;
use crate::compare::References;
use crate::config::{self, Config, Loader};
use crate::diagnostic::Severity;
use crate::emit::{self, human::Style, Emitter, Format, RuleDoc};
use crate::error::Error;
use crate::lint::{self, FileReport};
use crate::util::date::Ymd;
use crate::util::fs::write_atomic_with;
use crate::verdict::Verdict;
use crate::walk::{LeftOut, Reason};

/// Arguments of `moulint check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads a draft from standard
    /// input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The name to report for standard input (`-`), for example the path
    /// the editor has open.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to use colors in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Compare with the `<id>.md` reference templates in DIR (for example
    /// written by `moulint template import`) instead of the bundled ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Refuse files larger than this (bytes, or with a unit: `512KB`,
    /// `10MB`); a refused file is one finding.
    #[arg(long, value_name = "SIZE", default_value = "10MB", value_parser = crate::util::fs::parse_size)]
    pub max_file_size: u64,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the `--output` file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Exit 1 when any finding is of this severity or above.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Exit 1 when any file's verdict is this one or worse (invalid >
    /// incomplete > redline > unverified); severities then do not count.
    #[arg(long, value_enum, value_name = "VERDICT", conflicts_with = "fail_on")]
    pub fail_on_verdict: Option<FailVerdict>,
    /// Exit 0 whatever the findings (usage and configuration errors still
    /// exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print how many findings each rule id reported instead of the
    /// findings (formats human, concise and json).
    #[arg(long, conflicts_with = "quiet")]
    pub statistics: bool,
    /// Print only the summary line (formats human and concise).
    #[arg(short, long)]
    pub quiet: bool,
    /// List every file and directory walking left out, and why (formats
    /// human and concise; the summary always counts them).
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Report only findings this baseline file (`moulint baseline write`)
    /// does not record, and list its entries that no longer occur.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Leave out files found in directories that match GLOB (relative to
    /// the working directory; a glob without `/` matches at any depth).
    /// May be given several times.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Ignore every `moulint-disable...` comment: report every finding
    /// (for a CI job that must see everything).
    #[arg(long)]
    pub no_inline_suppressions: bool,
    /// Judge executed MOUs' records (the `life.*` checks) as of this day,
    /// YYYY-MM-DD, instead of today; the summary prints the day used.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Ymd>,
    /// Keep each file's report, and read it back on the next run while
    /// the file, the files beside it it reads, its configuration, the
    /// templates and moulint itself are unchanged (in `.moulint-cache`,
    /// or `--cache-dir`).
    #[arg(long)]
    pub cache: bool,
    /// The directory `--cache` keeps reports in (implies `--cache`).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

impl CheckArgs {
    /// The cache the arguments ask for, if any.
    fn cache(&self) -> Option<crate::cache::Cache> {
        let dir = match (&self.cache_dir, self.cache) {
            (Some(dir), _) => dir.clone(),
            (None, true) => PathBuf::from(crate::cache::DEFAULT_DIR),
            (None, false) => return None,
        };
        Some(crate::cache::Cache::open(&dir))
    }
}

pub(crate) fn parse_as_of(s: &str) -> Result<Ymd, String> {
    crate::frontmatter::Date::parse(s.trim())
        .map(|d| Ymd::new(d.year, d.month, d.day))
        .ok_or_else(|| format!("`{s}` is not a real date: write YYYY-MM-DD"))
}

/// The least severity that fails the run (`--fail-on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any error.
    Error,
    /// Any warning or error.
    Warning,
    /// Any finding.
    Info,
    /// No finding fails the run.
    Never,
}

/// The least severe verdict that fails the run (`--fail-on-verdict`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailVerdict {
    Invalid,
    Incomplete,
    Redline,
    Unverified,
    /// Also annual reports (every file but those `file-and-use`).
    Report,
}

impl FailVerdict {
    fn verdict(self) -> Verdict {
        match self {
            FailVerdict::Invalid => Verdict::Invalid,
            FailVerdict::Incomplete => Verdict::Incomplete,
            FailVerdict::Redline => Verdict::Redline,
            FailVerdict::Unverified => Verdict::Unverified,
            FailVerdict::Report => Verdict::Report,
        }
    }
}

/// When a run fails (exit 1): the README's "Exit codes".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitPolicy {
    /// Any finding of this severity or above (`None`: never).
    Severity(Option<Severity>),
    /// Any file whose verdict is this one or worse.
    Verdict(Verdict),
    /// Never (`--exit-zero`).
    Zero,
}

impl ExitPolicy {
    fn of(args: &CheckArgs) -> ExitPolicy {
        if args.exit_zero {
            return ExitPolicy::Zero;
        }
        if let Some(v) = args.fail_on_verdict {
            return ExitPolicy::Verdict(v.verdict());
        }
        ExitPolicy::Severity(match args.fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        })
    }

    /// Whether this file's report fails the run.
    pub fn fails_file(self, r: &FileReport) -> bool {
        match self {
            ExitPolicy::Zero | ExitPolicy::Severity(None) => false,
            ExitPolicy::Severity(Some(least)) => r.diagnostics.iter().any(|d| d.severity >= least),
            ExitPolicy::Verdict(least) => r.verdict >= least,
        }
    }
}

/// When to use colors in human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Runs `moulint check`: [`Outcome::Findings`] when the exit policy fails
/// the run. Each file's report is rendered as soon as the files before it
/// are, then dropped: a run holds a few reports at a time, however many
/// files it checks.
pub fn run(args: CheckArgs, catalog: &Catalog) -> Result<Outcome, Error> {
    let text_format = matches!(args.format, Format::Human | Format::Concise);
    if args.quiet && !text_format {
        return Err(Error::Usage(
            "--quiet applies to --format human and concise only".into(),
        ));
    }
    if args.statistics && !(text_format || args.format == Format::Json) {
        return Err(Error::Usage(
            "--statistics applies to --format human, concise and json only".into(),
        ));
    }
    let baseline = args
        .baseline
        .as_deref()
        .map(crate::baseline::read)
        .transpose()?;
    let plan = plan(&args, catalog)?;
    let cache = args.cache();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let style = Style { color, width: 100 };
    let mut emitter: Box<dyn Emitter> = if args.statistics {
        Box::new(emit::statistics::Statistics::new(
            args.format == Format::Json,
        ))
    } else if args.quiet {
        Box::new(emit::SummaryLine)
    } else {
        emit::emitter(args.format, style)
    };
    let policy = ExitPolicy::of(&args);
    let mut fails = false;
    let mut summary_line = String::new();
    let mut stream = |out: &mut dyn Write| -> std::io::Result<()> {
        let mut matcher = baseline.as_ref().map(crate::baseline::Matcher::new);
        let mut summary = emit::Summary::default();
        let mut ids = std::collections::BTreeSet::new();
        let mut skipped = Vec::new();
        out.write_all(emitter.begin().as_bytes())?;
        plan.check_each(catalog, args.max_file_size, cache.as_ref(), |c, report| {
            let Some(mut r) = report else {
                skipped.push(c.input.path.display().to_string());
                return Ok(());
            };
            if let Some(m) = matcher.as_mut() {
                m.apply(&mut r);
            }
            summary.add(&r);
            fails |= policy.fails_file(&r);
            ids.extend(emit::rule_ids_of(&r).map(str::to_string));
            out.write_all(emitter.file(&r).as_bytes())
        })?;
        summary.skipped = skipped.len();
        summary.left_out = plan.left_out.len();
        summary.cached = cache.as_ref().map(crate::cache::Cache::hits);
        summary.as_of = Some(
            args.as_of
                .unwrap_or_else(crate::util::date::today)
                .to_string(),
        );
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let totals = emit::Totals {
            skipped: &skipped,
            left_out: &plan.left_out,
            verbose: args.verbose,
            summary,
            rules: emit::sorted_rules(rule_docs(catalog, &ids)),
            baseline: matcher.map(|m| {
                let applied = m.finish();
                emit::BaselineInfo {
                    file: args.baseline.as_ref().unwrap().display().to_string(),
                    matched: applied.matched,
                    stale: applied
                        .stale
                        .into_iter()
                        .map(|e| emit::StaleEntry {
                            id: e.id,
                            path: e.path,
                            hash: e.hash,
                            message: e.message,
                        })
                        .collect(),
                }
            }),
        };
        summary_line = totals.summary.line();
        out.write_all(emitter.end(&totals).as_bytes())?;
        out.flush()
    };
    match &args.output {
        Some(path) => {
            write_atomic_with(path, args.force, |f| {
                let mut w = std::io::BufWriter::new(f);
                stream(&mut w)
            })?;
            eprintln!("wrote {}: {summary_line}", path.display());
        }
        None => {
            let mut out = super::Stdout::default();
            // A closed pipe (`moulint check | head`) stops the output, not
            // the checking: the exit code still covers every file.
            let _ = stream(&mut out);
        }
    }
    Ok(if fails {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Collects, configures and checks the files of `args` (everything
/// `moulint check` does before rendering), holding every report.
pub fn findings(args: &CheckArgs, catalog: &Catalog) -> Result<lint::Checks, Error> {
    let plan = plan(args, catalog)?;
    let cache = args.cache();
    let mut checks = lint::Checks::default();
    plan.check_each(catalog, args.max_file_size, cache.as_ref(), |c, r| {
        match r {
            Some(r) => checks.reports.push(r),
            None => checks.skipped.push(c.input.path.display().to_string()),
        }
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
    checks.left_out = plan.left_out;
    Ok(checks)
}

/// What `check` settles before reading a draft: the inputs, each with its
/// configuration and reference templates, and what walking left out.
struct Plan {
    configured: Vec<Configured>,
    /// The template sets the inputs are compared with (`Configured::set`
    /// indexes this).
    sets: Vec<crate::reference::TemplateSet>,
    left_out: Vec<LeftOut>,
}

/// Collects and configures the files of `args` and loads their templates.
fn plan(args: &CheckArgs, catalog: &Catalog) -> Result<Plan, Error> {
    for p in &args.paths {
        if p.as_os_str() != "-" && std::fs::symlink_metadata(p).is_err() {
            return Err(Error::Usage(format!("{} does not exist", p.display())));
        }
    }
    if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::Usage(
            "`-` (standard input) may be given only once".into(),
        ));
    }
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    let collected = lint::collect(&args.paths, stdin_name);
    for p in &collected.problems {
        eprintln!("warning: {p}");
    }
    let mut left_out = collected.left_out;
    let mut configured = configure(collected.inputs, args, catalog, &mut left_out)?;
    lint::once_each(&mut configured, |c| &c.input, &mut left_out);
    left_out.sort_by(|a, b| a.path.cmp(&b.path));
    if configured.is_empty() {
        let mut message = String::from("no Markdown files found under the given paths");
        if !left_out.is_empty() {
            let named: Vec<String> = left_out
                .iter()
                .map(|l| format!("{} ({})", l.path, l.reason.describe()))
                .collect();
            message.push_str(&format!(
                "; left out: {}",
                crate::emit::human::clip_list(&named, 5)
            ));
        }
        return Err(Error::Usage(message));
    }
    let mut dirs: Vec<Option<PathBuf>> = Vec::new();
    let mut sets = Vec::new();
    for c in &mut configured {
        c.set = match dirs.iter().position(|d| *d == c.templates) {
            Some(i) => i,
            None => {
                sets.push(super::template_set(c.templates.as_deref(), catalog)?);
                dirs.push(c.templates.clone());
                sets.len() - 1
            }
        };
        if let Some(accept) = c.config.as_ref().and_then(|c| c.accept.as_ref()) {
            refuse_accepted_slots(accept, &sets[c.set], catalog)?;
        }
    }
    Ok(Plan {
        configured,
        sets,
        left_out,
    })
}

impl Plan {
    /// Checks every input in parallel, reading at most `max_bytes` of each,
    /// applies its configuration to its findings (after its verdict is
    /// decided), and hands the report to `each` in input order (`None` for
    /// a walked file that is not a draft).
    fn check_each<E>(
        &self,
        catalog: &Catalog,
        max_bytes: u64,
        cache: Option<&crate::cache::Cache>,
        mut each: impl FnMut(&Configured, Option<FileReport>) -> Result<(), E>,
    ) -> Result<(), E> {
        // The bundled templates' references are the process's own, which
        // the warm-up may already have prepared for the draft.
        let own: Vec<Option<References>> = self
            .sets
            .iter()
            .map(|set| match (&set.origin, References::bundled()) {
                (crate::reference::Origin::Bundled, Some(_)) => None,
                _ => Some(References::new(set)),
            })
            .collect();
        let references: Vec<&References> = own
            .iter()
            .map(|r| {
                r.as_ref()
                    .or(References::bundled())
                    .expect("one or the other")
            })
            .collect();
        let scopes: Vec<Option<crate::cache::Scope>> = self
            .sets
            .iter()
            .map(|set| cache.map(|c| c.scope(set)))
            .collect();
        let workers = rayon::current_num_threads();
        crate::util::ordered::map_in_order(
            &self.configured,
            workers,
            4 * workers,
            |c| {
                let references = references[c.set];
                let mut r = match &scopes[c.set] {
                    Some(cache) => cache.lint_input(&c.input, catalog, references, max_bytes),
                    None => lint::lint_input(&c.input, catalog, references, max_bytes),
                }?;
                if let Some(config) = &c.config {
                    config::apply::apply(&mut r, &config.for_file(&c.path));
                }
                Some(r)
            },
            |i, r| each(&self.configured[i], r),
        )
    }
}

/// Prepares ahead what checking the draft at `path` will prepare, in the
/// order the checks come to it: its reference text (when `bundled`, the
/// bundled templates'), the signature patterns (the anatomy), the
/// lexicon's phrases (the clause model), the provisions' element and title
/// patterns (the Base pack's: every template includes it), the roles'
/// patterns and the contact patterns. It runs on a thread of its own while
/// the check reads the draft (see [`crate::commands::run`]). Which patterns
/// a draft needs is a guess from their literals
/// ([`crate::catalog::pattern::Pattern::may_match`]) in the draft, the
/// bundled Base template and their headings. Each is made once, by
/// whichever thread needs it first, so the guess changes only the time.
pub(crate) fn warm(catalog: &Catalog, path: &Path, bundled: bool) {
    let template = crate::bundled::files("templates", "md")
        .find(|(id, _)| *id == "base")
        .map_or("", |(_, text)| text);
    // A large file is not worth reading twice.
    let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= 1 << 20);
    let draft = match small {
        true => std::fs::read_to_string(path).unwrap_or_default(),
        false => String::new(),
    };
    // Lowercased, with white space as the checks see it in a block: one
    // space where the Markdown wraps a line ("authorization\nstatus").
    let words = |t: &str| {
        t.split_ascii_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase()
    };
    let (template_words, draft_words) = (words(template), words(&draft));
    let ahead = |patterns: &[&crate::catalog::pattern::Pattern], texts: &[&str]| {
        for p in patterns {
            if !p.is_compiled() && texts.iter().any(|t| p.may_match(t)) {
                let _ = p.compile();
            }
        }
    };
    // The comparison comes first: the draft's reference text, assembled
    // and tokenized, when it is the bundled one.
    let references = References::bundled().filter(|_| bundled);
    if let (Some(references), Some(front)) = (references, crate::frontmatter::parse(&draft).front) {
        let ids = front.templates.iter().map(|t| t.value.clone()).collect();
        let templates = crate::analysis::Analysis::templates_of(ids, false, catalog);
        let (present, _) = references.split(&templates);
        let _ = references.get(&present, &catalog.vocab.drafting);
    }
    let signatures = &catalog.vocab.signatures;
    ahead(
        &[&signatures.page_title, &signatures.label],
        &[&draft_words],
    );
    catalog.vocab.lexicon.phrases();
    // Titles come from headings and numbered lead-ins.
    let headings: String = [template, draft.as_str()]
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| {
            l.trim_start()
                .starts_with(|c: char| c == '#' || c.is_ascii_digit())
        })
        .collect::<Vec<_>>()
        .join("\n")
        .to_ascii_lowercase();
    let [titles, elements, roles] = catalog.patterns_of(&["base"]);
    let contacts = &catalog.vocab.contacts;
    ahead(&elements, &[&template_words, &draft_words]);
    ahead(&titles, &[&headings]);
    ahead(&roles, &[&draft_words]);
    ahead(
        &[
            &contacts.title_word,
            &contacts.policies,
            &contacts.contact_words,
            &contacts.not_yet_named,
            &contacts.example_contact,
            &contacts.contact_slot,
        ],
        &[&draft_words],
    );
}

/// One input with the configuration that applies to it.
struct Configured {
    input: lint::Input,
    /// The file's absolute path (for `-`, the `--stdin-filename`'s, or
    /// the working directory).
    path: PathBuf,
    config: Option<std::sync::Arc<Config>>,
    /// The reference templates to compare with: `--templates`, else the
    /// configuration's `templates`, else the bundled ones.
    templates: Option<PathBuf>,
    /// Which of [`Plan::sets`] those are.
    set: usize,
}

/// Finds each input's configuration, leaves out the walked files that
/// `include`, `exclude` or `--exclude` leave out (named in `left_out`),
/// and sets how each is checked.
fn configure(
    inputs: Vec<lint::Input>,
    args: &CheckArgs,
    catalog: &Catalog,
    left_out: &mut Vec<LeftOut>,
) -> Result<Vec<Configured>, Error> {
    let mut loader = Loader::new(catalog);
    let cli_exclude = crate::config::cli_globs(&args.exclude)?;
    let mut out = Vec::new();
    for mut input in inputs {
        let path = if input.path.as_os_str() == "-" {
            let named = args.stdin_filename.as_deref().unwrap_or("");
            config::absolute(Path::new(named))
        } else {
            config::absolute(&input.path)
        };
        let config = loader.for_path(&path)?;
        if !input.named {
            let walked = config.as_ref().is_none_or(|c| c.walks(&path));
            if !walked || cli_exclude.as_ref().is_some_and(|g| g.matches(&path)) {
                left_out.push(LeftOut::file(&input.path, Reason::Excluded));
                continue;
            }
        }
        let c = config.as_deref();
        input.options = std::sync::Arc::new(lint::Options {
            inline_suppressions: !args.no_inline_suppressions,
            accept: c
                .and_then(|c| c.accept.as_ref())
                .map(|s| s.value.clone())
                .unwrap_or_default(),
            front_matter_keys: c
                .and_then(|c| c.front_matter_keys.as_ref())
                .map(|s| s.value.clone())
                .unwrap_or_default(),
            as_of: args.as_of.unwrap_or_else(crate::util::date::today),
        });
        let templates = args.templates.clone().or_else(|| {
            c.and_then(|c| c.templates.as_ref())
                .map(|t| t.value.clone())
        });
        out.push(Configured {
            input,
            path,
            config,
            templates,
            set: 0,
        });
    }
    Ok(out)
}

/// `accept` lists bracketed text that is no slot (`[sic]`, a citation):
/// accepting one of the templates' own slots would let an unfilled draft
/// pass as finished, so it is a configuration error.
fn refuse_accepted_slots(
    accept: &config::Set<Vec<String>>,
    set: &crate::reference::TemplateSet,
    catalog: &Catalog,
) -> Result<(), Error> {
    let drafting = &catalog.vocab.drafting;
    let key = |s: &str| {
        s.trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    for a in &accept.value {
        for t in set.templates() {
            let slot = crate::reference::brackets(&t.body, drafting)
                .into_iter()
                .filter(|b| !b.note)
                .find(|b| key(&t.body[b.inner.clone()]) == key(a));
            if slot.is_some() {
                return Err(Error::Config {
                    file: Some(accept.origin.file.clone()),
                    line: Some(accept.origin.line),
                    message: format!(
                        "{}: `accept` lists `{a}`, a slot of template {}: a slot the draft \
                         leaves unfilled cannot be accepted (accept text such as `[sic]` or a \
                         citation instead)",
                        accept.origin, t.id
                    ),
                });
            }
        }
    }
    Ok(())
}

/// The documentation of the rule ids a run reports, from the rule registry
/// (checks' metadata, provisions' packs) and `moulint explain`.
fn rule_docs(catalog: &Catalog, ids: &[&str]) -> Vec<RuleDoc> {
    ids.iter()
        .filter_map(|id| {
            let help = super::explain::explain_text(catalog, id)?;
            let (title, summary, severity) = if let Some(meta) = checks::meta(id) {
                let what = first_paragraph(meta.doc, "What it checks");
                (
                    meta.title.to_string(),
                    what.unwrap_or_else(|| meta.summary.to_string()),
                    meta.default_severity,
                )
            } else {
                let v = catalog.provision(id)?;
                (
                    v.def.title.clone(),
                    v.def
                        .summary
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    v.severity,
                )
            };
            Some(RuleDoc {
                id: id.to_string(),
                title,
                summary,
                severity,
                help,
            })
        })
        .collect()
}

/// The first paragraph of a `## heading` section of a check's
/// documentation, on one line.
fn first_paragraph(doc: &str, heading: &str) -> Option<String> {
    let start = doc.find(&format!("## {heading}\n"))? + heading.len() + 4;
    let rest = &doc[start..];
    let body = &rest[..rest.find("\n\n").unwrap_or(rest.len())];
    let words: Vec<&str> = body.split_whitespace().collect();
    (!words.is_empty()).then(|| words.join(" "))
}
