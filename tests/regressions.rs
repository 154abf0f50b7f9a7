//! Replays every saved fuzz input under `fuzz/regressions/<target>/` through the same
//! check the fuzz target runs (`fuzz/src/lib.rs`), so a crash that was found and fixed once
//! stays fixed. Each file is one input; its name says what it caught.

#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Runs `check` on every file of `fuzz/regressions/<target>/` and reports all failures.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no input", dir.display());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let data = std::fs::read(path).unwrap();
            catch_unwind(AssertUnwindSafe(|| check(&data))).err().map(|_| path.display().to_string())
        })
        .collect();
    assert!(failures.is_empty(), "{target}: these saved inputs fail again:\n{}", failures.join("\n"));
}

#[test]
fn analyze_regressions_pass() {
    replay("analyze", fuzz_checks::analyze);
}

#[test]
fn dates_regressions_pass() {
    replay("dates", fuzz_checks::dates);
}

#[test]
fn html_regressions_pass() {
    replay("html", fuzz_checks::html);
}

#[test]
fn the_checks_reject_a_span_that_splits_a_character() {
    let span = crosscheck::Span::new(0, 1);
    let caught = catch_unwind(|| fuzz_checks::assert_span("é", span, "test"));
    assert!(caught.is_err(), "a span inside a two-byte character passed the check");
}
