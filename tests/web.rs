//! In headless Chromium (wasm-bindgen-test-runner + chromedriver; `scripts/test-web.sh`):
//! the worker bridge against a scripted worker (ready handshake, queued request,
//! answers, crashes), storage faults, the download helper, and the app surviving a
//! worker that cannot load.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown
//! --no-default-features --features web --test web`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use crosscheck::web::bridge::{AnalysisWorker, WorkerEvent};
use crosscheck::web::protocol::{Request, Response};
use crosscheck::web::state::{encode, Limits, NewSource, Workspace};
use crosscheck::web::{dom, storage};
use crosscheck::Input;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A worker from a script, through a Blob URL (the test runner serves no worker file).
fn worker_url(script: &str) -> String {
    let parts = js_sys::Array::of1(&JsValue::from_str(script));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

/// Says Ready late (so the first request must wait in the bridge), then answers each
/// request (UTF-8 JSON in a transferred buffer) with Started and an empty report naming
/// the inputs (as strings, which the bridge reads too).
const ECHO_WORKER: &str = r#"
setTimeout(() => postMessage(JSON.stringify({type: "ready"})), 100);
onmessage = (e) => {
  if (!(e.data instanceof Uint8Array)) throw new Error("the request is not bytes");
  const req = JSON.parse(new TextDecoder().decode(e.data));
  postMessage(JSON.stringify({type: "started", seq: req.seq, documents: req.inputs.length, bytes: 0}));
  const documents = req.inputs.map((i) => ({id: i.id, title: null, outlet: i.outlet, published: null, length: i.content.length}));
  const report = {version: 1, documents, entities: [], claims: [], clusters: [], disagreements: []};
  postMessage(JSON.stringify({type: "done", seq: req.seq, report, texts: req.inputs.map((i) => ({id: i.id, text: i.content}))}));
};
"#;

async fn wait_for(events: &Rc<RefCell<Vec<String>>>, count: usize) {
    for _ in 0..100 {
        if events.borrow().len() >= count {
            return;
        }
        gloo_timers::future::sleep(Duration::from_millis(20)).await;
    }
}

fn recorder() -> (Rc<RefCell<Vec<String>>>, Rc<dyn Fn(WorkerEvent)>) {
    let events = Rc::new(RefCell::new(Vec::new()));
    let sink = events.clone();
    let on_event: Rc<dyn Fn(WorkerEvent)> = Rc::new(move |event| {
        let line = match event {
            WorkerEvent::Response(Response::Started { seq, documents, .. }) => {
                format!("started {seq} {documents}")
            }
            WorkerEvent::Response(Response::Done { seq, report, texts }) => format!(
                "done {seq} {} {}",
                report.documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>().join(","),
                texts.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join("|")
            ),
            WorkerEvent::Response(other) => format!("{other:?}"),
            WorkerEvent::Crashed(message) => format!("crashed {message}"),
        };
        sink.borrow_mut().push(line);
    });
    (events, on_event)
}

#[wasm_bindgen_test]
async fn a_request_sent_before_ready_waits_and_only_the_latest_is_kept() {
    let (events, on_event) = recorder();
    let worker = AnalysisWorker::spawn(&worker_url(ECHO_WORKER), on_event).unwrap();
    let input = |id: &str, text: &str| Input::new(id, text, crosscheck::Format::Text);
    worker.send(&Request { seq: 1, inputs: vec![input("stale", "old")] });
    worker.send(&Request { seq: 2, inputs: vec![input("a", "Kyiv «ça» 😀"), input("b", "two")] });
    wait_for(&events, 2).await;
    assert_eq!(*events.borrow(), ["started 2 2", "done 2 a,b Kyiv «ça» 😀|two"]);
    worker.send(&Request { seq: 3, inputs: vec![input("c", "now ready")] });
    wait_for(&events, 4).await;
    assert_eq!(events.borrow()[3], "done 3 c now ready");
}

#[wasm_bindgen_test]
async fn a_worker_that_throws_or_fails_to_load_reports_a_crash() {
    let (events, on_event) = recorder();
    let script =
        r#"postMessage(JSON.stringify({type: "ready"})); onmessage = () => { throw new Error("trap"); };"#;
    let worker = AnalysisWorker::spawn(&worker_url(script), on_event).unwrap();
    worker.send(&Request { seq: 7, inputs: vec![] });
    wait_for(&events, 1).await;
    assert!(
        events.borrow()[0].starts_with("crashed") && events.borrow()[0].contains("trap"),
        "{:?}",
        events.borrow()
    );

    let (events, on_event) = recorder();
    let _missing = AnalysisWorker::spawn("./no-such-worker.js", on_event).unwrap();
    wait_for(&events, 1).await;
    assert!(events.borrow()[0].starts_with("crashed"), "{:?}", events.borrow());
}

#[wasm_bindgen_test]
async fn a_dropped_worker_is_terminated_and_says_nothing_more() {
    let (events, on_event) = recorder();
    let script = r#"postMessage(JSON.stringify({type: "ready"}));
        onmessage = (e) => setTimeout(() => postMessage(JSON.stringify({type: "failed", seq: 1, message: "late"})), 150);"#;
    let worker = AnalysisWorker::spawn(&worker_url(script), on_event).unwrap();
    gloo_timers::future::sleep(Duration::from_millis(100)).await;
    worker.send(&Request { seq: 1, inputs: vec![] });
    drop(worker);
    gloo_timers::future::sleep(Duration::from_millis(400)).await;
    assert!(events.borrow().is_empty(), "{:?}", events.borrow());
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn storage_round_trips_and_keeps_a_damaged_save_aside() {
    let store = local_storage();
    store.clear().unwrap();
    let mut ws = Workspace::default();
    ws.add(vec![NewSource::file("istanbul.md", "İstanbul görüşmeleri 🕊")], &Limits::default());
    ws.rename("istanbul", "Hürriyet");
    storage::save(&ws).unwrap();
    assert_eq!(storage::load(&Limits::default()), (ws.clone(), None));

    let damaged = encode(&ws).replace("\"sources\":[", "\"sources\":[{\"id\":7},");
    store.set_item(storage::KEY, &damaged).unwrap();
    let (restored, problem) = storage::load(&Limits::default());
    assert_eq!(restored, ws);
    assert!(problem.unwrap().contains("could not be read"));
    assert_eq!(store.get_item(storage::DAMAGED_KEY).unwrap().as_deref(), Some(damaged.as_str()));

    store.set_item(storage::KEY, "{not json").unwrap();
    let (restored, problem) = storage::load(&Limits::default());
    assert!(restored.sources.is_empty() && problem.unwrap().contains("damaged"));

    storage::save(&Workspace::default()).unwrap();
    assert_eq!(store.get_item(storage::KEY).unwrap(), None);
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn download_offers_a_blob_without_error() {
    dom::download("report.json", "application/json", "{\"ok\": true}").unwrap();
    assert!(!dom::scroll_into_view("no-such-element"));
}

/// The whole app, mounted in the test page: the example loads, the worker (absent
/// here) fails to start, and the page says so instead of breaking.
#[wasm_bindgen_test]
async fn the_app_survives_a_worker_that_cannot_load() {
    local_storage().clear().unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<crosscheck::web::components::App>::with_root(root.clone()).render();
    gloo_timers::future::sleep(Duration::from_millis(50)).await;
    let button: web_sys::HtmlElement =
        wasm_bindgen::JsCast::dyn_into(document.get_element_by_id("load-example").unwrap()).unwrap();
    button.click();
    for _ in 0..100 {
        if document.get_element_by_id("rerun").is_some() {
            break;
        }
        gloo_timers::future::sleep(Duration::from_millis(30)).await;
    }
    let text = root.text_content().unwrap();
    assert!(text.contains("5 article(s)"), "{text}");
    assert!(text.contains("The analysis stopped"), "{text}");
    assert!(document.get_element_by_id("rerun").is_some(), "a retry button");
    local_storage().clear().unwrap();
}
