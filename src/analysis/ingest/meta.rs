//! Document metadata: title, outlet, byline and publication date, from the HTML head
//! when there is one, else from what the text shows in its first and last lines.
//!
//! - **Title**: the HTML headline (`<h1>`, `og:title`, `<title>` without its " | Site"
//!   tail), a Markdown `#` heading, or the first line of the text when it is short and has
//!   no sentence-final punctuation (boilerplate lines skipped).
//! - **Byline**: "By Jane Doe" (also "Written by", "Reported by"), or the HTML author.
//! - **Outlet**: `og:site_name`, "Published by X", the outlet after a byline ("By Jane
//!   Doe, Reuters"), a dateline credit ("LONDON (Reuters) -"), a line that is only a known
//!   outlet or agency name (`src/data/news_outlets.txt`), a copyright line ("© 2024 X"),
//!   "Subscribe to X ..." or "X Bureau:" in a dateline.
//! - **Published**: `article:published_time`, `<time datetime>` or JSON-LD
//!   `datePublished`; else a short "Published: 3rd June 2023", "Updated June 3, 2023" or
//!   date-only line near the top or bottom. Relative dates are not resolved here (the
//!   time stage does that).
//!
//! Found values carry the span they were read from when it is in the text.

use std::collections::HashMap;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::{Captures, Regex};

use super::super::segment::{next_line_break, previous_line_break, trim};
use super::super::text::{DocMeta, Excluded, Exclusion, Format, Found, Span};
use super::boilerplate::normalize;
use super::html::Head;

/// How many lines at the top and bottom of the text are searched for metadata.
const TOP_LINES: usize = 10;
const BOTTOM_LINES: usize = 6;

/// Month names and abbreviations (lowercase) to month numbers.
static MONTHS: LazyLock<HashMap<&'static str, i8>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in include_str!("../../data/months.txt").lines().filter(|l| !l.starts_with('#')) {
        let mut words = line.split_whitespace();
        let Some(number) = words.next().and_then(|n| n.parse::<i8>().ok()) else { continue };
        for name in words {
            map.insert(name, number);
        }
    }
    map
});

/// Known outlets: normalised name or alias -> the name to report.
static OUTLETS: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in include_str!("../../data/news_outlets.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, alias) = match line.split_once('=') {
            Some((name, alias)) => (name.trim(), alias.trim()),
            None => (line, line),
        };
        map.insert(normalize(name), name);
        map.insert(normalize(alias), name);
    }
    map
});

/// The most words in a normalised outlet name: a longer text is no outlet name.
static OUTLET_WORDS: LazyLock<usize> =
    LazyLock::new(|| OUTLETS.keys().map(|k| k.split(' ').count()).max().unwrap_or(0));

/// The outlet `s` names, if it is a known outlet name or alias (any case and punctuation).
fn known_outlet(s: &str) -> Option<&'static str> {
    if has_more_words(s, *OUTLET_WORDS) {
        return None;
    }
    OUTLETS.get(&normalize(s)).copied()
}

/// True when `s` has more than `limit` alphanumeric runs (the words of [`normalize`]).
fn has_more_words(s: &str, limit: usize) -> bool {
    let mut runs = 0;
    let mut in_run = false;
    for c in s.chars() {
        let alphanumeric = c.is_alphanumeric();
        if alphanumeric && !in_run {
            runs += 1;
            if runs > limit {
                return true;
            }
        }
        in_run = alphanumeric;
    }
    false
}

const MONTH_PATTERN: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// Absolute dates: "3rd June 2023", "June 3, 2023", "Sept. 3 2023", "2023-06-03".
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"\b(?:(?P<d1>[0-3]?[0-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{m})\.?,?\s+(?P<y1>(?:19|20)[0-9]{{2}})\b|(?P<m2>{m})\.?\s+(?P<d2>[0-3]?[0-9])(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)[0-9]{{2}})\b|(?P<y3>(?:19|20)[0-9]{{2}})[-/](?P<m3>[01][0-9])[-/](?P<d3>[0-3][0-9])(?:T|\b))",
        m = MONTH_PATTERN
    );
    Regex::new(&pattern).expect("valid regex")
});

/// A line pattern with a cheap test that every line it matches passes: most lines never
/// reach the regex engine (and a pattern no line needs is never compiled).
struct LinePattern {
    regex: LazyLock<Regex>,
    may_match: fn(&str) -> bool,
}

impl LinePattern {
    fn captures<'h>(&self, line: &'h str) -> Option<Captures<'h>> {
        if (self.may_match)(line) {
            self.regex.captures(line)
        } else {
            None
        }
    }

    fn is_match(&self, line: &str) -> bool {
        (self.may_match)(line) && self.regex.is_match(line)
    }

    fn find<'h>(&self, line: &'h str) -> Option<regex::Match<'h>> {
        if (self.may_match)(line) {
            self.regex.find(line)
        } else {
            None
        }
    }
}

/// True when `line` starts with one of `chars`.
fn starts_with_one_of(line: &str, chars: &[char]) -> bool {
    line.starts_with(chars)
}

/// True when `line` contains "d by" (ASCII letters in any case): a search for its `y`.
fn contains_d_by(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr2_iter(b'y', b'Y', bytes)
        .any(|k| k >= 3 && bytes[k - 1] | 0x20 == b'b' && bytes[k - 2] == b' ' && bytes[k - 3] | 0x20 == b'd')
}

// The first letters below include `ſ`, which `(?i)s` matches.
static BYLINE: LinePattern = LinePattern {
    regex: LazyLock::new(|| {
        Regex::new(r"^(?i:by|written by|reported by|words by|story by)\s*:?\s+(?P<name>[^,|/–—\n]{2,80}?)\s*(?:[,|/–—]\s*(?P<rest>.{2,80}))?$")
            .expect("valid regex")
    }),
    may_match: |line| starts_with_one_of(line, &['b', 'B', 'w', 'W', 'r', 'R', 's', 'S', 'ſ']),
};

static PUBLISHED_BY: LinePattern = LinePattern {
    regex: LazyLock::new(|| {
        Regex::new(r"(?i)\bpublished by\s+(?P<name>[^,.|\n]{2,60})").expect("valid regex")
    }),
    may_match: contains_d_by,
};

static DATELINE_CREDIT: LinePattern = LinePattern {
    regex: LazyLock::new(|| {
        Regex::new(r"^[\p{Lu}][^()\n]{1,60}?\((?P<name>[^()]{2,40})\)\s*[-–—:]").expect("valid regex")
    }),
    may_match: |line| {
        line.chars().next().is_some_and(char::is_uppercase) && line.contains('(') && line.contains(')')
    },
};

/// "Source:", "Via:" before an outlet name on its own line.
static SOURCE_LABEL: LinePattern = LinePattern {
    regex: LazyLock::new(|| Regex::new(r"^\W*(?i:source|sources|via|courtesy)\s*:\s*").expect("valid regex")),
    may_match: |line| line.contains(':'),
};

static BUREAU: LinePattern = LinePattern {
    regex: LazyLock::new(|| {
        Regex::new(r"^[^,:\n]{2,40},\s*(?P<name>[\p{L}0-9 .&-]{1,40}\s(?:Bureau|Desk|News Desk|Staff))\s*:")
            .expect("valid regex")
    }),
    may_match: |line| line.contains(',') && line.contains(':'),
};

static SUBSCRIBE: LinePattern = LinePattern {
    regex: LazyLock::new(|| {
        Regex::new(r"(?i)^subscribe to\s+(?:the\s+)?(?P<name>.{2,40}?)\s+(?:telegram|newsletter|channel|on|for|youtube|whatsapp|app|daily)\b")
            .expect("valid regex")
    }),
    may_match: |line| starts_with_one_of(line, &['s', 'S', 'ſ']),
};

static COPYRIGHT: LinePattern = LinePattern {
    regex: LazyLock::new(|| {
        Regex::new(r"(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)[0-9]{2}(?:\s*[-–]\s*(?:19|20)?[0-9]{2,4})?)?\s*[,.•|-]?\s*(?P<name>[^.|•\n]*?)\s*(?:[.|•]|all rights reserved|$)")
            .expect("valid regex")
    }),
    may_match: |line| starts_with_one_of(line, &['©', '(', 'c', 'C']),
};

static DATE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?P<cue>first published|published on|published|posted on|posted|last updated|updated on|updated|date)\b").expect("valid regex")
});

/// Detects the metadata of a document.
pub fn detect(text: &str, format: Format, excluded: &[Excluded], head: &Head) -> DocMeta {
    let chrome = |span: Span| excluded.iter().any(|e| e.kind == Exclusion::Chrome && e.span.contains(span));
    let (top, bottom) = edge_lines(text);
    let edges: Vec<Span> = top.iter().chain(bottom.iter()).copied().collect();

    let mut meta = DocMeta::default();
    let mut title_site: Option<Found<String>> = None;
    meta.title = head
        .headline
        .as_deref()
        .or(head.title.as_deref())
        .map(|t| found_in(text, &clean_title(t, head.site_name.as_deref())))
        .or_else(|| {
            let mut title = text_title(text, format, &top, &chrome)?;
            let line = title.span?;
            if let Some((headline, site)) = site_tail(&text[line.range()], None, true) {
                let site_start = line.start + (site.as_ptr() as usize - text[line.range()].as_ptr() as usize);
                let value = known_outlet(site).unwrap_or(site).to_string();
                title_site =
                    Some(Found { value, span: Some(Span::new(site_start, site_start + site.len())) });
                title = Found {
                    value: headline.to_string(),
                    span: Some(Span::new(line.start, line.start + headline.len())),
                };
            }
            Some(title)
        });

    let mut byline_rest = None;
    for &line in &top {
        if let Some(c) = BYLINE.captures(&text[line.range()]) {
            let name = c.name("name").expect("group name");
            if name.as_str().split_whitespace().count() <= 8 {
                let span = Span::new(name.start(), name.end()).shift(line.start);
                meta.byline = Some(Found { value: name.as_str().trim().to_string(), span: Some(span) });
                byline_rest = c.name("rest").map(|r| (r.as_str().trim().to_string(), r.start() + line.start));
                break;
            }
        }
    }
    if meta.byline.is_none() {
        meta.byline = head.author.as_deref().map(|a| found_in(text, a));
    }

    meta.outlet = head
        .site_name
        .as_deref()
        .map(|s| found_in(text, s))
        .or_else(|| outlet_from_text(text, &edges, byline_rest, meta.byline.as_ref()))
        .or(title_site);
    meta.published = head.published.as_deref().and_then(parse_date).map(|d| Found { value: d, span: None });
    if meta.published.is_none() {
        meta.published = published_from_text(text, &edges);
    }
    meta
}

/// The first `TOP_LINES` and last `BOTTOM_LINES` non-blank lines, without reading the
/// middle of the text.
fn edge_lines(text: &str) -> (Vec<Span>, Vec<Span>) {
    let mut top = Vec::new();
    let mut start = 0;
    while top.len() < TOP_LINES && start < text.len() {
        let (end, next) =
            next_line_break(text, start).map_or((text.len(), text.len()), |(i, len)| (i, i + len));
        let line = trim(text, Span::new(start, end));
        if !line.is_empty() {
            top.push(line);
        }
        start = next;
    }
    let mut bottom = Vec::new();
    let mut end = text.len();
    while bottom.len() < BOTTOM_LINES && end > 0 {
        let line_break = previous_line_break(text, end);
        let start = line_break.map_or(0, |(i, len)| i + len);
        let line = trim(text, Span::new(start, end));
        if !line.is_empty() {
            bottom.push(line);
        }
        let Some((i, _)) = line_break else { break };
        end = i;
    }
    bottom.reverse();
    bottom.retain(|line| top.last().is_none_or(|last| line.start > last.start));
    (top, bottom)
}

/// `<title>` text without a " | Site" or " - Site" tail.
fn clean_title(title: &str, site: Option<&str>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    match site_tail(&title, site, false) {
        Some((head, _)) => head.to_string(),
        None => title,
    }
}

/// Splits "Headline | Site" into the headline and the site. Strict (for a title line of
/// plain text): only a known outlet or a short tail after " | " counts as a site.
fn site_tail<'a>(title: &'a str, site: Option<&str>, strict: bool) -> Option<(&'a str, &'a str)> {
    for separator in [" | ", " - ", " – ", " — ", " :: "] {
        let Some((head, tail)) = title.rsplit_once(separator) else { continue };
        let (head, tail) = (head.trim_end(), tail.trim());
        let words = |s: &str| s.split_whitespace().count();
        let tail_is_site = site.is_some_and(|s| normalize(s) == normalize(tail))
            || known_outlet(tail).is_some()
            || (separator == " | " && words(tail) <= 5 && words(head) >= 2)
            || (!strict && words(tail) <= 3 && words(head) >= 4);
        if tail_is_site && !head.is_empty() && !tail.is_empty() {
            return Some((head, tail));
        }
    }
    None
}

/// A value with the span of its first occurrence in the text, if any.
fn found_in(text: &str, value: &str) -> Found<String> {
    let value = value.trim().to_string();
    let span =
        (!value.is_empty()).then(|| text.find(&value)).flatten().map(|i| Span::new(i, i + value.len()));
    Found { value, span }
}

fn text_title(
    text: &str,
    format: Format,
    top: &[Span],
    chrome: &dyn Fn(Span) -> bool,
) -> Option<Found<String>> {
    if format == Format::Markdown {
        for &line in top {
            let raw = &text[line.range()];
            let hashes = raw.len() - raw.trim_start_matches('#').len();
            if (1..=2).contains(&hashes) && raw[hashes..].starts_with(' ') {
                let start = line.start + hashes + (raw[hashes..].len() - raw[hashes..].trim_start().len());
                let end = line.start + raw.trim_end_matches(['#', ' ']).len();
                if start < end {
                    let span = Span::new(start, end);
                    return Some(Found { value: text[span.range()].to_string(), span: Some(span) });
                }
            }
        }
    }
    // Skip chrome and a one-word section label ("WORLD", "Sport") above the headline.
    let mut candidates = top.iter().copied().filter(|&l| !chrome(l));
    let mut line = candidates.next()?;
    if text[line.range()].split_whitespace().count() == 1 {
        line = candidates.next()?;
    }
    let raw = &text[line.range()];
    let words = raw.split_whitespace().count();
    let is_title = (2..=25).contains(&words)
        && raw.len() <= 250
        && !raw.ends_with(['.', '!', '?', ',', ';', ':', '…'])
        && !raw.starts_with(['-', '*', '•', '"', '“', '(', '['])
        && !BYLINE.is_match(raw)
        && !DATE_CUE.is_match(raw)
        && top.len() > 1;
    is_title.then(|| Found { value: raw.to_string(), span: Some(line) })
}

fn outlet_from_text(
    text: &str,
    edges: &[Span],
    byline_rest: Option<(String, usize)>,
    byline: Option<&Found<String>>,
) -> Option<Found<String>> {
    for &line in edges {
        if let Some(c) = PUBLISHED_BY.captures(&text[line.range()]) {
            let name = c.name("name").expect("group name");
            return Some(found_at(name.as_str(), line.start + name.start()));
        }
    }
    // "By Jane Doe, Reuters", or a byline that is an outlet itself ("By AFP").
    if let Some((rest, start)) = byline_rest {
        if let Some(name) = known_outlet(&rest) {
            return Some(Found { value: name.to_string(), span: Some(Span::new(start, start + rest.len())) });
        }
    }
    if let Some(byline) = byline {
        if let Some(name) = known_outlet(&byline.value) {
            return Some(Found { value: name.to_string(), span: byline.span });
        }
    }
    for &line in edges {
        let raw = &text[line.range()];
        if let Some(c) = DATELINE_CREDIT.captures(raw) {
            let name = c.name("name").expect("group name");
            if let Some(known) = known_outlet(name.as_str()) {
                let span = Span::new(name.start(), name.end()).shift(line.start);
                return Some(Found { value: known.to_string(), span: Some(span) });
            }
        }
        let unlabelled = SOURCE_LABEL.find(raw).map_or(raw, |m| &raw[m.end()..]);
        let stripped = unlabelled.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some(known) = known_outlet(stripped) {
            let start =
                line.start + (raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len());
            return Some(Found {
                value: known.to_string(),
                span: Some(Span::new(start, start + stripped.len())),
            });
        }
    }
    let patterns: [&LinePattern; 3] = [&COPYRIGHT, &SUBSCRIBE, &BUREAU];
    for pattern in patterns {
        for &line in edges {
            if let Some(name) = pattern.captures(&text[line.range()]).and_then(|c| c.name("name")) {
                let value = name.as_str().trim();
                if value.chars().any(char::is_alphabetic) && value.split_whitespace().count() <= 6 {
                    return Some(found_at(value, line.start + name.start()));
                }
            }
        }
    }
    None
}

fn found_at(value: &str, start: usize) -> Found<String> {
    let trimmed = value.trim_end();
    Found { value: trimmed.to_string(), span: Some(Span::new(start, start + trimmed.len())) }
}

/// The publication date shown near the top or bottom: a line with a "Published" cue
/// first, then a date-only line, then an "Updated" line.
fn published_from_text(text: &str, edges: &[Span]) -> Option<Found<Date>> {
    let mut best: Option<(u8, Found<Date>)> = None;
    for &line in edges {
        let raw = &text[line.range()];
        if raw.split_whitespace().nth(14).is_some() {
            continue;
        }
        // Every date has a digit.
        if !raw.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(m) = DATE.find(raw) else { continue };
        let Some(date) = parse_date(m.as_str()) else { continue };
        let rank = match DATE_CUE.captures(raw).and_then(|c| c.name("cue")).map(|c| c.as_str().to_lowercase())
        {
            Some(cue) if cue.contains("updated") => 2,
            Some(_) => 0,
            None => {
                // A date-only line (with a time, a weekday or a place): the dateline.
                let rest = normalize(&format!("{}{}", &raw[..m.start()], &raw[m.end()..]));
                if rest.split(' ').filter(|w| !w.is_empty()).count() <= 5 {
                    1
                } else {
                    continue;
                }
            }
        };
        let found = Found { value: date, span: Some(Span::new(m.start(), m.end()).shift(line.start)) };
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, found));
        }
    }
    best.map(|(_, f)| f)
}

/// Parses one absolute date ("3rd June 2023", "June 3, 2023", "2023-06-03T10:00Z").
pub fn parse_date(s: &str) -> Option<Date> {
    let c = DATE.captures(s)?;
    let number = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
    let month = |name: &str| {
        let m = c.name(name)?.as_str().to_lowercase();
        MONTHS.get(m.as_str()).copied()
    };
    let (year, month, day) = if let Some(y) = number("y1") {
        (y, month("m1")?, number("d1")?)
    } else if let Some(y) = number("y2") {
        (y, month("m2")?, number("d2")?)
    } else {
        (number("y3")?, number("m3")? as i8, number("d3")?)
    };
    Date::new(year, month, i8::try_from(day).ok()?).ok()
}
