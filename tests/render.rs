//! The renderings of a report (`src/render.rs`), on the small hand-built report of
//! `tests/cases/render.json`: the Markdown briefing puts the disagreements first by
//! severity with their sides side by side, names outlets and quotes the evidence; the CSV
//! is an RFC 4180 claim-by-outlet matrix.

use crosscheck::{render, Report};

fn report() -> Report {
    serde_json::from_str(include_str!("cases/render.json")).expect("a valid report")
}

/// Splits RFC 4180 text into records of fields (quoted fields may hold commas, quotes
/// and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(field.is_empty() && record.is_empty(), "the last record must end with CRLF");
    records
}

#[test]
fn markdown_briefing_reads_in_order() {
    let md = render::markdown(&report());
    let position = |needle: &str| md.find(needle).unwrap_or_else(|| panic!("missing {needle:?} in:\n{md}"));
    assert!(md.starts_with("# Crosscheck briefing"));
    // Sections in order: documents, disagreements, coverage, entities.
    assert!(position("## Documents") < position("## Disagreements"));
    assert!(position("## Disagreements") < position("## Coverage"));
    assert!(position("## Coverage") < position("## Entities"));
    // The documents table names the outlet and escapes pipes in cells.
    assert!(md.contains("| alpha | Alpha News | 2025-05-11 | Talks \\| proposed |"), "{md}");
    // High severity comes before low, whatever the report order.
    assert!(position("When Putin will speak with Erdogan") < position("Wording of the talks quote"));
    assert!(md.contains("high severity, date"));
    assert!(md.contains("low severity, quote wording"));
    // Sides next to each other: one table row with both values, normalized values shown.
    assert!(md.contains("| Sunday (2025-05-11) | tomorrow, May 12 (2025-05-12) |"), "{md}");
    // Outlets named (id when there is no outlet) and the evidence quoted.
    assert!(md.contains("| Alpha News (alpha) | beta |"), "{md}");
    // A value inside its sentence is shown in bold inside the quoted sentence.
    assert!(md.contains("“Putin will speak with Erdogan **on Sunday**, \"soon\".”"), "{md}");
    // A side with several documents labels each quote with its outlet.
    assert!(md.contains("Alpha News (alpha): “serious talks”<br>beta: “serious talks”"), "{md}");
    // Markdown-active characters of the texts are escaped.
    assert!(!md.contains("<script"), "{md}");
    // Coverage: one row per cluster, a mark per reporting document.
    assert!(md.contains("| k1 | Putin to speak with Erdogan | ✓ | ✓ |"), "{md}");
    assert!(md.contains("| k2 | Only beta, with a comma |  | ✓ |"), "{md}");
    assert!(md.contains("| | **clusters reported** | 1 | 2 |"), "{md}");
    assert!(position("| k1 |") < position("| k2 |"), "the cluster most outlets report comes first");
    // Entities by type, with aliases and the documents mentioning them.
    assert!(position("### PERSON") < position("### GPE"), "people first");
    assert!(md.contains("- **Recep Tayyip Erdoğan** (also: Erdogan): 2 mention(s) in alpha, beta"), "{md}");
}

#[test]
fn markdown_of_an_empty_report_says_so() {
    let md = render::markdown(&Report::default());
    assert!(md.contains("No documents."));
    assert!(md.contains("No disagreements found."));
    assert!(md.contains("No claim clusters."));
}

#[test]
fn csv_is_the_claim_by_outlet_matrix() {
    let csv = render::csv(&report());
    let rows = parse_csv(&csv);
    assert_eq!(rows[0], ["cluster", "summary", "alpha", "beta"]);
    assert_eq!(rows.len(), 3, "a header and one row per cluster");
    let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap_or_else(|| panic!("no row {id}"));
    assert_eq!(
        *row("k1"),
        [
            "k1",
            "Putin to speak with Erdogan",
            "Putin will speak with Erdogan on Sunday, \"soon\".",
            "Putin will call Erdoğan tomorrow, May 12."
        ]
    );
    assert_eq!(*row("k2"), ["k2", "Only beta, with a comma", "", "Line one\nline two"]);
    assert_eq!(rows[1][0], "k2", "rows keep the report's order");
    // Quotes doubled inside a quoted field; line breaks inside one are quoted.
    assert!(csv.contains("\"Putin will speak with Erdogan on Sunday, \"\"soon\"\".\""));
    assert!(csv.contains("\"Line one\nline two\""));
}

#[test]
fn csv_of_an_empty_report_is_a_header() {
    assert_eq!(render::csv(&Report::default()), "cluster,summary\r\n");
}
