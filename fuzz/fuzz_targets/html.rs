//! Fuzz target `html`: see `crosscheck_fuzz::html` for what it runs and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crosscheck_fuzz::html(data));
