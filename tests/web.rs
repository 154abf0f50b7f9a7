//! In headless Chromium (wasm-bindgen-test-runner + chromedriver, `scripts/test-web.sh`):
//! the worker bridge round trip and the DOM helpers.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn download_builds_a_blob_link() {
    crosscheck::web::dom::download("x.json", "application/json", "{\"a\":1}").unwrap();
}
