//! Entity-set disagreements: aligned claims (the same event in different documents) that
//! list different participants.
//!
//! How: within a cluster, claims naming at least two people are lists; two lists from
//! different documents disagree when each names someone the other leaves out. One disagreement per cluster, a side per distinct list. Low
//! severity: a shorter list is usually less detail, not a contradiction.
//!
//! It relies on entity resolution: names it cannot resolve are not compared.

use super::super::entities::{EntityId, Label};
use super::{Ctx, Disagreement, DisagreementKind, Evidence, Severity, Side};

const MIN_LIST: usize = 2;
/// How alike two claims must be to be lists of the same event's participants.
const MIN_SIMILARITY: f32 = 0.3;

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    for cluster in ctx.clusters {
        if cluster.doc_count() < 2 {
            continue;
        }
        let lists: Vec<(usize, &super::super::align::ClaimRef, Vec<EntityId>)> = cluster
            .claims
            .iter()
            .map(|r| {
                let ids: Vec<EntityId> = ctx
                    .claim(*r)
                    .entities
                    .iter()
                    .copied()
                    .filter(|id| ctx.entities.get(id.0).is_some_and(|e| e.label == Label::Person))
                    .collect();
                (r.doc, r, ids)
            })
            .filter(|(_, _, ids)| ids.len() >= MIN_LIST)
            .collect();
        let differs = lists.iter().enumerate().any(|(i, a)| {
            lists[i + 1..].iter().any(|b| {
                a.0 != b.0
                    && a.2.iter().any(|x| !b.2.contains(x))
                    && b.2.iter().any(|y| !a.2.contains(y))
                    && ctx.similarity(*a.1, *b.1) >= MIN_SIMILARITY
            })
        });
        if !differs {
            continue;
        }
        let name = |id: &EntityId| ctx.entities.get(id.0).map_or(String::new(), |e| e.name.clone());
        let sides: Vec<Side> = lists
            .iter()
            .map(|(doc, r, ids)| Side {
                value: ids.iter().map(name).collect::<Vec<_>>().join(", "),
                normalized: None,
                evidence: vec![Evidence { doc: *doc, span: ctx.claim(**r).span }],
            })
            .collect();
        let explanation = sides
            .iter()
            .zip(&lists)
            .map(|(s, l)| format!("{} lists {}", ctx.doc_name(l.0), s.value))
            .collect::<Vec<_>>()
            .join("; ");
        out.push(Disagreement {
            kind: DisagreementKind::EntitySet,
            topic: format!("Who took part: {}", cluster.summary),
            severity: Severity::Low,
            explanation,
            sides,
        });
    }
}
