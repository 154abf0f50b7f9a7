//! Look-ups over a report that the views share: the display name of each document,
//! the coverage matrix (claim cluster by outlet), the timeline of resolved dates, the
//! mention counts per entity and outlet, readable names for kinds and labels; and the
//! windows that keep long lists light (the first rows, grown by "Show more"; outlet
//! columns a page at a time; the reader's article choices, filtered by what the user
//! types). Pure functions: the views memoise them per report.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::entities::Label;
use crate::analysis::report::{Report, Value};

use super::diff::{runs, word_diff, Run};
use super::state::Workspace;

/// The snake_case name a serde enum serialises to, with spaces ("quote_wording" ->
/// "quote wording"); robust to variants added later.
pub fn kind_name<T: Serialize>(kind: &T) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(|s| s.replace('_', " "))).unwrap_or_default()
}

/// The CSS class slug of a serde enum ("quote_wording" -> "quote-wording", "PERSON" -> "person").
pub fn kind_slug<T: Serialize>(kind: &T) -> String {
    kind_name(kind).to_lowercase().replace(' ', "-")
}

pub fn label_title(label: Label) -> &'static str {
    match label {
        Label::Person => "person",
        Label::Org => "organisation",
        Label::Gpe => "country, city or state",
        Label::Loc => "place",
        Label::Norp => "nationality or group",
        Label::Event => "event",
        Label::Date => "date",
        Label::Number => "number",
    }
}

/// The name shown for each document: the outlet the user gave, else the outlet the
/// analysis found, else the document id.
pub fn doc_name(report: &Report, workspace: &Workspace, doc: &str) -> String {
    if let Some(outlet) = workspace.get(doc).and_then(|s| s.outlet.clone()) {
        return outlet;
    }
    report
        .documents
        .iter()
        .find(|d| d.id == doc)
        .and_then(|d| d.outlet.clone())
        .filter(|o| !o.trim().is_empty())
        .unwrap_or_else(|| doc.to_string())
}

/// One cell of the coverage matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    NotReported,
    /// The document's claims in the cluster (indices into `report.claims`).
    Reported(Vec<usize>),
    /// Reported, and evidence of a disagreement lies in one of these claims.
    Differs(Vec<usize>, Vec<String>),
}

impl Cell {
    pub fn label(&self) -> &'static str {
        match self {
            Cell::NotReported => "not reported",
            Cell::Reported(_) => "reported",
            Cell::Differs(..) => "differs",
        }
    }
}

/// A row of the coverage matrix: a cluster and one cell per document (report order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverageRow {
    pub cluster: String,
    pub summary: String,
    pub cells: Vec<Cell>,
}

/// The claim-by-outlet matrix: one row per cluster, one column per document; the
/// clusters most outlets report first (then in report order).
pub fn coverage(report: &Report) -> Vec<CoverageRow> {
    let mut rows = coverage_rows(report);
    rows.sort_by_key(|row| std::cmp::Reverse(row.cells.iter().filter(|c| **c != Cell::NotReported).count()));
    rows
}

fn coverage_rows(report: &Report) -> Vec<CoverageRow> {
    let claim_index: BTreeMap<&str, usize> =
        report.claims.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    let differs = differing_by_claim(report);
    report
        .clusters
        .iter()
        .map(|cluster| {
            let claims: Vec<usize> =
                cluster.claims.iter().filter_map(|id| claim_index.get(id.as_str()).copied()).collect();
            let cells = report
                .documents
                .iter()
                .map(|doc| {
                    let mine: Vec<usize> =
                        claims.iter().copied().filter(|&i| report.claims[i].doc == doc.id).collect();
                    if mine.is_empty() {
                        return Cell::NotReported;
                    }
                    let mut differing: Vec<usize> =
                        mine.iter().flat_map(|&i| differs[i].iter().copied()).collect();
                    differing.sort_unstable();
                    differing.dedup();
                    if differing.is_empty() {
                        Cell::Reported(mine)
                    } else {
                        Cell::Differs(
                            mine,
                            differing.into_iter().map(|x| report.disagreements[x].id.clone()).collect(),
                        )
                    }
                })
                .collect();
            CoverageRow { cluster: cluster.id.clone(), summary: cluster.summary.clone(), cells }
        })
        .collect()
}

/// Per claim (index into `report.claims`): the disagreements (indices, ascending) with
/// evidence overlapping it. Each piece of evidence is looked up among its document's
/// claims sorted by start, so the cost grows with the evidence, not with evidence times
/// clusters.
fn differing_by_claim(report: &Report) -> Vec<Vec<usize>> {
    // Per document: its claims by start, with the largest end up to each.
    let mut by_doc: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in report.claims.iter().enumerate() {
        by_doc.entry(c.doc.as_str()).or_default().push(i);
    }
    let by_doc: BTreeMap<&str, (Vec<usize>, Vec<usize>)> = by_doc
        .into_iter()
        .map(|(doc, mut claims)| {
            claims.sort_by_key(|&i| report.claims[i].start);
            let ends = claims
                .iter()
                .scan(0, |max, &i| {
                    *max = report.claims[i].end.max(*max);
                    Some(*max)
                })
                .collect();
            (doc, (claims, ends))
        })
        .collect();
    let mut out = vec![Vec::new(); report.claims.len()];
    for (x, disagreement) in report.disagreements.iter().enumerate() {
        for e in disagreement.sides.iter().flat_map(|s| &s.evidence) {
            let Some((claims, ends)) = by_doc.get(e.doc.as_str()) else { continue };
            // Claims starting before the evidence ends, walked back while one may still
            // end after it starts.
            let mut j = claims.partition_point(|&i| report.claims[i].start < e.end);
            while j > 0 && ends[j - 1] > e.start {
                j -= 1;
                let i = claims[j];
                if report.claims[i].end > e.start && out[i].last() != Some(&x) {
                    out[i].push(x);
                }
            }
        }
    }
    out
}

/// A resolved date and where each document mentions it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineRow {
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a range `A/B`.
    pub value: String,
    /// Per document (report order): the mentions `(start, end, text)`.
    pub mentions: Vec<Vec<(usize, usize, String)>>,
}

/// The DATE entities with a resolved value, in date order.
pub fn timeline(report: &Report) -> Vec<TimelineRow> {
    let mut rows: BTreeMap<String, Vec<Vec<(usize, usize, String)>>> = BTreeMap::new();
    for entity in report.entities.iter().filter(|e| e.label == Label::Date) {
        for m in &entity.mentions {
            let Some(Value::Text(value)) = &m.value else { continue };
            let Some(doc) = report.documents.iter().position(|d| d.id == m.doc) else { continue };
            let row = rows.entry(value.clone()).or_insert_with(|| vec![Vec::new(); report.documents.len()]);
            row[doc].push((m.start, m.end, m.text.clone()));
        }
    }
    rows.into_iter().map(|(value, mentions)| TimelineRow { value, mentions }).collect()
}

/// The names shown for the report's documents, in report order.
pub fn doc_names(report: &Report, workspace: &Workspace) -> Vec<String> {
    DocNames::new(report, workspace).names
}

/// The name shown for each of the report's documents, looked up by id in O(log n) (a
/// view naming the outlets of every side of every finding asks thousands of times).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocNames {
    /// In report document order.
    pub names: Vec<String>,
    index: BTreeMap<String, usize>,
}

impl DocNames {
    pub fn new(report: &Report, workspace: &Workspace) -> DocNames {
        let outlets: BTreeMap<&str, &str> =
            workspace.sources.iter().filter_map(|s| Some((s.id.as_str(), s.outlet.as_deref()?))).collect();
        let names = report
            .documents
            .iter()
            .map(|d| match outlets.get(d.id.as_str()) {
                Some(outlet) => outlet.to_string(),
                None => d.outlet.clone().filter(|o| !o.trim().is_empty()).unwrap_or_else(|| d.id.clone()),
            })
            .collect();
        let index = report.documents.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
        DocNames { names, index }
    }

    /// The name of document `id` ([`doc_name`]); the id itself for a document not in the report.
    pub fn name(&self, id: &str) -> String {
        self.index.get(id).map_or_else(|| id.to_string(), |&i| self.names[i].clone())
    }
}

/// Mentions per document of an entity, in report document order.
pub fn mentions_per_doc(report: &Report, entity: usize) -> Vec<usize> {
    let index = doc_index(report);
    report.entities.get(entity).map_or_else(|| vec![0; report.documents.len()], |e| count(&index, e, report))
}

/// Mentions per document of every entity (rows in entity order, columns in report
/// document order), in one pass over the mentions.
pub fn mention_counts(report: &Report) -> Vec<Vec<usize>> {
    let index = doc_index(report);
    report.entities.iter().map(|e| count(&index, e, report)).collect()
}

fn doc_index(report: &Report) -> BTreeMap<&str, usize> {
    report.documents.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect()
}

fn count(
    index: &BTreeMap<&str, usize>,
    entity: &crate::analysis::report::EntityRecord,
    report: &Report,
) -> Vec<usize> {
    let mut counts = vec![0; report.documents.len()];
    for m in &entity.mentions {
        if let Some(&i) = index.get(m.doc.as_str()) {
            counts[i] += 1;
        }
    }
    counts
}

/// Rows of a long list rendered at first, and added by each "Show more".
pub const ROWS_STEP: usize = 50;
/// Outlet columns of a wide table shown at once (the others a page away).
pub const OUTLET_COLUMNS: usize = 20;

/// The visible part of a list of `total` items of which the user asked for `wanted`
/// (at least one step): the first `shown` items, `rest` not yet shown, and how many the
/// next "Show more" adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub shown: usize,
    pub total: usize,
    pub rest: usize,
    pub next: usize,
}

pub fn window(total: usize, wanted: usize, step: usize) -> Window {
    let shown = total.min(wanted.max(step.max(1)));
    let rest = total - shown;
    Window { shown, total, rest, next: rest.min(step.max(1)) }
}

/// Per disagreement, per side: a `quote_wording` side's wording as runs of words changed
/// or not (each side diffed against the first side, the first against the second); no
/// runs for the sides of other kinds, or of a quote with one side.
pub fn quote_diffs(report: &Report) -> Vec<Vec<Vec<Run>>> {
    report
        .disagreements
        .iter()
        .map(|x| {
            if kind_slug(&x.kind) != "quote-wording" || x.sides.len() < 2 {
                return vec![Vec::new(); x.sides.len()];
            }
            (0..x.sides.len())
                .map(|i| {
                    let other = if i == 0 { 1 } else { 0 };
                    runs(&word_diff(&x.sides[i].value, &x.sides[other].value).0)
                })
                .collect()
        })
        .collect()
}

/// The disagreements in the order their cards are shown: high, medium then low severity,
/// each in report order; only those of kind `kind` (a [`kind_slug`]) unless it is empty.
pub fn card_order(report: &Report, kind: &str) -> Vec<usize> {
    use crate::analysis::conflicts::Severity;
    [Severity::High, Severity::Medium, Severity::Low]
        .iter()
        .flat_map(|severity| {
            report.disagreements.iter().enumerate().filter(move |(_, x)| {
                x.severity == *severity && (kind.is_empty() || kind_slug(&x.kind) == kind)
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// How many cards of `order` to ask the window for: what the user asked for, and at least
/// up to the card chosen in another view (by report id), so that it is there to scroll to.
pub fn wanted_with(order: &[usize], report: &Report, chosen: Option<&str>, wanted: usize) -> usize {
    let chosen = chosen
        .and_then(|id| order.iter().position(|&i| report.disagreements.get(i).is_some_and(|x| x.id == id)))
        .map_or(0, |p| p + 1);
    wanted.max(chosen)
}

/// The columns of page `page` of a table with `total` outlet columns, `per_page` at a time
/// (the last page when `page` is past it); and the number of pages.
pub fn column_page(total: usize, page: usize, per_page: usize) -> (std::ops::Range<usize>, usize) {
    let per_page = per_page.max(1);
    let pages = total.div_ceil(per_page).max(1);
    let page = page.min(pages - 1);
    (page * per_page..((page + 1) * per_page).min(total), pages)
}

/// The documents (indices, report order) whose shown name, title or id contains `query`,
/// ignoring case; all of them when the query is blank. The query is only compared, never
/// rendered as markup.
pub fn find_docs(report: &Report, names: &DocNames, query: &str) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    let has = |s: &str| s.to_lowercase().contains(&query);
    report
        .documents
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            query.is_empty()
                || names.names.get(*i).is_some_and(|n| has(n))
                || d.title.as_deref().is_some_and(has)
                || has(&d.id)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The article choices the reader lists: a window over `matches` (as many as the user
/// asked for), with the `selected` document added in its report place when the window or
/// the filter leaves it out, so the article shown always has its (pressed) button.
/// Returns the documents in report order and the window.
pub fn doc_choices(matches: &[usize], selected: Option<usize>, wanted: usize) -> (Vec<usize>, Window) {
    let win = window(matches.len(), wanted, ROWS_STEP);
    let mut shown = matches[..win.shown].to_vec();
    if let Some(s) = selected.filter(|s| !shown.contains(s)) {
        let at = shown.partition_point(|&m| m < s);
        shown.insert(at, s);
    }
    (shown, win)
}
