//! The Timeline view: the dates the articles mention, resolved to calendar values, in
//! date order, with what each outlet wrote; each mention is a link into the reader.
//! Many dates or outlets are shown a window at a time (with counts, "Show more" and
//! outlet pages).

use yew::prelude::*;

use super::{outlet_pager, outlet_table, show_more, use_names, ViewProps};
use crate::web::highlight::context;
use crate::web::state::Focus;
use crate::web::view_model::{column_page, window, OUTLET_COLUMNS, ROWS_STEP};

/// Bytes of context shown on each side of a date mention.
const CONTEXT_BYTES: usize = 70;

#[component]
pub fn Timeline(props: &ViewProps) -> Html {
    let wanted = use_state(|| ROWS_STEP);
    let column_page_shown = use_state(|| 0usize);
    let rows = props.analysed.timeline();
    let names = use_names(props);
    let report = &props.analysed.report;
    if rows.is_empty() {
        return html! { <p class="empty" id="timeline">{ "No resolved dates." }</p> };
    }
    let win = window(rows.len(), *wanted, ROWS_STEP);
    let (columns, _) = column_page(names.names.len(), *column_page_shown, OUTLET_COLUMNS);
    let body = rows.iter().take(win.shown).map(|row| {
        let cells = row.mentions.iter().enumerate().skip(columns.start).take(columns.len()).map(|(d, mentions)| {
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
            { outlet_pager(names.names.len(), &column_page_shown) }
            { outlet_table("Dates mentioned, resolved, per outlet", "Date", &names.names[columns.clone()], body.collect()) }
            { show_more("more-dates", "dates", win, &wanted) }
        </div>
    }
}
