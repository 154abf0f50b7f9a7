//! The fuzz checks: each target turns arbitrary bytes into inputs for one part of the
//! core, runs it, and asserts the invariants of its output (a broken invariant panics, and
//! libFuzzer keeps the input as a crash).
//!
//! - [`analyze`]: the whole pipeline on up to 8 documents, formats chosen from the bytes;
//!   checks every layer of every [`Doc`] and the [`Report`] (spans on char boundaries,
//!   `text` equal to the slice, ids that resolve, order independence).
//! - [`dates`]: ingest, segment and the date resolver on one text, anchored on a date
//!   chosen from the bytes (including the ends of the calendar).
//! - [`html`]: the HTML reducer (ingest with [`Format::Html`]) and segmentation.
//!
//! This file is shared: the fuzz targets link it as the `crosscheck_fuzz` crate, and
//! `tests/regressions.rs` and `tests/bad_input.rs` include it with `#[path]`, so saved
//! crash inputs replay through exactly the code that found them. It only uses
//! `crosscheck`, `jiff` and `serde_json`.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use crosscheck::analysis::report::{EvidenceRecord, MentionRecord};
use crosscheck::analysis::time::DateValue;
use crosscheck::analysis::{ingest, segment, time};
use crosscheck::{run, Analysis, Doc, Format, Input, Options, Report, Span};
use jiff::civil::Date;

/// At most this many documents per fuzz input.
const MAX_DOCS: usize = 8;

/// The whole analysis. Byte 0 picks each document's format (2 bits each), byte 1 holds
/// flags (reference date, outlet, order check), byte 2 the reference date; the rest is
/// split on NUL bytes into documents, decoded as lossy UTF-8 as the CLI does.
pub fn analyze(data: &[u8]) {
    let (formats, flags, date_byte, body) = match data {
        [a, b, c, rest @ ..] => (*a, *b, *c, rest),
        _ => (0, 0, 0, data),
    };
    let inputs: Vec<Input> = body
        .splitn(MAX_DOCS, |&b| b == 0)
        .enumerate()
        .map(|(i, bytes)| {
            let format = match (formats >> ((i % 4) * 2)) & 3 {
                1 => Format::Markdown,
                2 => Format::Html,
                _ => Format::Text,
            };
            let mut input = Input::new(format!("d{i}"), String::from_utf8_lossy(bytes), format);
            if flags & 2 != 0 && i == 0 {
                input.outlet = Some("Outlet".into());
            }
            input
        })
        .collect();
    let options = Options { reference: (flags & 1 != 0).then(|| date_from_byte(date_byte)) };
    let analysis = run(&inputs, &options);
    let report = Report::from_analysis(&analysis);
    check_analysis(&analysis);
    check_report(&analysis, &report);
    if flags & 4 != 0 {
        let reversed: Vec<Input> = inputs.iter().rev().cloned().collect();
        let again = Report::from_analysis(&run(&reversed, &options));
        assert!(again == report, "the report depends on the order of the inputs");
    }
}

/// The date resolver. Byte 0 picks the reference date, byte 1 whether the publication date
/// is overridden with it; the rest is one plain-text document.
pub fn dates(data: &[u8]) {
    let (mode, publish, body) = match data {
        [a, b, rest @ ..] => (*a, *b, rest),
        _ => (0, 0, data),
    };
    let reference = (mode != 0).then(|| date_from_byte(mode));
    let input = Input::new("d", String::from_utf8_lossy(body), Format::Text);
    let mut doc = ingest::ingest(&input);
    if publish & 1 != 0 {
        if let Some(date) = reference {
            doc.meta.published = Some(crosscheck::analysis::text::Found { value: date, span: None });
        }
    }
    segment::segment(&mut doc);
    time::extract(&mut doc, reference);
    check_doc(&doc);
}

/// The HTML reducer and segmentation on one document (the bytes as lossy UTF-8).
pub fn html(data: &[u8]) {
    let input = Input::new("d", String::from_utf8_lossy(data), Format::Html);
    let mut doc = ingest::ingest(&input);
    check_doc(&doc);
    segment::segment(&mut doc);
    check_doc(&doc);
}

/// A reference date: common ones, the ends of jiff's calendar, and days around 2025.
pub fn date_from_byte(b: u8) -> Date {
    match b {
        0 => Date::MIN,
        1 => Date::MAX,
        2 => Date::constant(2024, 2, 29),
        3 => Date::constant(1, 1, 1),
        4 => Date::constant(1970, 1, 1),
        _ => Date::constant(2025, 1, 1)
            .checked_add(jiff::Span::new().days(i64::from(b) * 3))
            .unwrap_or(Date::MAX),
    }
}

/// A span of `text` that is in bounds and on char boundaries.
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {}..{} out of bounds (text is {} bytes)",
        span.start,
        span.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {}..{} is not on char boundaries",
        span.start,
        span.end
    );
}

/// Spans sorted by start and not overlapping.
fn assert_disjoint(spans: impl Iterator<Item = Span>, what: &str) {
    let mut last: Option<Span> = None;
    for s in spans {
        if let Some(prev) = last {
            assert!(prev.end <= s.start, "{what}: {prev:?} and {s:?} are out of order or overlap");
        }
        last = Some(s);
    }
}

/// Spans sorted by start.
fn assert_sorted(spans: impl Iterator<Item = Span>, what: &str) {
    let mut last = 0;
    for s in spans {
        assert!(last <= s.start, "{what}: span {s:?} starts before its predecessor");
        last = s.start;
    }
}

/// Every layer of a document: spans valid, and ordered as `text.rs` promises.
pub fn check_doc(doc: &Doc) {
    let text = doc.text.as_str();
    let meta = &doc.meta;
    let found = [
        meta.title.as_ref().and_then(|f| f.span),
        meta.outlet.as_ref().and_then(|f| f.span),
        meta.byline.as_ref().and_then(|f| f.span),
        meta.published.as_ref().and_then(|f| f.span),
    ];
    for span in found.into_iter().flatten() {
        assert_span(text, span, "meta");
    }
    for e in &doc.excluded {
        assert_span(text, e.span, "excluded");
    }
    assert_disjoint(doc.excluded.iter().map(|e| e.span), "excluded");
    for &p in &doc.paragraphs {
        assert_span(text, p, "paragraph");
    }
    assert_disjoint(doc.paragraphs.iter().copied(), "paragraphs");
    for s in &doc.sentences {
        assert_span(text, s.span, "sentence");
        let paragraph = doc.paragraphs.get(s.paragraph).copied();
        assert!(
            paragraph.is_some_and(|p| p.contains(s.span)),
            "sentence {:?} is not inside its paragraph {paragraph:?}",
            s.span
        );
    }
    assert_disjoint(doc.sentences.iter().map(|s| s.span), "sentences");
    for &t in &doc.tokens {
        assert_span(text, t, "token");
    }
    assert_disjoint(doc.tokens.iter().copied(), "tokens");
    for m in &doc.mentions {
        assert_span(text, m.span, "mention");
    }
    assert_disjoint(doc.mentions.iter().map(|m| m.span), "mentions");
    for d in &doc.dates {
        assert_span(text, d.span, "date");
        if let Some(DateValue::Range(a, b)) = d.value {
            assert!(a <= b, "date {:?}: range {a}/{b} is reversed", &text[d.span.range()]);
        }
    }
    assert_sorted(doc.dates.iter().map(|d| d.span), "dates");
    for q in &doc.numbers {
        assert_span(text, q.span, "number");
        assert!(q.value.is_finite(), "number {:?} has value {}", &text[q.span.range()], q.value);
    }
    assert_sorted(doc.numbers.iter().map(|q| q.span), "numbers");
    for c in &doc.claims {
        assert_span(text, c.span, "claim");
        assert!(c.score.is_finite(), "claim score {}", c.score);
        for &q in &c.quotes {
            assert_span(text, q, "quote");
        }
    }
    assert_sorted(doc.claims.iter().map(|c| c.span), "claims");
    for d in &doc.diagnostics {
        if let Some(span) = d.span {
            assert_span(text, span, "diagnostic");
        }
    }
}

/// Every document, and the cross-document layers' references.
pub fn check_analysis(a: &Analysis) {
    for doc in &a.docs {
        check_doc(doc);
        for m in &doc.mentions {
            if let Some(id) = m.entity {
                assert!(id.0 < a.entities.len(), "mention points at missing entity {id:?}");
            }
        }
        for c in &doc.claims {
            if let Some(id) = c.speaker {
                assert!(id.0 < a.entities.len(), "claim speaker is missing entity {id:?}");
            }
        }
    }
    for k in &a.clusters {
        for r in &k.claims {
            assert!(
                a.docs.get(r.doc).is_some_and(|d| r.claim < d.claims.len()),
                "cluster points at missing claim {r:?}"
            );
        }
    }
    for x in &a.disagreements {
        for side in &x.sides {
            for e in &side.evidence {
                let doc = a.docs.get(e.doc).unwrap_or_else(|| panic!("evidence in missing doc {}", e.doc));
                assert_span(&doc.text, e.span, "evidence");
            }
        }
    }
}

/// The report's contract: offsets valid, `text` equal to the slice of the document, every
/// id unique and every reference resolving; and it serializes to JSON.
pub fn check_report(a: &Analysis, report: &Report) {
    assert_eq!(report.version, 1);
    let texts: HashMap<&str, &str> = a.docs.iter().map(|d| (d.id.as_str(), d.text.as_str())).collect();
    assert_eq!(texts.len(), a.docs.len(), "document ids are not unique");
    assert_eq!(report.documents.len(), a.docs.len());
    for d in &report.documents {
        assert_eq!(texts.get(d.id.as_str()).map(|t| t.len()), Some(d.length), "document {} length", d.id);
    }
    let slice = |doc: &str, start: usize, end: usize, text: &str, what: &str| {
        let full = texts.get(doc).unwrap_or_else(|| panic!("{what} in unknown document {doc:?}"));
        assert_span(full, Span { start, end }, what);
        assert_eq!(&full[start..end], text, "{what}: text is not the slice {start}..{end}");
    };
    let mention = |m: &MentionRecord| slice(&m.doc, m.start, m.end, &m.text, "entity mention");
    let evidence = |e: &EvidenceRecord| slice(&e.doc, e.start, e.end, &e.text, "evidence");

    let entity_ids = unique(report.entities.iter().map(|e| e.id.as_str()), "entity");
    for e in &report.entities {
        e.mentions.iter().for_each(mention);
    }
    let claim_ids = unique(report.claims.iter().map(|c| c.id.as_str()), "claim");
    for c in &report.claims {
        slice(&c.doc, c.start, c.end, &c.text, "claim");
        for q in &c.quotes {
            assert!(
                c.start <= q.start && q.end <= c.end,
                "claim {}: quote {q:?} lies outside the claim",
                c.id
            );
        }
        if let Some(s) = &c.speaker {
            assert!(entity_ids.contains(s.as_str()), "claim {} speaker {s} is no entity", c.id);
        }
        assert!(c.score.is_finite(), "claim {} score {}", c.id, c.score);
    }
    unique(report.clusters.iter().map(|k| k.id.as_str()), "cluster");
    for k in &report.clusters {
        for c in &k.claims {
            assert!(claim_ids.contains(c.as_str()), "cluster {} names missing claim {c}", k.id);
        }
        for d in &k.docs {
            assert!(texts.contains_key(d.as_str()), "cluster {} names missing document {d}", k.id);
        }
    }
    unique(report.disagreements.iter().map(|x| x.id.as_str()), "disagreement");
    for x in &report.disagreements {
        for side in &x.sides {
            side.evidence.iter().for_each(evidence);
            for d in &side.docs {
                assert!(texts.contains_key(d.as_str()), "disagreement {} names missing document {d}", x.id);
            }
        }
    }
    for d in &report.diagnostics {
        match (d.start, d.end) {
            (Some(start), Some(end)) => {
                let full = texts.get(d.doc.as_str()).unwrap_or_else(|| panic!("diagnostic in unknown doc"));
                assert_span(full, Span { start, end }, "diagnostic");
            }
            (None, None) => assert!(texts.contains_key(d.doc.as_str()), "diagnostic in unknown doc"),
            _ => panic!("diagnostic with only one of start/end"),
        }
    }
    serde_json::to_string(report).expect("the report serializes to JSON");
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>, what: &str) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for id in ids {
        assert!(seen.insert(id), "{what} id {id} is not unique");
    }
    seen
}
