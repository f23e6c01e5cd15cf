//! Embeds every data file under `rules/` (packs, vocabularies, reference
//! templates) in the binary.
//!
//! Generates `$OUT_DIR/rules.rs` holding one `(path, text)` pair per file,
//! the path relative to `rules/` with `/` separators, so adding a template
//! kind or a word list needs no code change and the binary runs from
//! anywhere without reading rule files at start-up (see `src/bundled.rs`).

use std::path::{Path, PathBuf};

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
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rules.rs");
    std::fs::write(dest, out).expect("write rules.rs");
}
