//! Ingest cases: `tests/cases/ingest.json` holds inputs (plain text, Markdown, HTML) and
//! what ingest must make of them, checked by surface text.
//!
//! Fields: `name`, `format` (`text`, `markdown`, `html`), `input`; then any of: `text`
//! (the exact document text: for HTML the reduced text), `text_contains` (substrings of
//! it), `title`, `outlet`, `byline`, `published` (a value, or `null` for "none found"),
//! `excluded` (every excluded range in order, as `{"kind": "chrome"|"caption", "text"}`),
//! `sentences` (after segmentation), `diagnostics` (`true`: at least one). A field left
//! out is not checked. Plain text and Markdown must always come out byte for byte.

use crosscheck::analysis::text::Exclusion;
use crosscheck::analysis::{ingest, segment};
use crosscheck::{Format, Input};
use serde_json::Value;

fn format_of(name: &str) -> Format {
    match name {
        "html" => Format::Html,
        "markdown" => Format::Markdown,
        _ => Format::Text,
    }
}

fn compare(failures: &mut Vec<String>, name: &str, what: &str, want: String, got: String) {
    if want != got {
        failures.push(format!("{name}: {what}\n  want {want}\n  got  {got}"));
    }
}

#[test]
fn ingest_cases() {
    let cases: Vec<Value> = serde_json::from_str(include_str!("cases/ingest.json")).expect("valid case file");
    assert!(cases.len() >= 15);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().expect("name");
        let input = case["input"].as_str().expect("input");
        let format = format_of(case["format"].as_str().unwrap_or("text"));
        let mut doc = ingest::ingest(&Input::new("case", input, format));
        segment::segment(&mut doc);
        if format != Format::Html {
            compare(
                &mut failures,
                name,
                "text kept byte for byte",
                format!("{input:?}"),
                format!("{:?}", doc.text),
            );
        }
        if let Some(want) = case.get("text") {
            compare(&mut failures, name, "text", want.to_string(), Value::from(doc.text.clone()).to_string());
        }
        for want in case.get("text_contains").and_then(Value::as_array).into_iter().flatten() {
            let want = want.as_str().expect("string");
            if !doc.text.contains(want) {
                failures.push(format!("{name}: text lacks {want:?}: {:?}", doc.text));
            }
        }
        let meta = &doc.meta;
        let found = |f: Option<String>| f.map_or(Value::Null, Value::from).to_string();
        for (field, got) in [
            ("title", found(meta.title.as_ref().map(|f| f.value.clone()))),
            ("outlet", found(meta.outlet.as_ref().map(|f| f.value.clone()))),
            ("byline", found(meta.byline.as_ref().map(|f| f.value.clone()))),
            ("published", found(meta.published.as_ref().map(|f| f.value.to_string()))),
        ] {
            if let Some(want) = case.get(field) {
                compare(&mut failures, name, field, want.to_string(), got);
            }
        }
        // Title and byline spans hold their value; an outlet's span holds the name as
        // written ("ASSOCIATED PRESS" for "Associated Press").
        for f in [&meta.title, &meta.byline].into_iter().flatten() {
            if let Some(span) = f.span {
                if doc.text.get(span.range()) != Some(f.value.as_str()) {
                    failures.push(format!("{name}: the span of {:?} does not hold it", f.value));
                }
            }
        }
        if let Some(span) = meta.outlet.as_ref().and_then(|f| f.span) {
            if doc.text.get(span.range()).is_none() {
                failures.push(format!("{name}: the outlet span {span:?} is not in the text"));
            }
        }
        if let Some(want) = case.get("excluded") {
            let got: Vec<Value> = doc
                .excluded
                .iter()
                .map(|e| {
                    let kind = match e.kind {
                        Exclusion::Caption => "caption",
                        Exclusion::Chrome => "chrome",
                    };
                    serde_json::json!({"kind": kind, "text": &doc.text[e.span.range()]})
                })
                .collect();
            compare(&mut failures, name, "excluded", want.to_string(), Value::from(got).to_string());
        }
        for pair in doc.excluded.windows(2) {
            if pair[0].span.end > pair[1].span.start {
                failures.push(format!("{name}: excluded ranges overlap or are unsorted"));
            }
        }
        if let Some(want) = case.get("sentences") {
            let got: Vec<&str> = doc.sentences.iter().map(|s| &doc.text[s.span.range()]).collect();
            compare(&mut failures, name, "sentences", want.to_string(), Value::from(got).to_string());
        }
        if case.get("diagnostics").and_then(Value::as_bool) == Some(true) && doc.diagnostics.is_empty() {
            failures.push(format!("{name}: expected a diagnostic"));
        }
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}
