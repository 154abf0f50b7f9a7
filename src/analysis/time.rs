//! Temporal expressions and their resolution to calendar dates.
//!
//! (Skeleton: the resolver is being written; see the issue tracker.)

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::text::{Doc, Span};

/// A resolved date value: a day, a month, a year or a range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DateValue {
    Day(Date),
    Month { year: i16, month: i8 },
    Year(i16),
    Range(Date, Date),
}

impl fmt::Display for DateValue {
    /// `2025-05-10`, `2025-05`, `2025`, `2025-05-08/2025-05-10`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Day(d) => write!(f, "{d}"),
            DateValue::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            DateValue::Year(y) => write!(f, "{y:04}"),
            DateValue::Range(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

/// What a relative expression was resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorSource {
    /// The publication date the article states.
    Published,
    /// Inferred from the article's own explicit dates.
    Inferred,
    /// The reference date the caller passed in (`Options::reference`).
    Reference,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub date: Date,
    pub source: AnchorSource,
}

/// A temporal expression in a document, with its value when it could be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    pub value: Option<DateValue>,
    /// The anchor used for relative expressions (`None` for absolute dates).
    pub anchor: Option<Anchor>,
}

/// Finds and resolves the temporal expressions of one document.
pub fn extract(doc: &mut Doc, reference: Option<Date>) {
    let _ = (doc, reference);
}
