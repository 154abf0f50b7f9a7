//! Crosscheck compares how several outlets report one news event.
//!
//! Give it the articles; it returns a [`Report`]: the named entities merged across
//! articles, the claims and who makes them, which outlets report which claim, and where
//! the outlets disagree, every finding pointing at exact byte spans of the texts.
//!
//! ```
//! use crosscheck::{analyze, Format, Input, Options};
//!
//! let inputs = [
//!     Input::new("a", "Officials said 12 people were hurt on Monday.", Format::Text),
//!     Input::new("b", "Officials said 15 people were hurt on Monday.", Format::Text),
//! ];
//! let report = analyze(&inputs, &Options::default());
//! assert_eq!(report.documents.len(), 2);
//! ```
//!
//! # Where things are
//!
//! - [`analysis`]: the core, a pure library (no I/O, no clock, no web crate). Its module
//!   doc has the pipeline table.
//! - `web` (feature `web`): the Yew app, the worker bridge and the JS API.
//! - [`decode`]: file bytes to text (BOMs, UTF-16, invalid UTF-8, binary refused), shared
//!   by the CLI and the web page.
//! - `src/bin/crosscheck.rs` (feature `cli`): the command-line shell; `allocator`, its
//!   allocator settings.
//!
//! # Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `cli` | yes | the `crosscheck` binary (clap, anyhow, serde_json) |
//! | `web` | no | the browser app, its worker and the JS API (yew, wasm-bindgen, web-sys, gloo) |
//!
//! `cargo build --lib --no-default-features` builds the core alone, natively or for
//! `wasm32-unknown-unknown`.

#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
pub mod allocator;
pub mod analysis;
pub mod decode;
pub mod render;

pub use analysis::{analyze, run, Analysis, Doc, Format, Input, Options, Report, Span};

#[cfg(feature = "web")]
pub mod web;
