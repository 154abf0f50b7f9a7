//! HTML reduction: the article's text out of a web page, with a WHATWG tokenizer
//! (html5gum). Scripts are never run: the tokenizer only reads them to skip them.
//!
//! - Left out with their content: `script`, `style`, `nav`, `header` and `footer` (outside
//!   the article), `aside`, `form`, `noscript`, `template`, `svg`, `iframe`, `button`,
//!   `select`, hidden elements (`hidden`, `aria-hidden="true"`, `display:none`), and
//!   elements whose class or id names chrome (`src/data/html_chrome.txt`: "related",
//!   "share", "newsletter", ...). Attributes (event handlers included) never reach the text.
//! - When the page has an `<article>` (else a `<main>`) with enough text, only its text is
//!   kept.
//! - Block elements (`p`, `div`, `h1`-`h6`, `li`, `blockquote`, `br`, `tr`, ...) end a
//!   paragraph: paragraphs are separated by a blank line. Inside a paragraph, runs of
//!   whitespace become one space (`pre` keeps its line breaks). Character references are
//!   decoded by the tokenizer.
//! - `<figcaption>` paragraphs are returned as caption spans.
//! - The head gives title, `og:site_name`, `og:title`, author and publication time
//!   (`article:published_time` and similar metas, `<time datetime>`, JSON-LD
//!   `datePublished`).
//!
//! Not done: CSS layout, readability scoring of `div` soups without `article`/`main`
//! (their boilerplate is left to the line cues of `boilerplate`), tables as tables.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use html5gum::{DefaultEmitter, HtmlString, Token, Tokenizer};
use regex::Regex;

use super::super::text::{Diagnostic, Span};

/// What the page's head (and a few body elements) say about the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Head {
    /// `<title>`.
    pub title: Option<String>,
    /// The article's headline: the first `<h1>` of the article, else `og:title`.
    pub headline: Option<String>,
    pub site_name: Option<String>,
    pub author: Option<String>,
    /// The raw publication timestamp (`2023-06-03T10:00:00Z`, ...).
    pub published: Option<String>,
}

/// The reduced page.
#[derive(Clone, Debug, Default)]
pub struct Reduced {
    pub text: String,
    pub head: Head,
    /// Spans of `text` that came from `<figcaption>`.
    pub captions: Vec<Span>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Elements dropped with everything inside them.
const SKIPPED: &[&str] = &[
    "script", "style", "nav", "aside", "form", "noscript", "template", "svg", "math", "iframe", "object",
    "button", "select", "textarea", "dialog", "canvas", "video", "audio", "map",
];

/// Elements dropped unless they are inside the article.
const PAGE_CHROME: &[&str] = &["header", "footer"];

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "br",
    "hr",
    "tr",
    "table",
    "thead",
    "tbody",
    "figure",
    "figcaption",
    "address",
    "details",
    "summary",
    "header",
    "footer",
    "body",
    "html",
    "center",
    "caption",
    "fieldset",
    "legend",
];

/// Inline elements whose neighbours are separate words (table cells, list-like inlines).
const SPACED: &[&str] = &["td", "th", "img", "label", "option"];

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];

/// Minimum text of an `<article>`/`<main>` for it to replace the whole page.
const MIN_ARTICLE_BYTES: usize = 200;

static CHROME_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/html_chrome.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

static JSON_LD_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""datePublished"\s*:\s*"(?P<date>[^"]{4,40})""#).expect("valid regex"));

const PUBLISHED_METAS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
];

fn string(s: &HtmlString) -> String {
    String::from_utf8_lossy(s).into_owned()
}

fn is_chrome_name(value: &str) -> bool {
    value.split_whitespace().any(|token| {
        let token = token.to_ascii_lowercase();
        CHROME_NAMES.iter().any(|name| {
            token == *name
                || (name.len() > 3
                    && token.strip_prefix(name).is_some_and(|rest| rest.starts_with(['-', '_'])))
        })
    })
}

fn is_hidden(attributes: &BTreeMap<HtmlString, HtmlString>) -> bool {
    let get = |name: &str| attributes.get(name.as_bytes()).map(string);
    if get("hidden").is_some() || get("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    let style = get("style").unwrap_or_default().to_ascii_lowercase().replace(' ', "");
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// One paragraph of the page, with where it was.
struct Block {
    text: String,
    in_article: bool,
    in_main: bool,
    caption: bool,
}

/// Collects text into paragraphs, collapsing whitespace.
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    current: String,
    pending_space: bool,
}

impl Builder {
    fn push_text(&mut self, s: &str, preformatted: bool) {
        for c in s.chars() {
            if preformatted && c == '\n' {
                self.current.push('\n');
                self.pending_space = false;
            } else if c.is_whitespace() || c.is_control() {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.current.is_empty() && !self.current.ends_with('\n') {
                    self.current.push(' ');
                }
                self.pending_space = false;
                self.current.push(c);
            }
        }
    }

    fn flush(&mut self, in_article: bool, in_main: bool, caption: bool) {
        let text = self.current.trim().to_string();
        self.current.clear();
        self.pending_space = false;
        if !text.is_empty() {
            self.blocks.push(Block { text, in_article, in_main, caption });
        }
    }
}

/// Reduces an HTML page to its article text.
pub fn reduce(html: &str) -> Reduced {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let tokenizer = Tokenizer::new_with_emitter(html, emitter);

    let mut head = Head::default();
    let mut builder = Builder::default();
    let mut stack: Vec<String> = Vec::new();
    let mut skip_from: Option<usize> = None;
    let mut article_from: Option<usize> = None;
    let mut main_from: Option<usize> = None;
    let mut caption_from: Option<usize> = None;
    let mut pre_depth = 0usize;
    let mut in_title = false;
    let mut title = String::new();
    let mut h1: Option<(String, bool)> = None;
    let mut h1_open = false;
    let mut h1_text = String::new();
    let mut json_ld = false;
    let mut errors = 0usize;
    let mut time_datetime: Option<String> = None;
    let mut og_title: Option<String> = None;
    let mut seen_article = false;
    let mut seen_main = false;

    for token in tokenizer {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = string(&tag.name).to_ascii_lowercase();
                let attr = |n: &str| tag.attributes.get(n.as_bytes()).map(string);
                match name.as_str() {
                    "meta" => read_meta(&mut head, &mut og_title, &attr),
                    "title" if !tag.self_closing => in_title = true,
                    "time" if time_datetime.is_none() && skip_from.is_none() => {
                        time_datetime = attr("datetime")
                    }
                    "script" => {
                        json_ld = attr("type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
                    }
                    _ => {}
                }
                if BLOCKS.contains(&name.as_str()) && skip_from.is_none() {
                    builder.flush(article_from.is_some(), main_from.is_some(), caption_from.is_some());
                }
                if SPACED.contains(&name.as_str()) {
                    builder.pending_space = true;
                }
                if VOID.contains(&name.as_str()) || tag.self_closing {
                    continue;
                }
                stack.push(name.clone());
                let depth = stack.len();
                if skip_from.is_none() {
                    let classes =
                        format!("{} {}", attr("class").unwrap_or_default(), attr("id").unwrap_or_default());
                    let skip = SKIPPED.contains(&name.as_str())
                        || (PAGE_CHROME.contains(&name.as_str()) && article_from.is_none())
                        || (!matches!(name.as_str(), "html" | "body" | "article" | "main")
                            && is_chrome_name(&classes))
                        || is_hidden(&tag.attributes);
                    if skip {
                        skip_from = Some(depth);
                    }
                }
                match name.as_str() {
                    "article" if article_from.is_none() && !seen_article => {
                        article_from = Some(depth);
                        seen_article = true;
                    }
                    "main" if main_from.is_none() && !seen_main => {
                        main_from = Some(depth);
                        seen_main = true;
                    }
                    "figcaption" if caption_from.is_none() => caption_from = Some(depth),
                    "pre" => pre_depth += 1,
                    // The first <h1>, or a later one inside the article when the first was not.
                    "h1" if !h1.as_ref().is_some_and(|(_, in_article)| *in_article)
                        && skip_from.is_none() =>
                    {
                        h1_open = true;
                        h1_text.clear();
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = string(&tag.name).to_ascii_lowercase();
                match name.as_str() {
                    "title" => in_title = false,
                    "script" => json_ld = false,
                    "h1" if h1_open => {
                        h1_open = false;
                        let text = h1_text.split_whitespace().collect::<Vec<_>>().join(" ");
                        let in_article = article_from.is_some() || main_from.is_some();
                        if !text.is_empty() && (h1.is_none() || in_article) {
                            h1 = Some((text, in_article));
                        }
                    }
                    _ => {}
                }
                if BLOCKS.contains(&name.as_str()) && skip_from.is_none() {
                    builder.flush(article_from.is_some(), main_from.is_some(), caption_from.is_some());
                }
                if SPACED.contains(&name.as_str()) {
                    builder.pending_space = true;
                }
                // Close up to the most recent open element of this name (ignore strays).
                if let Some(position) = stack.iter().rposition(|open| *open == name) {
                    for closed in stack.drain(position..) {
                        if closed == "pre" {
                            pre_depth = pre_depth.saturating_sub(1);
                        }
                    }
                    let depth = stack.len();
                    let closes = |from: &mut Option<usize>| {
                        if from.is_some_and(|d| d > depth) {
                            *from = None;
                        }
                    };
                    closes(&mut skip_from);
                    closes(&mut article_from);
                    closes(&mut main_from);
                    closes(&mut caption_from);
                }
            }
            Token::String(s) => {
                let s = string(&s);
                if in_title {
                    title.push_str(&s);
                } else if json_ld {
                    if head.published.is_none() {
                        head.published = JSON_LD_DATE.captures(&s).map(|c| c["date"].to_string());
                    }
                } else if skip_from.is_none() {
                    if h1_open {
                        h1_text.push_str(&s);
                    }
                    builder.push_text(&s, pre_depth > 0);
                }
            }
            Token::Error(_) => errors += 1,
            Token::Comment(_) | Token::Doctype(_) => {}
        }
    }
    builder.flush(article_from.is_some(), main_from.is_some(), caption_from.is_some());

    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    head.title = (!title.is_empty()).then_some(title);
    head.headline = h1.map(|(t, _)| t).or(og_title);
    if head.published.is_none() {
        head.published = time_datetime;
    }

    let mut diagnostics = Vec::new();
    if errors > 0 {
        diagnostics.push(Diagnostic {
            span: None,
            message: format!("the HTML had {errors} syntax error(s); the parser recovered from them"),
        });
    }
    let blocks = choose_blocks(builder.blocks);
    let (text, captions) = join(&blocks);
    if text.is_empty() && !html.trim().is_empty() {
        diagnostics.push(Diagnostic { span: None, message: "no article text found in the HTML".to_string() });
    }
    Reduced { text, head, captions, diagnostics }
}

fn read_meta(head: &mut Head, og_title: &mut Option<String>, attr: &dyn Fn(&str) -> Option<String>) {
    let key = attr("property").or_else(|| attr("name")).or_else(|| attr("itemprop")).unwrap_or_default();
    let key = key.to_ascii_lowercase();
    let Some(content) = attr("content").map(|c| c.trim().to_string()).filter(|c| !c.is_empty()) else {
        return;
    };
    match key.as_str() {
        "og:site_name" | "application-name" if head.site_name.is_none() => head.site_name = Some(content),
        "og:title" | "twitter:title" if og_title.is_none() => *og_title = Some(content),
        "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author"
            if head.author.is_none() && !content.starts_with("http") =>
        {
            let author =
                content.strip_prefix("By ").or_else(|| content.strip_prefix("by ")).unwrap_or(&content);
            head.author = Some(author.trim().to_string());
        }
        k if PUBLISHED_METAS.contains(&k) && head.published.is_none() => head.published = Some(content),
        _ => {}
    }
}

/// The blocks of the article when the page has one with enough text, else all blocks.
fn choose_blocks(blocks: Vec<Block>) -> Vec<Block> {
    let size = |keep: &dyn Fn(&Block) -> bool| {
        blocks.iter().filter(|b| keep(b)).map(|b| b.text.len()).sum::<usize>()
    };
    let keep: fn(&Block) -> bool = if size(&|b| b.in_article) >= MIN_ARTICLE_BYTES {
        |b| b.in_article
    } else if size(&|b| b.in_main) >= MIN_ARTICLE_BYTES {
        |b| b.in_main
    } else {
        |_| true
    };
    blocks.into_iter().filter(keep).collect()
}

/// Joins paragraphs with blank lines; returns the text and the caption spans.
fn join(blocks: &[Block]) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut captions = Vec::new();
    let mut seen = HashSet::new();
    for block in blocks {
        // Repeated short blocks (a share bar twice, a duplicated label) are kept once.
        if block.text.len() < 40 && !seen.insert(block.text.as_str()) {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&block.text);
        if block.caption {
            captions.push(Span::new(start, text.len()));
        }
    }
    (text, captions)
}
