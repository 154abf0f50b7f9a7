//! Renderings of a [`Report`] for people: a Markdown briefing and a CSV claim-by-outlet
//! matrix. Pure functions (no I/O), shared by the CLI and the web export.
//!
//! - [`markdown`] reads like a briefing for a journalist: the documents, then the
//!   disagreements (most severe first, the sides next to each other with their outlets and
//!   quoted evidence), then which outlet reports which claim cluster (the most widely
//!   reported first), then the entities by type.
//! - [`csv`] is the claim-by-outlet matrix: one row per cluster (id, summary, then one
//!   column per document with that document's claim text, empty when it does not report
//!   it). RFC 4180: CRLF line ends, fields with a comma, quote or line break are quoted and
//!   their quotes doubled. Cell text is not altered: spreadsheet users who open untrusted
//!   files should mind formula injection themselves.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use crate::analysis::conflicts::Severity;
use crate::analysis::report::{
    ClusterRecord, DisagreementRecord, DocumentRecord, EntityRecord, EvidenceRecord,
};
use crate::Report;

/// The order of the entity sections of the briefing.
const ENTITY_TYPE_ORDER: &[&str] = &["PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "DATE", "NUMBER"];

/// How a document is named in the briefing: its outlet when known, else its id.
fn doc_label(doc: &DocumentRecord) -> String {
    match &doc.outlet {
        Some(outlet) if !outlet.trim().is_empty() => format!("{} ({})", outlet.trim(), doc.id),
        _ => doc.id.clone(),
    }
}

/// Text made safe for one Markdown table cell: one line; pipes, emphasis and code marks
/// escaped, `<` written as an entity so article text never becomes HTML.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '\\' | '|' | '*' | '_' | '`' => {
                    out.push('\\');
                    out.push(c);
                }
                '<' => out.push_str("&lt;"),
                _ => out.push(c),
            }
        }
    }
    out
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::High => 0,
        Severity::Medium => 1,
        Severity::Low => 2,
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}

/// An enum value's name as lowercase words (`QuoteWording` -> "quote wording").
fn kind_words<T: std::fmt::Debug>(kind: &T) -> String {
    let mut out = String::new();
    for c in format!("{kind:?}").chars() {
        if c.is_uppercase() && !out.is_empty() {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The report as a Markdown briefing.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let labels: HashMap<&str, String> =
        report.documents.iter().map(|d| (d.id.as_str(), doc_label(d))).collect();
    let label = |id: &str| labels.get(id).cloned().unwrap_or_else(|| id.to_string());

    let _ = writeln!(out, "# Crosscheck briefing\n");
    let _ = writeln!(
        out,
        "{} documents, {} entities, {} claims in {} clusters, {} disagreements.\n",
        report.documents.len(),
        report.entities.len(),
        report.claims.len(),
        report.clusters.len(),
        report.disagreements.len()
    );

    let _ = writeln!(out, "## Documents\n");
    if report.documents.is_empty() {
        let _ = writeln!(out, "No documents.\n");
    } else {
        let _ = writeln!(out, "| id | outlet | published | title |\n|---|---|---|---|");
        for d in &report.documents {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&d.id),
                cell(d.outlet.as_deref().unwrap_or("")),
                cell(d.published.as_deref().unwrap_or("")),
                cell(d.title.as_deref().unwrap_or(""))
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## Disagreements\n");
    if report.disagreements.is_empty() {
        let _ = writeln!(out, "No disagreements found.\n");
    }
    let mut disagreements: Vec<&DisagreementRecord> = report.disagreements.iter().collect();
    disagreements.sort_by_key(|x| severity_rank(x.severity));
    for (n, x) in disagreements.iter().enumerate() {
        write_disagreement(&mut out, n + 1, x, &label);
    }

    let _ = writeln!(out, "## Coverage\n");
    if report.clusters.is_empty() {
        let _ = writeln!(out, "No claim clusters.\n");
    } else {
        let _ = write!(out, "| cluster | claim |");
        for d in &report.documents {
            let _ = write!(out, " {} |", cell(&label(&d.id)));
        }
        let _ = write!(out, "\n|---|---|");
        for _ in &report.documents {
            out.push_str(":---:|");
        }
        out.push('\n');
        // Facts most outlets report first.
        let mut clusters: Vec<&ClusterRecord> = report.clusters.iter().collect();
        clusters.sort_by_key(|k| std::cmp::Reverse(k.docs.len()));
        for k in clusters {
            let _ = write!(out, "| {} | {} |", cell(&k.id), cell(&k.summary));
            for d in &report.documents {
                let mark = if k.docs.contains(&d.id) { "✓" } else { "" };
                let _ = write!(out, " {mark} |");
            }
            out.push('\n');
        }
        let _ = write!(out, "| | **clusters reported** |");
        for d in &report.documents {
            let count = report.clusters.iter().filter(|k| k.docs.contains(&d.id)).count();
            let _ = write!(out, " {count} |");
        }
        out.push_str("\n\n");
    }

    let _ = writeln!(out, "## Entities\n");
    if report.entities.is_empty() {
        let _ = writeln!(out, "No entities.\n");
    }
    // People first, then organisations, places, groups, events, dates and numbers.
    let mut by_type: BTreeMap<usize, (&str, Vec<&EntityRecord>)> = BTreeMap::new();
    for e in &report.entities {
        let name = e.label.as_str();
        let rank = ENTITY_TYPE_ORDER.iter().position(|t| *t == name).unwrap_or(ENTITY_TYPE_ORDER.len());
        by_type.entry(rank).or_insert((name, Vec::new())).1.push(e);
    }
    for (label_name, mut entities) in by_type.into_values() {
        entities.sort_by(|a, b| b.mentions.len().cmp(&a.mentions.len()).then_with(|| a.name.cmp(&b.name)));
        let _ = writeln!(out, "### {label_name}\n");
        for e in entities {
            let mut docs: Vec<&str> = e.mentions.iter().map(|m| m.doc.as_str()).collect();
            docs.sort_unstable();
            docs.dedup();
            let others: Vec<String> = e.aliases.iter().filter(|a| **a != e.name).map(|a| cell(a)).collect();
            let _ = write!(out, "- **{}**", cell(&e.name));
            if !others.is_empty() {
                let _ = write!(out, " (also: {})", others.join(", "));
            }
            let _ = writeln!(out, ": {} mention(s) in {}", e.mentions.len(), docs.join(", "));
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn write_disagreement(out: &mut String, n: usize, x: &DisagreementRecord, label: &dyn Fn(&str) -> String) {
    let _ = writeln!(
        out,
        "### {n}. {} ({} severity, {})\n",
        cell(&x.topic),
        severity_name(x.severity),
        kind_words(&x.kind)
    );
    if !x.explanation.trim().is_empty() {
        let _ = writeln!(out, "{}\n", cell(&x.explanation));
    }
    if x.sides.is_empty() {
        return;
    }
    // The sides next to each other: one column per side.
    out.push('|');
    for side in &x.sides {
        let value = match &side.normalized {
            Some(norm) if *norm != side.value => format!("{} ({norm})", side.value),
            _ => side.value.clone(),
        };
        let _ = write!(out, " {} |", cell(&value));
    }
    out.push_str("\n|");
    for _ in &x.sides {
        out.push_str("---|");
    }
    out.push_str("\n|");
    for side in &x.sides {
        let outlets: Vec<String> = side.docs.iter().map(|d| label(d)).collect();
        let _ = write!(out, " {} |", cell(&outlets.join(", ")));
    }
    out.push_str("\n|");
    for side in &x.sides {
        let quotes = evidence_quotes(&side.evidence);
        let single_doc = side.evidence.windows(2).all(|w| w[0].doc == w[1].doc);
        let quotes: Vec<String> = quotes
            .into_iter()
            .map(|(doc, quote)| if single_doc { quote } else { format!("{}: {quote}", label(doc)) })
            .collect();
        let _ = write!(out, " {} |", quotes.join("<br>"));
    }
    out.push_str("\n\n");
}

/// The evidence of one side as quotes, one per passage: a span lying inside another
/// span of the same document (a value inside its sentence) is shown in bold inside it
/// rather than quoted twice.
fn evidence_quotes(evidence: &[EvidenceRecord]) -> Vec<(&str, String)> {
    let mut quotes = Vec::new();
    for (i, e) in evidence.iter().enumerate() {
        let inside_another = evidence.iter().enumerate().any(|(j, o)| {
            j != i
                && o.doc == e.doc
                && o.start <= e.start
                && e.end <= o.end
                && (o.end - o.start > e.end - e.start || j < i)
        });
        if inside_another {
            continue;
        }
        let mut marks: Vec<(usize, usize)> = evidence
            .iter()
            .filter(|o| {
                o.doc == e.doc && e.start <= o.start && o.end <= e.end && (o.start, o.end) != (e.start, e.end)
            })
            .map(|o| (o.start - e.start, o.end - e.start))
            .collect();
        marks.sort_unstable();
        let mut text = String::new();
        let mut at = 0;
        for (start, end) in marks {
            let (Some(before), Some(marked)) = (e.text.get(at..start), e.text.get(start..end)) else {
                continue;
            };
            if start < at {
                continue;
            }
            text.push_str(&cell(before));
            text.push_str(if before.ends_with(' ') { " **" } else { "**" });
            text.push_str(&cell(marked));
            text.push_str("**");
            at = end;
        }
        let rest = e.text.get(at..).unwrap_or("");
        if at > 0 && rest.starts_with(' ') {
            text.push(' ');
        }
        text.push_str(&cell(rest));
        quotes.push((e.doc.as_str(), format!("“{text}”")));
    }
    quotes
}

/// One RFC 4180 field.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The claim-by-outlet matrix as CSV (header row, then one row per cluster).
pub fn csv(report: &Report) -> String {
    let mut out = String::new();
    let mut header = vec![String::from("cluster"), String::from("summary")];
    header.extend(report.documents.iter().map(|d| d.id.clone()));
    push_row(&mut out, &header);
    let claims: HashMap<&str, (&str, &str)> =
        report.claims.iter().map(|c| (c.id.as_str(), (c.doc.as_str(), c.text.as_str()))).collect();
    for k in &report.clusters {
        let mut row = vec![k.id.clone(), k.summary.clone()];
        for d in &report.documents {
            let texts: Vec<&str> = k
                .claims
                .iter()
                .filter_map(|id| claims.get(id.as_str()))
                .filter(|(doc, _)| *doc == d.id)
                .map(|(_, text)| *text)
                .collect();
            row.push(texts.join("\n"));
        }
        push_row(&mut out, &row);
    }
    out
}

fn push_row(out: &mut String, fields: &[String]) {
    let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}
