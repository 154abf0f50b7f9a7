//! Omissions: a key fact that all outlets but one report.
//!
//! How: a cluster covering every document but one, among at least five documents, whose
//! claims all give the same figure and score high on check-worthiness, is a key fact the
//! remaining document leaves out. Only the strongest is reported, to keep the list
//! about what changes the picture. The omitting side has no evidence: its value names
//! the document.
//!
//! A document that gives the key figure somewhere has not left the fact out, even when
//! the aligner did not match its sentence: it is not reported.
//!
//! It cannot tell an omission from a claim the aligner failed to match when the document
//! words the fact without the figure.

use std::collections::BTreeMap;

use super::super::align::ClaimRef;
use super::super::claims::Claim;
use super::{Ctx, Disagreement, DisagreementKind, Evidence, Severity, Side};

const MIN_DOCS: usize = 5;
const MIN_SCORE: f32 = 0.7;
const MAX_REPORTED: usize = 1;

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    let n = ctx.docs.len();
    if n < MIN_DOCS {
        return;
    }
    let mut found: Vec<(f32, Disagreement)> = Vec::new();
    for cluster in ctx.clusters {
        if cluster.doc_count() != n - 1 {
            continue;
        }
        // A key figure: one value every reporting outlet gives, in one of its claims (a
        // sentence may be cut into clauses, not all of which hold the figure).
        let values = |r: &ClaimRef| -> Vec<String> {
            ctx.claim(*r).numbers.iter().map(|&i| ctx.docs[r.doc].numbers[i].value.to_string()).collect()
        };
        let mut by_doc: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for r in &cluster.claims {
            by_doc.entry(r.doc).or_default().extend(values(r));
        }
        let Some(first) = by_doc.values().next() else { continue };
        let mut shared: Vec<String> =
            first.iter().filter(|v| by_doc.values().all(|vs| vs.contains(v))).cloned().collect();
        shared.dedup();
        // The claims giving it, and how check-worthy they are on average.
        let claims: Vec<(&ClaimRef, &Claim)> = cluster
            .claims
            .iter()
            .filter(|r| values(r).iter().any(|v| shared.contains(v)))
            .map(|r| (r, ctx.claim(*r)))
            .collect();
        if claims.is_empty() {
            continue;
        }
        let score = claims.iter().map(|(_, c)| c.score).sum::<f32>() / claims.len() as f32;
        if score < MIN_SCORE {
            continue;
        }
        let Some(missing) = (0..n).find(|d| cluster.claims.iter().all(|r| r.doc != *d)) else { continue };
        // A document that gives the same figure elsewhere reports the fact in other words.
        if ctx.docs[missing].numbers.iter().any(|q| shared.contains(&q.value.to_string())) {
            continue;
        }
        found.push((
            score,
            Disagreement {
                kind: DisagreementKind::Omission,
                topic: format!("Not in {}: {}", ctx.doc_name(missing), cluster.summary),
                severity: Severity::Low,
                explanation: format!(
                    "{} of {n} outlets report this; {} does not",
                    cluster.doc_count(),
                    ctx.doc_name(missing)
                ),
                sides: vec![
                    Side {
                        value: "reported".into(),
                        normalized: None,
                        evidence: claims.iter().map(|(r, c)| Evidence { doc: r.doc, span: c.span }).collect(),
                    },
                    Side {
                        value: format!("not reported by {}", ctx.doc_name(missing)),
                        normalized: None,
                        evidence: Vec::new(),
                    },
                ],
            },
        ));
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    out.extend(found.into_iter().take(MAX_REPORTED).map(|(_, d)| d));
}
