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

use jiff::civil::Date;

use super::super::text::Span;
use super::super::time::DateValue;
use super::{Ctx, Disagreement, DisagreementKind, Evidence, Severity, Side};

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    for cluster in ctx.clusters {
        if cluster.doc_count() < 2 {
            continue;
        }
        // (day, doc, date mention span, claim span)
        let mut dated: Vec<(Date, usize, Span, Span)> = Vec::new();
        for &r in &cluster.claims {
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
                dated.push((day, r.doc, span, claim.span));
            }
        }
        let mut values: Vec<Date> = dated.iter().map(|d| d.0).collect();
        values.sort();
        values.dedup();
        if values.len() < 2 {
            continue;
        }
        let docs_with = |day: Date| {
            let mut d: Vec<usize> = dated.iter().filter(|x| x.0 == day).map(|x| x.1).collect();
            d.sort_unstable();
            d.dedup();
            d
        };
        let genuine = values.iter().enumerate().any(|(i, &a)| {
            values[i + 1..].iter().any(|&b| {
                let (da, db) = (docs_with(a), docs_with(b));
                da.iter().any(|x| !db.contains(x)) && db.iter().any(|y| !da.contains(y))
            })
        });
        if !genuine {
            continue;
        }
        let spread = values[0].until(values[values.len() - 1]).map(|s| s.get_days()).unwrap_or(0);
        let sides: Vec<Side> = values
            .iter()
            .map(|&day| {
                let members: Vec<&(Date, usize, Span, Span)> = dated.iter().filter(|x| x.0 == day).collect();
                Side {
                    value: ctx.text(members[0].1, members[0].2).to_string(),
                    normalized: Some(day.to_string()),
                    evidence: members
                        .iter()
                        .flat_map(|m| [Evidence { doc: m.1, span: m.2 }, Evidence { doc: m.1, span: m.3 }])
                        .collect(),
                }
            })
            .collect();
        let explanation = sides
            .iter()
            .map(|s| {
                let mut names: Vec<&str> = s.evidence.iter().map(|e| ctx.doc_name(e.doc)).collect();
                names.dedup();
                format!("{} says {} ({})", names.join(", "), s.value, s.normalized.as_deref().unwrap_or(""))
            })
            .collect::<Vec<_>>()
            .join("; ");
        out.push(Disagreement {
            kind: DisagreementKind::Date,
            topic: format!("When: {}", cluster.summary),
            severity: if spread > 1 { Severity::High } else { Severity::Medium },
            explanation,
            sides,
        });
    }
}
