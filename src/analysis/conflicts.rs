//! Disagreements between outlets: typed, with evidence on every side.
//!
//! (Skeleton: the detectors are being written; see the issue tracker.)

use serde::{Deserialize, Serialize};

use super::align::Cluster;
use super::entities::Entity;
use super::text::{Doc, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DisagreementKind {
    Date,
    Number,
    QuoteWording,
    Attribution,
    Fact,
    EntitySet,
    Omission,
    /// An article whose total does not match its own parts.
    Internal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    High,
    Medium,
    Low,
}

/// A piece of evidence: a span of one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Evidence {
    pub doc: usize,
    pub span: Span,
}

/// One side of a disagreement: a value and the documents that give it.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    pub value: String,
    pub normalized: Option<String>,
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    pub kind: DisagreementKind,
    pub topic: String,
    pub severity: Severity,
    pub explanation: String,
    pub sides: Vec<Side>,
}

/// Finds disagreements inside clusters and across them.
pub fn find(docs: &[Doc], entities: &[Entity], clusters: &[Cluster]) -> Vec<Disagreement> {
    let _ = (docs, entities, clusters);
    Vec::new()
}
