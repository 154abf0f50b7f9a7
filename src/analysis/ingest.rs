//! Ingest: turns an [`Input`] into a [`Doc`]: reduces HTML to text, marks boilerplate
//! as excluded ranges, detects title, outlet, byline and publication date.
//!
//! (Skeleton: only plain text so far; see the issue tracker.)

use super::text::{Doc, Input};

/// Builds the document for one input. Never fails: what it cannot use becomes a diagnostic.
pub fn ingest(input: &Input) -> Doc {
    Doc { id: input.id.clone(), format: input.format, text: input.content.clone(), ..Doc::default() }
}
