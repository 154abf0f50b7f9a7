//! Internal inconsistency: an article whose total does not match its own parts, within
//! one sentence ("12 people were hurt, including 8 children and 6 adults").
//!
//! How: in each sentence, a figure followed by "including", "of whom", "of which" or
//! "among them" and then at least two figures with a compatible unit: when the parts add
//! up to more than the total, the article contradicts itself.
//!
//! It does not read totals and parts spread over several sentences.

use super::super::claims::lexicon;
use super::super::text::Span;
use super::{Ctx, Disagreement, DisagreementKind, Evidence, Severity, Side};

const CUES: &[&str] = &["including", "of whom", "of which", "among them", "among whom"];

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    for (d, doc) in ctx.docs.iter().enumerate() {
        for sentence in &doc.sentences {
            // Numbers are sorted by start: those of this sentence, by binary search.
            let from = doc.numbers.partition_point(|q| q.span.start < sentence.span.start);
            let numbers: Vec<_> = doc.numbers[from..]
                .iter()
                .take_while(|q| q.span.start <= sentence.span.end)
                .filter(|q| sentence.span.contains(q.span))
                .collect();
            if numbers.len() < 3 {
                continue;
            }
            let total = numbers[0];
            if total.approx.is_some() || numbers[1].span.start < total.span.end {
                continue;
            }
            let between = &doc.text[total.span.end..numbers[1].span.start].to_lowercase();
            if !CUES.iter().any(|c| between.contains(c)) {
                continue;
            }
            let parts: Vec<_> = numbers[1..]
                .iter()
                .filter(|q| match (&q.unit, &total.unit) {
                    (Some(a), Some(b)) if lexicon::is_measure_unit(a) || lexicon::is_measure_unit(b) => {
                        a == b
                    }
                    _ => true,
                })
                .collect();
            let sum: f64 = parts.iter().map(|q| q.value).sum();
            if parts.len() < 2 || sum <= total.value {
                continue;
            }
            let written = |s: Span| doc.slice(s).to_string();
            out.push(Disagreement {
                kind: DisagreementKind::Internal,
                topic: format!("Total and parts in {}", ctx.doc_name(d)),
                severity: Severity::Medium,
                explanation: format!(
                    "{} gives a total of {} but its parts add up to {}",
                    ctx.doc_name(d),
                    written(total.span),
                    sum
                ),
                sides: vec![
                    Side {
                        value: written(total.span),
                        normalized: Some(total.value.to_string()),
                        evidence: vec![
                            Evidence { doc: d, span: total.span },
                            Evidence { doc: d, span: sentence.span },
                        ],
                    },
                    Side {
                        value: parts.iter().map(|q| written(q.span)).collect::<Vec<_>>().join(" + "),
                        normalized: Some(sum.to_string()),
                        evidence: parts.iter().map(|q| Evidence { doc: d, span: q.span }).collect(),
                    },
                ],
            });
        }
    }
}
