//! Named entities: PERSON, ORG, GPE, LOC, NORP and EVENT mentions in each document
//! ([`extract`]), and their resolution into entities merged across documents ([`resolve`]).
//!
//! Extraction uses general cues only (capitalisation, titles, head words, gazetteers of public
//! facts, given names, context); resolution folds diacritics, transliteration variants,
//! honorifics, acronyms and short forms of names. Neither knows any particular news event.
//! DATE and NUMBER are other stages' ([`crate::analysis::time`], [`crate::analysis::numbers`]).

mod events;
mod extract;
mod lexicon;
pub mod normalize;
mod resolve;

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

/// The index of an entity in the list [`resolve`] returns (and `e{N+1}` in the report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityId(pub usize);

/// One mention of a named entity in one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The mention as written, without a leading title ("President") or trailing
    /// possessive ("'s"): "José Luis Gómez", "Gómez".
    pub span: Span,
    pub label: Label,
    /// The entity this mention resolves to, set by [`resolve`].
    pub entity: Option<EntityId>,
    /// The mention with the title before it, as written ("German Chancellor Angela
    /// Merkel"); equal to `span` when there is none.
    pub with_title: Span,
    /// Why the extractor took it (resolution trusts some cues more than others).
    pub cue: Cue,
}

/// The evidence a mention was extracted on, strongest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cue {
    /// A gazetteer name (country, city, demonym, international body, outlet...).
    Gazetteer,
    /// After a title ("President", "Sir", "coach").
    Title,
    /// Ends in an organisation, event or place head word.
    Head,
    /// Starts with a common given name or initials.
    GivenName,
    /// An all-caps acronym.
    Acronym,
    /// Context words around it ("said", "in", "district").
    Context,
    /// Several capitalised words with no other cue.
    Shape,
    /// One capitalised word inside a sentence with no other cue.
    #[default]
    Capitalised,
    /// One capitalised word at the start of a sentence: kept only if confirmed elsewhere.
    Initial,
    /// From a headline or an all-caps line, matched to a name found elsewhere.
    Headline,
    /// A lower-case event phrase ("direct talks"): kept when named at least twice.
    EventPhrase,
}

impl Cue {
    /// Weak mentions survive resolution only when a stronger mention has the same name.
    pub fn is_weak(self) -> bool {
        matches!(self, Cue::Initial)
    }
}

/// A named entity merged across documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub id: EntityId,
    /// The fullest name seen ("Angela Merkel").
    pub name: String,
    pub label: Label,
    /// Every distinct surface form of its mentions, with and without their titles, and the
    /// family name alone of a PERSON written as given name + family name; sorted.
    pub aliases: Vec<String>,
}

/// Finds the named-entity mentions of one document (needs sentences and tokens): fills
/// `doc.mentions`, sorted and non-overlapping.
pub fn extract(doc: &mut Doc) {
    extract::extract(doc);
}

/// Merges the mentions of all documents into entities, fills `Mention::entity`, and drops
/// weak mentions that nothing confirmed.
pub fn resolve(docs: &mut [Doc]) -> Vec<Entity> {
    resolve::resolve(docs)
}

/// The entity of the mention that covers `span` (or lies inside it, for a span longer than
/// a name), if any. For speakers: `entity_at(doc, span_of("Merkel"))`.
pub fn entity_at(doc: &Doc, span: Span) -> Option<EntityId> {
    let i = doc.mentions.partition_point(|m| m.span.end <= span.start);
    doc.mentions
        .get(i)
        .filter(|m| m.span.overlaps(span) && (m.span.contains(span) || span.contains(m.span)))
        .and_then(|m| m.entity)
}
