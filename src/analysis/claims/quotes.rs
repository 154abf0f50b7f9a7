//! Quoted passages: the text between quotation marks, straight (`"`) or curly (`“ ”`,
//! `‘ ’`), mixed as outlets mix them (`"like this”`). A quote never crosses a paragraph:
//! a quote left open at a paragraph's end (the convention for a quote that continues in
//! the next paragraph) closes there. Apostrophes (`don’t`, `Kyiv’s`) are not quote marks.
//! It does not handle nested quotes beyond ignoring the inner marks.

use super::super::text::Span;

/// The quoted passages of `text` inside each paragraph span, without their marks and
/// trimmed of spaces and a trailing comma; sorted, non-overlapping.
pub fn find(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for &p in paragraphs {
        find_in(text, p, &mut out);
    }
    out
}

fn find_in(text: &str, paragraph: Span, out: &mut Vec<Span>) {
    let body = &text[paragraph.range()];
    // (content start, the mark that opened it)
    let mut open: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    let mut iter = body.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let at = paragraph.start + i;
        let after = at + c.len_utf8();
        let word_before = prev.is_some_and(char::is_alphanumeric);
        let word_after = next.is_some_and(char::is_alphanumeric);
        match (open, c) {
            (None, '“') | (None, '«') => open = Some((after, c)),
            (None, '"') if !word_before => open = Some((after, c)),
            (None, '‘') if !word_before && word_after => open = Some((after, c)),
            (Some((start, _)), '“') => {
                // A new opening mark while one is open: the first was never closed.
                push(text, start, at, out);
                open = Some((after, c));
            }
            (Some((start, m)), '”' | '"' | '»') if m != '‘' => {
                push(text, start, at, out);
                open = None;
            }
            (Some((start, '‘')), '’') if !word_after => {
                push(text, start, at, out);
                open = None;
            }
            _ => {}
        }
        prev = Some(c);
    }
    if let Some((start, _)) = open {
        push(text, start, paragraph.end, out);
    }
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let inner = &text[start..end];
    let trimmed = inner.trim_end().trim_end_matches(',').trim_end();
    let lead = trimmed.len() - trimmed.trim_start().len();
    let (s, e) = (start + lead, start + trimmed.len());
    if e > s && text[s..e].chars().any(char::is_alphanumeric) {
        out.push(Span::new(s, e));
    }
}
