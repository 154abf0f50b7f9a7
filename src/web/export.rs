//! The report as downloadable files: JSON (the report itself), CSV (the claim-by-outlet
//! matrix) and a Markdown briefing.
//!
//! CSV and Markdown come from `crate::render` once it exists; until then the small
//! fallbacks below stand in, behind the same two functions.

use crate::analysis::Report;

use super::view_model::{coverage, kind_name};

pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

pub fn csv(report: &Report) -> String {
    fallback_csv(report)
}

pub fn markdown(report: &Report) -> String {
    fallback_markdown(report)
}

fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn fallback_csv(report: &Report) -> String {
    let mut header = vec!["cluster".to_string(), "summary".to_string()];
    header.extend(report.documents.iter().map(|d| d.id.clone()));
    let mut out = header.iter().map(|h| csv_field(h)).collect::<Vec<_>>().join(",") + "\n";
    for row in coverage(report) {
        let mut fields = vec![row.cluster, row.summary];
        fields.extend(row.cells.iter().map(|c| c.label().to_string()));
        out += &(fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",") + "\n");
    }
    out
}

fn fallback_markdown(report: &Report) -> String {
    let mut out = String::from("# Crosscheck briefing\n\n## Documents\n\n");
    for d in &report.documents {
        out += &format!(
            "- `{}`{}{}\n",
            d.id,
            d.outlet.as_ref().map(|o| format!(" ({o})")).unwrap_or_default(),
            d.title.as_ref().map(|t| format!(": {t}")).unwrap_or_default()
        );
    }
    out += "\n## Disagreements\n\n";
    if report.disagreements.is_empty() {
        out += "None found.\n";
    }
    for x in &report.disagreements {
        out += &format!(
            "### {} ({}, {})\n\n{}\n\n",
            x.topic,
            kind_name(&x.kind),
            kind_name(&x.severity),
            x.explanation
        );
        for side in &x.sides {
            out += &format!("- **{}**: {}\n", side.value, side.docs.join(", "));
            for e in &side.evidence {
                out += &format!("  - `{}`: \"{}\"\n", e.doc, e.text.replace('\n', " "));
            }
        }
        out += "\n";
    }
    out
}
