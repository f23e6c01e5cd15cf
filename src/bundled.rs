//! The rule files embedded in the binary at build time (see `build.rs`):
//! packs, vocabularies and reference templates, read from memory so that
//! start-up touches no rule file on disk.

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

/// The files directly in `dir` (e.g. `packs`) whose names end in `.ext`, as
/// (file stem, text), in file-name order.
pub fn files(dir: &str, ext: &str) -> impl Iterator<Item = (&'static str, &'static str)> {
    let prefix = format!("{dir}/");
    let suffix = format!(".{ext}");
    BUNDLED_RULES.iter().filter_map(move |(path, text)| {
        let stem = path.strip_prefix(&prefix)?.strip_suffix(&suffix)?;
        (!stem.contains('/')).then_some((stem, *text))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn packs_and_templates_are_embedded() {
        assert!(super::files("packs", "yaml").any(|(id, _)| id == "base"));
        assert!(super::files("templates", "md").any(|(id, _)| id == "base"));
    }
}
