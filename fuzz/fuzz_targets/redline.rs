//! The redline report of one file, in Markdown and HTML.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    moulint::fuzzing::redline(data);
});
