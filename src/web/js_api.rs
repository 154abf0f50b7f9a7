//! The worker side: runs the core on a request and answers with the report and the
//! analysed texts; and the JS API, `analyze(documents) -> report`, for pages that want
//! the core without the UI (usage: `docs/js-api.md`).
//!
//! Both are exported to JavaScript by `src/bin/worker.rs`, so only the worker's wasm
//! links the analysis core. Neither fails on bad input: the worker answers `Failed`,
//! the JS API throws an `Error` with the reason.

use std::cell::Cell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::analysis::{run, Format, Input, Options, Report};

use super::bridge::{bytes_message, message_bytes};
use super::protocol::{DocText, Request, Response};

/// Answers one request: the report, and the texts its spans index.
pub fn answer(request: &Request) -> Response {
    let analysis = run(&request.inputs, &Options::default());
    let report = Report::from_analysis(&analysis);
    let texts = analysis.docs.into_iter().map(|d| DocText { id: d.id, text: d.text }).collect();
    Response::Done { seq: request.seq, report, texts }
}

/// Two small articles that pass through every stage, so the core's patterns and word
/// lists (built on first use, the bulk of a first analysis) are ready before the user's
/// first request. Requests that arrive meanwhile wait in the worker's message queue.
const WARM_UP: [(&str, &str, Format); 2] = [
    (
        "warm-up-text",
        "President Jane Doe said on Monday that 12 people were hurt in Paris, according to Reuters.\n\n\
         “We are ready to talk,” she told reporters in Geneva on May 5, 2024.",
        Format::Text,
    ),
    (
        "warm-up-html",
        "<html><head><title>Talks</title></head><body><nav>Home</nav><article><p>The minister said \
         on Tuesday that about 15 people were hurt in Paris.</p></article></body></html>",
        Format::Html,
    ),
];

fn warm_up() {
    let inputs: Vec<Input> =
        WARM_UP.iter().map(|(id, text, format)| Input::new(*id, *text, *format)).collect();
    let _ = run(&inputs, &Options::default());
}

/// The page's example articles, analysed a few more times after start-up: the browser
/// first runs wasm with a quick baseline compiler and optimises a function only once it
/// has run a while, so a worker's first big analysis ran ~3 times slower than its second.
const WARM_UP_ARTICLES: [&str; 5] = [
    include_str!("../../www/examples/000_c435bc74e0b9ae0f.txt"),
    include_str!("../../www/examples/001_4888563d516f81d2.txt"),
    include_str!("../../www/examples/002_276e648a95ff5bc7.txt"),
    include_str!("../../www/examples/003_a10ea0008dbb4e7b.txt"),
    include_str!("../../www/examples/004_e9cbabe796c1e97b.txt"),
];

/// Analyses of the example after start-up, one per task, so that a request waits for
/// one at most; the first request stops them. They start [`WARM_UP_DELAY_MS`] after the
/// worker is ready, so they do not slow the page's own start or a click on "Load example"
/// made at once (the first analysis there warms the worker anyway).
const WARM_UP_ROUNDS: u32 = 8;
const WARM_UP_DELAY_MS: u32 = 1_000;

fn keep_warming(round: u32, requested: Rc<Cell<bool>>) {
    if round >= WARM_UP_ROUNDS || requested.get() {
        return;
    }
    let delay = if round == 0 { WARM_UP_DELAY_MS } else { 0 };
    gloo_timers::callback::Timeout::new(delay, move || {
        if requested.get() {
            return;
        }
        let inputs: Vec<Input> = WARM_UP_ARTICLES
            .iter()
            .enumerate()
            .map(|(i, text)| Input::new(format!("warm-up-{i}"), *text, Format::Text))
            .collect();
        let _ = run(&inputs, &Options::default());
        keep_warming(round + 1, requested);
    })
    .forget();
}

/// Sends a response to the page (its bytes, transferred).
fn post(scope: &web_sys::DedicatedWorkerGlobalScope, response: &Response) {
    let json = response.to_json();
    let (message, transfer) = bytes_message(&json);
    let _ = scope.post_message_with_transfer(&message, &transfer);
}

/// The worker's message loop: `Ready` now, then for every JSON request `Started` and
/// the answer. Call once, inside a dedicated worker.
pub fn serve() -> Result<(), JsValue> {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
    let reply = scope.clone();
    let requested = Rc::new(Cell::new(false));
    let requested_now = requested.clone();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        requested_now.set(true);
        let json = message_bytes(&event.data());
        let response = match Request::from_json(&json) {
            Ok(request) => {
                let bytes = request.inputs.iter().map(|i| i.content.len()).sum();
                let started = Response::Started { seq: request.seq, documents: request.inputs.len(), bytes };
                post(&reply, &started);
                answer(&request)
            }
            Err(message) => Response::Failed { seq: 0, message },
        };
        post(&reply, &response);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let (ready, transfer) = bytes_message(&Response::Ready.to_json());
    scope.post_message_with_transfer(&ready, &transfer)?;
    warm_up();
    keep_warming(0, requested);
    Ok(())
}

/// One document handed to the JS API.
#[derive(Deserialize)]
struct Document {
    id: String,
    content: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
}

fn format_named(name: &str) -> Result<Format, String> {
    match name.to_ascii_lowercase().as_str() {
        "text" | "txt" | "plain" => Ok(Format::Text),
        "markdown" | "md" => Ok(Format::Markdown),
        "html" | "htm" => Ok(Format::Html),
        other => Err(format!("unknown format {other:?} (expected \"text\", \"markdown\" or \"html\")")),
    }
}

/// `analyze(documents)`: documents is an array of `{id, content, format?, outlet?}`;
/// returns the report as a plain JS object (the JSON contract of `design.md`).
pub fn analyze_js(documents: JsValue) -> Result<JsValue, JsError> {
    let documents: Vec<Document> = serde_wasm_bindgen::from_value(documents).map_err(|e| {
        JsError::new(&format!(
            "analyze(documents): documents must be an array of {{id, content, format?}}: {e}"
        ))
    })?;
    let mut inputs = Vec::with_capacity(documents.len());
    for d in documents {
        let format = match d.format.as_deref() {
            Some(name) => {
                format_named(name).map_err(|e| JsError::new(&format!("document {:?}: {e}", d.id)))?
            }
            None => Format::default(),
        };
        inputs.push(Input { id: d.id, content: d.content, format, outlet: d.outlet });
    }
    let report = crate::analysis::analyze(&inputs, &Options::default());
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not convert the report: {e}")))
}
