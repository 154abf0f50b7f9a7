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

/// The `contains` cues, searched together in a line's normal form (every occurrence, so
/// that one not on word boundaries hides no other).
static CONTAINS_CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(&CUES.contains)
        .expect("valid contains cues")
});

/// `contains` cues and copyright marks only count in lines this short: a long line that
/// mentions a newsletter is article text.
const MAX_CONTAINS_WORDS: usize = 15;

/// Lines with more words than this are article text or captions, never chrome.
const MAX_CHROME_WORDS: usize = 60;

/// Lines with more words than this are article text, never a caption as a whole (text
/// pasted without line breaks puts a whole article on one line): only the parenthesised
/// credits in them ("(AP Photo/...)") are captions.
const MAX_CAPTION_WORDS: usize = 120;

/// How far from a credit cue its parentheses may be, in bytes.
const MAX_CREDIT_BYTES: usize = 200;

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
/// `max_spaced` whitespace-separated words (the rest of a long line is not read). ASCII
/// is read eight bytes at a time ([`AsciiClasses`]), other characters one by one.
pub(super) fn word_counts(s: &str, max_spaced: usize) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let (mut spaced, mut runs) = (0, 0);
    // The character before: at the start, as after a space.
    let (mut previous_space, mut previous_alphanumeric) = (true, false);
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))) {
            if chunk & AsciiClasses::HIGHS == 0 {
                let classes = AsciiClasses::of(chunk);
                spaced += classes.word_starts(previous_space);
                runs += classes.run_starts(previous_alphanumeric);
                (previous_space, previous_alphanumeric) = classes.last();
                i += 8;
                if spaced > max_spaced {
                    return None;
                }
                continue;
            }
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        let (space, alphanumeric) = (c.is_whitespace(), c.is_alphanumeric());
        spaced += usize::from(previous_space && !space);
        runs += usize::from(!previous_alphanumeric && alphanumeric);
        (previous_space, previous_alphanumeric) = (space, alphanumeric);
        if spaced > max_spaced {
            return None;
        }
    }
    Some((spaced, runs))
}

/// The spaces and ASCII alphanumerics among eight ASCII bytes (SWAR: the high bit of
/// each byte of `space` and `alphanumeric` says whether that byte is one).
struct AsciiClasses {
    space: u64,
    alphanumeric: u64,
}

impl AsciiClasses {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;

    /// Classes of eight ASCII bytes (little-endian: the first byte is the lowest).
    fn of(x: u64) -> AsciiClasses {
        // The high bit of each byte whose value lies in `low..=high` (no byte is above 0x7F,
        // so no sum carries into the next byte).
        let within = |x: u64, low: u8, high: u8| {
            x.wrapping_add(Self::ONES * u64::from(0x80 - low))
                & !x.wrapping_add(Self::ONES * u64::from(0x7F - high))
                & Self::HIGHS
        };
        AsciiClasses {
            space: within(x, b'\t', b'\r') | within(x, b' ', b' '),
            alphanumeric: within(x, b'0', b'9') | within(x | (Self::ONES * 0x20), b'a', b'z'),
        }
    }

    /// The bytes of `bits` that follow a byte of `bits` (`before`: the byte before the first).
    fn after(bits: u64, before: bool) -> u64 {
        bits << 8 | u64::from(before) << 7
    }

    /// How many bytes are no space but follow one.
    fn word_starts(&self, previous_space: bool) -> usize {
        Self::count(!self.space & Self::after(self.space, previous_space) & Self::HIGHS)
    }

    /// How many bytes are alphanumeric and follow no alphanumeric.
    fn run_starts(&self, previous_alphanumeric: bool) -> usize {
        Self::count(self.alphanumeric & !Self::after(self.alphanumeric, previous_alphanumeric) & Self::HIGHS)
    }

    /// How many high bits `bits` (high bits only) has: a multiply sums them into the top
    /// byte (no `popcnt` instruction is assumed).
    fn count(bits: u64) -> usize {
        ((bits >> 7).wrapping_mul(Self::ONES) >> 56) as usize
    }

    /// Whether the last byte is a space, and whether it is alphanumeric.
    fn last(&self) -> (bool, bool) {
        (self.space >> 63 != 0, self.alphanumeric >> 63 != 0)
    }
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

/// True when a normalised line holds one of the `contains` cues as whole words.
fn contains_cue(normal: &str) -> bool {
    let bytes = normal.as_bytes();
    CONTAINS_CUES.find_overlapping_iter(normal).any(|m| {
        let before_ok = m.start() == 0 || bytes[m.start() - 1] == b' ';
        let after_ok = m.end() == bytes.len() || bytes[m.end()] == b' ';
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
                let mut inline: Vec<Excluded> = INLINE_CHROME
                    .find_iter(line.raw)
                    .map(|m| Excluded { span: Span::new(m.start(), m.end()), kind: Exclusion::Chrome })
                    .chain(credits(line.raw).map(|span| Excluded { span, kind: Exclusion::Caption }))
                    .collect();
                inline.sort_by_key(|e| (e.span.start, e.span.end));
                let mut end = 0;
                for e in inline {
                    if e.span.start >= end {
                        end = e.span.end;
                        out.push(Excluded { span: e.span.shift(line.span.start), kind: e.kind });
                    }
                }
            }
            None => {}
        }
    }
    out
}

/// The parenthesised credits of a line that is not a caption as a whole ("(AP Photo/Jane
/// Roe)", "(Getty Images)"): a caption cue with the parentheses around it, each within
/// [`MAX_CREDIT_BYTES`] of the cue and none other between.
fn credits(raw: &str) -> impl Iterator<Item = Span> + '_ {
    CAPTION_CONTAINS.find_iter(raw).filter_map(move |m| {
        let before = &raw.as_bytes()[m.start().saturating_sub(MAX_CREDIT_BYTES)..=m.start()];
        let open = m.start() + 1 - before.len() + memchr::memrchr2(b'(', b')', before)?;
        // From inside the cue, whose only parentheses are its first and last characters.
        let after = &raw.as_bytes()[m.start() + 1..(m.end() + MAX_CREDIT_BYTES).min(raw.len())];
        let close = m.start() + 1 + memchr::memchr2(b'(', b')', after)?;
        (raw.as_bytes()[open] == b'(' && raw.as_bytes()[close] == b')').then(|| Span::new(open, close + 1))
    })
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
    if (CAPTION_CONTAINS.is_match(line.raw)
        || cues.caption_prefixes.iter().any(|c| starts_with_ignore_case(line.raw, c))
        || cues.caption_suffixes.iter().any(|c| ends_with_ignore_case(line.raw, c)))
        && word_counts(line.raw, MAX_CAPTION_WORDS).is_some()
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
        || (short && contains_cue(&line.normal))
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
    // Three items need two separators: look for them by their last bytes (`|`, `>`, and
    // the last bytes of `»` C2 BB, `›` E2 80 BA and `•` E2 80 A2).
    let bytes = line.raw.as_bytes();
    let is_separator_at = |k: usize| match bytes[k] {
        b'|' | b'>' => true,
        0xBB => k >= 1 && bytes[k - 1] == 0xC2,
        0xBA | 0xA2 => k >= 2 && bytes[k - 2..k] == [0xE2, 0x80],
        _ => false,
    };
    let separators = memchr::memchr3_iter(b'|', b'>', 0xBB, bytes)
        .chain(memchr::memchr2_iter(0xBA, 0xA2, bytes))
        .filter(|&k| is_separator_at(k))
        .take(2)
        .count();
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
