//! Date disagreements: aligned claims (the same fact in different documents) that put it
//! on different days, after resolution ("Sunday" vs "tomorrow, May 12" is a difference;
//! "yesterday" vs "Saturday" resolving to the same day is not).
//!
//! How: within each cluster, every claim with exactly one resolved day gives a side value;
//! claims giving the same day form a side. As for numbers, a difference counts only when
//! one document gives a day another does not and vice versa. One day apart is medium
//! severity (often a time-zone or "late at night" framing), more is high.
//!
//! It does not compare months, years or ranges, nor claims the aligner kept apart.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use super::super::align::ClaimRef;
use super::super::claims::lexicon;
use super::super::text::Span;
use super::super::time::DateValue;
use super::{Ctx, Disagreement, DisagreementKind, Severity, Side};

/// How many words before a date say what it dates ("meet with the mayor on Sunday").
const CONTEXT_WORDS: usize = 3;

/// The content stems of the [`CONTEXT_WORDS`] words before a date, inside its claim. Two
/// dates among the same words ("meet with the mayor on Sunday" and "conversation with
/// Erdoğan tomorrow") date the same thing.
fn context(ctx: &Ctx, doc: usize, date: Span, claim: Span) -> Vec<String> {
    let words = lexicon::words(ctx.text(doc, claim));
    let at = words.iter().position(|w| claim.start + w.end > date.start).unwrap_or(words.len());
    words[at.saturating_sub(CONTEXT_WORDS)..at]
        .iter()
        .filter(|w| lexicon::is_content(&w.folded) && !lexicon::is_month(&w.folded))
        .map(|w| lexicon::canonical(&lexicon::stem(&w.folded)).to_string())
        .collect()
}

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    // Clusters first, then the closest pairs the clustering kept apart.
    let mut covered: HashSet<ClaimRef> = HashSet::new();
    for cluster in ctx.clusters {
        if cluster.doc_count() >= 2 {
            if let Some(d) = group(ctx, &cluster.claims, || cluster.summary.clone()) {
                covered.extend(cluster.claims.iter().copied());
                out.push(d);
            }
        }
    }
    for &(a, b, _) in ctx.best_pairs.iter().filter(|p| p.2 >= PAIR_SIMILARITY) {
        let pair = [a, b];
        if pair.iter().all(|r| covered.contains(r)) {
            continue;
        }
        let summary = || super::head(ctx.text(pair[0].doc, ctx.claim(pair[0]).span), 12);
        if let Some(d) = group(ctx, &pair, summary) {
            covered.extend(pair);
            out.push(d);
        }
    }
}

/// How alike the closest claims outside a cluster must be at least to be compared.
const PAIR_SIMILARITY: f32 = 0.15;
/// The most dated claims of one cluster compared pairwise (near-duplicate articles make
/// huge clusters; the first ones decide).
const MAX_COMPARED: usize = 64;

/// The date disagreement among `claims` (aligned claims), if any; `summary` gives the
/// topic's words (made only for a finding).
fn group(ctx: &Ctx, claims: &[ClaimRef], summary: impl FnOnce() -> String) -> Option<Disagreement> {
    {
        // (day, doc, date mention span, claim span, claim)
        let mut dated: Vec<(Date, usize, Span, Span, ClaimRef)> = Vec::new();
        for &r in claims {
            let doc = &ctx.docs[r.doc];
            let claim = ctx.claim(r);
            let mut days: Vec<(Date, Span)> = claim
                .dates
                .iter()
                .filter_map(|&i| match doc.dates.get(i).and_then(|d| d.value) {
                    Some(DateValue::Day(day)) => Some((day, doc.dates[i].span)),
                    _ => None,
                })
                .collect();
            days.sort();
            days.dedup_by_key(|d| d.0);
            if let [(day, span)] = days[..] {
                dated.push((day, r.doc, span, claim.span, r));
            }
        }
        let mut values: Vec<Date> = dated.iter().map(|d| d.0).collect();
        values.sort();
        values.dedup();
        if values.len() < 2 {
            return None;
        }
        // The documents giving each day, and each dated claim's context words, computed once.
        let mut docs_with: HashMap<Date, Vec<usize>> = HashMap::new();
        for x in &dated {
            docs_with.entry(x.0).or_default().push(x.1);
        }
        for docs in docs_with.values_mut() {
            docs.sort_unstable();
            docs.dedup();
        }
        let contexts: Vec<Vec<String>> = dated.iter().map(|x| context(ctx, x.1, x.2, x.3)).collect();
        // Two documents that each give only one of the two days, in claims that say
        // nearly the same thing and date it among the same words.
        let only_one = |x: &(Date, usize, Span, Span, ClaimRef), y: &(Date, usize, Span, Span, ClaimRef)| {
            x.0 != y.0
                && docs_with[&y.0].binary_search(&x.1).is_err()
                && docs_with[&x.0].binary_search(&y.1).is_err()
        };
        let compared = &dated[..dated.len().min(MAX_COMPARED)];
        let genuine = compared.iter().enumerate().any(|(i, x)| {
            compared[i + 1..].iter().enumerate().any(|(j, y)| {
                only_one(x, y)
                    && contexts[i].iter().any(|w| contexts[i + 1 + j].contains(w))
                    && ctx.similarity(x.4, y.4) >= PAIR_SIMILARITY
            })
        });
        if !genuine {
            return None;
        }
        let spread = values[0].until(values[values.len() - 1]).map(|s| s.get_days()).unwrap_or(0);
        let sides: Vec<Side> = values
            .iter()
            .map(|&day| {
                let members: Vec<&(Date, usize, Span, Span, ClaimRef)> =
                    dated.iter().filter(|x| x.0 == day).collect();
                let value = ctx.text(members[0].1, members[0].2).to_string();
                super::side_of(value, &day.to_string(), members.iter().map(|m| (m.1, m.2, m.3)))
            })
            .collect();
        let explanation = super::listing(ctx, &sides, |s| {
            format!("says {} ({})", s.value, s.normalized.as_deref().unwrap_or(""))
        });
        Some(Disagreement {
            kind: DisagreementKind::Date,
            topic: format!("When: {}", summary()),
            severity: if spread > 1 { Severity::High } else { Severity::Medium },
            explanation,
            sides,
        })
    }
}
