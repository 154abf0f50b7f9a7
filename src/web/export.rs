//! The report as downloadable files: JSON (the report itself), CSV (the claim-by-outlet
//! matrix) and a Markdown briefing; the last two are `crate::render`'s, shared with the
//! CLI.

use crate::analysis::Report;

pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

pub fn csv(report: &Report) -> String {
    crate::render::csv(report)
}

pub fn markdown(report: &Report) -> String {
    crate::render::markdown(report)
}
