//! The section tree: one Markdown pass over the body, spans and all.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = moulint::tree::Tree::parse(text, 0);
    }
});
