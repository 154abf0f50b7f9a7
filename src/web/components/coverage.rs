//! The Coverage view: the claim-by-outlet matrix (reported / not reported / differs).
//! A cell opens the sentences behind it, each a link into the reader.

use yew::prelude::*;

use super::{outlet_table, ViewProps};
use crate::web::state::Focus;
use crate::web::view_model::{coverage, Cell};

#[component]
pub fn Coverage(props: &ViewProps) -> Html {
    let open = use_state(|| None::<(usize, usize)>);
    let report = &props.analysed.report;
    let rows = use_memo(props.analysed.clone(), |a| coverage(&a.report));
    if rows.is_empty() {
        return html! { <p class="empty">{ "No claims were found to compare." }</p> };
    }
    let names = props.names();
    let body = rows.iter().enumerate().map(|(r, row)| {
        let cells = row.cells.iter().enumerate().map(|(c, cell)| {
            let label = cell.label();
            let class = classes!("cell", label.replace(' ', "-"), (*open == Some((r, c))).then_some("open"));
            let title = format!("{}: {label}", names[c]);
            if matches!(cell, Cell::NotReported) {
                return html! { <td {class} aria-label={title}>{ "—" }</td> };
            }
            let expanded = (*open == Some((r, c))).to_string();
            let open = open.clone();
            let onclick = Callback::from(move |_| {
                open.set(if *open == Some((r, c)) { None } else { Some((r, c)) });
            });
            html! {
                <td {class}>
                    <button type="button" aria-label={title} aria-expanded={expanded}
                        {onclick}>{ if matches!(cell, Cell::Differs(..)) { "≠ differs" } else { "✓" } }</button>
                </td>
            }
        });
        html! {
            <tr>
                <th scope="row" class="summary">{ row.summary.clone() }</th>
                { for cells }
            </tr>
        }
    });
    let detail = open.and_then(|(r, c)| {
        let row = rows.get(r)?;
        let claims = match row.cells.get(c)? {
            Cell::Reported(claims) | Cell::Differs(claims, _) => claims.clone(),
            Cell::NotReported => return None,
        };
        let items = claims.into_iter().filter_map(|i| report.claims.get(i)).map(|claim| {
            let focus = Focus { doc: claim.doc.clone(), start: claim.start, end: claim.end };
            let on_focus = props.on_focus.clone();
            html! {
                <li>
                    <blockquote>{ claim.text.clone() }</blockquote>
                    <button type="button" class="show-in-reader"
                        onclick={Callback::from(move |_| on_focus.emit(focus.clone()))}>{ "Show in article" }</button>
                </li>
            }
        });
        Some(html! {
            <div class="cell-detail" id="cell-detail">
                <h3>{ format!("{}: {}", names[c], row.summary) }</h3>
                <ul>{ for items }</ul>
            </div>
        })
    });
    html! {
        <div class="coverage" id="coverage">
            { outlet_table("Which outlet reports which claim", "Claim", &names, body.collect()) }
            { detail.unwrap_or_default() }
        </div>
    }
}
