//! The Reader view: one article at a time, entity mentions highlighted by type, claims
//! marked, disagreement evidence flagged. A finding chosen in any other view opens its
//! article here and scrolls to its exact span (`#reader-focus`). A long article is shown
//! in parts of [`PART_BYTES`] (the part holding the focus first), so that a 1 MB article
//! with thousands of highlights does not block the page for seconds while it renders.
//! The articles are chosen from a list filtered as the user types (outlet name, title or
//! file name, any case), a window of them at a time; the article shown is always listed.
//! The app holds which article is shown (`AppState::reader_doc`), so it stays chosen while
//! the user looks at other tabs.

use yew::prelude::*;

use std::rc::Rc;

use super::{show_more, ByPtr};
use crate::analysis::entities::Label;
use crate::web::dom;
use crate::web::highlight::{segments, Mark, MarkKind};
use crate::web::state::{Analysed, Focus, Workspace};
use crate::web::view_model::{doc_choices, find_docs, kind_slug, DocNames, ROWS_STEP};

#[derive(Clone, PartialEq, Properties)]
pub struct ReaderProps {
    pub analysed: ByPtr<Analysed>,
    pub workspace: ByPtr<Workspace>,
    pub on_focus: Callback<Focus>,
    pub focus: Option<Focus>,
    /// The article chosen (held by the app, so it stays while other tabs are shown).
    pub doc: Option<String>,
    pub on_choose: Callback<String>,
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
    // The part shown, and of which document.
    let part = use_state(|| (String::new(), 0usize));
    // A new focus shows the part that holds it (the app chooses its document).
    {
        let part = part.clone();
        use_effect_with(props.focus.clone(), move |focus| {
            if let Some(f) = focus {
                part.set((f.doc.clone(), f.start / PART_BYTES));
            }
        });
    }
    let doc = props
        .doc
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

    let names = use_memo((props.analysed.clone(), props.workspace.clone()), |(a, w)| {
        super::super::view_model::DocNames::new(&a.report, w)
    });
    let name = |id: &str| names.name(id);
    let focus = props.focus.as_ref().filter(|f| f.doc == doc).cloned();
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
            <DocChooser analysed={props.analysed.clone()} names={names.clone()} doc={doc.clone()}
                on_choose={props.on_choose.clone()} />
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
                <ArticleText analysed={props.analysed.clone()} doc={doc.clone()} {focus} part={shown_part} />
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

#[derive(Clone, PartialEq, Properties)]
struct ChooserProps {
    analysed: ByPtr<Analysed>,
    names: Rc<DocNames>,
    /// The document shown.
    doc: String,
    on_choose: Callback<String>,
}

/// The article chooser: a filter box (outlet name, title or file name, any case) over one
/// button per article, a window of them at a time; the article shown always keeps its
/// button (pressed, scrolled into the list's view). Enter in the box opens the first match.
#[component]
fn DocChooser(props: &ChooserProps) -> Html {
    let report = &props.analysed.report;
    // The filter (as typed: only compared, never rendered) and the choices asked for; held
    // here, so a key typed renders the list, not the article.
    let filter = use_state(String::new);
    let wanted = use_state(|| ROWS_STEP);
    let matches = {
        let names = props.names.clone();
        use_memo((props.analysed.clone(), names.clone(), (*filter).clone()), move |(a, _, query)| {
            find_docs(&a.report, &names, query)
        })
    };
    let selected = report.documents.iter().position(|d| d.id == props.doc);
    let (shown, win) = doc_choices(&matches, selected, *wanted);
    // Keep the article shown in the list's view when it changes (chosen in another view).
    use_effect_with(props.doc.clone(), |_| dom::scroll_within("doc-choices", "doc-chosen"));

    let oninput = {
        let (filter, wanted) = (filter.clone(), wanted.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            filter.set(input.value());
            wanted.set(ROWS_STEP);
        })
    };
    let onkeydown = {
        let (matches, choose, analysed) = (matches.clone(), props.on_choose.clone(), props.analysed.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                if let Some(d) = matches.first().and_then(|&i| analysed.report.documents.get(i)) {
                    choose.emit(d.id.clone());
                }
            }
        })
    };
    let total = report.documents.len();
    let count = if filter.trim().is_empty() {
        format!("{total} articles")
    } else {
        format!("{} of {total} articles match", matches.len())
    };
    let buttons = shown.iter().filter_map(|&i| report.documents.get(i)).map(|d| {
        let pressed = d.id == props.doc;
        let (choose, id) = (props.on_choose.clone(), d.id.clone());
        let title = d.title.clone().filter(|t| !t.trim().is_empty());
        let name = props.names.name(&d.id);
        // The whole name and title as a tooltip (an attribute: text, not markup).
        let tooltip = title.as_ref().map_or_else(|| name.clone(), |t| format!("{name}: {t}"));
        html! {
            <li key={d.id.clone()}>
                <button type="button" aria-pressed={pressed.to_string()} class="doc-choice"
                    id={pressed.then_some("doc-chosen")} data-doc={d.id.clone()} title={tooltip}
                    onclick={Callback::from(move |_| choose.emit(id.clone()))}>
                    <span class="doc-choice-name">{ name }</span>
                    if let Some(title) = title {
                        <span class="doc-choice-title">{ title }</span>
                    }
                </button>
            </li>
        }
    });
    html! {
        <div class="doc-chooser">
            if total > 1 {
                <div class="filters">
                    <label for="doc-filter">{ "Find an article" }</label>
                    <input type="search" id="doc-filter" autocomplete="off" spellcheck="false"
                        placeholder="outlet or title" aria-describedby="doc-filter-count"
                        {oninput} {onkeydown} />
                    <span id="doc-filter-count" role="status">{ count }</span>
                </div>
            }
            <ul class="doc-choices" id="doc-choices" role="group" aria-label="Article">{ for buttons }</ul>
            if matches.is_empty() {
                <p class="empty" id="no-doc-match">{ "No article matches; the one shown stays listed." }</p>
            }
            { show_more("more-articles", "articles", win, &wanted) }
        </div>
    }
}

#[derive(Clone, PartialEq, Properties)]
struct TextProps {
    analysed: ByPtr<Analysed>,
    doc: String,
    /// The focus, when it is in this document.
    focus: Option<Focus>,
    part: usize,
}

/// One part of an article's text with its highlights: its own component, so that typing
/// in the article filter (or anything else around it) does not render the text again.
#[component]
fn ArticleText(props: &TextProps) -> Html {
    let report = &props.analysed.report;
    let text = props.analysed.text(&props.doc).unwrap_or("");
    // Scroll to the focused span after it is rendered.
    {
        let key = (props.focus.clone(), props.doc.clone(), props.part);
        use_effect_with(key, |(focus, _, _)| {
            if focus.is_some() {
                dom::scroll_into_view("reader-focus");
            }
        });
    }
    let marks =
        use_memo((props.analysed.clone(), props.doc.clone(), props.focus.clone()), |(a, doc, focus)| {
            marks_for(a, doc, focus.as_ref())
        });
    let shown_part = props.part;
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
    html! { <div class="text">{ for pieces }</div> }
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
