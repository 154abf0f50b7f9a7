//! The Coverage view: the claim-by-outlet matrix (reported / not reported / differs).
//! A cell opens the sentences behind it, each a link into the reader. The matrix is
//! computed once per report; a large one shows its rows and outlet columns a window at
//! a time (with counts, "Show more" and outlet pages).

use yew::prelude::*;

use super::{outlet_pager, outlet_table, show_more, use_names, ViewProps};
use crate::web::state::Focus;
use crate::web::view_model::{column_page, window, Cell, OUTLET_COLUMNS, ROWS_STEP};

#[component]
pub fn Coverage(props: &ViewProps) -> Html {
    let open = use_state(|| None::<(usize, usize)>);
    let report = &props.analysed.report;
    let wanted = use_state(|| ROWS_STEP);
    let column_page_shown = use_state(|| 0usize);
    let rows = props.analysed.coverage();
    let names = use_names(props);
    if rows.is_empty() {
        return html! { <p class="empty">{ "No claims were found to compare." }</p> };
    }
    let win = window(rows.len(), *wanted, ROWS_STEP);
    let (columns, _) = column_page(names.names.len(), *column_page_shown, OUTLET_COLUMNS);
    let body = rows.iter().take(win.shown).enumerate().map(|(r, row)| {
        let cells = row.cells.iter().enumerate().skip(columns.start).take(columns.len()).map(|(c, cell)| {
            let label = cell.label();
            let class = classes!("cell", label.replace(' ', "-"), (*open == Some((r, c))).then_some("open"));
            let title = format!("{}: {label}", names.names[c]);
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
                <h3>{ format!("{}: {}", names.names[c], row.summary) }</h3>
                <ul>{ for items }</ul>
            </div>
        })
    });
    html! {
        <div class="coverage" id="coverage">
            { outlet_pager(names.names.len(), &column_page_shown) }
            { outlet_table("Which outlet reports which claim", "Claim", &names.names[columns.clone()], body.collect()) }
            { show_more("more-claims", "claims", win, &wanted) }
            { detail.unwrap_or_default() }
        </div>
    }
}
