//! Named entities: PERSON, ORG, GPE, LOC, NORP and EVENT mentions in each document,
//! and their resolution into entities merged across documents.
//!
//! (Skeleton: the extractor is being written; see the issue tracker.)

use serde::{Deserialize, Serialize};

use super::text::{Doc, Span};

/// The type of an entity, as in the report contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum Label {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Event,
    Date,
    Number,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Norp => "NORP",
            Label::Event => "EVENT",
            Label::Date => "DATE",
            Label::Number => "NUMBER",
        }
    }
}

/// The index of an entity in [`Entities::entities`] (and `e{N+1}` in the report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityId(pub usize);

/// One mention of a named entity in one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The mention as written, without a leading title ("President") or trailing
    /// possessive ("'s"): "Recep Tayyip Erdogan", "Erdoğan".
    pub span: Span,
    pub label: Label,
    /// The entity this mention resolves to, set by [`resolve`].
    pub entity: Option<EntityId>,
}

/// A named entity merged across documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub id: EntityId,
    /// The fullest name seen ("Vladimir Putin").
    pub name: String,
    pub label: Label,
    /// Every distinct surface form of its mentions, sorted.
    pub aliases: Vec<String>,
}

/// Finds the named-entity mentions of one document (needs sentences and tokens).
pub fn extract(doc: &mut Doc) {
    let _ = doc;
}

/// Merges the mentions of all documents into entities and fills `Mention::entity`.
pub fn resolve(docs: &mut [Doc]) -> Vec<Entity> {
    let _ = docs;
    Vec::new()
}
