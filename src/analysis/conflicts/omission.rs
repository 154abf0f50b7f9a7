//! Omissions: a key fact that all outlets but one report.
//!
//! How: a cluster covering every document but one, among at least five documents, whose
//! claims all give the same figure and score high on check-worthiness, is a key fact the
//! remaining document leaves out. Only the strongest is reported, to keep the list
//! about what changes the picture. The omitting side has no evidence: its value names
//! the document.
//!
//! A document that gives the key figure somewhere (outside excluded text) has not left the
//! fact out, even when the aligner did not match its sentence: it is not reported.
//!
//! It cannot tell an omission from a claim the aligner failed to match when the document
//! words the fact without the figure.

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
        let claims: Vec<_> = cluster.claims.iter().map(|r| (r, ctx.claim(*r))).collect();
        // A key figure: one value every reporting outlet gives.
        let values = |r: &super::super::align::ClaimRef, c: &super::super::claims::Claim| -> Vec<String> {
            c.numbers.iter().map(|&i| ctx.docs[r.doc].numbers[i].value.to_string()).collect()
        };
        let (first_ref, first) = claims[0];
<<<<<<< HEAD
        let key_figures: Vec<String> = values(first_ref, first)
=======
        let shared: Vec<String> = values(first_ref, first)
>>>>>>> main
            .into_iter()
            .filter(|v| claims.iter().all(|(r, c)| values(r, c).contains(v)))
            .collect();
        let score = claims.iter().map(|(_, c)| c.score).sum::<f32>() / claims.len() as f32;
<<<<<<< HEAD
        if key_figures.is_empty() || score < MIN_SCORE {
            continue;
        }
        let Some(missing) = (0..n).find(|d| cluster.claims.iter().all(|r| r.doc != *d)) else { continue };
        let doc = &ctx.docs[missing];
        let gives_figure = doc
            .numbers
            .iter()
            .any(|q| doc.exclusion_at(q.span).is_none() && key_figures.contains(&q.value.to_string()));
        if gives_figure {
=======
        if shared.is_empty() || score < MIN_SCORE {
            continue;
        }
        let Some(missing) = (0..n).find(|d| cluster.claims.iter().all(|r| r.doc != *d)) else { continue };
        // A document that gives the same figure elsewhere reports the fact in other words.
        if ctx.docs[missing].numbers.iter().any(|q| shared.contains(&q.value.to_string())) {
>>>>>>> main
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
