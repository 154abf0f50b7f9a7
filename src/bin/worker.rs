//! The analysis worker (Trunk builds it with `data-type="worker"`, a no-modules script
//! `worker.js` + `worker_bg.wasm`). Loading it does nothing by itself: `worker-boot.js`
//! calls `serve_analysis()` to answer the page's requests, and any page or worker can
//! call `analyze(documents)`, the JS API (`docs/js-api.md`).

use wasm_bindgen::prelude::*;

fn main() {}

/// Starts answering analysis requests (call once, in a dedicated worker).
#[wasm_bindgen]
pub fn serve_analysis() -> Result<(), JsValue> {
    console_error_panic_hook::set_once();
    crosscheck::web::js_api::serve()
}

/// `analyze(documents) -> report`: documents is an array of `{id, content, format?,
/// outlet?}` (format: "text", "markdown" or "html"); the report is the JSON contract.
#[wasm_bindgen]
pub fn analyze(documents: JsValue) -> Result<JsValue, JsError> {
    crosscheck::web::js_api::analyze_js(documents)
}
