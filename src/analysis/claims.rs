//! Claims: check-worthy sentences, quotes and reported speech, with their speakers.
//!
//! (Skeleton: the extractor is being written; see the issue tracker.)

use serde::{Deserialize, Serialize};

use super::entities::{Entity, EntityId};
use super::text::{Doc, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClaimKind {
    Quote,
    ReportedSpeech,
    Statement,
}

/// One claim in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The claim's sentence (or sentences, for a quote that spans several).
    pub span: Span,
    pub kind: ClaimKind,
    /// Who asserts it; `None` when the outlet itself does.
    pub speaker: Option<EntityId>,
    /// The quoted passages inside `span`, without their quotation marks.
    pub quotes: Vec<Span>,
    /// Check-worthiness, 0 to 1.
    pub score: f32,
}

/// Finds the claims of one document (needs sentences, resolved mentions, dates, numbers).
pub fn extract(doc: &mut Doc, entities: &[Entity]) {
    let _ = (doc, entities);
}
