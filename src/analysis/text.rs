//! The document model: [`Doc`], the one structure every pipeline stage annotates,
//! and [`Span`], a half-open byte range into a document's original text.
//!
//! Invariants (tested in `tests/properties.rs`):
//!
//! - `Doc::text` is never modified after ingest. For `.txt` and `.md` input it is the
//!   input byte for byte; for HTML it is the reduced article text (see `ingest`).
//! - Every `Span` in every layer is relative to the whole document, lies on char
//!   boundaries, and `&doc.text[span]` is the text of the finding.
//! - Stages only add layers; none rewrites an earlier one except where its doc says so
//!   (entity resolution fills `Mention::entity`).

use serde::{Deserialize, Serialize};
use std::ops::Index;

use super::claims::Claim;
use super::entities::Mention;
use super::numbers::Quantity;
use super::time::DateMention;
use super::words::Tok;

/// A half-open byte range `start..end` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`. Panics in debug builds if `start > end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span shifted right by `offset` bytes (to make a sentence-relative match
    /// document-relative).
    pub fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl Index<Span> for str {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

/// The input format of a document. Decides how `ingest` reduces it to text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The format a file name's extension implies (`.html`/`.htm`, `.md`/`.markdown`,
    /// anything else is plain text).
    pub fn from_file_name(name: &str) -> Format {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
            Format::Html
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Format::Markdown
        } else {
            Format::Text
        }
    }
}

/// One article as handed to the core: already decoded to UTF-8 by the shell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    /// The document id: the file name without its extension, or `doc-N` for pasted text.
    pub id: String,
    pub content: String,
    #[serde(default)]
    pub format: Format,
    /// The outlet, when the user named it (overrides what ingest detects).
    #[serde(default)]
    pub outlet: Option<String>,
}

impl Input {
    pub fn new(id: impl Into<String>, content: impl Into<String>, format: Format) -> Input {
        Input { id: id.into(), content: content.into(), format, outlet: None }
    }
}

/// Why a range of the text is excluded from claims (and, for chrome, from everything).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// A photo caption or credit: still yields entities, never claims.
    Caption,
    /// Site chrome: navigation, related-story blocks, subscribe/share/copyright/ad lines.
    /// Yields nothing.
    Chrome,
}

/// An excluded range of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excluded {
    pub span: Span,
    pub kind: Exclusion,
}

/// A piece of metadata found in the text (title, byline, ...), with where it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found<T> {
    pub value: T,
    pub span: Option<Span>,
}

/// What ingest detects about a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    pub title: Option<Found<String>>,
    pub outlet: Option<Found<String>>,
    pub byline: Option<Found<String>>,
    pub published: Option<Found<jiff::civil::Date>>,
}

/// A sentence: its span and the paragraph it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// Something the analysis noticed but could not use, for the user to see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub span: Option<Span>,
    pub message: String,
}

/// One document and every layer the pipeline has added to it.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub id: String,
    pub format: Format,
    /// The original text (HTML: the reduced text). Never modified.
    pub text: String,
    pub meta: DocMeta,
    /// Excluded ranges, sorted by start, non-overlapping.
    pub excluded: Vec<Excluded>,
    /// Paragraph spans, sorted, non-overlapping.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, sorted, non-overlapping, each inside one paragraph.
    pub sentences: Vec<Sentence>,
    /// Word tokens (Unicode word boundaries; punctuation and spaces left out), sorted.
    pub tokens: Vec<Span>,
    /// The scanner tokens of the text (words, digit runs, punctuation: see
    /// [`Tokens::scan`](super::words::Tokens::scan)), kept by the time stage for the
    /// numbers stage, which takes them. Empty before and after.
    pub scan: Vec<Tok>,
    /// Named-entity mentions (PERSON, ORG, GPE, LOC, NORP, EVENT): sorted, non-overlapping.
    pub mentions: Vec<Mention>,
    /// Temporal expressions with their resolved values, sorted.
    pub dates: Vec<DateMention>,
    /// Numbers and quantities, sorted.
    pub numbers: Vec<Quantity>,
    /// Claims, sorted by start.
    pub claims: Vec<Claim>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Doc {
    /// The text of a span of this document.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The exclusion covering `span`, if any excluded range overlaps it.
    pub fn exclusion_at(&self, span: Span) -> Option<Exclusion> {
        let i = self.excluded.partition_point(|e| e.span.end <= span.start);
        self.excluded.get(i).filter(|e| e.span.overlaps(span)).map(|e| e.kind)
    }

    /// True when `span` lies in site chrome (which yields nothing).
    pub fn is_chrome(&self, span: Span) -> bool {
        self.exclusion_at(span) == Some(Exclusion::Chrome)
    }

    /// The index of the sentence containing byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }
}
