//! Numbers and quantities: values, units and approximations.
//!
//! (Skeleton: the extractor is being written; see the issue tracker.)

use serde::{Deserialize, Serialize};

use super::text::{Doc, Span};

/// How a number is hedged in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    /// "over", "more than"
    Over,
    /// "at least"
    AtLeast,
    /// "nearly", "almost", "under"
    Nearly,
    /// "about", "around", "some"
    About,
}

impl Approx {
    pub fn as_str(self) -> &'static str {
        match self {
            Approx::Over => "over",
            Approx::AtLeast => "at least",
            Approx::Nearly => "nearly",
            Approx::About => "about",
        }
    }
}

/// A number or quantity found in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    pub span: Span,
    pub value: f64,
    /// The unit or counted noun, normalized ("USD", "days", "people", "seconds").
    pub unit: Option<String>,
    pub approx: Option<Approx>,
}

/// Finds the numbers and quantities of one document.
pub fn extract(doc: &mut Doc) {
    let _ = doc;
}
