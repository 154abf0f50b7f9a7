//! Claim extraction, specified by `tests/cases/claims.json`: each case is a document;
//! each expected claim is located by its surface text and checked for kind, speaker and
//! quoted passages.

use crosscheck::analysis::{self, Doc, Format, Input, Options};
use serde_json::Value;

fn analyze_one(text: &str) -> Doc {
    let a = analysis::run(&[Input::new("doc", text, Format::Text)], &Options::default());
    a.docs.into_iter().next().expect("one document")
}

fn kind_name(kind: analysis::claims::ClaimKind) -> String {
    serde_json::to_value(kind).unwrap().as_str().unwrap().to_string()
}

#[test]
fn claims_cases() {
    let cases: Value = serde_json::from_str(include_str!("cases/claims.json")).unwrap();
    let mut failures = Vec::new();
    for case in cases["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let doc = analyze_one(case["text"].as_str().unwrap());
        for want in case["claims"].as_array().unwrap() {
            let needle = want["text"].as_str().unwrap();
            let Some(claim) = doc.claims.iter().find(|c| doc.slice(c.span).contains(needle)) else {
                failures.push(format!("{name}: no claim contains {needle:?}"));
                continue;
            };
            let got_kind = kind_name(claim.kind);
            if let Some(kind) = want["kind"].as_str() {
                if got_kind != kind {
                    failures.push(format!("{name}: {needle:?} is {got_kind}, want {kind}"));
                }
            }
            if let Some(speaker) = want["speaker"].as_str() {
                let got = claim.speaker_span.map(|s| doc.slice(s)).unwrap_or("");
                if !got.contains(speaker) {
                    failures.push(format!("{name}: {needle:?} speaker {got:?}, want {speaker:?}"));
                }
            }
            if let Some(quotes) = want["quotes"].as_array() {
                let got: Vec<&str> = claim.quotes.iter().map(|q| doc.slice(*q)).collect();
                let want: Vec<&str> = quotes.iter().map(|q| q.as_str().unwrap()).collect();
                if got != want {
                    failures.push(format!("{name}: {needle:?} quotes {got:?}, want {want:?}"));
                }
            }
        }
        for absent in case["absent"].as_array().into_iter().flatten() {
            let absent = absent.as_str().unwrap();
            if doc.claims.iter().any(|c| doc.slice(c.span).contains(absent)) {
                failures.push(format!("{name}: {absent:?} should not be in a claim"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Clause splitting: every claim of each text, in order, by its exact surface text; every
/// clause keeps its sentence and, when the case names one, the sentence's speaker.
#[test]
fn clause_cases() {
    let cases: Value = serde_json::from_str(include_str!("cases/claims.json")).unwrap();
    let mut failures = Vec::new();
    for case in cases["clauses"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let doc = analyze_one(text);
        let got: Vec<&str> = doc.claims.iter().map(|c| doc.slice(c.span)).collect();
        let want: Vec<&str> =
            case["clauses"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        if got != want {
            failures.push(format!("{name}:\n  got  {got:?}\n  want {want:?}"));
        }
        for c in &doc.claims {
            if !c.sentence.contains(c.span) {
                failures.push(format!("{name}: {:?} lies outside its sentence", doc.slice(c.span)));
            }
            if let Some(speaker) = case["speaker"].as_str() {
                let got = c.speaker_span.map(|s| doc.slice(s)).unwrap_or("");
                if !got.contains(speaker) {
                    failures
                        .push(format!("{name}: {:?} speaker {got:?}, want {speaker:?}", doc.slice(c.span)));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn captions_and_chrome_yield_no_claims() {
    use analysis::text::{Excluded, Exclusion};
    let text = "Officials said 12 people were hurt in the blast on Monday.\nPhoto: officials said 40 people gathered at the site on Monday.\nSubscribe to our channel for the latest news from the region today.";
    let mut doc = Doc { id: "d".into(), text: text.into(), ..Doc::default() };
    analysis::segment::segment(&mut doc);
    let line2 = text.find("Photo").unwrap();
    let line3 = text.find("Subscribe").unwrap();
    doc.excluded = vec![
        Excluded { span: analysis::Span::new(line2, line3 - 1), kind: Exclusion::Caption },
        Excluded { span: analysis::Span::new(line3, text.len()), kind: Exclusion::Chrome },
    ];
    analysis::claims::extract(&mut doc, &[]);
    let texts: Vec<&str> = doc.claims.iter().map(|c| doc.slice(c.span)).collect();
    assert_eq!(texts, vec!["Officials said 12 people were hurt in the blast on Monday."]);
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        "\"",
        "“",
        "”””",
        "a. B. c.",
        "\u{0}\u{1}binary\u{7f}",
        "“unclosed\n\n”stray",
        &"word ".repeat(5000),
    ] {
        let doc = analyze_one(text);
        for c in &doc.claims {
            assert!(doc.text.is_char_boundary(c.span.start) && doc.text.is_char_boundary(c.span.end));
        }
    }
}
