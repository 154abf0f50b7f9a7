//! The Yew components: [`App`] (state, storage, the worker), the input panel, and one
//! component per view of the report.
//!
//! Every piece of user or report text is rendered as a Yew text node; nothing here
//! builds markup from strings.

mod app;
mod coverage;
mod disagreements;
mod entities;
mod input;
mod reader;
mod timeline;

use std::rc::Rc;

pub use app::App;

use super::state::{Analysed, Focus, Workspace};

/// An `Rc` compared by pointer, so that props holding a whole report compare in O(1).
#[derive(Debug)]
pub struct ByPtr<T>(pub Rc<T>);

impl<T> Clone for ByPtr<T> {
    fn clone(&self) -> Self {
        ByPtr(self.0.clone())
    }
}

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for ByPtr<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What every view of the report gets.
#[derive(Clone, PartialEq, yew::Properties)]
pub struct ViewProps {
    pub analysed: ByPtr<Analysed>,
    pub workspace: ByPtr<Workspace>,
    /// Show a span of a document in the reader.
    pub on_focus: yew::Callback<Focus>,
}

impl ViewProps {
    /// The name shown for a document.
    pub fn name(&self, doc: &str) -> String {
        super::view_model::doc_name(&self.analysed.report, &self.workspace, doc)
    }
}
