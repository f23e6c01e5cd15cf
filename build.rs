//! Embeds the reference templates (`rules/templates/*.md`) in the binary.
//!
//! Generates `$OUT_DIR/templates.rs` holding one `(id, text)` pair per file,
//! so adding a template kind needs no code change and the binary runs from
//! anywhere (see `src/reference.rs`).

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/templates");
    println!("cargo:rerun-if-changed=rules/templates");
    let mut files: Vec<(String, String)> = Vec::new();
    // A binary without its reference templates would skip every comparison:
    // fail the build instead.
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for e in entries {
        let p = e.expect("list rules/templates").path();
        if p.extension().is_some_and(|x| x == "md") {
            let stem = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_else(|| panic!("{}: the file name is not UTF-8", p.display()));
            println!("cargo:rerun-if-changed={}", p.display());
            files.push((stem.to_string(), p.display().to_string()));
        }
    }
    assert!(
        !files.is_empty(),
        "no reference template in {}",
        dir.display()
    );
    files.sort();
    let mut out = String::from(
        "/// Every bundled reference template: its id and Markdown text.\n\
         pub const BUNDLED_TEMPLATES: &[(&str, &str)] = &[\n",
    );
    for (id, path) in &files {
        out.push_str(&format!("    ({id:?}, include_str!({path:?})),\n"));
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("templates.rs");
    std::fs::write(dest, out).expect("write templates.rs");
}
