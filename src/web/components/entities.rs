//! The Entities view: the entities merged across articles, with type, aliases and
//! mentions per outlet, filterable by type; an entity opens its mentions, each a link
//! into the reader.

use yew::prelude::*;

use super::ViewProps;
use crate::web::state::Focus;
use crate::web::view_model::{kind_slug, label_title, mentions_per_doc};

/// Rows shown at most (the rest are summarised), to keep the page light.
const MAX_ROWS: usize = 400;

#[component]
pub fn Entities(props: &ViewProps) -> Html {
    let type_filter = use_state(String::new);
    let open = use_state(|| None::<String>);
    let report = &props.analysed.report;
    let mut types: Vec<String> = report.entities.iter().map(|e| kind_name_upper(&e.label)).collect();
    types.sort();
    types.dedup();
    let on_type = {
        let type_filter = type_filter.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            type_filter.set(select.value());
        })
    };
    let names = props.names();
    let shown: Vec<usize> = (0..report.entities.len())
        .filter(|&i| type_filter.is_empty() || kind_name_upper(&report.entities[i].label) == *type_filter)
        .collect();
    let hidden = shown.len().saturating_sub(MAX_ROWS);
    let rows = shown.iter().take(MAX_ROWS).map(|&i| {
        let entity = &report.entities[i];
        let counts = mentions_per_doc(report, i);
        let is_open = open.as_deref() == Some(entity.id.as_str());
        let toggle = {
            let (open, id) = (open.clone(), entity.id.clone());
            Callback::from(move |_| open.set(if open.as_deref() == Some(id.as_str()) { None } else { Some(id.clone()) }))
        };
        let aliases: Vec<&str> = entity.aliases.iter().map(String::as_str).filter(|a| *a != entity.name).collect();
        let mentions = entity.mentions.iter().map(|m| {
            let focus = Focus { doc: m.doc.clone(), start: m.start, end: m.end };
            let on_focus = props.on_focus.clone();
            html! {
                <li>
                    <button type="button" class="show-in-reader"
                        onclick={Callback::from(move |_| on_focus.emit(focus.clone()))}>
                        { format!("{} — {}", m.text, props.name(&m.doc)) }
                    </button>
                </li>
            }
        });
        html! {
            <>
                <tr class={classes!("entity", format!("ent-{}", kind_slug(&entity.label)))} key={entity.id.clone()}>
                    <th scope="row">
                        <button type="button" class="entity-name" aria-expanded={is_open.to_string()} onclick={toggle}>
                            { entity.name.clone() }
                        </button>
                    </th>
                    <td><span class={classes!("type-chip", format!("ent-{}", kind_slug(&entity.label)))}
                        title={label_title(entity.label)}>{ kind_name_upper(&entity.label) }</span></td>
                    <td class="aliases">{ aliases.join(", ") }</td>
                    { for counts.iter().map(|n| html! { <td class="count">{ if *n == 0 { "·".to_string() } else { n.to_string() } }</td> }) }
                </tr>
                if is_open {
                    <tr class="mentions-row">
                        <td colspan={(3 + names.len()).to_string()}><ul class="mentions">{ for mentions }</ul></td>
                    </tr>
                }
            </>
        }
    });
    html! {
        <div class="entities" id="entities">
            <div class="filters">
                <label for="type-filter">{ "Type" }</label>
                <select id="type-filter" onchange={on_type}>
                    <option value="" selected={type_filter.is_empty()}>{ "all types" }</option>
                    { for types.iter().map(|t| html! {
                        <option value={t.clone()} selected={*t == *type_filter}>{ t.clone() }</option>
                    }) }
                </select>
                <span>{ format!("{} entities", shown.len()) }</span>
            </div>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{ "Entity" }</th>
                            <th scope="col">{ "Type" }</th>
                            <th scope="col">{ "Also written" }</th>
                            { for names.iter().map(|n| html! { <th scope="col" class="count">{ n.clone() }</th> }) }
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if hidden > 0 {
                <p>{ format!("{hidden} more not shown: filter by type to see them.") }</p>
            }
        </div>
    }
}

fn kind_name_upper(label: &crate::analysis::entities::Label) -> String {
    label.as_str().to_string()
}
