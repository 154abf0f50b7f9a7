//! The messages between the page and the analysis worker, sent as UTF-8 JSON in a
//! transferred buffer (the report has untagged and optional fields that binary codecs
//! cannot round-trip; bytes, unlike a string, cross between the threads without a copy
//! and without converting a report of megabytes to and from UTF-16 on each side).
//!
//! The worker says [`Response::Ready`] once its wasm is initialised; the page sends a
//! [`Request`] and gets [`Response::Started`] then [`Response::Done`] (or `Failed`) with
//! the same `seq`. Cancelling is not a message: the page terminates the worker.

use serde::{Deserialize, Serialize};

use crate::analysis::{Input, Report};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub seq: u32,
    pub inputs: Vec<Input>,
}

/// A document's analysed text: the input itself for text and Markdown, the reduced
/// article text for HTML. Report spans index this text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocText {
    pub id: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    Ready,
    Started { seq: u32, documents: usize, bytes: usize },
    Done { seq: u32, report: Report, texts: Vec<DocText> },
    Failed { seq: u32, message: String },
}

impl Request {
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn from_json(json: &[u8]) -> Result<Request, String> {
        serde_json::from_slice(json).map_err(|e| format!("bad request: {e}"))
    }
}

impl Response {
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn from_json(json: &[u8]) -> Result<Response, String> {
        serde_json::from_slice(json).map_err(|e| format!("bad response from the worker: {e}"))
    }
}
