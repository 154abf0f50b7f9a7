//! Segmentation cases: `tests/cases/segment.json` holds texts and the paragraphs,
//! sentences and tokens expected from ingest + segment, checked by their surface text.
//! Fields: `name`, `text`, `format` (`text` or `markdown`, default text), and any of `paragraphs`, `sentences`, `tokens` (lists of
//! strings, in order; a field left out is not checked). Every case also checks the
//! invariants: spans on char boundaries, sorted, non-overlapping, each sentence inside
//! its paragraph, no sentence or token in chrome.

use crosscheck::analysis::{ingest, segment};
use crosscheck::{Doc, Format, Input, Span};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    /// `text` (default) or `markdown`.
    format: Option<String>,
    paragraphs: Option<Vec<String>>,
    sentences: Option<Vec<String>>,
    tokens: Option<Vec<String>>,
}

fn surface(doc: &Doc, spans: impl Iterator<Item = Span>) -> Vec<String> {
    spans.map(|s| doc.text[s.range()].to_string()).collect()
}

fn check_invariants(doc: &Doc) -> Vec<String> {
    let mut errors = Vec::new();
    let text = &doc.text;
    let mut check_layer = |name: &str, spans: &[Span]| {
        for (i, s) in spans.iter().enumerate() {
            if s.start > s.end
                || s.end > text.len()
                || !text.is_char_boundary(s.start)
                || !text.is_char_boundary(s.end)
            {
                errors.push(format!("{name} {s:?} is not a valid span"));
            }
            if i > 0 && spans[i - 1].end > s.start {
                errors.push(format!("{name} {:?} and {s:?} overlap or are unsorted", spans[i - 1]));
            }
        }
    };
    check_layer("paragraph", &doc.paragraphs);
    check_layer("sentence", &doc.sentences.iter().map(|s| s.span).collect::<Vec<_>>());
    check_layer("token", &doc.tokens);
    for s in &doc.sentences {
        if !doc.paragraphs.get(s.paragraph).is_some_and(|p| p.contains(s.span)) {
            errors.push(format!("sentence {:?} is not inside paragraph {}", s.span, s.paragraph));
        }
        if doc.is_chrome(s.span) {
            errors.push(format!("sentence {:?} lies in chrome", s.span));
        }
    }
    errors
}

#[test]
fn segment_cases() {
    let cases: Vec<Case> = serde_json::from_str(include_str!("cases/segment.json")).expect("valid case file");
    assert!(cases.len() >= 20);
    let mut failures = Vec::new();
    for case in &cases {
        let format = if case.format.as_deref() == Some("markdown") { Format::Markdown } else { Format::Text };
        let mut doc = ingest::ingest(&Input::new("case", case.text.clone(), format));
        segment::segment(&mut doc);
        assert_eq!(doc.text, case.text, "{}: plain text is kept byte for byte", case.name);
        let mut fail = |what: &str, want: &Vec<String>, got: Vec<String>| {
            if *want != got {
                failures.push(format!("{}: {what}\n  want {want:?}\n  got  {got:?}", case.name));
            }
        };
        if let Some(want) = &case.paragraphs {
            fail("paragraphs", want, surface(&doc, doc.paragraphs.iter().copied()));
        }
        if let Some(want) = &case.sentences {
            fail("sentences", want, surface(&doc, doc.sentences.iter().map(|s| s.span)));
        }
        if let Some(want) = &case.tokens {
            fail("tokens", want, surface(&doc, doc.tokens.iter().copied()));
        }
        for e in check_invariants(&doc) {
            failures.push(format!("{}: {e}", case.name));
        }
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

/// Inputs that must not panic and must stay linear: a 1 MB line, unbalanced quotes,
/// runs of periods, mixed scripts.
#[test]
fn hostile_inputs_do_not_panic() {
    let long_line = "word ".repeat(200_000);
    let dots = "a.".repeat(300_000);
    let quotes = "“open. ".repeat(50_000) + &"\"x. ".repeat(50_000);
    let mixed = "مرحبا. 東京。😀! Ünïcödé... \r\r\n\u{2028}x".repeat(10_000);
    let no_space = ".".repeat(500_000);
    for text in [long_line, dots, quotes, mixed, no_space] {
        let mut doc = ingest::ingest(&Input::new("big", text.clone(), Format::Text));
        segment::segment(&mut doc);
        let errors = check_invariants(&doc);
        assert!(errors.is_empty(), "{}", errors[..errors.len().min(5)].join("\n"));
    }
}
