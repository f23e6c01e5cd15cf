//! Embeds every data file under `rules/` (packs, vocabularies, reference
//! templates) in the binary.
//!
//! Generates `$OUT_DIR/rules.rs` holding one `(path, text)` pair per file,
//! the path relative to `rules/` with `/` separators, so adding a template
//! kind or a word list needs no code change and the binary runs from
//! anywhere without reading rule files at start-up (see `src/bundled.rs`).
//!
//! The packs and the lexicon, most of the data, are also parsed here into
//! the types of `src/catalog/defs.rs` and embedded as JSON: parsing that
//! much YAML took a good part of every start-up. A bundled file that does
//! not parse fails the build, with the message the binary would give.
//! The lexicon's phrases are stemmed here too (`LEXICON_STEMS`), by the
//! binary's own tokenizer (`src/tokens.rs`).

use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/catalog/defs.rs"]
mod defs;

// The tokenizer the binary stems drafts with, so that the lexicon's
// phrases are stemmed here exactly as they would be at run time.
#[allow(dead_code)]
#[path = "src/tokens.rs"]
mod tokens;

/// Parses a bundled YAML file into `T` and writes it as JSON to
/// `$OUT_DIR/<name>.json`; returns the value and that path.
fn to_json<T: serde::de::DeserializeOwned + serde::Serialize>(
    path: &Path,
    what: &str,
    name: &str,
) -> (T, PathBuf) {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let value: T = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
    let json = serde_json::to_string(&value).expect("the rule data serializes");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join(format!("{name}.json"));
    std::fs::write(&out, json).unwrap_or_else(|e| panic!("write {}: {e}", out.display()));
    (value, out)
}

/// Every word or phrase of the lexicon (an opaque phrase's `!` dropped)
/// with its stems as `Tokenizer::phrase` gives them, sorted by phrase and
/// written as Rust: the binary looks a phrase up instead of stemming it
/// (stemming the whole lexicon took a good part of one draft's check).
fn lexicon_stems(def: &defs::LexiconDef) -> String {
    let markers = serde_json::to_value(&def.markers).expect("the markers serialize");
    let mut phrases: Vec<&str> = def
        .roles
        .values()
        .chain(def.concepts.values())
        .flatten()
        .map(String::as_str)
        .chain(
            markers
                .as_object()
                .expect("markers are a map")
                .values()
                .filter_map(serde_json::Value::as_array)
                .flatten()
                .filter_map(serde_json::Value::as_str),
        )
        .map(|w| w.strip_prefix('!').unwrap_or(w))
        .collect();
    phrases.sort_unstable();
    phrases.dedup();
    let tokenizer = tokens::Tokenizer::default();
    let mut out = String::from(
        "\n/// Every phrase of the bundled lexicon with its stems, sorted by phrase\n\
         /// (see `build.rs`).\n\
         pub const LEXICON_STEMS: &[(&str, &[&str])] = &[\n",
    );
    let mut words: Vec<String> = Vec::new();
    for p in phrases {
        let stems = tokenizer.phrase(p);
        out.push_str(&format!("    ({p:?}, &{:?}),\n", stems));
        words.extend(
            stems
                .into_iter()
                .filter(|s| s != "*" && !s.starts_with('=')),
        );
    }
    out.push_str("];\n");
    words.sort_unstable();
    words.dedup();
    out.push_str(&format!(
        "\n/// Every stem of the bundled lexicon's phrases, sorted: the\n\
         /// vocabulary its tokenizer numbers words in.\n\
         pub const LEXICON_WORDS: &[&str] = &{words:?};\n"
    ));
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for e in entries {
        let p = e
            .unwrap_or_else(|e| panic!("list {}: {e}", dir.display()))
            .path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| {
            x == "yaml" || x == "md" && p.file_name() != Some("README.md".as_ref())
        }) {
            out.push(p);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    // A binary without its packs or reference templates would check
    // nothing: fail the build instead.
    for needed in ["packs", "templates"] {
        assert!(
            files.iter().any(|p| p.starts_with(root.join(needed))),
            "no file under rules/{needed}"
        );
    }
    let mut out = String::from(
        "/// Every bundled rule file: its path under `rules/` and its text.\n\
         pub const BUNDLED_RULES: &[(&str, &str)] = &[\n",
    );
    for p in &files {
        println!("cargo:rerun-if-changed={}", p.display());
        let rel = p
            .strip_prefix(&root)
            .expect("under rules/")
            .to_str()
            .unwrap_or_else(|| panic!("{}: the file name is not UTF-8", p.display()))
            .replace('\\', "/");
        out.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            p.display().to_string()
        ));
    }
    out.push_str("];\n");
    out.push_str(
        "\n/// The bundled packs, parsed: (id, JSON of a `PackDef`), in file-name order.\n\
         pub const PACK_DEFS: &[(&str, &str)] = &[\n",
    );
    for p in &files {
        let Ok(rel) = p.strip_prefix(root.join("packs")) else {
            continue;
        };
        let Some(id) = rel.to_str().and_then(|r| r.strip_suffix(".yaml")) else {
            continue;
        };
        if id.contains(['/', '\\']) {
            continue;
        }
        let (_, json) =
            to_json::<defs::PackDef>(p, &format!("rule pack `{id}`"), &format!("pack-{id}"));
        out.push_str(&format!(
            "    ({id:?}, include_str!({:?})),\n",
            json.display().to_string()
        ));
    }
    out.push_str("];\n");
    let (lexicon_def, lexicon) = to_json::<defs::LexiconDef>(
        &root.join("vocab/lexicon.yaml"),
        "rule pack `vocab/lexicon`",
        "lexicon",
    );
    out.push_str(&format!(
        "\n/// `vocab/lexicon.yaml`, parsed: JSON of a `LexiconDef`.\n\
         pub const LEXICON_DEF: &str = include_str!({:?});\n",
        lexicon.display().to_string()
    ));
    out.push_str(&lexicon_stems(&lexicon_def));
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rules.rs");
    std::fs::write(dest, out).expect("write rules.rs");
}
