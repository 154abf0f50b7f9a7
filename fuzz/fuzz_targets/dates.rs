//! Fuzz target `dates`: see `crosscheck_fuzz::dates` for what it runs and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crosscheck_fuzz::dates(data));
