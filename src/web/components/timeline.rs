//! The Timeline view: the dates the articles mention, resolved to calendar values, in
//! date order, with what each outlet wrote; each mention is a link into the reader.

use yew::prelude::*;

use super::{outlet_table, ViewProps};
use crate::web::highlight::context;
use crate::web::state::Focus;

/// Bytes of context shown on each side of a date mention.
const CONTEXT_BYTES: usize = 70;
use crate::web::view_model::timeline;

#[component]
pub fn Timeline(props: &ViewProps) -> Html {
    let rows = use_memo(props.analysed.clone(), |a| timeline(&a.report));
    let report = &props.analysed.report;
    if rows.is_empty() {
        return html! { <p class="empty" id="timeline">{ "No resolved dates." }</p> };
    }
    let names = props.names();
    let body = rows.iter().map(|row| {
        let cells = row.mentions.iter().enumerate().map(|(d, mentions)| {
            let doc = report.documents[d].id.clone();
            let doc_text = props.analysed.text(&doc).unwrap_or("");
            let links = mentions.iter().map(|(start, end, text)| {
                let focus = Focus { doc: doc.clone(), start: *start, end: *end };
                let on_focus = props.on_focus.clone();
                // What happens on that date: the words around the mention, in its sentence.
                let (before, span, after) = context(doc_text, *start, *end, CONTEXT_BYTES);
                html! {
                    <li>
                        <button type="button" class="show-in-reader"
                            onclick={Callback::from(move |_| on_focus.emit(focus.clone()))}>{ text.clone() }</button>
                        <span class="ctx">{ format!("…{before}") }<mark>{ span.to_string() }</mark>{ format!("{after}…") }</span>
                    </li>
                }
            });
            html! { <td><ul class="plain">{ for links }</ul></td> }
        });
        html! {
            <tr>
                <th scope="row"><time>{ row.value.clone() }</time></th>
                { for cells }
            </tr>
        }
    });
    html! {
        <div class="timeline" id="timeline">
            { outlet_table("Dates mentioned, resolved, per outlet", "Date", &names, body.collect()) }
        </div>
    }
}
