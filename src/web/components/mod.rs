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
    /// The disagreement card chosen in another view (by report id), if any.
    pub card: Option<String>,
}

impl ViewProps {
    /// The name shown for a document.
    pub fn name(&self, doc: &str) -> String {
        super::view_model::doc_name(&self.analysed.report, &self.workspace, doc)
    }

    /// The names shown for the report's documents, in report order.
    pub fn names(&self) -> Vec<String> {
        super::view_model::doc_names(&self.analysed.report, &self.workspace)
    }
}

/// The names shown for the report's documents, computed again only when the report or
/// the workspace (an outlet renamed) changes.
#[yew::hook]
fn use_names(props: &ViewProps) -> Rc<super::view_model::DocNames> {
    yew::use_memo((props.analysed.clone(), props.workspace.clone()), |(a, w)| {
        super::view_model::DocNames::new(&a.report, w)
    })
}

/// The counts under a windowed list ("Showing 50 of 321 entities") and its "Show N more"
/// button, which grows the window by one step; nothing when everything is shown.
fn show_more(
    id: &str,
    what: &str,
    window: super::view_model::Window,
    wanted: &yew::UseStateHandle<usize>,
) -> Html {
    use yew::html;
    if window.rest == 0 {
        return html! {};
    }
    let onclick = {
        let (wanted, shown, next) = (wanted.clone(), window.shown, window.next);
        yew::Callback::from(move |_: yew::MouseEvent| wanted.set(shown + next))
    };
    html! {
        <p class="show-more">
            <span class="show-more-count">{ format!("Showing {} of {} {what}.", window.shown, window.total) }</span>
            <button type="button" id={id.to_string()} class="show-more-button" {onclick}>
                { format!("Show {} more", window.next) }
            </button>
        </p>
    }
}

/// "Outlets 21–40 of 200" with buttons to the previous and next page of outlet columns;
/// nothing when every outlet fits on one page.
fn outlet_pager(total: usize, page: &yew::UseStateHandle<usize>) -> Html {
    use yew::html;
    let (range, pages) = super::view_model::column_page(total, **page, super::view_model::OUTLET_COLUMNS);
    if pages <= 1 {
        return html! {};
    }
    let shown = range.start / super::view_model::OUTLET_COLUMNS;
    let go = |to: usize| {
        let page = page.clone();
        yew::Callback::from(move |_: yew::MouseEvent| page.set(to))
    };
    html! {
        <nav class="outlet-pager" aria-label="Outlet columns">
            <button type="button" class="outlets-previous" disabled={shown == 0} onclick={go(shown.saturating_sub(1))}>
                { "Previous outlets" }
            </button>
            <span class="outlet-range">{ format!("Outlets {}–{} of {total}", range.start + 1, range.end) }</span>
            <button type="button" class="outlets-next" disabled={shown + 1 >= pages} onclick={go(shown + 1)}>
                { "Next outlets" }
            </button>
        </nav>
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
