//! The Reader view: one article at a time, entity mentions highlighted by type, claims
//! marked, disagreement evidence flagged. A finding chosen in any other view opens its
//! article here and scrolls to its exact span (`#reader-focus`). A long article is shown
//! in parts of [`PART_BYTES`] (the part holding the focus first), so that a 1 MB article
//! with thousands of highlights does not block the page for seconds while it renders.

use yew::prelude::*;

use super::ByPtr;
use crate::analysis::entities::Label;
use crate::web::dom;
use crate::web::highlight::{segments, Mark, MarkKind};
use crate::web::state::{Analysed, Focus, Workspace};
use crate::web::view_model::kind_slug;

#[derive(Clone, PartialEq, Properties)]
pub struct ReaderProps {
    pub analysed: ByPtr<Analysed>,
    pub workspace: ByPtr<Workspace>,
    pub on_focus: Callback<Focus>,
    pub focus: Option<Focus>,
    /// Show a disagreement's card (by report id).
    pub on_card: Callback<String>,
}

/// Bytes of a document the reader renders at once (a part starts at a multiple of this).
pub const PART_BYTES: usize = 100_000;

const LEGEND: [Label; 8] = [
    Label::Person,
    Label::Org,
    Label::Gpe,
    Label::Loc,
    Label::Norp,
    Label::Event,
    Label::Date,
    Label::Number,
];

fn marks_for(analysed: &Analysed, doc: &str, focus: Option<&Focus>) -> Vec<Mark> {
    let report = &analysed.report;
    let mut marks = Vec::new();
    for entity in &report.entities {
        for m in entity.mentions.iter().filter(|m| m.doc == doc) {
            marks.push(Mark { start: m.start, end: m.end, kind: MarkKind::Entity(entity.label) });
        }
    }
    for (i, c) in report.claims.iter().enumerate().filter(|(_, c)| c.doc == doc) {
        marks.push(Mark { start: c.start, end: c.end, kind: MarkKind::Claim(i) });
    }
    for (i, x) in report.disagreements.iter().enumerate() {
        for e in x.sides.iter().flat_map(|s| &s.evidence).filter(|e| e.doc == doc) {
            marks.push(Mark { start: e.start, end: e.end, kind: MarkKind::Evidence(i) });
        }
    }
    if let Some(f) = focus.filter(|f| f.doc == doc) {
        marks.push(Mark { start: f.start, end: f.end, kind: MarkKind::Focus });
    }
    marks
}

#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let report = &props.analysed.report;
    let chosen = use_state(|| None::<String>);
    // The part shown, and of which document.
    let part = use_state(|| (String::new(), 0usize));
    // A new focus chooses its document and the part that holds it.
    {
        let (chosen, part) = (chosen.clone(), part.clone());
        use_effect_with(props.focus.clone(), move |focus| {
            if let Some(f) = focus {
                chosen.set(Some(f.doc.clone()));
                part.set((f.doc.clone(), f.start / PART_BYTES));
            }
        });
    }
    let doc = chosen
        .as_ref()
        .filter(|d| report.documents.iter().any(|r| &r.id == *d))
        .cloned()
        .or_else(|| props.focus.as_ref().map(|f| f.doc.clone()))
        .or_else(|| report.documents.first().map(|d| d.id.clone()));
    let Some(doc) = doc else { return html! { <p class="empty">{ "No articles." }</p> } };

    let text = props.analysed.text(&doc).unwrap_or("");
    let parts = text.len().div_ceil(PART_BYTES).max(1);
    let shown_part = if part.0 == doc {
        part.1
    } else {
        props.focus.as_ref().filter(|f| f.doc == doc).map_or(0, |f| f.start / PART_BYTES)
    }
    .min(parts - 1);

    // Scroll to the focused span after it is rendered.
    {
        let key = (props.focus.clone(), doc.clone(), shown_part);
        use_effect_with(key, |(focus, doc, _)| {
            if focus.as_ref().is_some_and(|f| f.doc == *doc) {
                dom::scroll_into_view("reader-focus");
            }
        });
    }

    let names = use_memo((props.analysed.clone(), props.workspace.clone()), |(a, w)| {
        super::super::view_model::DocNames::new(&a.report, w)
    });
    let name = |id: &str| names.name(id);
    let focus = props.focus.as_ref().filter(|f| f.doc == doc);
    let marks = use_memo((props.analysed.clone(), doc.clone(), focus.cloned()), |(a, doc, focus)| {
        marks_for(a, doc, focus.as_ref())
    });
    let mut focus_id_used = false;
    // Each segment belongs to the part its start is in.
    let in_part = |s: &crate::web::highlight::Segment| s.start / PART_BYTES == shown_part;
    let pieces = segments(text, &marks).into_iter().filter(in_part).map(|s| {
        if s.entity.is_none() && s.claim.is_none() && s.evidence.is_none() && !s.focus {
            return html! { s.text.to_string() };
        }
        let class = classes!(
            s.entity.map(|l| format!("ent ent-{}", kind_slug(&l))),
            s.claim.map(|_| "claim"),
            s.evidence.map(|_| "flag"),
            s.focus.then_some("focus"),
        );
        let title = [
            s.entity.map(|l| l.as_str().to_string()),
            s.claim.and_then(|i| report.claims.get(i)).map(|c| format!("claim ({})", kind_slug(&c.kind).replace('-', " "))),
            s.evidence.and_then(|i| report.disagreements.get(i)).map(|x| format!("disagreement: {}", x.topic)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        let id = (s.focus && !focus_id_used).then(|| {
            focus_id_used = true;
            "reader-focus".to_string()
        });
        let tabindex = id.as_ref().map(|_| "-1");
        html! { <span {class} {id} {title} {tabindex} data-start={s.start.to_string()}>{ s.text.to_string() }</span> }
    });
    let choose = report.documents.iter().map(|d| {
        let selected = d.id == doc;
        let chosen = chosen.clone();
        let id = d.id.clone();
        html! {
            <button type="button" aria-pressed={selected.to_string()} class="doc-choice" data-doc={d.id.clone()}
                onclick={Callback::from(move |_| chosen.set(Some(id.clone())))}>{ name(&d.id) }</button>
        }
    });
    let record = report.documents.iter().find(|d| d.id == doc);
    let flagged =
        report.disagreements.iter().filter(|x| x.sides.iter().any(|s| s.docs.contains(&doc))).map(|x| {
            let (on_card, id) = (props.on_card.clone(), x.id.clone());
            html! {
                <li><button type="button" class="to-card" data-card={x.id.clone()}
                    onclick={Callback::from(move |_| on_card.emit(id.clone()))}>
                    { x.topic.clone() }
                </button></li>
            }
        });
    let flagged: Vec<Html> = flagged.collect();
    html! {
        <div class="reader" id="reader">
            <div class="doc-choices" role="group" aria-label="Article">{ for choose }</div>
            <ul class="legend" aria-label="Legend">
                { for LEGEND.iter().map(|l| html! {
                    <li><span class={classes!("ent", format!("ent-{}", kind_slug(l)))}>{ l.as_str() }</span></li>
                }) }
                <li><span class="claim">{ "claim" }</span></li>
                <li><span class="flag">{ "disagreement" }</span></li>
            </ul>
            <article class="doc-text" data-doc={doc.clone()} aria-label={name(&doc)}>
                <h3>{ record.and_then(|r| r.title.clone()).unwrap_or_else(|| name(&doc)) }</h3>
                if let Some(published) = record.and_then(|r| r.published.clone()) {
                    <p class="published">{ format!("Published {published}") }</p>
                }
                if parts > 1 { { part_nav(&doc, shown_part, parts, &part) } }
                <div class="text">{ for pieces }</div>
                if parts > 1 { { part_nav(&doc, shown_part, parts, &part) } }
            </article>
            if !flagged.is_empty() {
                <section class="flagged" aria-label="Disagreements involving this article">
                    <h3>{ "Disagreements involving this article" }</h3>
                    <ul class="plain">{ for flagged }</ul>
                </section>
            }
        </div>
    }
}

/// "Part 2 of 10" with buttons to the previous and next part.
fn part_nav(doc: &str, shown: usize, parts: usize, part: &UseStateHandle<(String, usize)>) -> Html {
    let go = |to: usize| {
        let (part, doc) = (part.clone(), doc.to_string());
        Callback::from(move |_: MouseEvent| part.set((doc.clone(), to)))
    };
    html! {
        <nav class="parts" aria-label="Parts of this article">
            <button type="button" class="part-previous" disabled={shown == 0} onclick={go(shown.saturating_sub(1))}>
                { "Previous part" }
            </button>
            <span class="part-number">{ format!("Part {} of {parts} (long article, shown in parts)", shown + 1) }</span>
            <button type="button" class="part-next" disabled={shown + 1 >= parts} onclick={go(shown + 1)}>
                { "Next part" }
            </button>
        </nav>
    }
}
