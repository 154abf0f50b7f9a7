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

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// News-like text made of awkward pieces: abbreviations, quotes of every kind,
    /// ellipses, CJK and RTL enders, emoji, CRLF, bullets, boilerplate lines.
    fn newsish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[A-Z][a-z]{0,7}",
            "[a-z]{1,8}",
            "[0-9]{1,4}",
            Just(".".to_string()),
            Just(". ".to_string()),
            Just("? ".to_string()),
            Just("…".to_string()),
            Just("...".to_string()),
            Just("Mr.".to_string()),
            Just("U.S.".to_string()),
            Just("p.m.".to_string()),
            Just("J.".to_string()),
            Just("“".to_string()),
            Just("”".to_string()),
            Just("‘".to_string()),
            Just("’".to_string()),
            Just("\"".to_string()),
            Just(",\" he said".to_string()),
            Just("。".to_string()),
            Just("東京".to_string()),
            Just("قال".to_string()),
            Just("😀".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("\n\n".to_string()),
            Just("\n- ".to_string()),
            Just("\n# ".to_string()),
            Just("\nYou May Also Like\n".to_string()),
            Just(" (Read more stories.) ".to_string()),
            Just("(AP Photo/Jane Roe)".to_string()),
            Just("\u{2028}".to_string()),
            "\\PC{1,3}",
        ];
        proptest::collection::vec(piece, 0..80).prop_map(|v| v.join(" "))
    }

    fn html_soup() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<article>".to_string()),
            Just("</article>".to_string()),
            Just("<nav>".to_string()),
            Just("</nav>".to_string()),
            Just(" <script>if (a < b) x = \"</p>\";".to_string()),
            Just("</script>".to_string()),
            Just("<div class=\"related\">".to_string()),
            Just("</div>".to_string()),
            Just("<br>".to_string()),
            Just("<figcaption>".to_string()),
            Just("</figcaption>".to_string()),
            Just("&amp;".to_string()),
            Just("&#x1F600;".to_string()),
            Just("&bogus".to_string()),
            Just("<!--".to_string()),
            Just("-->".to_string()),
            Just("<".to_string()),
            "[A-Za-z .,“”]{1,20}",
            "\\PC{1,4}",
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    fn doc_of(text: String, format: Format) -> Doc {
        let mut doc = ingest::ingest(&Input::new("p", text, format));
        segment::segment(&mut doc);
        doc
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn layers_are_valid_and_sentences_cover_every_word(text in newsish(), markdown in any::<bool>()) {
            let format = if markdown { Format::Markdown } else { Format::Text };
            let doc = doc_of(text.clone(), format);
            prop_assert_eq!(&doc.text, &text);
            let errors = check_invariants(&doc);
            prop_assert!(errors.is_empty(), "{:?}", errors);
            for token in &doc.tokens {
                prop_assert!(
                    doc.sentences.iter().any(|s| s.span.contains(*token)),
                    "token {:?} {:?} is in no sentence", token, &doc.text[token.range()]
                );
            }
            for pair in doc.excluded.windows(2) {
                prop_assert!(pair[0].span.end <= pair[1].span.start);
            }
        }

        #[test]
        fn html_never_fails_and_its_spans_are_valid(html in html_soup()) {
            let doc = doc_of(html, Format::Html);
            let errors = check_invariants(&doc);
            prop_assert!(errors.is_empty(), "{:?}", errors);
            for e in &doc.excluded {
                prop_assert!(doc.text.get(e.span.range()).is_some());
            }
        }
    }
}

mod words_are_uax29_words {
    use crosscheck::analysis::{claims::lexicon, segment};
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// Text over the characters the fast word scanner knows (ASCII, Latin letters, curly
    /// quotes, dashes, the middle marks of UAX #29) and a few it does not (emoji,
    /// combining marks, Greek, Hebrew, CJK), so that both paths run.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z0-9 ]{1,6}",
            Just(".".to_string()),
            Just(",".to_string()),
            Just(";".to_string()),
            Just(":".to_string()),
            Just("'".to_string()),
            Just("_".to_string()),
            Just("\"".to_string()),
            Just("-".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("\t".to_string()),
            Just("’".to_string()),
            Just("‘".to_string()),
            Just("·".to_string()),
            Just("\u{202F}".to_string()),
            Just("\u{A0}".to_string()),
            Just("“".to_string()),
            Just("–".to_string()),
            Just("…".to_string()),
            Just("€".to_string()),
            Just("é".to_string()),
            Just("Ğ".to_string()),
            Just("ß".to_string()),
            Just("×".to_string()),
            Just("😀".to_string()),
            Just("\u{301}".to_string()),
            Just("λ".to_string()),
            Just("א".to_string()),
            Just("東京".to_string()),
            "[\u{80}-\u{2FF}]",
            "[\u{2000}-\u{206F}]",
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// `segment::words` gives the UAX #29 words (with a letter or digit) of any text.
        #[test]
        fn same_words_as_unicode_segmentation(s in text()) {
            let want: Vec<&str> = s
                .unicode_word_indices()
                .map(|(_, w)| w.trim())
                .filter(|w| !w.is_empty())
                .collect();
            let got: Vec<&str> = segment::words(&s).iter().map(|t| &s[t.range()]).collect();
            prop_assert_eq!(got, want);
        }

        /// `lexicon::words` (the words later stages compare) are exactly the UAX #29 words
        /// with a letter or digit, at the same offsets.
        #[test]
        fn lexicon_words_are_unicode_words(s in text()) {
            let want: Vec<(usize, &str)> = s.unicode_word_indices().collect();
            let got: Vec<(usize, &str)> =
                lexicon::words(&s).iter().map(|w| (w.start, &s[w.start..w.end])).collect();
            prop_assert_eq!(got, want);
        }
    }
}
