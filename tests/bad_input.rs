//! Bad input, through the real CLI binary (on real temporary files) and through the
//! library: empty and whitespace-only files, a 50 MB file, 10,000 small files, binary files
//! (PNG, PDF, ZIP), invalid UTF-8, UTF-16 with a BOM, CRLF line endings, right-to-left, CJK
//! and emoji text, a 1 MB line with no sentence end, articles pasted without line breaks,
//! 100,000 capitalised words, thousands of nested or unbalanced quotation marks.
//!
//! The CLI's contract (src/bin/crosscheck.rs): unreadable and binary files are skipped with
//! a message naming them; the other inputs are analysed and in the report; exit code 0 when
//! every input was used, 1 when some were skipped, 2 when none was usable; invalid UTF-8 is
//! decoded lossily with a warning; UTF-16 with a BOM is decoded. Never a panic, never a hang.
//!
//! The 50 MB case is `#[ignore]`d in the debug build (it takes many minutes there);
//! `scripts/test.sh` runs it optimised, with debug assertions:
//! `cargo test --profile hardening --test bad_input -- --ignored`.
//!
//! Every input is generated at run time (nothing big is committed). A watchdog turns a hang
//! into a failure after a generous time; no test asserts speed (see benches/adversarial.rs).

#[path = "support/adversarial.rs"]
mod adversarial;
#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use adversarial::ARTICLE;
use crosscheck::{run, Format, Input, Options, Report};

/// Long enough for a debug build on a busy 2-core machine; only here to turn a hang into
/// a failure.
const WATCHDOG: Duration = Duration::from_secs(900);

// ---------------------------------------------------------------- helpers

/// A temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("crosscheck-bad-input-{}-{n}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs `f` on another thread; fails if it panics or does not finish within the watchdog.
fn with_watchdog<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(WATCHDOG) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let _ = handle.join();
            panic!("{what}: panicked")
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: no result after {WATCHDOG:?} (hang?)"),
    }
}

/// Runs the CLI (`crosscheck analyze --format json ARGS...`) with a watchdog.
fn cli(args: &[PathBuf]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .arg("analyze")
        .args(["--format", "json"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    // Reading the pipes on another thread keeps a large report from blocking the child.
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(WATCHDOG) {
        Ok(output) => output.expect("the CLI runs"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("the CLI gave no result after {WATCHDOG:?} (hang?)")
        }
    }
}

fn id_of(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// What a CLI run produced, checked against the contract.
struct Outcome {
    code: i32,
    stderr: String,
    report: Option<Report>,
}

impl Outcome {
    fn ids(&self) -> BTreeSet<String> {
        self.report.iter().flat_map(|r| r.documents.iter().map(|d| d.id.clone())).collect()
    }

    fn report(&self) -> &Report {
        self.report.as_ref().expect("a report")
    }
}

/// Checks the contract of one CLI run: no panic; a valid report on stdout whenever some
/// input was usable; every input either in the report or named on stderr as skipped; the
/// exit code saying which.
fn check_cli(output: Output, inputs: &[PathBuf]) -> Outcome {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let code =
        output.status.code().unwrap_or_else(|| panic!("the CLI was killed by a signal; stderr:\n{stderr}"));
    assert!(!stderr.contains("panicked"), "the CLI panicked:\n{stderr}");
    assert!(matches!(code, 0..=2), "exit code {code}; stderr:\n{stderr}");
    let report = (code != 2).then(|| {
        let report: Report = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("stdout is no JSON report ({e}); stderr:\n{stderr}"));
        check_report_offsets(&report);
        report
    });
    let outcome = Outcome { code, stderr, report };
    let ids = outcome.ids();
    let mut skipped = 0;
    for path in inputs {
        if !ids.contains(&id_of(path)) {
            skipped += 1;
            let name = path.file_name().unwrap().to_string_lossy();
            assert!(
                outcome.stderr.contains(&*name),
                "{name} is neither in the report nor named on stderr:\n{}",
                outcome.stderr
            );
        }
    }
    let expected = match (skipped, ids.len()) {
        (0, _) => 0,
        (_, 0) => 2,
        _ => 1,
    };
    assert_eq!(
        code,
        expected,
        "exit code for {skipped} skipped of {} inputs; stderr:\n{}",
        inputs.len(),
        outcome.stderr
    );
    outcome
}

/// The offsets of a report read back from JSON: in bounds, and `text` as long as its span.
fn check_report_offsets(report: &Report) {
    let lengths: std::collections::HashMap<&str, usize> =
        report.documents.iter().map(|d| (d.id.as_str(), d.length)).collect();
    let check = |doc: &str, start: usize, end: usize, text: &str| {
        let len = lengths.get(doc).unwrap_or_else(|| panic!("unknown document {doc}"));
        assert!(start <= end && end <= *len, "{doc}: span {start}..{end} outside {len} bytes");
        assert_eq!(text.len(), end - start, "{doc}: text {text:?} is not {start}..{end}");
    };
    for (doc, start, end, text) in report.quoted_spans() {
        check(doc, start, end, text);
    }
}

/// The library on the same inputs: every invariant of the fuzz checks holds.
fn check_library(what: &str, inputs: Vec<Input>) -> Report {
    with_watchdog(what, move || {
        let analysis = run(&inputs, &Options::default());
        let report = Report::from_analysis(&analysis);
        fuzz_checks::check_analysis(&analysis);
        fuzz_checks::check_report(&analysis, &report);
        report
    })
}

// ---------------------------------------------------------------- empty and whitespace

#[test]
fn empty_and_whitespace_only_files_do_not_stop_the_others() {
    let dir = TempDir::new("empty");
    let files = vec![
        dir.file("article.txt", ARTICLE),
        dir.file("empty.txt", ""),
        dir.file("spaces.txt", " \n\t\r\n   \u{a0}\u{3000}\n"),
        dir.file("empty.html", ""),
        dir.file("tags-only.html", "<html><body><p> </p><script>x()</script></body></html>"),
    ];
    let outcome = check_cli(cli(&files), &files);
    assert!(outcome.ids().contains("article"), "the good article is in the report");

    for (id, text, format) in [
        ("empty", "", Format::Text),
        ("spaces", " \n\t\r\n ", Format::Markdown),
        ("empty-html", "", Format::Html),
    ] {
        let report = check_library(id, vec![Input::new(id, text, format)]);
        assert_eq!(report.documents.len(), 1);
        assert!(
            report.claims.is_empty() && report.entities.is_empty(),
            "{id}: findings in an empty document"
        );
    }
}

#[test]
fn only_unusable_inputs_exit_with_2_and_a_message() {
    let dir = TempDir::new("unusable");
    let files = vec![dir.file("image.png", png()), dir.join_missing("missing.txt")];
    let outcome = check_cli(cli(&files), &files);
    assert_eq!(outcome.code, 2);
}

impl TempDir {
    fn join_missing(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

// ---------------------------------------------------------------- binary and encodings

fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    bytes
}

fn pdf() -> Vec<u8> {
    let mut bytes =
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 2048 /Filter /FlateDecode >>\nstream\n".to_vec();
    bytes.extend((0..2048u32).map(|i| (i.wrapping_mul(2_246_822_519) >> 11) as u8));
    bytes.extend(b"\nendstream\nendobj\n%%EOF\n");
    bytes
}

fn zip() -> Vec<u8> {
    let mut bytes = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
    bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(3_266_489_917) >> 7) as u8));
    bytes
}

#[test]
fn binary_files_are_skipped_with_a_message_and_the_rest_is_analysed() {
    let dir = TempDir::new("binary");
    let article = dir.file("article.txt", ARTICLE);
    let binaries =
        [dir.file("photo.png", png()), dir.file("paper.pdf", pdf()), dir.file("bundle.zip", zip())];
    // Binary content under a text extension is still binary.
    let disguised = dir.file("disguised.txt", png());
    let mut files = vec![article];
    files.extend(binaries.iter().cloned());
    files.push(disguised.clone());
    let outcome = check_cli(cli(&files), &files);
    assert_eq!(outcome.ids(), BTreeSet::from(["article".to_string()]), "only the article is used");
    assert_eq!(outcome.code, 1);

    // The library itself never panics on such bytes, decoded lossily.
    let inputs = [png(), pdf(), zip()]
        .iter()
        .enumerate()
        .map(|(i, b)| Input::new(format!("b{i}"), String::from_utf8_lossy(b), Format::Text))
        .collect();
    check_library("binary", inputs);
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let dir = TempDir::new("latin1");
    // Latin-1 bytes (é = 0xE9, ã = 0xE3) inside otherwise ASCII text, and a truncated sequence.
    let mut bytes =
        b"Mayor S\xe9bastien Melo said on Monday that the Bras\xedlia office would close.\n".to_vec();
    bytes.extend(b"S\xe3o Paulo officials said 40 people were hurt. \xf0\x9f\x98\n");
    let file = dir.file("latin1.txt", &bytes);
    let article = dir.file("article.txt", ARTICLE);
    let files = vec![file, article];
    let outcome = check_cli(cli(&files), &files);
    assert_eq!(outcome.ids().len(), 2, "the file with invalid UTF-8 is analysed");
    assert!(outcome.stderr.contains("latin1.txt"), "a warning names the file:\n{}", outcome.stderr);
    let doc = outcome.report().documents.iter().find(|d| d.id == "latin1").unwrap();
    assert_eq!(doc.length, String::from_utf8_lossy(&bytes).len());
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        let pair = if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() };
        bytes.extend(pair);
    }
    bytes
}

#[test]
fn utf16_with_a_bom_gives_the_same_report_as_utf8() {
    // Emoji are surrogate pairs in UTF-16.
    let text = format!("{ARTICLE}Officials said 7 bridges 🌉 were closed on Tuesday. 😀\n");
    let plain = TempDir::new("utf8");
    let utf8 = vec![plain.file("article.txt", &text)];
    let expected = check_cli(cli(&utf8), &utf8);
    for little_endian in [true, false] {
        let dir = TempDir::new("utf16");
        let files = vec![dir.file("article.txt", utf16(&text, little_endian))];
        let outcome = check_cli(cli(&files), &files);
        assert_eq!(outcome.code, 0, "stderr:\n{}", outcome.stderr);
        assert_eq!(
            outcome.report(),
            expected.report(),
            "UTF-16 ({}) and UTF-8 reports differ",
            if little_endian { "LE" } else { "BE" }
        );
    }
}

#[test]
fn crlf_line_endings_give_the_same_findings_as_lf() {
    let lf = format!("{ARTICLE}\n{ARTICLE}");
    let crlf = lf.replace('\n', "\r\n");
    let a = check_library("lf", vec![Input::new("a", lf, Format::Text)]);
    let b = check_library("crlf", vec![Input::new("a", crlf.clone(), Format::Text)]);
    let texts = |r: &Report| -> (Vec<String>, Vec<String>, usize) {
        let mut mentions: Vec<String> =
            r.entities.iter().flat_map(|e| e.mentions.iter().map(|m| m.text.replace('\r', ""))).collect();
        mentions.sort();
        let claims = r.claims.iter().map(|c| c.text.replace('\r', "")).collect();
        (mentions, claims, r.disagreements.len())
    };
    assert_eq!(texts(&b), texts(&a), "CRLF changes the findings");

    let dir = TempDir::new("crlf");
    let files = vec![dir.file("crlf.txt", &crlf), dir.file("crlf.md", &crlf)];
    check_cli(cli(&files), &files);
}

#[test]
fn right_to_left_cjk_and_emoji_text_keep_valid_spans() {
    let texts = [
        "قال الرئيس محمد علي يوم الاثنين إن 1200 شخص أُجلوا من المدينة. «نحن نبذل كل ما في وسعنا» قال للصحفيين.",
        "ראש הממשלה אמר ביום שני כי 1,200 איש פונו. \u{200f}“אנחנו עושים הכול,” אמר.",
        "東京で月曜日、政府は1200人が避難したと発表した。「全力を尽くしている」と首相は述べた。",
        "서울에서 대통령은 월요일에 1,200명이 대피했다고 말했다. “최선을 다하고 있다”고 말했다.",
        "President 😀 Maria 👩🏽‍⚕️ Santos said on Monday 🇧🇷 that 1,200 🧑‍🤝‍🧑 people were evacuated. “🙏🏻 We try,” she said.",
        "Mixed: Reuters reported that مدينة and 東京 and Zürich and Erdoğan met on 5 May. \u{202e}reversed\u{202c} text.",
    ];
    let inputs: Vec<Input> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Input::new(format!("t{i}"), format!("{t}\n\n{ARTICLE}"), Format::Text))
        .collect();
    let report = check_library("scripts", inputs.clone());
    assert_eq!(report.documents.len(), texts.len());

    let dir = TempDir::new("scripts");
    let files: Vec<PathBuf> = inputs.iter().map(|i| dir.file(&format!("{}.txt", i.id), &i.content)).collect();
    let outcome = check_cli(cli(&files), &files);
    assert_eq!(outcome.code, 0);
}

// ---------------------------------------------------------------- size and pathological text

#[test]
#[ignore = "minutes in a debug build: scripts/test.sh runs it with --profile hardening"]
fn a_50_mb_file_is_analysed() {
    let dir = TempDir::new("big");
    let big = adversarial::articles(50 << 20);
    let files = vec![dir.file("big.txt", &big), dir.file("article.txt", ARTICLE)];
    drop(big);
    let outcome = check_cli(cli(&files), &files);
    assert_eq!(outcome.code, 0);
    let doc = outcome.report().documents.iter().find(|d| d.id == "big").unwrap();
    assert!(doc.length >= 50 << 20);
}

#[test]
fn ten_thousand_small_files_in_one_call_and_as_a_directory() {
    let dir = TempDir::new("many");
    let files: Vec<PathBuf> = (0..10_000)
        .map(|i| {
            let text = format!("Officials in town {i} said {i} people were hurt on Monday. “Stay home,” Mayor Ana Gómez said.\n");
            dir.file(&format!("n{i:05}.txt"), text)
        })
        .collect();
    let outcome = check_cli(cli(&files), &files);
    assert_eq!(outcome.ids().len(), 10_000);

    // A directory argument reads the files inside it.
    let output = cli(std::slice::from_ref(&dir.0));
    let from_dir = check_cli(output, &[]);
    assert_eq!(from_dir.ids(), outcome.ids(), "a directory argument reads every file in it");
}

#[test]
fn a_one_megabyte_line_without_a_sentence_end() {
    let line = adversarial::long_line(1 << 20);
    let report = check_library("long line", vec![Input::new("line", line.clone(), Format::Text)]);
    assert_eq!(report.documents[0].length, line.len());
    let dir = TempDir::new("line");
    let files = vec![dir.file("line.txt", &line), dir.file("article.txt", ARTICLE)];
    check_cli(cli(&files), &files);
}

#[test]
fn articles_pasted_without_line_breaks_keep_their_claims() {
    // Whitespace collapsed, as a paste can arrive: each article, and all of them, on one
    // line. A photo credit in that line is no reason to drop the line as a caption.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    let texts: Vec<String> = names.iter().map(|p| fs::read_to_string(p).unwrap()).collect();
    let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let all = one_line(&texts.join(" "));
    for (i, text) in texts.iter().chain([&all]).enumerate() {
        let lined = check_library("lined", vec![Input::new("a", text.clone(), Format::Text)]);
        let flat = check_library("one line", vec![Input::new("a", one_line(text), Format::Text)]);
        assert!(
            flat.claims.len() * 2 >= lined.claims.len() && !flat.claims.is_empty(),
            "input {i}: {} claims on one line, {} with its line breaks",
            flat.claims.len(),
            lined.claims.len()
        );
    }
}

#[test]
fn a_hundred_thousand_capitalised_words_in_a_row() {
    let words = adversarial::capitalised_words(1 << 20);
    assert!(words.split(' ').count() > 100_000);
    let text = format!("{ARTICLE}\n{words} said on Monday.\n");
    check_library("capitalised", vec![Input::new("caps", text.clone(), Format::Text)]);
    let dir = TempDir::new("caps");
    let files = vec![dir.file("caps.txt", &text)];
    check_cli(cli(&files), &files);
}

#[test]
fn thousands_of_nested_and_unbalanced_quotation_marks() {
    let nested = adversarial::nested_quotes(60_000);
    let opening = adversarial::unbalanced_quotes(80_000);
    let closing = adversarial::stray_quotes(80_000);
    let inputs: Vec<Input> = [nested, opening, closing]
        .into_iter()
        .enumerate()
        .map(|(i, t)| Input::new(format!("q{i}"), format!("{ARTICLE}\n{t}\n{ARTICLE}"), Format::Text))
        .collect();
    check_library("quotes", inputs.clone());
    let dir = TempDir::new("quotes");
    let files: Vec<PathBuf> = inputs.iter().map(|i| dir.file(&format!("{}.txt", i.id), &i.content)).collect();
    check_cli(cli(&files), &files);
}

#[test]
fn deeply_nested_and_unclosed_html() {
    let nested = adversarial::nested_html(500_000);
    let unclosed = adversarial::unclosed_html(500_000);
    let comment = format!("<p>{ARTICLE}</p><!-- {}", "<p>hidden</p>".repeat(10_000));
    let inputs: Vec<Input> = [nested, unclosed, comment]
        .into_iter()
        .enumerate()
        .map(|(i, t)| Input::new(format!("h{i}"), t, Format::Html))
        .collect();
    check_library("html", inputs.clone());
    let dir = TempDir::new("html");
    let files: Vec<PathBuf> =
        inputs.iter().map(|i| dir.file(&format!("{}.html", i.id), &i.content)).collect();
    check_cli(cli(&files), &files);
}
