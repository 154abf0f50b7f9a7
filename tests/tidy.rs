//! House rules that the compiler does not check, in the spirit of rust-analyzer's
//! `tidy.rs`: every source file starts with a `//!` doc, and the core imports no web,
//! CLI or I/O crate.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src_files(sub: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(sub), &mut files);
    files.sort();
    files
}

#[test]
fn every_module_has_a_module_doc() {
    let missing: Vec<String> = src_files("src")
        .into_iter()
        .filter(|p| {
            let text = fs::read_to_string(p).unwrap();
            !text.trim_start().starts_with("//!")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a //! module doc:\n{}", missing.join("\n"));
}

#[test]
fn the_core_is_pure() {
    const FORBIDDEN: [&str; 12] = [
        "wasm_bindgen",
        "web_sys",
        "js_sys",
        "yew",
        "gloo",
        "clap",
        "anyhow",
        "std::fs",
        "std::net",
        "std::env",
        "SystemTime",
        "Instant::now",
    ];
    let mut offences = Vec::new();
    for path in src_files("src/analysis") {
        let text = fs::read_to_string(&path).unwrap();
        for word in FORBIDDEN {
            if text.contains(word) {
                offences.push(format!("{} uses {word}", path.display()));
            }
        }
    }
    assert!(offences.is_empty(), "the core must stay pure:\n{}", offences.join("\n"));
}
