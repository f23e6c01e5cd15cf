//! The front matter: splitting the YAML block off and validating it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = moulint::frontmatter::parse(text);
    }
});
