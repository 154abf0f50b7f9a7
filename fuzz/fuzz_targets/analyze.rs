//! Fuzz target `analyze`: see `crosscheck_fuzz::analyze` for what it runs and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crosscheck_fuzz::analyze(data));
