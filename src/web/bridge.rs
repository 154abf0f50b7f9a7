//! The page side of the analysis worker: spawns `worker-boot.js` as a dedicated worker,
//! sends it requests once it says it is ready, and terminates it on cancel or drop.
//!
//! Requests sent before the worker is ready wait in the bridge (only the latest one:
//! an older request is stale by definition). A crash inside the worker (a trap, a
//! failed load) arrives as [`WorkerEvent::Crashed`]; the caller then spawns a new one.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::protocol::{Request, Response};

/// The worker's loader script, relative to the page (works under any sub-path).
pub const WORKER_URL: &str = "./worker-boot.js";

#[derive(Debug)]
pub enum WorkerEvent {
    Response(Response),
    Crashed(String),
}

#[derive(Default)]
struct Shared {
    ready: bool,
    pending: Option<Vec<u8>>,
}

pub struct AnalysisWorker {
    worker: web_sys::Worker,
    shared: Rc<RefCell<Shared>>,
    _onmessage: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl AnalysisWorker {
    /// Starts a worker from `url`; every message it sends goes to `on_event`.
    pub fn spawn(url: &str, on_event: Rc<dyn Fn(WorkerEvent)>) -> Result<AnalysisWorker, String> {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Classic);
        let worker = web_sys::Worker::new_with_options(url, &options)
            .map_err(|e| format!("could not start the analysis worker: {}", describe(&e)))?;
        let shared = Rc::new(RefCell::new(Shared::default()));

        let onmessage = {
            let (shared, worker, on_event) = (shared.clone(), worker.clone(), on_event.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let json = message_bytes(&event.data());
                match Response::from_json(&json) {
                    Ok(Response::Ready) => {
                        let pending = {
                            let mut shared = shared.borrow_mut();
                            shared.ready = true;
                            shared.pending.take()
                        };
                        if let Some(message) = pending {
                            let (message, transfer) = bytes_message(&message);
                            let _ = worker.post_message_with_transfer(&message, &transfer);
                        }
                    }
                    Ok(response) => on_event(WorkerEvent::Response(response)),
                    Err(message) => on_event(WorkerEvent::Crashed(message)),
                }
            })
        };
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));

        let onerror = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            event.prevent_default();
            let message = event.message();
            let message =
                if message.is_empty() { "the analysis worker failed to load".to_string() } else { message };
            on_event(WorkerEvent::Crashed(message));
        });
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));

        Ok(AnalysisWorker { worker, shared, _onmessage: onmessage, _onerror: onerror })
    }

    /// Sends a request now, or when the worker is ready (replacing any waiting one).
    pub fn send(&self, request: &Request) {
        let json = request.to_json();
        let mut shared = self.shared.borrow_mut();
        if shared.ready {
            drop(shared);
            let (message, transfer) = bytes_message(&json);
            let _ = self.worker.post_message_with_transfer(&message, &transfer);
        } else {
            shared.pending = Some(json);
        }
    }
}

impl Drop for AnalysisWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// A message's bytes, in a new buffer, and the list that transfers that buffer (so the
/// receiver gets it without a copy).
pub fn bytes_message(bytes: &[u8]) -> (js_sys::Uint8Array, js_sys::Array) {
    let array = js_sys::Uint8Array::new_with_length(bytes.len() as u32);
    array.copy_from(bytes);
    let transfer = js_sys::Array::of1(&array.buffer());
    (array, transfer)
}

/// The bytes of a message's data: a byte array as sent by [`bytes_message`], or a string
/// (as UTF-8); nothing for anything else.
pub fn message_bytes(data: &JsValue) -> Vec<u8> {
    if let Some(array) = data.dyn_ref::<js_sys::Uint8Array>() {
        return array.to_vec();
    }
    data.as_string().map(String::into_bytes).unwrap_or_default()
}

/// A readable message for a thrown JS value.
pub fn describe(error: &JsValue) -> String {
    if let Some(e) = error.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}
