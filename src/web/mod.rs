//! The browser shells (feature `web`): the Yew app, the worker that runs the core, and
//! the JS API.
//!
//! The page's own wasm (`src/bin/app.rs`) links only the report types and the modules
//! here that render them; the analysis core runs in a Web Worker (`src/bin/worker.rs`),
//! which also exports the JS API (`analyze(documents)`, see `docs/js-api.md`).
//!
//! | module | what it holds | web APIs |
//! |---|---|---|
//! | [`state`] | the workspace (sources, limits), the app state and its reducer; the analysis shown, with the view models derived from it cached | none |
//! | [`highlight`] | splitting a text into marked segments; evidence context | none |
//! | [`diff`] | the word-level diff of two quote wordings | none |
//! | [`view_model`] | report look-ups the views share (outlet names, coverage cells, timeline, mention counts); the windows of long lists and wide tables; the reader's article filter | none |
//! | [`export`] | JSON, CSV and Markdown exports of a report | none |
//! | [`protocol`] | the messages between the page and the worker | none |
//! | [`js_api`] | the worker side: requests in, report and texts out; the JS API | wasm-bindgen |
//! | [`bridge`] | the page side of the worker: spawn, send, terminate | `Worker` |
//! | [`storage`] | saving and restoring the workspace in `localStorage` | `Storage` |
//! | [`dom`] | downloads, file reading, scrolling | `Blob`, `File`, `Url` |
//! | [`components`] | the Yew components | Yew |
//!
//! User text is only ever rendered as Yew text nodes, never as markup.

pub mod bridge;
pub mod components;
pub mod diff;
pub mod dom;
pub mod export;
pub mod highlight;
pub mod js_api;
pub mod protocol;
pub mod state;
pub mod storage;
pub mod view_model;
