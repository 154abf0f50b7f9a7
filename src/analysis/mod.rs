//! The analysis core: documents in, [`Report`] out. Pure Rust: no I/O, no clock, no
//! web crate, no mutable global state (compiled patterns and word lists are immutable
//! statics built on first use).
//!
//! The pipeline, in the order [`analyze`] runs it. Each stage reads the layers of
//! earlier stages and adds its own to [`Doc`]; none rewrites the text.
//!
//! | stage | module | reads | writes |
//! |---|---|---|---|
//! | ingest | [`ingest`] | input bytes | `text`, `excluded`, `meta` |
//! | segment | [`segment`] | `text` | `paragraphs`, `sentences`, `tokens` |
//! | entities | [`entities::extract`] | sentences, tokens, excluded | `mentions` |
//! | time | [`time::extract_all`] | text, `meta.published`, excluded, all docs' anchors | `dates` |
//! | numbers | [`numbers`] | text, `dates` (left out), excluded | `numbers` |
//! | resolve | [`entities::resolve`] | all docs' `mentions` | `Entity` list, `Mention::entity` |
//! | claims | [`claims`] | sentences, mentions, dates, numbers, excluded | `claims` |
//! | align | [`align::ClaimKeys`], [`align`] | all docs' claims | claim keys, `Cluster` list |
//! | conflicts | [`conflicts`] | clusters, claim keys, claims, quotes, dates, numbers, mentions | `Disagreement` list |
//! | report | [`report`] | everything | the serializable [`Report`] |

pub mod align;
pub mod claims;
pub mod conflicts;
pub mod entities;
pub mod ingest;
pub mod numbers;
pub mod report;
pub mod segment;
pub mod text;
pub mod time;
pub mod words;

pub use report::Report;
pub use text::{Doc, Format, Input, Span};

use align::Cluster;
use conflicts::Disagreement;
use entities::Entity;

/// Settings of one analysis run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The date relative expressions fall back to when an article states no date and
    /// none can be inferred from its text. The core never reads the clock: shells pass
    /// today's date here if they want that behaviour.
    pub reference: Option<jiff::civil::Date>,
}

/// Everything the pipeline produced, with the documents and their layers. The report is
/// a flattened, serializable view of this; the UI keeps the `Analysis` when it needs
/// the texts.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Sorted by id (then by text), so the same inputs in any order give the same result.
    pub docs: Vec<Doc>,
    pub entities: Vec<Entity>,
    pub clusters: Vec<Cluster>,
    pub disagreements: Vec<Disagreement>,
}

/// Runs the whole pipeline on `inputs`.
pub fn run(inputs: &[Input], options: &Options) -> Analysis {
    run_observed(inputs, options, &mut |_| {})
}

/// [`run`], calling `stage_done` with each stage's name as it ends (benches time the
/// stages with it; the core itself reads no clock).
pub fn run_observed(
    inputs: &[Input],
    options: &Options,
    stage_done: &mut dyn FnMut(&'static str),
) -> Analysis {
    let mut docs: Vec<Doc> = inputs.iter().map(ingest::ingest).collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.text.cmp(&b.text)));
    make_ids_unique(&mut docs);
    stage_done("ingest");
    for doc in &mut docs {
        segment::segment(doc);
        entities::extract(doc);
    }
    stage_done("segment+entities");
    // Dates are resolved across documents: an undated article borrows the others' anchors.
    time::extract_all(&mut docs, options.reference);
    stage_done("time");
    for doc in &mut docs {
        numbers::extract(doc);
    }
    stage_done("numbers");
    let entities = entities::resolve(&mut docs);
    stage_done("resolve");
    for doc in &mut docs {
        claims::extract(doc, &entities);
    }
    stage_done("claims");
    let keys = align::ClaimKeys::build(&docs);
    let clusters = align::align(&docs, &keys);
    stage_done("align");
    let disagreements = conflicts::find(&docs, &entities, &clusters, &keys);
    stage_done("conflicts");
    Analysis { docs, entities, clusters, disagreements }
}

/// Gives repeated ids a suffix (`a`, `a-2`, `a-3`), so every finding names one document.
/// Each id remembers the next suffix to try, so many copies of one id stay linear.
fn make_ids_unique(docs: &mut [Doc]) {
    let mut seen: std::collections::HashSet<String> = docs.iter().map(|d| d.id.clone()).collect();
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut first = std::collections::HashSet::new();
    for doc in docs.iter_mut() {
        if first.insert(doc.id.clone()) {
            continue;
        }
        let base = doc.id.clone();
        let n = next.entry(base.clone()).or_insert(1);
        loop {
            *n += 1;
            let id = format!("{base}-{n}");
            if seen.insert(id.clone()) {
                doc.id = id;
                break;
            }
        }
    }
}

/// Runs the pipeline and returns the report (the contract of `design.md`).
pub fn analyze(inputs: &[Input], options: &Options) -> Report {
    Report::from_analysis(&run(inputs, options))
}
