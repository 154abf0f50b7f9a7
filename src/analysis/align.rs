//! Alignment: clusters of claims that report the same fact in different documents.
//!
//! (Skeleton: the aligner is being written; see the issue tracker.)

use super::entities::Entity;
use super::text::Doc;

/// A claim, by document index and claim index within that document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimRef {
    pub doc: usize,
    pub claim: usize,
}

/// Claims that report the same fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Sorted; at least one claim.
    pub claims: Vec<ClaimRef>,
    pub summary: String,
}

/// Groups the claims of all documents into clusters.
pub fn align(docs: &[Doc], entities: &[Entity]) -> Vec<Cluster> {
    let _ = (docs, entities);
    Vec::new()
}
