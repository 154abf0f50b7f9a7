//! The worker side: runs the core on a request and answers with the report and the
//! analysed texts; and the JS API, `analyze(documents) -> report`, for pages that want
//! the core without the UI (usage: `docs/js-api.md`).
//!
//! Both are exported to JavaScript by `src/bin/worker.rs`, so only the worker's wasm
//! links the analysis core. Neither fails on bad input: the worker answers `Failed`,
//! the JS API throws an `Error` with the reason.

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
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
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
