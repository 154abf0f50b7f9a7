// The analysis worker: loads the core (worker.js + worker_bg.wasm, built by Trunk from
// src/bin/worker.rs) and starts answering the page's requests.
importScripts('./worker.js');
wasm_bindgen({ module_or_path: './worker_bg.wasm' }).then(() => wasm_bindgen.serve_analysis());
