//! The root component: owns the state, restores and saves the workspace (debounced,
//! and at once when the page is hidden or left), drives the analysis worker (debounced
//! re-runs, cancel, restart after a crash) and lays out the input panel, the status
//! line, the exports and the tabs. The callbacks it gives the views keep their identity
//! across renders, so a view renders again only when its report or workspace changes.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::coverage::Coverage;
use super::disagreements::Disagreements;
use super::entities::Entities;
use super::input::InputPanel;
use super::reader::Reader;
use super::timeline::Timeline;
use super::{ByPtr, ViewProps};
use crate::web::bridge::{AnalysisWorker, WorkerEvent, WORKER_URL};
use crate::web::protocol::{Request, Response};
use crate::web::state::{human_size, Action, Analysed, AppState, Focus, Level, Limits, Status, Tab};
use crate::web::{dom, export, storage};

/// Save the workspace this long after the last change (a save serialises every article),
/// or at once when the page is hidden.
const SAVE_DEBOUNCE_MS: u32 = 400;

/// The workspace waiting to be saved, and the last save failure (so that a lasting
/// fault is reported once, not on every change).
#[derive(Default)]
struct Saver {
    pending: Option<Rc<crate::web::state::Workspace>>,
    timer: Option<Timeout>,
    error: Option<String>,
}

/// Saves the pending workspace, if any; a new failure becomes a notice.
fn flush(saver: &Rc<RefCell<Saver>>, dispatch: &UseReducerDispatcher<AppState>) {
    let Some(workspace) = saver.borrow_mut().pending.take() else { return };
    let result = storage::save(&workspace).err();
    let mut s = saver.borrow_mut();
    if result.is_some() && result != s.error {
        dispatch.dispatch(Action::Notify(Level::Warning, result.clone().unwrap_or_default()));
    }
    s.error = result;
}

/// The worker, the request it is running, and the last request sent.
#[derive(Default)]
struct Engine {
    worker: Option<AnalysisWorker>,
    running: Option<u32>,
    sent: Option<u32>,
}

fn on_worker_event(
    engine: Weak<RefCell<Engine>>,
    dispatch: UseReducerDispatcher<AppState>,
) -> Rc<dyn Fn(WorkerEvent)> {
    Rc::new(move |event| {
        let Some(engine) = engine.upgrade() else { return };
        match event {
            WorkerEvent::Response(Response::Started { seq, documents, bytes }) => {
                dispatch.dispatch(Action::Started { seq, documents, bytes })
            }
            WorkerEvent::Response(Response::Done { seq, report, texts }) => {
                let mut e = engine.borrow_mut();
                if e.running != Some(seq) {
                    return; // a stale answer
                }
                e.running = None;
                drop(e);
                dispatch.dispatch(Action::Finished {
                    seq,
                    revision: seq,
                    analysed: Rc::new(Analysed::new(report, texts)),
                })
            }
            WorkerEvent::Response(Response::Failed { seq, message }) => {
                engine.borrow_mut().running = None;
                dispatch.dispatch(Action::Failed { seq, message })
            }
            WorkerEvent::Response(Response::Ready) => {}
            WorkerEvent::Crashed(message) => {
                engine.borrow_mut().running = None;
                // Drop the dead worker after this callback returns (it owns the callback).
                let engine = engine.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    engine.borrow_mut().worker = None;
                });
                dispatch.dispatch(Action::Crashed(message))
            }
        }
    })
}

/// Spawns the worker if there is none (at start-up too, so that its wasm compiles while
/// the user is still choosing articles).
fn ensure_worker(
    engine: &Rc<RefCell<Engine>>,
    dispatch: &UseReducerDispatcher<AppState>,
) -> Result<(), String> {
    if engine.borrow().worker.is_none() {
        let worker =
            AnalysisWorker::spawn(WORKER_URL, on_worker_event(Rc::downgrade(engine), dispatch.clone()))?;
        engine.borrow_mut().worker = Some(worker);
    }
    Ok(())
}

/// Runs the current workspace as request `seq`, replacing any running request.
fn start(engine: &Rc<RefCell<Engine>>, dispatch: &UseReducerDispatcher<AppState>, state: &AppState) {
    let seq = state.revision;
    let inputs = state.workspace.inputs();
    if engine.borrow().running.is_some() {
        engine.borrow_mut().worker = None; // terminate: its answer is stale
    }
    if let Err(message) = ensure_worker(engine, dispatch) {
        dispatch.dispatch(Action::Failed { seq, message });
        return;
    }
    let mut e = engine.borrow_mut();
    let documents = inputs.len();
    let bytes = inputs.iter().map(|i| i.content.len()).sum();
    if let Some(worker) = &e.worker {
        worker.send(&Request { seq, inputs });
    }
    e.running = Some(seq);
    e.sent = Some(seq);
    drop(e);
    dispatch.dispatch(Action::Started { seq, documents, bytes });
}

/// Runs the current workspace unless it was sent already, or is empty.
fn start_new(engine: &Rc<RefCell<Engine>>, dispatch: &UseReducerDispatcher<AppState>, state: &AppState) {
    if engine.borrow().sent != Some(state.revision) && !state.workspace.sources.is_empty() {
        start(engine, dispatch, state);
    }
}

fn stop(engine: &Rc<RefCell<Engine>>) {
    let mut e = engine.borrow_mut();
    if e.running.take().is_some() {
        e.worker = None;
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::with_limits(Limits::default()));
    let engine = use_mut_ref(Engine::default);
    let restored = use_mut_ref(|| false);
    let saver = use_mut_ref(Saver::default);

    // Restore the saved workspace once, and start the worker; save at once when the page
    // is hidden or left (a reload, a closed tab), so the debounce loses nothing.
    {
        let (dispatch, restored, engine) = (state.dispatcher(), restored.clone(), engine.clone());
        let saver = saver.clone();
        let limits = state.limits;
        use_effect_with((), move |_| {
            let _ = ensure_worker(&engine, &dispatch); // a failure shows when analysing
            let (workspace, problem) = storage::load(&limits);
            if let Some(problem) = problem {
                saver.borrow_mut().error = Some(problem.clone()); // storage unavailable: said once
                dispatch.dispatch(Action::Notify(Level::Warning, problem));
            }
            *restored.borrow_mut() = true;
            if !workspace.sources.is_empty() {
                dispatch.dispatch(Action::Restore(workspace));
            }
            let on_hide = Closure::<dyn FnMut()>::new(move || flush(&saver, &dispatch));
            let window = web_sys::window();
            if let Some(w) = &window {
                for event in ["pagehide", "visibilitychange"] {
                    let _ = w.add_event_listener_with_callback(event, on_hide.as_ref().unchecked_ref());
                }
            }
            move || {
                if let Some(w) = &window {
                    for event in ["pagehide", "visibilitychange"] {
                        let _ =
                            w.remove_event_listener_with_callback(event, on_hide.as_ref().unchecked_ref());
                    }
                }
            }
        });
    }

    // Save (debounced) whenever the workspace changes (not when it was just restored:
    // storage holds it), and analyse it again. Changes come from discrete actions (add,
    // drop, rename on commit, remove), so the analysis starts at once: in a microtask,
    // which coalesces changes made in one task and runs before the browser lays out what
    // was just rendered (200 new articles in the list take it ~100 ms), so the worker
    // analyses meanwhile.
    {
        let (dispatch, engine, restored) = (state.dispatcher(), engine.clone(), restored.clone());
        let saver = saver.clone();
        let snapshot = state.clone();
        use_effect_with(state.revision, move |_| {
            let superseded = Rc::new(std::cell::Cell::new(false));
            if *restored.borrow() && snapshot.needs_saving() {
                let (saver2, dispatch2) = (saver.clone(), dispatch.clone());
                let mut s = saver.borrow_mut();
                s.pending = Some(snapshot.workspace.clone());
                s.timer = Some(Timeout::new(SAVE_DEBOUNCE_MS, move || flush(&saver2, &dispatch2)));
            }
            if snapshot.workspace.sources.is_empty() {
                stop(&engine);
            } else {
                let superseded = superseded.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if !superseded.get() {
                        start_new(&engine, &dispatch, &snapshot);
                    }
                });
            }
            move || superseded.set(true)
        });
    }

    // Files just added: analyse them now, before the page renders them (the state handle
    // reads the state as the reducer left it).
    let on_added = {
        let (engine, state) = (engine.clone(), state.clone());
        use_callback((), move |(), _| start_new(&engine, &state.dispatcher(), &state))
    };
    let on_cancel = {
        let (dispatch, engine) = (state.dispatcher(), engine.clone());
        Callback::from(move |_| {
            stop(&engine);
            dispatch.dispatch(Action::Cancel);
        })
    };
    let on_rerun = {
        let (state, engine) = (state.clone(), engine.clone());
        Callback::from(move |_| start(&engine, &state.dispatcher(), &state))
    };
    let on_focus = {
        let dispatch = state.dispatcher();
        use_callback((), move |focus: Focus, _| dispatch.dispatch(Action::Focus(focus)))
    };
    let on_card = {
        let dispatch = state.dispatcher();
        use_callback((), move |id: String, _| dispatch.dispatch(Action::ShowCard(id)))
    };
    let on_choose = {
        let dispatch = state.dispatcher();
        use_callback((), move |doc: String, _| dispatch.dispatch(Action::ReadDoc(doc)))
    };
    // Bring a chosen disagreement card into view once its tab is rendered.
    use_effect_with((state.tab, state.card.clone()), |(tab, card)| {
        if let (Tab::Disagreements, Some(card)) = (tab, card) {
            dom::scroll_into_view(card);
        }
    });

    html! {
        <>
            <header class="site">
                <h1>{ "Crosscheck" }</h1>
                <p class="tagline">
                    { "Compare how outlets report one event. Everything runs in this page: nothing is uploaded." }
                </p>
            </header>
            <main id="main">
                { notices(&state) }
                <InputPanel
                    workspace={ByPtr(state.workspace.clone())}
                    limits={state.limits}
                    dispatch={state.dispatcher()}
                    {on_added}
                />
                { status_line(&state, on_cancel, on_rerun) }
                {
                    match &state.analysed {
                        Some(analysed) => results(&state, analysed, on_focus, on_card, on_choose),
                        None if state.workspace.sources.is_empty() => html! {
                            <p class="empty" id="empty">
                                { "Add two or more articles about the same event, or load the example." }
                            </p>
                        },
                        None => html! {},
                    }
                }
            </main>
            <footer class="site">
                <p>{ "Crosscheck: the analysis runs in WebAssembly in your browser; your articles stay in this \
                      browser's storage." }</p>
            </footer>
        </>
    }
}

fn notices(state: &UseReducerHandle<AppState>) -> Html {
    if state.notices.is_empty() {
        return html! {};
    }
    html! {
        <ul class="notices" aria-live="polite" id="notices">
            { for state.notices.iter().map(|n| {
                let dispatch = state.dispatcher();
                let id = n.id;
                let class = match n.level {
                    Level::Info => "notice info",
                    Level::Warning => "notice warning",
                    Level::Error => "notice error",
                };
                html! {
                    <li {class} key={id}>
                        <span>{ n.text.clone() }</span>
                        <button type="button" class="dismiss" aria-label="Dismiss message"
                            onclick={Callback::from(move |_| dispatch.dispatch(Action::Dismiss(id)))}>{ "×" }</button>
                    </li>
                }
            }) }
        </ul>
    }
}

fn status_line(state: &AppState, on_cancel: Callback<MouseEvent>, on_rerun: Callback<MouseEvent>) -> Html {
    let body = match &state.status {
        Status::Running { documents, bytes, .. } => html! {
            <div class="running">
                <progress aria-label="Analysing"></progress>
                <span>{ format!("Analysing {documents} article(s), {}…", human_size(*bytes)) }</span>
                <button type="button" id="cancel" onclick={on_cancel}>{ "Cancel" }</button>
            </div>
        },
        Status::Cancelled => html! {
            <div>
                <span>{ "Analysis cancelled. The results shown (if any) are out of date." }</span>
                <button type="button" id="rerun" onclick={on_rerun}>{ "Analyse" }</button>
            </div>
        },
        Status::Failed(message) => html! {
            <div>
                <span>{ format!("Analysis failed: {message}") }</span>
                <button type="button" id="rerun" onclick={on_rerun}>{ "Try again" }</button>
            </div>
        },
        Status::Idle => match &state.analysed {
            Some(a) if state.is_current() => html! {
                <span id="analysed">{ format!(
                    "Analysed {} article(s): {} disagreement(s), {} claim(s), {} entities.",
                    a.report.documents.len(), a.report.disagreements.len(), a.report.claims.len(),
                    a.report.entities.len()
                ) }</span>
            },
            _ => html! {},
        },
    };
    html! { <div class="status" role="status" id="status">{ body }</div> }
}

fn results(
    state: &UseReducerHandle<AppState>,
    analysed: &Rc<Analysed>,
    on_focus: Callback<Focus>,
    on_card: Callback<String>,
    on_choose: Callback<String>,
) -> Html {
    let props = ViewProps {
        analysed: ByPtr(analysed.clone()),
        workspace: ByPtr(state.workspace.clone()),
        on_focus,
        card: state.card.clone(),
    };
    let export_button = |id: &'static str,
                         label: &'static str,
                         file: &'static str,
                         mime: &'static str,
                         make: fn(&crate::analysis::Report) -> String| {
        let (analysed, dispatch) = (analysed.clone(), state.dispatcher());
        let onclick = Callback::from(move |_| {
            if let Err(e) = dom::download(file, mime, &make(&analysed.report)) {
                dispatch.dispatch(Action::Notify(Level::Error, format!("The download failed: {e}")));
            }
        });
        html! { <button type="button" {id} {onclick}>{ label }</button> }
    };
    let tab_button = |tab: Tab| {
        let dispatch = state.dispatcher();
        let selected = state.tab == tab;
        let onkeydown = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: KeyboardEvent| {
                let i = Tab::ALL.iter().position(|t| *t == tab).unwrap_or(0);
                let next = match e.key().as_str() {
                    "ArrowRight" => Tab::ALL[(i + 1) % Tab::ALL.len()],
                    "ArrowLeft" => Tab::ALL[(i + Tab::ALL.len() - 1) % Tab::ALL.len()],
                    "Home" => Tab::ALL[0],
                    "End" => Tab::ALL[Tab::ALL.len() - 1],
                    _ => return,
                };
                e.prevent_default();
                dispatch.dispatch(Action::SetTab(next));
                dom::focus(&format!("tab-{}", next.slug()));
            })
        };
        html! {
            <button type="button" role="tab" id={format!("tab-{}", tab.slug())}
                aria-selected={selected.to_string()} aria-controls="panel"
                tabindex={if selected { "0" } else { "-1" }}
                onclick={Callback::from(move |_| dispatch.dispatch(Action::SetTab(tab)))} {onkeydown}>
                { tab.label() }
            </button>
        }
    };
    let view = match state.tab {
        Tab::Disagreements => html! { <Disagreements ..props /> },
        Tab::Coverage => html! { <Coverage ..props /> },
        Tab::Entities => html! { <Entities ..props /> },
        Tab::Reader => html! {
            <Reader analysed={props.analysed.clone()} workspace={props.workspace.clone()}
                on_focus={props.on_focus.clone()} focus={state.focus.clone()}
                doc={state.reader_doc.clone()} on_choose={on_choose} {on_card} />
        },
        Tab::Timeline => html! { <Timeline ..props /> },
    };
    html! {
        <section class="results" aria-label="Results">
            <div class="exports" role="group" aria-label="Export">
                <span>{ "Export:" }</span>
                { export_button("export-json", "Report (JSON)", "crosscheck-report.json", "application/json", export::json) }
                { export_button("export-csv", "Coverage (CSV)", "crosscheck-coverage.csv", "text/csv", export::csv) }
                { export_button("export-md", "Briefing (Markdown)", "crosscheck-briefing.md", "text/markdown", export::markdown) }
            </div>
            <div class="tabs" role="tablist" aria-label="Views">
                { for Tab::ALL.iter().map(|t| tab_button(*t)) }
            </div>
            <div class="panel" role="tabpanel" id="panel" aria-labelledby={format!("tab-{}", state.tab.slug())}>
                { view }
            </div>
        </section>
    }
}
