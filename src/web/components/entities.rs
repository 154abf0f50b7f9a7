//! The Entities view: the entities merged across articles, with type, aliases and
//! mentions per outlet, filterable by type; an entity opens its mentions, each a link
//! into the reader. A large report shows its rows, an open entity's mentions and its
//! outlet columns a window at a time (with counts and "Show more"); the counts per
//! outlet are computed once per report.

use yew::prelude::*;

use super::{outlet_pager, show_more, use_names, ViewProps};
use crate::web::state::Focus;
use crate::web::view_model::{column_page, kind_slug, label_title, window, OUTLET_COLUMNS, ROWS_STEP};

#[derive(Clone, PartialEq, Properties)]
struct MentionsProps {
    view: ViewProps,
    entity: usize,
    names: std::rc::Rc<crate::web::view_model::DocNames>,
    colspan: usize,
}

/// The mentions of an open entity, the first [`ROWS_STEP`] then more on demand.
#[component]
fn Mentions(props: &MentionsProps) -> Html {
    let wanted = use_state(|| ROWS_STEP);
    let report = &props.view.analysed.report;
    let Some(entity) = report.entities.get(props.entity) else { return html! {} };
    let win = window(entity.mentions.len(), *wanted, ROWS_STEP);
    let items = entity.mentions.iter().take(win.shown).map(|m| {
        let focus = Focus { doc: m.doc.clone(), start: m.start, end: m.end };
        let on_focus = props.view.on_focus.clone();
        let name = props.names.name(&m.doc);
        html! {
            <li>
                <button type="button" class="show-in-reader"
                    onclick={Callback::from(move |_| on_focus.emit(focus.clone()))}>
                    { format!("{} — {name}", m.text) }
                </button>
            </li>
        }
    });
    html! {
        <tr class="mentions-row">
            <td colspan={props.colspan.to_string()}>
                <ul class="mentions">{ for items }</ul>
                { show_more("more-mentions", "mentions", win, &wanted) }
            </td>
        </tr>
    }
}

#[component]
pub fn Entities(props: &ViewProps) -> Html {
    let type_filter = use_state(String::new);
    let open = use_state(|| None::<String>);
    let wanted = use_state(|| ROWS_STEP);
    let column_page_shown = use_state(|| 0usize);
    let report = &props.analysed.report;
    let names = use_names(props);
    let counts = props.analysed.mention_counts();
    let types = use_memo(props.analysed.clone(), |a| {
        let mut types: Vec<String> = a.report.entities.iter().map(|e| e.label.as_str().to_string()).collect();
        types.sort();
        types.dedup();
        types
    });
    let on_type = {
        let (type_filter, wanted) = (type_filter.clone(), wanted.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            type_filter.set(select.value());
            wanted.set(ROWS_STEP);
        })
    };
    let shown: Vec<usize> = (0..report.entities.len())
        .filter(|&i| type_filter.is_empty() || report.entities[i].label.as_str() == *type_filter)
        .collect();
    let win = window(shown.len(), *wanted, ROWS_STEP);
    let (columns, _) = column_page(names.names.len(), *column_page_shown, OUTLET_COLUMNS);
    let colspan = 3 + columns.len();
    let rows = shown.iter().take(win.shown).map(|&i| {
        let entity = &report.entities[i];
        let is_open = open.as_deref() == Some(entity.id.as_str());
        let toggle = {
            let (open, id) = (open.clone(), entity.id.clone());
            Callback::from(move |_| open.set(if open.as_deref() == Some(id.as_str()) { None } else { Some(id.clone()) }))
        };
        let aliases: Vec<&str> = entity.aliases.iter().map(String::as_str).filter(|a| *a != entity.name).collect();
        let row_counts = &counts[i][columns.clone()];
        html! {
            <>
                <tr class={classes!("entity", format!("ent-{}", kind_slug(&entity.label)))} key={entity.id.clone()}>
                    <th scope="row">
                        <button type="button" class="entity-name" aria-expanded={is_open.to_string()} onclick={toggle}>
                            { entity.name.clone() }
                        </button>
                    </th>
                    <td><span class={classes!("type-chip", format!("ent-{}", kind_slug(&entity.label)))}
                        title={label_title(entity.label)}>{ entity.label.as_str() }</span></td>
                    <td class="aliases">{ aliases.join(", ") }</td>
                    { for row_counts.iter().map(|n| html! { <td class="count">{ if *n == 0 { "·".to_string() } else { n.to_string() } }</td> }) }
                </tr>
                if is_open {
                    <Mentions view={props.clone()} entity={i} names={names.clone()} {colspan} />
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
                <span id="entity-count">{ format!("{} entities", shown.len()) }</span>
            </div>
            { outlet_pager(names.names.len(), &column_page_shown) }
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{ "Entity" }</th>
                            <th scope="col">{ "Type" }</th>
                            <th scope="col">{ "Also written" }</th>
                            { for names.names[columns.clone()].iter().map(|n| html! { <th scope="col" class="count">{ n.clone() }</th> }) }
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            { show_more("more-entities", "entities", win, &wanted) }
        </div>
    }
}
