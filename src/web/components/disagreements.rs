//! The Disagreements view: one card per disagreement, grouped by severity and
//! filterable by kind; the sides next to each other with their outlets and evidence
//! (highlighted inside its sentence); a word-level diff for quote wordings (made once per
//! report, [`crate::web::state::Analysed::quote_diffs`], a node per run of words). Many
//! cards are shown a window at a time (with counts and "Show more"; a card chosen
//! elsewhere is always in the window), and folded evidence is rendered only once
//! unfolded. The browser lays out only the cards near the view (`content-visibility` in
//! the style sheet): laying out all of them was most of the time this view took.

use yew::prelude::*;

use super::{show_more, use_names, ViewProps};
use crate::analysis::conflicts::Severity;
use crate::analysis::report::{DisagreementRecord, EvidenceRecord};
use crate::web::diff::Run;
use crate::web::highlight::context;
use crate::web::state::Focus;
use crate::web::view_model::{card_order, kind_name, kind_slug, wanted_with, window, DocNames, ROWS_STEP};

const CONTEXT_BYTES: usize = 160;
/// Pieces of evidence shown per side; the rest fold away.
const EVIDENCE_SHOWN: usize = 2;

fn evidence_view(props: &ViewProps, names: &DocNames, e: &EvidenceRecord) -> Html {
    let text = props.analysed.text(&e.doc).unwrap_or("");
    let (before, _, after) = context(text, e.start, e.end, CONTEXT_BYTES);
    let focus = Focus { doc: e.doc.clone(), start: e.start, end: e.end };
    let on_focus = props.on_focus.clone();
    let name = names.name(&e.doc);
    html! {
        <li class="evidence">
            <blockquote>
                { before.to_string() }
                <mark>{ e.text.clone() }</mark>
                { after.to_string() }
            </blockquote>
            <button type="button" class="show-in-reader" data-doc={e.doc.clone()}
                aria-label={format!("Show in {name}")}
                onclick={Callback::from(move |_| on_focus.emit(focus.clone()))}>
                { format!("Show in {name}") }
            </button>
        </li>
    }
}

/// The words of one side's quote, changed words marked (a node per run of words).
fn diff_html(runs: &[Run]) -> Html {
    html! {
        { for runs.iter().map(|r| if r.changed {
            html! { <span class="diff-changed">{ r.text.clone() }</span> }
        } else {
            html! { r.text.clone() }
        }) }
    }
}

#[derive(Clone, PartialEq, Properties)]
struct MoreProps {
    view: ViewProps,
    names: std::rc::Rc<DocNames>,
    /// The disagreement and side (indices into the report).
    disagreement: usize,
    side: usize,
}

/// The evidence of a side past the first [`EVIDENCE_SHOWN`], folded; rendered once unfolded.
#[component]
fn MoreEvidence(props: &MoreProps) -> Html {
    let unfolded = use_state_eq(|| false);
    let report = &props.view.analysed.report;
    let Some(side) = report.disagreements.get(props.disagreement).and_then(|x| x.sides.get(props.side))
    else {
        return html! {};
    };
    let more = side.evidence.get(EVIDENCE_SHOWN..).unwrap_or_default();
    if more.is_empty() {
        return html! {};
    }
    let ontoggle = {
        let unfolded = unfolded.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            unfolded.set(details.has_attribute("open"));
        })
    };
    html! {
        <details class="more-evidence" {ontoggle}>
            <summary>{ format!("{} more", more.len()) }</summary>
            if *unfolded {
                <ul class="evidence-list">{ for more.iter().map(|e| evidence_view(&props.view, &props.names, e)) }</ul>
            }
        </details>
    }
}

fn card(
    props: &ViewProps,
    names: &std::rc::Rc<DocNames>,
    diffs: &[Vec<Run>],
    index: usize,
    x: &DisagreementRecord,
) -> Html {
    // quote_wording: each side's wording diffed word by word against the first side's
    // (the first side against the second), made once per report.
    let value_html = |i: usize| -> Html {
        match diffs.get(i).filter(|runs| !runs.is_empty()) {
            Some(runs) => diff_html(runs),
            None => html! { x.sides[i].value.clone() },
        }
    };
    let sides = x.sides.iter().enumerate().map(|(i, side)| {
        let outlets: Vec<String> = side.docs.iter().map(|d| names.name(d)).collect();
        let evidence = side.evidence.iter().take(EVIDENCE_SHOWN).map(|e| evidence_view(props, names, e));
        html! {
            <section class="side">
                <h4 class="side-value">{ value_html(i) }</h4>
                if let Some(normalized) = side.normalized.as_ref().filter(|n| **n != side.value) {
                    <p class="normalized">{ format!("= {normalized}") }</p>
                }
                <p class="outlets">{ outlets.join(", ") }</p>
                <ul class="evidence-list">{ for evidence }</ul>
                <MoreEvidence view={props.clone()} names={names.clone()} disagreement={index} side={i} />
            </section>
        }
    });
    html! {
        <article class={classes!("card", format!("sev-{}", kind_slug(&x.severity)))} id={x.id.clone()}
            data-kind={kind_slug(&x.kind)}>
            <header>
                <span class="badge kind">{ kind_name(&x.kind) }</span>
                <span class="badge severity">{ kind_name(&x.severity) }</span>
                <h3>{ x.topic.clone() }</h3>
            </header>
            <p class="explanation">{ x.explanation.clone() }</p>
            <div class="sides">{ for sides }</div>
        </article>
    }
}

#[component]
pub fn Disagreements(props: &ViewProps) -> Html {
    let kind_filter = use_state(String::new);
    let wanted = use_state(|| ROWS_STEP);
    let names = use_names(props);
    let diffs = props.analysed.quote_diffs();
    let report = &props.analysed.report;
    if report.disagreements.is_empty() {
        return html! {
            <p class="empty" id="no-disagreements">
                { "No disagreements found between these articles." }
            </p>
        };
    }
    let mut kinds: Vec<String> = report.disagreements.iter().map(|x| kind_slug(&x.kind)).collect();
    kinds.sort();
    kinds.dedup();
    let on_kind = {
        let (kind_filter, wanted) = (kind_filter.clone(), wanted.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            kind_filter.set(select.value());
            wanted.set(ROWS_STEP);
        })
    };
    let severities = [Severity::High, Severity::Medium, Severity::Low];
    let ordered = card_order(report, &kind_filter);
    let win = window(ordered.len(), wanted_with(&ordered, report, props.card.as_deref(), *wanted), ROWS_STEP);
    let groups = severities.into_iter().map(|severity| {
        let total = ordered.iter().filter(|&&i| report.disagreements[i].severity == severity).count();
        let cards: Vec<usize> = ordered
            .iter()
            .take(win.shown)
            .copied()
            .filter(|&i| report.disagreements[i].severity == severity)
            .collect();
        if cards.is_empty() {
            return html! {};
        }
        html! {
            <section class="severity-group">
                <h3 class="group-title">{ format!("{} severity ({total})", kind_name(&severity)) }</h3>
                { for cards.into_iter().map(|i| {
                    let diffs = diffs.get(i).map_or(&[][..], |d| &d[..]);
                    card(props, &names, diffs, i, &report.disagreements[i])
                }) }
            </section>
        }
    });
    html! {
        <div class="disagreements" id="disagreements">
            <div class="filters">
                <label for="kind-filter">{ "Kind" }</label>
                <select id="kind-filter" onchange={on_kind}>
                    <option value="" selected={kind_filter.is_empty()}>{ "all kinds" }</option>
                    { for kinds.iter().map(|k| html! {
                        <option value={k.clone()} selected={*k == *kind_filter}>{ k.replace('-', " ") }</option>
                    }) }
                </select>
            </div>
            { for groups }
            { show_more("more-disagreements", "disagreements", win, &wanted) }
        </div>
    }
}
