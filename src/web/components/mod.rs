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

use yew::Html;

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

    /// The names shown for the report's documents, in report order.
    pub fn names(&self) -> Vec<String> {
        self.analysed.report.documents.iter().map(|d| self.name(&d.id)).collect()
    }
}

/// A table with one row per item and one column per outlet, scrolling sideways when the
/// outlets do not fit: `first` heads the items' column, `body` holds the `<tr>` rows.
fn outlet_table(caption: &str, first: &str, outlets: &[String], body: Html) -> Html {
    use yew::html;
    html! {
        <div class="table-scroll">
            <table>
                <caption>{ caption.to_string() }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ first.to_string() }</th>
                        { for outlets.iter().map(|n| html! { <th scope="col">{ n.clone() }</th> }) }
                    </tr>
                </thead>
                <tbody>{ body }</tbody>
            </table>
        </div>
    }
}
