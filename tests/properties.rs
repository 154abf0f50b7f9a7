//! Properties of the whole pipeline on generated input: every span of the report lies on
//! char boundaries and its `text` is exactly that slice; the report does not depend on the
//! order of the documents; the pipeline never panics.

use crosscheck::{analyze, Format, Input, Options, Report};
use proptest::prelude::*;

/// Article-like text: words, names, numbers, dates, quotes, multi-byte letters, newlines.
fn article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("President".to_string()),
        Just("Erdoğan".to_string()),
        Just("Zelenskyy".to_string()),
        Just("said".to_string()),
        Just("on Saturday".to_string()),
        Just("May 15".to_string()),
        Just("over 730".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just(".".to_string()),
        Just("\n".to_string()),
        Just("😀".to_string()),
        Just("U.S.".to_string()),
        "[A-Z][a-z]{1,8}",
        "[a-z]{1,8}",
        "[0-9]{1,4}",
        "\\PC{1,3}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

fn check_spans(report: &Report, inputs: &[Input]) {
    let text_of = |doc: &str| -> String {
        // Plain-text inputs keep their text byte for byte.
        inputs.iter().find(|i| i.id == doc).map(|i| i.content.clone()).unwrap()
    };
    let check = |doc: &str, start: usize, end: usize, text: &str| {
        let t = text_of(doc);
        assert!(start <= end && end <= t.len(), "span {start}..{end} outside {doc}");
        assert!(t.is_char_boundary(start) && t.is_char_boundary(end), "span {start}..{end} splits a char");
        assert_eq!(&t[start..end], text);
    };
    for (doc, start, end, text) in report.quoted_spans() {
        check(doc, start, end, text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_exact_slices_on_char_boundaries(a in article(), b in article(), c in article()) {
        let inputs = vec![
            Input::new("a", a, Format::Text),
            Input::new("b", b, Format::Text),
            Input::new("c", c, Format::Markdown),
        ];
        let report = analyze(&inputs, &Options::default());
        check_spans(&report, &inputs);
    }

    #[test]
    fn the_report_does_not_depend_on_document_order(a in article(), b in article(), c in article()) {
        let inputs = vec![
            Input::new("a", a, Format::Text),
            Input::new("b", b, Format::Text),
            Input::new("c", c, Format::Text),
        ];
        let mut reversed = inputs.clone();
        reversed.reverse();
        prop_assert_eq!(analyze(&inputs, &Options::default()), analyze(&reversed, &Options::default()));
    }
}

/// The fixture events give the same report whatever the order of their files.
#[test]
fn fixture_events_are_order_independent() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/events/seeds");
    let mut inputs: Vec<Input> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            Input::new(id, std::fs::read_to_string(&p).unwrap(), Format::Text)
        })
        .collect();
    inputs.sort_by(|a, b| a.id.cmp(&b.id));
    let forward = analyze(&inputs, &Options::default());
    inputs.reverse();
    inputs.rotate_left(2);
    assert_eq!(forward, analyze(&inputs, &Options::default()));
    check_spans(&forward, &inputs);
}
