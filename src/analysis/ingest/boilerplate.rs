//! Boilerplate: finds photo captions and site chrome in an article's text and returns
//! them as excluded ranges (sorted, non-overlapping). The text is never changed.
//!
//! Mostly line by line, with the cues of `src/data/boilerplate.txt`:
//!
//! - a **caption** line holds a photo credit ("(AP Photo/...)", "Credit: ...", "(Getty)")
//!   or starts like one ("FILE –", "Photo: ...");
//! - a **chrome** line is a known chrome line ("Advertisement", "Share", "Follow us on"),
//!   starts with a chrome phrase ("Subscribe to ...", "Read more ..."), is a short line
//!   with a chrome phrase ("All rights reserved"), a copyright line, a line of symbols only,
//!   or navigation (a breadcrumb, or several short items separated by `|`, `»`, `•`);
//! - a **related-stories heading** ("You May Also Like", "Related Posts") is chrome with
//!   the teaser lines that follow it: headlines without final punctuation, snippets cut
//!   with "…", until the first line that reads like article text;
//! - inside a line, a parenthesised "(Read more ...)" / "(Also read ...)" is chrome.
//!
//! It does not look at layout (there is none in pasted text), and its cues are English.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;

use super::super::segment::lines;
use super::super::text::{Excluded, Exclusion, Format, Span};

/// The cues of `src/data/boilerplate.txt`, by kind.
#[derive(Default)]
struct Cues {
    lines: HashSet<String>,
    headings: HashSet<String>,
    /// `prefix` cues by their first word.
    prefixes: HashMap<String, Vec<String>>,
    contains: Vec<String>,
    captions: Vec<String>,
    caption_prefixes: Vec<String>,
    caption_suffixes: Vec<String>,
    /// The most words in a `line` cue: a longer line never equals one.
    line_words: usize,
    /// The most words in a `prefix` cue: the normal form of a long line is kept to this many.
    prefix_words: usize,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut cues = Cues::default();
    for line in include_str!("../../data/boilerplate.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((kind, phrase)) = line.split_once('|') else { continue };
        let phrase = phrase.trim().to_string();
        let words = phrase.split(' ').count();
        match kind.trim() {
            "line" => {
                cues.line_words = cues.line_words.max(words);
                cues.lines.insert(phrase);
            }
            "heading" => {
                cues.headings.insert(phrase);
            }
            "prefix" => {
                cues.prefix_words = cues.prefix_words.max(words);
                let first = phrase.split(' ').next().unwrap_or_default().to_string();
                cues.prefixes.entry(first).or_default().push(phrase);
            }
            "contains" => cues.contains.push(phrase),
            "caption" => cues.captions.push(phrase),
            "caption-prefix" => cues.caption_prefixes.push(phrase),
            "caption-suffix" => cues.caption_suffixes.push(phrase),
            _ => {}
        }
    }
    cues
});

/// The `caption` cues, searched in one pass (ASCII case-insensitive).
static CAPTION_CONTAINS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(false)
        .build(&CUES.captions)
        .expect("valid caption cues")
});

/// `contains` cues and copyright marks only count in lines this short: a long line that
/// mentions a newsletter is article text.
const MAX_CONTAINS_WORDS: usize = 15;

/// Lines with more words than this are article text or captions, never chrome.
const MAX_CHROME_WORDS: usize = 60;

static INLINE_CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:(?:read more|also read|read also|see also|watch(?: the)? video|click here)\b|related(?: stories| articles| posts| coverage)?\s*:)[^()\n]{0,200}\)")
        .expect("valid regex")
});

static MARKDOWN_IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^!\[[^\]]*\]\([^)]*\)\s*$").expect("valid regex"));

static MARKDOWN_LINK_DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[[^\]]+\]:\s*\S+").expect("valid regex"));

/// A line with its normalised form: the whole line's when it has at most
/// [`whole_normal_words`] words, else only its first [`Cues::prefix_words`] words (enough
/// for the prefix cues; [`full_normal`] gives the rest when a rule needs it). Left empty
/// for lines too long to be chrome.
struct Line<'a> {
    span: Span,
    raw: &'a str,
    normal: String,
    /// `normal` holds only the first words of the line.
    truncated: bool,
    /// The alphanumeric runs of the line; `MAX_CHROME_WORDS + 1` for every line with more
    /// whitespace-separated words than that (never chrome: its exact length does not matter).
    words: usize,
}

/// Lines with at most this many words keep their whole normal form: every rule that
/// compares a whole line (line cues, `contains` cues) applies only to lines this short.
fn whole_normal_words() -> usize {
    MAX_CONTAINS_WORDS.max(CUES.line_words)
}

/// The whole normal form of a line.
fn full_normal<'l>(line: &'l Line) -> Cow<'l, str> {
    if line.truncated {
        Cow::Owned(normalize(line.raw))
    } else {
        Cow::Borrowed(&line.normal)
    }
}

/// The number of whitespace-separated words of `s` and of its alphanumeric runs (the
/// words of [`normalize`]`(s)`), in one pass; `None` as soon as there are more than
/// `max_spaced` whitespace-separated words (the rest of a long line is not read).
fn word_counts(s: &str, max_spaced: usize) -> Option<(usize, usize)> {
    if s.is_ascii() {
        return ascii_word_counts(s.as_bytes(), max_spaced);
    }
    const SPACE: u8 = 1;
    const ALPHANUMERIC: u8 = 2;
    /// The kind of each ASCII byte.
    const ASCII_KINDS: [u8; 128] = {
        let mut kinds = [0u8; 128];
        let mut b = 0;
        while b < 128 {
            let byte = b as u8;
            kinds[b] = if byte == b' ' || (byte >= b'\t' && byte <= b'\r') {
                SPACE
            } else if byte.is_ascii_alphanumeric() {
                ALPHANUMERIC
            } else {
                0
            };
            b += 1;
        }
        kinds
    };
    let bytes = s.as_bytes();
    let (mut spaced, mut runs) = (0, 0);
    // The kind of the character before: at the start, as after a space.
    let mut previous = SPACE;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let kind = if b < 0x80 {
            i += 1;
            ASCII_KINDS[usize::from(b)]
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            u8::from(c.is_whitespace()) * SPACE | u8::from(c.is_alphanumeric()) * ALPHANUMERIC
        };
        spaced += usize::from(!kind & previous & SPACE);
        runs += usize::from((kind & !previous & ALPHANUMERIC) >> 1);
        previous = kind;
        if spaced > max_spaced {
            return None;
        }
    }
    Some((spaced, runs))
}

/// [`word_counts`] of ASCII text, in blocks of a loop the compiler can vectorise.
fn ascii_word_counts(bytes: &[u8], max_spaced: usize) -> Option<(usize, usize)> {
    const BLOCK: usize = 64;
    let space = |b: u8| b == b' ' || b.wrapping_sub(b'\t') < 5;
    let alphanumeric = |b: u8| (b | 0x20).wrapping_sub(b'a') < 26 || b.wrapping_sub(b'0') < 10;
    let Some(&first) = bytes.first() else { return Some((0, 0)) };
    let mut spaced = usize::from(!space(first));
    let mut runs = usize::from(alphanumeric(first));
    // The pairs of neighbouring bytes, a block at a time.
    let mut start = 1;
    while start < bytes.len() {
        let end = (start + BLOCK).min(bytes.len());
        for pair in bytes[start - 1..end].windows(2) {
            spaced += usize::from(space(pair[0]) & !space(pair[1]));
            runs += usize::from(!alphanumeric(pair[0]) & alphanumeric(pair[1]));
        }
        if spaced > max_spaced {
            return None;
        }
        start = end;
    }
    Some((spaced, runs))
}

/// [`normalize`] of the first `max_words` alphanumeric runs of `s`.
fn normalize_first_words(s: &str, max_words: usize) -> String {
    let mut end = s.len();
    let mut runs = 0;
    let mut in_run = false;
    for (i, c) in s.char_indices() {
        let alphanumeric = c.is_alphanumeric();
        if alphanumeric && !in_run {
            if runs == max_words {
                end = i;
                break;
            }
            runs += 1;
        }
        in_run = alphanumeric;
    }
    normalize(&s[..end])
}

/// Lowercase, every non-alphanumeric run turned into one space, trimmed.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    if s.is_ascii() {
        // Byte scan: for ASCII, `is_alphanumeric` and `to_lowercase` are their ASCII forms.
        let mut bytes = Vec::with_capacity(s.len());
        for &b in s.as_bytes() {
            if b.is_ascii_alphanumeric() {
                if space && !bytes.is_empty() {
                    bytes.push(b' ');
                }
                space = false;
                bytes.push(b.to_ascii_lowercase());
            } else {
                space = true;
            }
        }
        return String::from_utf8(bytes).unwrap_or_default();
    }
    for c in s.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

fn starts_with_phrase(normal: &str, phrase: &str) -> bool {
    normal.starts_with(phrase) && normal[phrase.len()..].chars().next().is_none_or(|c| c == ' ')
}

fn contains_phrase(normal: &str, phrase: &str) -> bool {
    normal.match_indices(phrase).any(|(i, _)| {
        let before_ok = normal[..i].chars().next_back().is_none_or(|c| c == ' ');
        let after_ok = normal[i + phrase.len()..].chars().next().is_none_or(|c| c == ' ');
        before_ok && after_ok
    })
}

/// The excluded ranges of `text`: sorted, non-overlapping.
pub fn find(text: &str, format: Format) -> Vec<Excluded> {
    let whole_limit = whole_normal_words();
    let lines: Vec<Line> = lines(text)
        .into_iter()
        .map(|span| {
            let raw = &text[span.range()];
            let (normal, truncated, words) = match word_counts(raw, MAX_CHROME_WORDS) {
                None => (String::new(), false, MAX_CHROME_WORDS + 1),
                Some((_, runs)) if runs <= whole_limit => (normalize(raw), false, runs),
                Some((_, runs)) => (normalize_first_words(raw, CUES.prefix_words.max(2)), true, runs),
            };
            Line { span, raw, normal, truncated, words }
        })
        .collect();
    let mut out: Vec<Excluded> = Vec::new();
    let mut in_related_block = false;
    for (index, line) in lines.iter().enumerate() {
        let kind = if in_related_block && is_teaser(line) {
            Some(Exclusion::Chrome)
        } else {
            in_related_block = false;
            if line.words <= 8 && CUES.headings.contains(&line.normal) {
                in_related_block = true;
                Some(Exclusion::Chrome)
            } else {
                classify(line, &lines, index, format)
            }
        };
        match kind {
            Some(kind) => out.push(Excluded { span: line.span, kind }),
            None if line.raw.contains('(') => {
                for m in INLINE_CHROME.find_iter(line.raw) {
                    let span = Span::new(m.start(), m.end()).shift(line.span.start);
                    out.push(Excluded { span, kind: Exclusion::Chrome });
                }
            }
            None => {}
        }
    }
    out
}

/// A teaser line in a related-stories block: a headline, a cut snippet, a date or a
/// reading-time line.
fn is_teaser(line: &Line) -> bool {
    let raw = line.raw.trim_end();
    let cut = raw.ends_with('…') || raw.ends_with("...");
    let headline = line.words <= 20 && !raw.ends_with(['.', '!', '?', ':', ';']);
    cut || headline || line.words <= 3
}

fn classify(line: &Line, lines: &[Line], index: usize, format: Format) -> Option<Exclusion> {
    if format == Format::Markdown {
        if MARKDOWN_IMAGE.is_match(line.raw) {
            return Some(Exclusion::Caption);
        }
        if MARKDOWN_LINK_DEFINITION.is_match(line.raw) {
            return Some(Exclusion::Chrome);
        }
    }
    let cues = &*CUES;
    if CAPTION_CONTAINS.is_match(line.raw)
        || cues.caption_prefixes.iter().any(|c| starts_with_ignore_case(line.raw, c))
        || cues.caption_suffixes.iter().any(|c| ends_with_ignore_case(line.raw, c))
    {
        return Some(Exclusion::Caption);
    }
    if line.words > MAX_CHROME_WORDS {
        return None;
    }
    if line.normal.is_empty() {
        // Symbols only: separators, "×" close buttons, bullets. Markdown rules are kept.
        return (!(format == Format::Markdown && line.raw.starts_with("---"))).then_some(Exclusion::Chrome);
    }
    let short = line.words <= MAX_CONTAINS_WORDS;
    if (!line.truncated && cues.lines.contains(&line.normal))
        || cues
            .prefixes
            .get(line.normal.split(' ').next().unwrap_or_default())
            .is_some_and(|cues| cues.iter().any(|c| starts_with_phrase(&line.normal, c)))
        || (short && cues.contains.iter().any(|c| contains_phrase(&line.normal, c)))
        || (short && is_copyright(line.raw))
        || is_navigation(line, lines, index)
    {
        return Some(Exclusion::Chrome);
    }
    None
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len() && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

fn is_copyright(raw: &str) -> bool {
    let t = raw.trim_start();
    t.starts_with('©') || t.contains(" © ") || starts_with_ignore_case(t, "(c) ")
}

/// Navigation: several short items separated by `|`, `»`, `›`, `•` or `>`, or a
/// breadcrumb starting with "Home" that ends with another line of the text (the title).
fn is_navigation(line: &Line, lines: &[Line], index: usize) -> bool {
    const SEPARATORS: [char; 5] = ['|', '»', '›', '•', '>'];
    // Three items need two separators: look for them with a byte scan first (`|`, `>`,
    // and the lead bytes of the others).
    let bytes = line.raw.as_bytes();
    let (mut separators, mut from) = (0, 0);
    while let Some(k) = bytes[from..].iter().position(|&b| matches!(b, b'|' | b'>' | 0xC2 | 0xE2)) {
        let c = line.raw[from + k..].chars().next().unwrap_or_default();
        from += k + c.len_utf8();
        separators += usize::from(SEPARATORS.contains(&c));
        if separators == 2 {
            break;
        }
    }
    if separators == 2 && line.raw.split(SEPARATORS).all(|item| item.split_whitespace().nth(4).is_none()) {
        return true;
    }
    if line.normal.starts_with("home ") && line.words <= 30 {
        let normal = full_normal(line);
        let nearby = lines.iter().skip(index + 1).take(3);
        return nearby.into_iter().any(|other| {
            // A line with more words than this one cannot end it.
            if other.words > line.words {
                return false;
            }
            let other = full_normal(other);
            other.len() >= 10 && other.len() < normal.len() && normal.ends_with(other.as_ref())
        });
    }
    false
}
