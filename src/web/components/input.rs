//! The input panel: paste an article, pick or drop files (many at once), load the
//! example, and the list of sources (rename the outlet, remove one, clear all).
//! The paste box is not a controlled field: typing re-renders nothing but the Add
//! button's state, and the list of sources renders only when the workspace changes.

use yew::prelude::*;

use super::ByPtr;
use crate::web::dom;
use crate::web::state::{
    accepted_file, human_size, too_large, Action, AppState, Level, Limits, NewSource, Workspace,
};

/// The example set: five outlets on one event (`www/examples/`, also shipped in `dist/`).
pub const EXAMPLES: [(&str, &str); 5] = [
    ("000_c435bc74e0b9ae0f.txt", include_str!("../../../www/examples/000_c435bc74e0b9ae0f.txt")),
    ("001_4888563d516f81d2.txt", include_str!("../../../www/examples/001_4888563d516f81d2.txt")),
    ("002_276e648a95ff5bc7.txt", include_str!("../../../www/examples/002_276e648a95ff5bc7.txt")),
    ("003_a10ea0008dbb4e7b.txt", include_str!("../../../www/examples/003_a10ea0008dbb4e7b.txt")),
    ("004_e9cbabe796c1e97b.txt", include_str!("../../../www/examples/004_e9cbabe796c1e97b.txt")),
];

#[derive(Clone, PartialEq, Properties)]
pub struct InputProps {
    pub workspace: ByPtr<Workspace>,
    pub limits: Limits,
    pub dispatch: UseReducerDispatcher<AppState>,
    /// Called right after files are added, before the page renders them (the root starts
    /// the analysis then, so the worker works while the page renders the list).
    pub on_added: Callback<()>,
}

/// Files read side by side.
const READ_AT_ONCE: usize = 32;

/// Reads and decodes the accepted files (as the CLI does: BOMs, UTF-16, invalid UTF-8
/// with a warning) and adds them in one action; refuses the others (wrong type, too large
/// to read, binary content) with a message, the large ones without reading them.
fn add_files(
    files: Vec<web_sys::File>,
    limits: Limits,
    dispatch: UseReducerDispatcher<AppState>,
    on_added: Callback<()>,
) {
    if files.is_empty() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut items = Vec::new();
        let (mut refused, mut warnings) = (Vec::new(), Vec::new());
        // The reads of a chunk of files start at once (the browser reads them side by
        // side), and are taken in order.
        for chunk in files.chunks(READ_AT_ONCE) {
            let reads: Vec<_> = chunk
                .iter()
                .map(|file| {
                    let name = file.name();
                    let read = (accepted_file(&name) && file.size() <= limits.document_bytes as f64)
                        .then(|| dom::start_reading(file));
                    (name, file.size(), read)
                })
                .collect();
            for (name, size, read) in reads {
                if !accepted_file(&name) {
                    items.push(NewSource::file(name, String::new()));
                    continue;
                }
                let Some(read) = read else {
                    refused.push(too_large(&name, size as usize, &limits));
                    continue;
                };
                match dom::finish_reading(read).await.map(|bytes| crate::decode::decode(&bytes)) {
                    Ok(Ok(decoded)) => {
                        if let Some(warning) = decoded.warning {
                            warnings.push(format!("{name}: {warning}."));
                        }
                        items.push(NewSource::file(name, decoded.text));
                    }
                    Ok(Err(kind)) => refused.push(format!("{name} was not added: it is {kind}, not text.")),
                    Err(e) => refused.push(format!("{name} was not added: it could not be read ({e}).")),
                }
            }
        }
        // One action per kind of message, so that thousands of files do not mean thousands
        // of renders.
        dispatch.dispatch(Action::NotifyAll(Level::Warning, refused));
        dispatch.dispatch(Action::NotifyAll(Level::Info, warnings));
        dispatch.dispatch(Action::Add(items));
        on_added.emit(());
    });
}

#[derive(Clone, PartialEq, Properties)]
struct SourcesProps {
    workspace: ByPtr<Workspace>,
    dispatch: UseReducerDispatcher<AppState>,
}

/// The articles in the workspace: rename the outlet, remove one, clear all.
#[component]
fn Sources(props: &SourcesProps) -> Html {
    let workspace = &props.workspace;
    if workspace.sources.is_empty() {
        return html! {};
    }
    let on_clear = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Clear))
    };
    let sources = workspace.sources.iter().map(|s| {
        let id = s.id.clone();
        let on_rename = {
            let (dispatch, id) = (props.dispatch.clone(), id.clone());
            Callback::from(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                dispatch.dispatch(Action::Rename { id: id.clone(), outlet: input.value() });
            })
        };
        let on_remove = {
            let (dispatch, id) = (props.dispatch.clone(), id.clone());
            Callback::from(move |_| dispatch.dispatch(Action::Remove(id.clone())))
        };
        let field = format!("outlet-{id}");
        html! {
            <li class="source" key={id.clone()} data-id={id.clone()}>
                <span class="source-id">{ id.clone() }</span>
                <span class="source-meta">{ format!("{} · {} · {}", s.name, crate::web::view_model::kind_name(&s.format), human_size(s.content.len())) }</span>
                <label for={field.clone()} class="visually-hidden">{ format!("Outlet of {id}") }</label>
                <input id={field} type="text" class="outlet" placeholder="Outlet name"
                    value={s.outlet.clone().unwrap_or_default()} onchange={on_rename} />
                <button type="button" class="remove" aria-label={format!("Remove {id}")} onclick={on_remove}>
                    { "Remove" }
                </button>
            </li>
        }
    });
    html! {
        <>
            <div class="sources-head">
                <h3>{ format!("{} article(s), {}", workspace.sources.len(), human_size(workspace.total_bytes())) }</h3>
                <button type="button" id="clear" onclick={on_clear}>{ "Clear all" }</button>
            </div>
            <ul class="sources" id="sources">{ for sources }</ul>
        </>
    }
}

#[component]
pub fn InputPanel(props: &InputProps) -> Html {
    // The paste box keeps its own value (read on submit); the page tracks only whether
    // it holds any text, for the Add button.
    let paste = use_node_ref();
    let has_text = use_state_eq(|| false);
    let dragging = use_state_eq(|| false);
    let paste_value = {
        let paste = paste.clone();
        move || paste.cast::<web_sys::HtmlTextAreaElement>().map(|a| a.value()).unwrap_or_default()
    };

    let on_paste_input = {
        let has_text = has_text.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            has_text.set(!area.value().trim().is_empty());
        })
    };
    let on_add = {
        let (paste, has_text, dispatch, workspace, limits) =
            (paste.clone(), has_text.clone(), props.dispatch.clone(), props.workspace.clone(), props.limits);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let item = NewSource::pasted(paste_value());
            // Clear the box only if the article fits: a refused paste stays where it was.
            let fits = workspace.refusals(std::slice::from_ref(&item), &limits).is_empty();
            dispatch.dispatch(Action::Add(vec![item]));
            if fits {
                if let Some(area) = paste.cast::<web_sys::HtmlTextAreaElement>() {
                    area.set_value("");
                }
                has_text.set(false);
            }
        })
    };
    let on_pick = {
        let (dispatch, limits, on_added) = (props.dispatch.clone(), props.limits, props.on_added.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            add_files(dom::files(input.files()), limits, dispatch.clone(), on_added.clone());
            input.set_value("");
        })
    };
    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let (dispatch, limits, dragging) = (props.dispatch.clone(), props.limits, dragging.clone());
        let on_added = props.on_added.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let files = dom::files(e.data_transfer().and_then(|dt| dt.files()));
            add_files(files, limits, dispatch.clone(), on_added.clone());
        })
    };
    let on_example = {
        let (dispatch, workspace) = (props.dispatch.clone(), props.workspace.clone());
        Callback::from(move |_| {
            let items: Vec<NewSource> = EXAMPLES
                .iter()
                .filter(|(name, _)| workspace.get(name.trim_end_matches(".txt")).is_none())
                .map(|(name, text)| NewSource::file(*name, *text))
                .collect();
            if items.is_empty() {
                dispatch.dispatch(Action::Notify(Level::Info, "The example is already loaded.".into()));
            } else {
                dispatch.dispatch(Action::Add(items));
            }
        })
    };
    let zone_class = classes!("input-panel", dragging.then_some("dragging"));
    html! {
        <section class={zone_class} id="drop-zone" aria-label="Articles"
            ondragover={on_dragover.clone()} ondragenter={on_dragover} ondragleave={on_dragleave} ondrop={on_drop}>
            <h2>{ "Articles" }</h2>
            <form class="paste" onsubmit={on_add}>
                <label for="paste">{ "Paste an article" }</label>
                <textarea id="paste" rows="6" ref={paste} oninput={on_paste_input}
                    placeholder="Paste the text of an article here" />
                <div class="row">
                    <button type="submit" id="add" disabled={!*has_text}>{ "Add article" }</button>
                    <label class="file-label" for="files">{ "Add files:" }</label>
                    <input id="files" type="file" multiple=true
                        accept=".txt,.text,.md,.markdown,.html,.htm,.xhtml,text/plain,text/markdown,text/html"
                        onchange={on_pick} />
                    <button type="button" id="load-example" onclick={on_example}>{ "Load example" }</button>
                    <span class="hint">{ "…or drop .txt, .md or .html files anywhere in this box." }</span>
                </div>
            </form>
            <Sources workspace={props.workspace.clone()} dispatch={props.dispatch.clone()} />
        </section>
    }
}
