//! Segmentation: paragraphs, sentences and word tokens, as byte spans of the document.
//!
//! - **Paragraphs.** News text pasted from the web uses a blank line or a single newline
//!   between paragraphs, so every non-blank line is a paragraph (`\n`, `\r\n`, `\r`,
//!   U+2028 and U+2029 all end a line). Exceptions: Markdown, and a hard-wrapped text
//!   (blank lines between blocks, most lines broken mid-sentence at a similar width), have
//!   one paragraph per blank-line-separated block, headings, list items, block quotes and
//!   table rows standing alone. Paragraph spans are trimmed of surrounding whitespace.
//! - **Sentences.** A rule-based splitter inside each paragraph, in one pass: a sentence
//!   ends at `.`, `!`, `?`, `…` (or a run of them) followed by closing quotes or brackets,
//!   then whitespace and a character that is not a lowercase letter. It does not end at an
//!   abbreviation from `src/data/abbreviations.txt` (titles never end one; "U.S." ends
//!   one only before a common sentence opener from `src/data/sentence_starters.txt`), at
//!   an initial ("J. R. R."), inside a number ("3.5") or before a lowercase word. CJK
//!   enders (`。！？`) end a sentence without a following space. A quotation that is
//!   followed by an attribution (`,” he said`, `” she added`) is kept whole even when it
//!   holds several sentences; quotes that do not close in the paragraph are ignored.
//!   Straight, curly, single curly (`‘…’`, told from apostrophes by the punctuation
//!   around the closing mark), guillemet and CJK corner quotation marks are paired.
//!   Leading list bullets and numbers and Markdown heading/quote markers are left out of
//!   sentences (and a list number out of the tokens).
//! - **Tokens.** Unicode word boundaries (UAX #29); spaces and punctuation left out.
//!
//! Site chrome (`Exclusion::Chrome` ranges from ingest) yields no sentences and no
//! tokens: later stages never see navigation or "Related Posts" blocks. Captions do get
//! sentences and tokens (they name people and places); the claims stage skips them.
//! Paragraphs cover every non-blank line, chrome included.
//!
//! Cost is linear in the text length (look-behind for abbreviations is capped).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use unicode_segmentation::UnicodeSegmentation;

use super::text::{Doc, Exclusion, Format, Sentence, Span};
use super::words::ascii_run_end;

/// How an abbreviation behaves before the next word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AbbreviationKind {
    /// Precedes a name: never ends a sentence.
    Title,
    /// A month: never ends a sentence before a number.
    Month,
    /// Ends a sentence only before a common sentence opener.
    Other,
}

static ABBREVIATIONS: LazyLock<HashMap<String, AbbreviationKind>> = LazyLock::new(|| {
    data_lines(include_str!("../data/abbreviations.txt"))
        .filter_map(|line| {
            let (abbr, kind) = line.rsplit_once(char::is_whitespace)?;
            let kind = match kind {
                "title" => AbbreviationKind::Title,
                "month" => AbbreviationKind::Month,
                _ => AbbreviationKind::Other,
            };
            Some((abbr.trim().to_lowercase(), kind))
        })
        .collect()
});

static SENTENCE_STARTERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../data/sentence_starters.txt")).collect());

/// The entries of a data file: trimmed, non-empty lines not starting with `#`.
fn data_lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Fills `paragraphs`, `sentences` and `tokens`. Reads `text` and `excluded`.
pub fn segment(doc: &mut Doc) {
    let text = doc.text.as_str();
    let paragraphs = paragraphs(text, doc.format);
    let chrome: Vec<Span> =
        doc.excluded.iter().filter(|e| e.kind == Exclusion::Chrome).map(|e| e.span).collect();
    // About one sentence per 100 bytes and one token per 6 (news prose): few reallocations.
    let mut sentences = Vec::with_capacity(text.len() / 100);
    let mut tokens = Vec::with_capacity(text.len() / 6);
    for (index, &paragraph) in paragraphs.iter().enumerate() {
        for piece in outside(paragraph, &chrome) {
            let piece = trim(text, piece);
            if piece.is_empty() {
                continue;
            }
            for span in sentences_in(text, piece) {
                sentences.push(Sentence { span, paragraph: index });
            }
            // A list number ("1) ") is left out of the sentences, and so of the tokens.
            let body = Span::new(piece.start + marker_len(&text[piece.range()]), piece.end);
            tokens.extend(words(&text[body.range()]).into_iter().map(|t| t.shift(body.start)));
        }
    }
    doc.paragraphs = paragraphs;
    doc.sentences = sentences;
    doc.tokens = tokens;
}

/// The word tokens of `s`: its UAX #29 words that hold a letter or a digit, trimmed of
/// whitespace (a combining mark after a space makes UAX #29 glue the space to the word),
/// as spans relative to `s`. Text made only of ASCII, Latin letters and common news
/// punctuation ([`word_class`]) is scanned here with the UAX #29 rules for those
/// characters; any other text goes through `unicode-segmentation`.
pub fn words(s: &str) -> Vec<Span> {
    if let Some(words) = simple_words(s) {
        return words;
    }
    s.unicode_word_indices()
        .map(|(i, w)| trim(s, Span::new(i, i + w.len())))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The UAX #29 word-break classes of the characters [`simple_words`] handles.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    /// ALetter.
    Letter,
    Numeric,
    ExtendNumLet,
    MidLetter,
    MidNum,
    /// MidNumLet or Single_Quote.
    MidNumLetQ,
    /// Breaks on both sides (spaces, line breaks, other punctuation).
    Other,
}

/// The word-break class of `c`, for the characters whose class is known here (`None` for
/// the others).
fn word_class(c: char) -> Option<WordClass> {
    use WordClass::*;
    Some(match c {
        'a'..='z' | 'A'..='Z' => Letter,
        '0'..='9' => Numeric,
        '_' => ExtendNumLet,
        ':' | '\u{B7}' => MidLetter,
        ',' | ';' => MidNum,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => MidNumLetQ,
        '\u{0}'..='\u{7F}' => Other,
        '\u{C0}'..='\u{24F}' if c != '\u{D7}' && c != '\u{F7}' => Letter,
        '\u{A0}' | '\u{A3}' | '\u{A9}' | '\u{AB}' | '\u{B0}' | '\u{BB}' | '\u{2013}' | '\u{2014}'
        | '\u{201C}' | '\u{201D}' | '\u{2022}' | '\u{2026}' | '\u{20AC}' | '\u{20B9}' => Other,
        _ => return None,
    })
}

/// The words of `s` when every character of it has a [`word_class`]: runs of letters,
/// digits and connector punctuation (WB5, WB8-WB10, WB13a-b), joined across one middle
/// mark between two letters (WB6-WB7: "don't", "U.S") or two digits (WB11-WB12:
/// "1,175", "2.5"). `None` as soon as a character has no known class.
pub(crate) fn simple_words(s: &str) -> Option<Vec<Span>> {
    use WordClass::*;
    let bytes = s.as_bytes();
    let class_at = |i: usize| -> Option<(WordClass, usize)> {
        match bytes.get(i) {
            Some(&b) if b < 0x80 => Some((word_class(char::from(b))?, 1)),
            Some(_) => {
                let c = s[i..].chars().next()?;
                Some((word_class(c)?, c.len_utf8()))
            }
            None => None,
        }
    };
    let mut out = Vec::with_capacity(s.len() / 6);
    // The current word: its start, the class of its last character, whether it has a
    // letter or a digit.
    let mut word: Option<(usize, WordClass, bool)> = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            // A space ends the current word.
            if let Some((start, _, true)) = word {
                out.push(Span::new(start, i));
            }
            word = None;
            i += 1;
            continue;
        }
        if bytes[i].is_ascii_alphanumeric() {
            // A run of ASCII letters and digits joins the current word or starts one.
            let end = ascii_run_end(bytes, i, true);
            let last = if bytes[end - 1].is_ascii_digit() { Numeric } else { Letter };
            let start = word.map_or(i, |(start, _, _)| start);
            word = Some((start, last, true));
            i = end;
            continue;
        }
        let (class, len) = class_at(i)?;
        let joins_word = matches!(class, Letter | Numeric | ExtendNumLet);
        if let Some((start, last, alphanumeric)) = word {
            if joins_word {
                word = Some((start, class, alphanumeric || class != ExtendNumLet));
                i += len;
                continue;
            }
            let bridge = match class {
                MidLetter | MidNum | MidNumLetQ if i + len < bytes.len() => {
                    let (next, next_len) = class_at(i + len)?;
                    let bridges = match class {
                        MidLetter => last == Letter && next == Letter,
                        MidNum => last == Numeric && next == Numeric,
                        _ => last == next && matches!(last, Letter | Numeric),
                    };
                    bridges.then_some((next, next_len))
                }
                _ => None,
            };
            if let Some((next, next_len)) = bridge {
                word = Some((start, next, true));
                i += len + next_len;
                continue;
            }
            if alphanumeric {
                out.push(Span::new(start, i));
            }
            word = None;
        } else if joins_word {
            word = Some((i, class, class != ExtendNumLet));
        }
        i += len;
    }
    if let Some((start, _, true)) = word {
        out.push(Span::new(start, s.len()));
    }
    Some(out)
}

/// True for the characters that end a line.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The non-blank lines of `text`, trimmed of surrounding whitespace, in order.
pub fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut line_break = |i: usize, len: usize| {
        push_trimmed(text, Span::new(start, i), &mut out);
        start = i + len;
    };
    if memchr::memchr2(0x0B, 0x0C, bytes).is_none()
        && memchr::memmem::find(bytes, "\u{85}".as_bytes()).is_none()
    {
        // Only `\n`, `\r`, U+2028 and U+2029 (E2 80 A8/A9) can break a line here.
        for i in memchr::memchr3_iter(b'\n', b'\r', 0xE2, bytes) {
            match bytes[i] {
                0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => {
                    line_break(i, 3)
                }
                0xE2 => {}
                _ => line_break(i, 1),
            }
        }
    } else {
        for (i, len) in (LineBreaks { bytes, at: 0 }) {
            line_break(i, len);
        }
    }
    push_trimmed(text, Span::new(start, text.len()), &mut out);
    out
}

/// The first line break ([`is_line_break`]) at or after byte `from` of `text`: its offset
/// and byte length.
pub fn next_line_break(text: &str, from: usize) -> Option<(usize, usize)> {
    LineBreaks { bytes: text.as_bytes(), at: from }.next()
}

/// The last line break ([`is_line_break`]) that ends at or before byte `end` of `text`:
/// its offset and byte length.
pub fn previous_line_break(text: &str, end: usize) -> Option<(usize, usize)> {
    let bytes = &text.as_bytes()[..end];
    let mut before = bytes.len();
    // Lead bytes (as in `LineBreaks`) from the end backwards; a lead whose break does not
    // fit before `end`, or is no break, is skipped.
    while let Some(i) = previous_line_break_lead(bytes, before) {
        let len = match bytes[i] {
            b'\n' | b'\r' | 0x0B | 0x0C => 1,
            0xC2 if bytes.get(i + 1) == Some(&0x85) => 2,
            0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => 3,
            _ => 0,
        };
        if len > 0 {
            return Some((i, len));
        }
        before = i;
    }
    None
}

/// The line breaks of a text ([`is_line_break`]) as (byte offset, byte length), found by
/// a byte scan.
struct LineBreaks<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Iterator for LineBreaks<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.bytes;
        // Only these bytes can start a line break (0xC2: U+0085, 0xE2: U+2028/9); none of
        // them is a UTF-8 continuation byte, so every hit lies on a char boundary.
        while let Some(i) = next_line_break_lead(bytes, self.at) {
            let len = match bytes[i] {
                b'\n' | b'\r' | 0x0B | 0x0C => 1,
                0xC2 if bytes.get(i + 1) == Some(&0x85) => 2,
                0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => 3,
                _ => 0,
            };
            self.at = i + len.max(1);
            if len > 0 {
                return Some((i, len));
            }
        }
        self.at = bytes.len();
        None
    }
}

fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let span = trim(text, span);
    if !span.is_empty() {
        out.push(span);
    }
}

/// `span` without leading and trailing whitespace.
pub fn trim(text: &str, span: Span) -> Span {
    let slice = &text[span.range()];
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.start + slice.trim_end().len();
    if start >= end {
        Span::new(span.start, span.start)
    } else {
        Span::new(start, end)
    }
}

/// SWAR test on eight bytes: nonzero exactly when one of them is below 0x0E, 0xC2 or 0xE2
/// (the bytes that can start a line break).
fn has_line_break_lead(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Nonzero exactly when some byte is zero (`zero_bytes`) or below 0x0E (`low`).
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let low = x.wrapping_sub(ONES * 0x0E) & !x & HIGHS;
    let c2 = zero_bytes(x ^ (ONES * 0xC2));
    let e2 = zero_bytes(x ^ (ONES * 0xE2));
    low | c2 | e2 != 0
}

fn is_line_break_lead(b: u8) -> bool {
    b <= 0x0D || b == 0xC2 || b == 0xE2
}

/// The first position from `from` on that holds a line-break lead byte (below 0x0E, 0xC2
/// or 0xE2), eight bytes at a time.
fn next_line_break_lead(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i + 8 <= bytes.len() {
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(&bytes[i..i + 8]);
        if has_line_break_lead(u64::from_le_bytes(chunk)) {
            break;
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| is_line_break_lead(b)).map(|k| i + k)
}

/// The last position before `before` that holds a line-break lead byte, eight bytes at a
/// time.
fn previous_line_break_lead(bytes: &[u8], before: usize) -> Option<usize> {
    let mut end = before;
    while end >= 8 {
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(&bytes[end - 8..end]);
        if has_line_break_lead(u64::from_le_bytes(chunk)) {
            break;
        }
        end -= 8;
    }
    bytes[..end].iter().rposition(|&b| is_line_break_lead(b))
}

/// The paragraphs of `text`: one per non-blank line, or one per blank-line-separated
/// block when the text is hard-wrapped.
pub fn paragraphs(text: &str, format: Format) -> Vec<Span> {
    let lines = lines(text);
    if format != Format::Markdown && !is_hard_wrapped(text, &lines) {
        return lines;
    }
    let mut out: Vec<Span> = Vec::new();
    let mut previous: Option<Span> = None;
    for line in lines {
        let gap = &text[previous.map_or(0, |p| p.end)..line.start];
        let blank_line_between = gap.matches('\n').count() >= 2 || gap.matches('\r').count() >= 2;
        let joins = previous
            .is_some_and(|p| !is_block_start(&text[p.range()]) || is_list_item(&text[p.range()]))
            && !blank_line_between
            && !is_block_start(&text[line.range()]);
        match out.last_mut() {
            Some(last) if joins => last.end = line.end,
            _ => out.push(line),
        }
        previous = Some(line);
    }
    out
}

/// A line that starts a paragraph of its own in Markdown or plain text: a heading, a list
/// item, a block quote, a table row, a code fence, an image.
fn is_block_start(line: &str) -> bool {
    let numbered = line
        .find(['.', ')'])
        .is_some_and(|i| i > 0 && i <= 3 && line[..i].bytes().all(|b| b.is_ascii_digit()));
    is_list_item(line)
        || numbered && line[line.find(['.', ')']).unwrap_or(0) + 1..].starts_with(' ')
        || (line.starts_with('#') && marker_len(line) > 0)
        || line.starts_with(['>', '|'])
        || line.starts_with("```")
        || line.starts_with("![")
}

/// A text is hard-wrapped when blank lines separate its blocks and most lines that are
/// followed by another line of the same block stop mid-sentence at a similar width.
fn is_hard_wrapped(text: &str, lines: &[Span]) -> bool {
    if lines.len() < 6 || !(text.contains("\n\n") || text.contains("\r\n\r\n")) {
        return false;
    }
    let widths: Vec<usize> = lines.iter().map(|l| text[l.range()].chars().count()).collect();
    if widths.iter().any(|&w| w > 100) {
        return false;
    }
    let mut continued = 0;
    let mut mid_sentence = 0;
    for (i, pair) in lines.windows(2).enumerate() {
        let gap = &text[pair[0].end..pair[1].start];
        if gap.matches('\n').count() >= 2 || gap.matches('\r').count() >= 2 {
            continue;
        }
        continued += 1;
        let line = &text[pair[0].range()];
        let ends_sentence = line.ends_with(['.', '!', '?', '"', '”', ':']);
        if !ends_sentence && (40..=100).contains(&widths[i]) {
            mid_sentence += 1;
        }
    }
    continued >= 3 && mid_sentence * 10 >= continued * 6
}

fn is_list_item(line: &str) -> bool {
    line.starts_with(['-', '*', '+', '•']) && line.chars().nth(1).is_some_and(char::is_whitespace)
}

/// The parts of `span` not covered by any of `holes` (sorted, non-overlapping).
fn outside(span: Span, holes: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    let first = holes.partition_point(|h| h.end <= span.start);
    for hole in holes[first..].iter().take_while(|h| h.start < span.end) {
        if hole.start > start {
            out.push(Span::new(start, hole.start));
        }
        start = start.max(hole.end);
    }
    if start < span.end {
        out.push(Span::new(start, span.end));
    }
    out
}

/// Bytes of a leading list bullet or number, or Markdown heading / block-quote marker.
fn marker_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    if s.starts_with('#') {
        while i < bytes.len() && bytes[i] == b'#' && i < 6 {
            i += 1;
        }
    } else if s.starts_with(['-', '*', '>', '+']) {
        i = 1;
    } else if s.starts_with('•') || s.starts_with('▪') || s.starts_with('●') {
        i = 3;
    } else {
        // A numbered list item: "1. ", "12) ".
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=3).contains(&digits) || !matches!(bytes.get(digits), Some(b'.' | b')')) {
            return 0;
        }
        i = digits + 1;
    }
    let rest = &s[i..];
    let spaces = rest.len() - rest.trim_start().len();
    if spaces == 0 || spaces == rest.len() {
        return 0;
    }
    i + spaces
}

/// Characters that end a sentence when followed by a space.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '।' | '॥')
}

/// Full-width enders of Chinese and Japanese text: they need no following space.
fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Closing quotes and brackets that belong to the sentence before them.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | '›' | ')' | ']' | '}' | '」' | '』' | '）')
}

/// A quotation inside a paragraph: byte offsets of its opening and closing marks.
#[derive(Clone, Copy, Debug)]
struct Quote {
    open: usize,
    close: usize,
}

/// The quotations of `s` whose sentences must stay together because an attribution
/// follows them (`," he said`, `” she added`, `”, said X`). Sorted, non-overlapping.
fn attributed_quotes(s: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    // A straight quotation nested in a curly one: its closing mark closes nothing else.
    let mut nested_straight = false;
    // Only quotation marks change the state: jump from one to the next (`"`, or the lead
    // byte of a multi-byte mark).
    let bytes = s.as_bytes();
    // 0xE3 (CJK corner brackets) is rare: without it, a three-byte memchr finds the rest.
    let cjk = memchr::memchr(0xE3, bytes).is_some();
    let next_mark = |from: usize| {
        let rest = &bytes[from..];
        let k = if cjk {
            rest.iter().position(|&b| matches!(b, b'"' | 0xC2 | 0xE2 | 0xE3))
        } else {
            memchr::memchr3(b'"', 0xC2, 0xE2, rest)
        };
        k.map(|k| from + k)
    };
    let mut from = 0;
    while let Some(i) = next_mark(from) {
        let Some(c) = s[i..].chars().next() else { break };
        from = i + c.len_utf8();
        if !matches!(c, '"' | '“' | '”' | '„' | '‘' | '’' | '«' | '»' | '「' | '」' | '『' | '』')
        {
            continue;
        }
        let previous = s[..i].chars().next_back();
        let opens_straight = previous.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
        match (open, c) {
            (None, '“' | '„' | '«' | '「' | '『') => open = Some((i, c)),
            (None, '"' | '‘') if opens_straight => open = Some((i, c)),
            (Some((_, '“' | '„')), '"') if nested_straight || opens_straight => {
                nested_straight = !nested_straight
            }
            (Some((start, '‘')), '’') if closes_single(previous, s[i + c.len_utf8()..].chars().next()) => {
                open = None;
                let quote = Quote { open: start, close: i };
                if is_attributed(s, quote, c) {
                    out.push(quote);
                }
            }
            (Some((start, opener)), _) if closes(opener, c, previous) => {
                nested_straight = false;
                open = None;
                let quote = Quote { open: start, close: i };
                if is_attributed(s, quote, c) {
                    out.push(quote);
                }
            }
            // A new opening mark before the last one closed: the last one was stray.
            (Some(_), '“' | '«' | '「' | '『') => {
                open = Some((i, c));
                nested_straight = false;
            }
            _ => {}
        }
    }
    out
}

/// True for the bytes that can start a sentence ender: `.`, `!`, `?`, and the lead bytes
/// of the multi-byte ones (`؟`: D8; `…`, `‼`, `।`, CJK enders...: E0-EF).
fn is_ender_lead(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | 0xD8 | 0xE0..=0xEF)
}

/// The first position from `from` on that holds an [`is_ender_lead`] byte, eight bytes at
/// a time.
fn next_ender_lead(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of the first zero byte of `y` is its lowest set bit (a borrow only
    // marks bytes above a zero byte).
    let zero_bytes = |y: u64| y.wrapping_sub(ONES) & !y & HIGHS;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        let hits = zero_bytes(x ^ (ONES * u64::from(b'.')))
            | zero_bytes(x ^ (ONES * u64::from(b'!')))
            | zero_bytes(x ^ (ONES * u64::from(b'?')))
            | zero_bytes(x ^ (ONES * 0xD8))
            | zero_bytes((x & (ONES * 0xF0)) ^ (ONES * 0xE0));
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| is_ender_lead(b)).map(|k| i + k)
}

/// True when a `’` closes a single-quoted passage rather than being an apostrophe
/// ("don’t", "players’ union"): it follows punctuation, or punctuation follows it.
fn closes_single(previous: Option<char>, next: Option<char>) -> bool {
    previous.is_some_and(|p| ",.!?…;:—–-".contains(p))
        || next.is_none_or(|n| !n.is_alphanumeric() && !n.is_whitespace())
}

/// True when `c` closes a quotation opened with `opener`. Texts mix straight and curly
/// marks (`"like this”`), so a straight mark closes a curly one when it follows a
/// non-space, and a curly closing mark closes a straight one.
fn closes(opener: char, c: char, previous: Option<char>) -> bool {
    let straight_closer = c == '"' && previous.is_some_and(|p| !p.is_whitespace());
    match opener {
        '“' | '„' => c == '”' || (opener == '„' && c == '“') || straight_closer,
        '‘' => false,
        '«' => c == '»',
        '「' => c == '」',
        '『' => c == '』',
        _ => c == '"' || c == '”',
    }
}

/// True when the quotation is followed by an attribution: a comma just inside or just
/// after the closing mark, or a lowercase word after it.
fn is_attributed(s: &str, quote: Quote, closer: char) -> bool {
    let inside = s[quote.open..quote.close].trim_end();
    if inside.ends_with(',') {
        return true;
    }
    let after = s[quote.close + closer.len_utf8()..].trim_start();
    match after.chars().next() {
        Some(',') => true,
        Some(c) => c.is_lowercase(),
        None => false,
    }
}

/// The sentences of one paragraph piece (`span`, trimmed), in order.
fn sentences_in(text: &str, span: Span) -> Vec<Span> {
    let s = &text[span.range()];
    let quotes = attributed_quotes(s);
    let mut quote_index = 0;
    let mut out = Vec::new();
    let mut start = marker_len(s);
    let mut i = start;
    while i < s.len() {
        // Jump to the next byte that can start an ender (ASCII ones, or the lead byte
        // of a multi-byte one): continuation bytes never match, so `i` stays on a char.
        match next_ender_lead(s.as_bytes(), i) {
            Some(at) => i = at,
            None => break,
        }
        let Some(c) = s[i..].chars().next() else { break };
        let cjk = is_cjk_terminator(c);
        if !cjk && !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        // The run of enders and closing marks after this one belongs to the sentence.
        let mut end = i + c.len_utf8();
        while let Some(next) = s[end..].chars().next() {
            if is_terminator(next) || is_cjk_terminator(next) || is_closer(next) {
                end += next.len_utf8();
            } else {
                break;
            }
        }
        let next_start = end + (s[end..].len() - s[end..].trim_start().len());
        while quote_index < quotes.len() && quotes[quote_index].close < i {
            quote_index += 1;
        }
        let in_attributed_quote = quotes.get(quote_index).is_some_and(|q| q.open < i && i < q.close);
        let boundary = next_start < s.len()
            && !in_attributed_quote
            && (cjk || (next_start > end && ends_sentence(s, i, c, end, next_start)));
        if boundary {
            out.push(Span::new(start, end));
            start = next_start;
        }
        i = end.max(i + 1);
        while i < s.len() && !s.is_char_boundary(i) {
            i += 1;
        }
    }
    let rest = s[start..].trim_end();
    if !rest.is_empty() {
        out.push(Span::new(start, start + rest.len()));
    }
    out.into_iter().filter(|sp| !sp.is_empty()).map(|sp| sp.shift(span.start)).collect()
}

/// Decides whether the ender `c` at `i` (with its closing run up to `end`) ends the
/// sentence, given that the next sentence would start at `next_start`.
fn ends_sentence(s: &str, i: usize, c: char, end: usize, next_start: usize) -> bool {
    let next_word = word_at(&s[next_start..]);
    let Some(first) = s[next_start..].chars().next() else { return true };
    if first.is_lowercase() {
        return false;
    }
    if c != '.' || end > i + 1 && s[i + 1..end].starts_with('.') {
        return true;
    }
    // A period right after a word: an abbreviation or an initial?
    let word = word_before(s, i);
    if word.is_empty() {
        return true;
    }
    let mut letters = word.chars().filter(|c| *c != '.');
    let single_letter = letters.next().filter(|_| letters.next().is_none());
    if single_letter.is_some_and(char::is_uppercase) && end == i + 1 {
        // An initial ("J. R. R. Tolkien", "A. P. J. Abdul Kalam"), unless a sentence opener follows.
        return SENTENCE_STARTERS.contains(next_word);
    }
    if word.len() > MAX_ABBREVIATION_BYTES {
        return true;
    }
    let key = format!("{}.", word.to_lowercase());
    match ABBREVIATIONS.get(&key) {
        Some(AbbreviationKind::Title) => false,
        Some(AbbreviationKind::Month) if first.is_ascii_digit() => false,
        Some(_) => SENTENCE_STARTERS.contains(next_word),
        None => true,
    }
}

/// Longer words before a period are never abbreviations (the list's longest is 7 bytes).
const MAX_ABBREVIATION_BYTES: usize = 12;

/// The word (letters and inner periods, like `U.S` or `Mr`) that ends right before byte `i`.
fn word_before(s: &str, i: usize) -> &str {
    const MAX_LOOKBEHIND: usize = 24;
    let mut start = i;
    for (j, c) in s[..i].char_indices().rev() {
        if i - j > MAX_LOOKBEHIND || !(c.is_alphabetic() || c == '.') {
            break;
        }
        start = j;
    }
    s[start..i].trim_start_matches('.')
}

/// The leading word of `s` (letters only).
fn word_at(s: &str) -> &str {
    let s = s.trim_start_matches(['"', '“', '‘', '\'', '(', '[']);
    let end = s.char_indices().find(|&(_, c)| !c.is_alphabetic()).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::{is_ender_lead, next_ender_lead};
    use crate::analysis::words::ascii_run_end;

    /// The eight-bytes-at-a-time scans agree with a byte-by-byte scan, for every byte
    /// value at every position, after a run of fillers and from every start.
    #[test]
    fn word_scans_agree_with_byte_by_byte_scans() {
        for filler in [b'a', b'Z', b'7', b' ', 0xC3] {
            for at in 0..19 {
                for b in 0..=255u8 {
                    let mut bytes = vec![filler; 19];
                    bytes[at] = b;
                    for from in 0..bytes.len() {
                        let ender = bytes[from..].iter().position(|&c| is_ender_lead(c)).map(|k| from + k);
                        assert_eq!(next_ender_lead(&bytes, from), ender);
                        for digits in [false, true] {
                            let is_word = |c: &u8| {
                                if digits {
                                    c.is_ascii_alphanumeric()
                                } else {
                                    c.is_ascii_alphabetic()
                                }
                            };
                            let end = bytes[from..]
                                .iter()
                                .position(|c| !is_word(c))
                                .map_or(bytes.len(), |k| from + k);
                            assert_eq!(ascii_run_end(&bytes, from, digits), end);
                        }
                    }
                }
            }
        }
    }
}
