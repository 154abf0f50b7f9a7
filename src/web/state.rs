//! The app's state: the workspace (the articles the user gave, with their outlet names),
//! the size limits, the analysis status, and the pure reducer that changes them.
//!
//! Nothing here touches the browser, so it is tested natively (`tests/web_state.rs`).
//! Adding over a limit adds what fits and reports the rest; it never drops what is
//! already in the workspace. The saved form ([`encode`] / [`decode`]) is versioned JSON;
//! decoding keeps every source it can read and says what it could not.

use std::cell::OnceCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::analysis::{Format, Input, Report};

use super::diff::Run;
use super::protocol::DocText;
use super::view_model::{self, CoverageRow, TimelineRow};

/// How much the workspace accepts. Chosen so the analysis stays interactive and the
/// saved workspace fits the browser's ~5 MB `localStorage` quota in common cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one document.
    pub document_bytes: usize,
    /// Bytes of all documents together.
    pub total_bytes: usize,
    /// Number of documents.
    pub documents: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { document_bytes: 1_000_000, total_bytes: 4_000_000, documents: 200 }
    }
}

/// One article in the workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The document id the report uses: the file name without its extension, or `doc-N`.
    pub id: String,
    /// Where it came from: the file name, or "pasted text".
    pub name: String,
    /// The outlet the user named, if any.
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub format: Format,
    pub content: String,
}

/// An article about to be added: a file (with its name) or pasted text (no name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSource {
    pub file_name: Option<String>,
    pub content: String,
}

impl NewSource {
    pub fn pasted(content: impl Into<String>) -> NewSource {
        NewSource { file_name: None, content: content.into() }
    }

    pub fn file(name: impl Into<String>, content: impl Into<String>) -> NewSource {
        NewSource { file_name: Some(name.into()), content: content.into() }
    }
}

/// The articles, in the order they were added.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub sources: Vec<Source>,
}

/// Files the page accepts (by extension; anything else is refused with a message).
pub fn accepted_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"].iter().any(|ext| lower.ends_with(ext))
}

fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rfind('.') {
        Some(dot) if dot > 0 => &base[..dot],
        _ => base,
    }
}

pub fn human_size(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else if bytes >= 1_000 {
        format!("{} KB", bytes / 1_000)
    } else {
        format!("{bytes} bytes")
    }
}

/// The message for an article over the per-article limit (also used before reading a
/// file, so a huge file is refused without being read).
pub fn too_large(label: &str, bytes: usize, limits: &Limits) -> String {
    format!(
        "{label} was not added: it is {}, over the limit of {} per article.",
        human_size(bytes),
        human_size(limits.document_bytes)
    )
}

/// Whether one more article fits a workspace of `count` articles and `bytes` bytes:
/// not empty, not over any limit.
fn admits(count: usize, bytes: usize, label: &str, content: &str, limits: &Limits) -> Result<(), String> {
    if content.trim().is_empty() {
        return Err(format!("{label} was not added: it is empty."));
    }
    if content.len() > limits.document_bytes {
        return Err(too_large(label, content.len(), limits));
    }
    if count >= limits.documents {
        return Err(format!(
            "{label} was not added: the workspace holds at most {} articles.",
            limits.documents
        ));
    }
    if bytes + content.len() > limits.total_bytes {
        return Err(format!(
            "{label} was not added: all articles together may not exceed {}.",
            human_size(limits.total_bytes)
        ));
    }
    Ok(())
}

impl Workspace {
    pub fn total_bytes(&self) -> usize {
        self.sources.iter().map(|s| s.content.len()).sum()
    }

    pub fn get(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    fn unique_id(&self, wanted: &str) -> String {
        let wanted = if wanted.trim().is_empty() { "doc" } else { wanted.trim() };
        if self.get(wanted).is_none() {
            return wanted.to_string();
        }
        (2..).map(|n| format!("{wanted}-{n}")).find(|id| self.get(id).is_none()).unwrap_or_default()
    }

    fn next_pasted_id(&self) -> String {
        (1..).map(|n| format!("doc-{n}")).find(|id| self.get(id).is_none()).unwrap_or_default()
    }

    /// Whether one more article fits: not empty, not over any limit.
    fn admits(&self, label: &str, content: &str, limits: &Limits) -> Result<(), String> {
        admits(self.sources.len(), self.total_bytes(), label, content, limits)
    }

    /// The messages [`Workspace::add`] would give for `items`, without adding them (and
    /// without copying the workspace).
    pub fn refusals(&self, items: &[NewSource], limits: &Limits) -> Vec<String> {
        let mut refused = Vec::new();
        let (mut count, mut bytes) = (self.sources.len(), self.total_bytes());
        for item in items {
            let label = item.file_name.clone().unwrap_or_else(|| "The pasted text".to_string());
            if item.file_name.as_deref().is_some_and(|n| !accepted_file(n)) {
                refused.push(format!("{} was not added: only .txt, .md and .html files are read.", label));
                continue;
            }
            match admits(count, bytes, &label, &item.content, limits) {
                Ok(()) => {
                    count += 1;
                    bytes += item.content.len();
                }
                Err(message) => refused.push(message),
            }
        }
        refused
    }

    /// Adds what fits within `limits`, in order; returns one message per refused item.
    pub fn add(&mut self, items: Vec<NewSource>, limits: &Limits) -> Vec<String> {
        let mut refused = Vec::new();
        for item in items {
            let label = item.file_name.clone().unwrap_or_else(|| "The pasted text".to_string());
            if let Some(name) = &item.file_name {
                if !accepted_file(name) {
                    refused.push(format!("{name} was not added: only .txt, .md and .html files are read."));
                    continue;
                }
            }
            if let Err(message) = self.admits(&label, &item.content, limits) {
                refused.push(message);
                continue;
            }
            let (id, name, format) = match &item.file_name {
                Some(name) => (self.unique_id(file_stem(name)), name.clone(), Format::from_file_name(name)),
                None => (self.next_pasted_id(), "pasted text".to_string(), Format::Text),
            };
            self.sources.push(Source { id, name, outlet: None, format, content: item.content });
        }
        refused
    }

    /// Names the outlet of a source (an empty name clears it).
    pub fn rename(&mut self, id: &str, outlet: &str) {
        if let Some(s) = self.sources.iter_mut().find(|s| s.id == id) {
            let outlet = outlet.trim();
            s.outlet = (!outlet.is_empty()).then(|| outlet.to_string());
        }
    }

    pub fn remove(&mut self, id: &str) {
        self.sources.retain(|s| s.id != id);
    }

    /// The inputs for the core.
    pub fn inputs(&self) -> Vec<Input> {
        self.sources
            .iter()
            .map(|s| Input {
                id: s.id.clone(),
                content: s.content.clone(),
                format: s.format,
                outlet: s.outlet.clone(),
            })
            .collect()
    }
}

const SAVE_VERSION: u32 = 1;

/// Messages about one batch shown one by one; past this they are counted.
pub const BATCH_MESSAGES: usize = 5;

#[derive(Serialize)]
struct Saved<'a> {
    version: u32,
    sources: &'a [Source],
}

/// The saved form of a workspace.
pub fn encode(workspace: &Workspace) -> String {
    serde_json::to_string(&Saved { version: SAVE_VERSION, sources: &workspace.sources }).unwrap_or_default()
}

/// Reads a saved workspace, keeping every source it can (and that fits `limits`).
/// Returns the workspace and what went wrong, if anything.
pub fn decode(saved: &str, limits: &Limits) -> (Workspace, Option<String>) {
    let value: serde_json::Value = match serde_json::from_str(saved) {
        Ok(v) => v,
        Err(e) => {
            return (
                Workspace::default(),
                Some(format!("The saved workspace is damaged ({e}); starting empty.")),
            )
        }
    };
    let Some(items) = value.get("sources").and_then(|s| s.as_array()) else {
        return (
            Workspace::default(),
            Some("The saved workspace has no articles list; starting empty.".into()),
        );
    };
    let mut workspace = Workspace::default();
    let mut unreadable = 0;
    let mut refused = Vec::new();
    for item in items {
        match serde_json::from_value::<Source>(item.clone()) {
            Ok(source) if !source.id.is_empty() && workspace.get(&source.id).is_none() => {
                match workspace.admits(&source.id, &source.content, limits) {
                    Ok(()) => workspace.sources.push(source),
                    Err(message) => refused.push(message),
                }
            }
            _ => unreadable += 1,
        }
    }
    let mut problems = Vec::new();
    if unreadable > 0 {
        problems.push(format!("{unreadable} saved article(s) could not be read and were skipped."));
    }
    problems.extend(refused);
    (workspace, (!problems.is_empty()).then(|| problems.join(" ")))
}

/// The views of a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Disagreements,
    Coverage,
    Entities,
    Reader,
    Timeline,
}

impl Tab {
    pub const ALL: [Tab; 5] = [Tab::Disagreements, Tab::Coverage, Tab::Entities, Tab::Reader, Tab::Timeline];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Disagreements => "Disagreements",
            Tab::Coverage => "Coverage",
            Tab::Entities => "Entities",
            Tab::Reader => "Reader",
            Tab::Timeline => "Timeline",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Tab::Disagreements => "disagreements",
            Tab::Coverage => "coverage",
            Tab::Entities => "entities",
            Tab::Reader => "reader",
            Tab::Timeline => "timeline",
        }
    }
}

/// A span of one document the reader should show and highlight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Focus {
    pub doc: String,
    pub start: usize,
    pub end: usize,
}

/// Where the analysis is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Status {
    /// Nothing to analyse, or up to date.
    #[default]
    Idle,
    /// Request `seq` is running in the worker.
    Running {
        seq: u32,
        documents: usize,
        bytes: usize,
    },
    /// The user cancelled; the report shown (if any) is out of date.
    Cancelled,
    Failed(String),
}

/// A message to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub id: u32,
    pub level: Level,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// The result of the last analysis: the report and the documents' texts (HTML input is
/// reduced by ingest, so spans index these, not the raw input); and the view models
/// derived from the report, each made once, when a view first asks for it, and kept
/// while the report is shown (views come and go as tabs change).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysed {
    pub report: Report,
    pub texts: Vec<DocText>,
    derived: Derived,
}

/// What the views derive from a report (a cache: it never changes what is equal).
#[derive(Clone, Debug, Default)]
struct Derived {
    coverage: OnceCell<Rc<Vec<CoverageRow>>>,
    timeline: OnceCell<Rc<Vec<TimelineRow>>>,
    mention_counts: OnceCell<Rc<Vec<Vec<usize>>>>,
    quote_diffs: OnceCell<Rc<Vec<Vec<Vec<Run>>>>>,
}

impl PartialEq for Derived {
    fn eq(&self, _: &Derived) -> bool {
        true
    }
}

impl Analysed {
    pub fn new(report: Report, texts: Vec<DocText>) -> Analysed {
        Analysed { report, texts, derived: Derived::default() }
    }

    pub fn text(&self, doc: &str) -> Option<&str> {
        self.texts.iter().find(|t| t.id == doc).map(|t| t.text.as_str())
    }

    /// [`view_model::coverage`] of the report, made once.
    pub fn coverage(&self) -> Rc<Vec<CoverageRow>> {
        self.derived.coverage.get_or_init(|| Rc::new(view_model::coverage(&self.report))).clone()
    }

    /// [`view_model::timeline`] of the report, made once.
    pub fn timeline(&self) -> Rc<Vec<TimelineRow>> {
        self.derived.timeline.get_or_init(|| Rc::new(view_model::timeline(&self.report))).clone()
    }

    /// [`view_model::quote_diffs`] of the report, made once.
    pub fn quote_diffs(&self) -> Rc<Vec<Vec<Vec<Run>>>> {
        self.derived.quote_diffs.get_or_init(|| Rc::new(view_model::quote_diffs(&self.report))).clone()
    }

    /// [`view_model::mention_counts`] of the report, made once.
    pub fn mention_counts(&self) -> Rc<Vec<Vec<usize>>> {
        self.derived.mention_counts.get_or_init(|| Rc::new(view_model::mention_counts(&self.report))).clone()
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    /// Shared so that actions which leave it alone do not copy the articles.
    pub workspace: Rc<Workspace>,
    /// Bumped on every change of the workspace (drives saving and re-analysis).
    pub revision: u32,
    /// The revision that storage holds already (the one restored from it).
    stored_revision: Option<u32>,
    pub limits: Limits,
    pub status: Status,
    pub analysed: Option<Rc<Analysed>>,
    /// The workspace revision the shown analysis was made from.
    pub analysed_revision: Option<u32>,
    pub tab: Tab,
    pub focus: Option<Focus>,
    /// The article the Reader shows, chosen there or by the last focus; kept while the
    /// user looks at other tabs.
    pub reader_doc: Option<String>,
    /// The disagreement card to bring into view (by report id).
    pub card: Option<String>,
    pub notices: Vec<Notice>,
    next_notice: u32,
}

pub enum Action {
    Add(Vec<NewSource>),
    Rename {
        id: String,
        outlet: String,
    },
    Remove(String),
    Clear,
    /// The workspace read from storage at start-up.
    Restore(Workspace),
    Started {
        seq: u32,
        documents: usize,
        bytes: usize,
    },
    Finished {
        seq: u32,
        revision: u32,
        analysed: Rc<Analysed>,
    },
    Failed {
        seq: u32,
        message: String,
    },
    Cancel,
    /// The worker died (a trap, or it failed to load).
    Crashed(String),
    SetTab(Tab),
    /// Show a span in the reader.
    Focus(Focus),
    /// Show an article in the reader (chosen in its list).
    ReadDoc(String),
    /// Show a disagreement's card.
    ShowCard(String),
    Notify(Level, String),
    /// Messages about one batch (of files): the first few shown, the rest counted.
    NotifyAll(Level, Vec<String>),
    Dismiss(u32),
}

impl AppState {
    pub fn with_limits(limits: Limits) -> AppState {
        AppState { limits, ..AppState::default() }
    }

    pub fn is_running(&self) -> bool {
        matches!(self.status, Status::Running { .. })
    }

    /// True when the shown report was made from the current workspace.
    pub fn is_current(&self) -> bool {
        self.analysed_revision == Some(self.revision)
    }

    /// True when the workspace has changed since it was restored from storage (saving the
    /// restored one would write it back over what the page read, damaged parts and all).
    pub fn needs_saving(&self) -> bool {
        self.revision > 0 && self.stored_revision != Some(self.revision)
    }

    fn notify(&mut self, level: Level, text: String) {
        self.next_notice += 1;
        self.notices.push(Notice { id: self.next_notice, level, text });
        if self.notices.len() > 6 {
            self.notices.remove(0);
        }
    }

    /// Shows the first [`BATCH_MESSAGES`] messages; the others are counted by reason
    /// (the text after "was not added:"), so ten thousand refused files make a few notices.
    fn notify_all(&mut self, level: Level, messages: Vec<String>) {
        let mut rest: Vec<(Option<String>, usize)> = Vec::new();
        for (i, message) in messages.into_iter().enumerate() {
            if i < BATCH_MESSAGES {
                self.notify(level, message);
                continue;
            }
            let reason = message.split_once(" was not added: ").map(|(_, r)| r.to_string());
            match rest.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, n)) => *n += 1,
                None => rest.push((reason, 1)),
            }
        }
        rest.sort_by_key(|b| std::cmp::Reverse(b.1));
        for (reason, n) in rest {
            let text = match reason {
                Some(reason) if n == 1 => format!("1 more file was not added: {reason}"),
                Some(reason) => format!("{n} more files were not added: {reason}"),
                None => format!("…and {n} more message(s) like these."),
            };
            self.notify(level, text);
        }
    }

    fn touched(&mut self) {
        self.revision = self.revision.wrapping_add(1);
        if self.workspace.sources.is_empty() {
            self.status = Status::Idle;
            self.analysed = None;
            self.analysed_revision = None;
            self.focus = None;
        }
    }

    /// The pure transition function (the Yew reducer calls it).
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Add(items) => {
                let before = self.workspace.sources.len();
                let limits = self.limits;
                let refused = Rc::make_mut(&mut self.workspace).add(items, &limits);
                self.notify_all(Level::Warning, refused);
                if self.workspace.sources.len() != before {
                    self.touched();
                }
            }
            Action::Rename { id, outlet } => {
                let before = self.workspace.get(&id).and_then(|s| s.outlet.clone());
                Rc::make_mut(&mut self.workspace).rename(&id, &outlet);
                if self.workspace.get(&id).and_then(|s| s.outlet.clone()) != before {
                    self.touched();
                }
            }
            Action::Remove(id) => {
                let before = self.workspace.sources.len();
                Rc::make_mut(&mut self.workspace).remove(&id);
                if self.workspace.sources.len() != before {
                    if self.focus.as_ref().is_some_and(|f| f.doc == id) {
                        self.focus = None;
                    }
                    self.touched();
                }
            }
            Action::Clear => {
                self.workspace = Rc::default();
                self.touched();
            }
            Action::Restore(workspace) => {
                self.workspace = Rc::new(workspace);
                self.touched();
                self.stored_revision = Some(self.revision);
            }
            Action::Started { seq, documents, bytes } => {
                self.status = Status::Running { seq, documents, bytes };
            }
            Action::Finished { seq, revision, analysed } => {
                if matches!(self.status, Status::Running { seq: s, .. } if s == seq) {
                    self.status = Status::Idle;
                }
                if !self.workspace.sources.is_empty() {
                    self.analysed = Some(analysed);
                    self.analysed_revision = Some(revision);
                }
            }
            Action::Failed { seq, message } => {
                if matches!(self.status, Status::Running { seq: s, .. } if s == seq) {
                    self.status = Status::Failed(message.clone());
                }
                self.notify(Level::Error, message);
            }
            Action::Crashed(message) => {
                let message = format!("The analysis stopped: {message}");
                if self.is_running() {
                    self.status = Status::Failed(message.clone());
                }
                self.notify(Level::Error, message);
            }
            Action::Cancel => {
                if self.is_running() {
                    self.status = Status::Cancelled;
                }
            }
            Action::SetTab(tab) => self.tab = tab,
            Action::Focus(focus) => {
                self.tab = Tab::Reader;
                self.reader_doc = Some(focus.doc.clone());
                self.focus = Some(focus);
            }
            Action::ReadDoc(doc) => self.reader_doc = Some(doc),
            Action::ShowCard(id) => {
                self.tab = Tab::Disagreements;
                self.card = Some(id);
            }
            Action::Notify(level, text) => self.notify(level, text),
            Action::NotifyAll(level, messages) => self.notify_all(level, messages),
            Action::Dismiss(id) => self.notices.retain(|n| n.id != id),
        }
    }
}

impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}
