//! The whole check of one file: decoding, front matter, tree, analysis,
//! every rule and the verdict, against the bundled packs and templates.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    moulint::fuzzing::check(data);
});
