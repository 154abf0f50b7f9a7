//! The `crosscheck` binary, run for real on temporary files: output formats, stdin,
//! directories, decoding (BOMs, UTF-16, invalid UTF-8), skipped inputs (missing, binary,
//! empty) and exit codes (0 ok, 1 some inputs skipped, 2 no usable input or usage error).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

const ARTICLE_A: &str =
    "Talks proposed in Istanbul\n\nPresident Vladimir Putin proposed direct talks in Istanbul on Saturday. \
“We are ready,” he said. Officials said 730 violations were recorded.\n";
const ARTICLE_B: &str = "Erdoğan welcomes the offer\n\nTurkish President Recep Tayyip Erdoğan said on Sunday that Istanbul was ready \
to host the talks. Officials said 488 violations were recorded. 😀\n";

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("crosscheck-cli-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn json_of(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", String::from_utf8_lossy(&output.stdout)))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn doc_ids(report: &Value) -> Vec<&str> {
    report["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect()
}

#[test]
fn json_output_is_the_report_contract() {
    let dir = TempDir::new();
    let a = dir.file("alpha.txt", ARTICLE_A);
    let b = dir.file("beta.txt", ARTICLE_B);
    let out = run(&["analyze", p(&a), p(&b), "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json_of(&out);
    assert_eq!(report["version"], 1);
    for field in ["documents", "entities", "claims", "clusters", "disagreements"] {
        assert!(report[field].is_array(), "missing {field}");
    }
    assert_eq!(doc_ids(&report), ["alpha", "beta"]);
    let alpha = &report["documents"][0];
    assert_eq!(alpha["title"], "Talks proposed in Istanbul");
    assert_eq!(alpha["length"], ARTICLE_A.len());
    for key in ["outlet", "published"] {
        assert!(alpha.get(key).is_some(), "documents carry {key}");
    }
    // Every span is a byte range of the file's text.
    let text_of = |doc: &str| if doc == "alpha" { ARTICLE_A } else { ARTICLE_B };
    let check = |v: &Value| {
        let (start, end) = (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize);
        assert_eq!(text_of(v["doc"].as_str().unwrap()).get(start..end), v["text"].as_str());
    };
    for e in report["entities"].as_array().unwrap() {
        e["mentions"].as_array().unwrap().iter().for_each(check);
    }
    report["claims"].as_array().unwrap().iter().for_each(check);
}

#[test]
fn markdown_is_the_default_and_csv_the_matrix() {
    let dir = TempDir::new();
    let a = dir.file("alpha.txt", ARTICLE_A);
    let b = dir.file("beta.md", ARTICLE_B);
    let md = run(&["analyze", p(&a), p(&b)], None);
    assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# Crosscheck briefing"), "{md}");
    assert!(md.contains("| alpha |") && md.contains("| beta |"), "{md}");

    let csv = run(&["analyze", p(&a), p(&b), "--format", "csv"], None);
    assert_eq!(csv.status.code(), Some(0));
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("cluster,summary,alpha,beta\r\n"), "{csv}");
}

#[test]
fn output_file() {
    let dir = TempDir::new();
    let a = dir.file("alpha.txt", ARTICLE_A);
    let target = dir.0.join("report.json");
    let out = run(&["analyze", p(&a), "--format", "json", "--output", p(&target)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(doc_ids(&report), ["alpha"]);
}

#[test]
fn a_missing_file_is_skipped_with_exit_code_1() {
    let dir = TempDir::new();
    let a = dir.file("alpha.txt", ARTICLE_A);
    let missing = dir.0.join("nope.txt");
    let out = run(&["analyze", p(&missing), p(&a), "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nope.txt"), "{}", stderr(&out));
    assert_eq!(doc_ids(&json_of(&out)), ["alpha"], "the report covers the others");
}

#[test]
fn binary_files_are_skipped() {
    let dir = TempDir::new();
    let a = dir.file("alpha.txt", ARTICLE_A);
    let png = dir.file("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let pdf = dir.file("doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    let nul = dir.file("nul.txt", b"text\0with a NUL byte");
    let out = run(&["analyze", p(&png), p(&pdf), p(&nul), p(&a), "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for (name, kind) in [("photo.txt", "PNG"), ("doc.txt", "PDF"), ("nul.txt", "NUL")] {
        assert!(err.lines().any(|l| l.contains(name) && l.contains(kind)), "{name}: {err}");
    }
    assert_eq!(doc_ids(&json_of(&out)), ["alpha"]);

    let only_binary = run(&["analyze", p(&png)], None);
    assert_eq!(only_binary.status.code(), Some(2), "no usable input");
}

#[test]
fn empty_files_are_skipped() {
    let dir = TempDir::new();
    let a = dir.file("alpha.txt", ARTICLE_A);
    let empty = dir.file("empty.txt", "");
    let blank = dir.file("blank.txt", " \n\n ");
    let out = run(&["analyze", p(&empty), p(&blank), p(&a), "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("empty.txt"));
    assert_eq!(doc_ids(&json_of(&out)), ["alpha"]);
    assert_eq!(run(&["analyze", p(&empty)], None).status.code(), Some(2));
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let dir = TempDir::new();
    let bad = dir.file("latin1.txt", b"Caf\xe9 owners said the talks were good.\n");
    let out = run(&["analyze", p(&bad), "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "a decodable file is analysed");
    assert!(stderr(&out).contains("invalid UTF-8"), "{}", stderr(&out));
    let report = json_of(&out);
    assert_eq!(report["documents"][0]["length"], "Caf\u{FFFD} owners said the talks were good.\n".len());
}

#[test]
fn a_declared_latin1_page_is_decoded_as_windows_1252() {
    let dir = TempDir::new();
    let page = dir.file(
        "page.html",
        b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 owners \x93happy\x94</title></head><body><p>Text.</p></body></html>",
    );
    let out = run(&["analyze", p(&page), "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("Windows-1252"), "{}", stderr(&out));
    assert_eq!(json_of(&out)["documents"][0]["title"], "Café owners “happy”");
}

#[test]
fn byte_order_marks_and_utf16() {
    let dir = TempDir::new();
    let with_bom = dir.file("bom.txt", [b"\xef\xbb\xbf".as_slice(), ARTICLE_A.as_bytes()].concat());
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(ARTICLE_B.encode_utf16().flat_map(u16::to_le_bytes));
    let utf16 = dir.file("wide.txt", utf16);
    let utf16be =
        dir.file("wide-be.txt", ARTICLE_A.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>());
    let be = run(&["analyze", p(&utf16be), "--format", "json"], None);
    assert_eq!(be.status.code(), Some(0), "UTF-16 without a BOM is recognised: {}", stderr(&be));
    assert!(stderr(&be).contains("UTF-16BE"), "{}", stderr(&be));
    assert_eq!(json_of(&be)["documents"][0]["length"], ARTICLE_A.len());

    let out = run(&["analyze", p(&with_bom), p(&utf16), "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json_of(&out);
    // Offsets are into the decoded text: the BOM is gone, UTF-16 became UTF-8.
    assert_eq!(report["documents"][0]["length"], ARTICLE_A.len());
    assert_eq!(report["documents"][1]["length"], ARTICLE_B.len());
    assert_eq!(report["documents"][1]["title"], "Erdoğan welcomes the offer");
}

#[test]
fn stdin_is_read_with_dash() {
    let out = run(&["analyze", "-", "--format", "json"], Some(ARTICLE_A.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json_of(&out);
    assert_eq!(doc_ids(&report), ["stdin"]);
    assert_eq!(report["documents"][0]["length"], ARTICLE_A.len());

    let html = "<html><head><title>Piped page</title></head><body><p>Text from a pipe.</p></body></html>";
    let out = run(&["analyze", "-", "--format", "json"], Some(html.as_bytes()));
    assert_eq!(json_of(&out)["documents"][0]["title"], "Piped page", "HTML on stdin is sniffed");
}

#[test]
fn directories_expand_to_their_articles_sorted() {
    let dir = TempDir::new();
    dir.file("b.txt", ARTICLE_B);
    dir.file("a.md", ARTICLE_A);
    dir.file("c.html", "<p>The third article says the talks start on Thursday.</p>");
    dir.file("notes.json", "{}");
    let out = run(&["analyze", p(&dir.0), "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(doc_ids(&json_of(&out)), ["a", "b", "c"]);
}

#[test]
fn same_file_names_get_distinct_ids() {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.0.join("x")).unwrap();
    std::fs::create_dir_all(dir.0.join("y")).unwrap();
    let a = dir.file("x/story.txt", ARTICLE_A);
    let b = dir.file("y/story.txt", ARTICLE_B);
    let out = run(&["analyze", p(&a), p(&b), "--format", "json"], None);
    let report = json_of(&out);
    let mut ids = doc_ids(&report);
    ids.sort_unstable();
    assert_eq!(ids, ["story", "story-2"]);
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(run(&["analyze"], None).status.code(), Some(2), "no FILE");
    assert_eq!(run(&["analyze", "x.txt", "--format", "yaml"], None).status.code(), Some(2));
    assert_eq!(run(&["analyze", "x.txt", "--reference-date", "May 5"], None).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn reference_date_is_accepted() {
    let dir = TempDir::new();
    let a = dir.file("alpha.txt", ARTICLE_A);
    for date in ["2025-05-11", "today"] {
        let out = run(&["analyze", p(&a), "--reference-date", date, "--format", "json"], None);
        assert_eq!(out.status.code(), Some(0), "{date}: {}", stderr(&out));
    }
}

#[test]
fn help_documents_the_exit_codes() {
    let out = run(&["analyze", "--help"], None);
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("Exit codes") && help.contains("2  no usable input"), "{help}");
}
