//! Ingest: turns an [`Input`] into a [`Doc`]. It fixes the document's text, marks
//! boilerplate as excluded ranges and detects title, outlet, byline and publication date.
//!
//! - **Text and Markdown** are kept byte for byte. Markdown is not rendered: `#` heading
//!   lines count as titles and paragraph boundaries, image lines (`![alt](url)`) as
//!   captions and link reference definitions (`[1]: https://...`) as chrome; inline link
//!   syntax stays in the text (spans point into the original).
//! - **HTML** is reduced to the article's text by a WHATWG tokenizer ([`html`]), and that
//!   reduced text becomes `Doc::text`: every span of every stage points into it.
//! - **Boilerplate** ([`boilerplate`]): photo captions and credits become
//!   `Exclusion::Caption`, site chrome (related-story blocks, subscribe, share, copyright,
//!   navigation and advertisement lines) `Exclusion::Chrome`. Nothing is deleted.
//! - **Metadata** ([`meta`]): from the HTML head when there is one, else from the first
//!   and last lines of the text.
//!
//! Ingest never fails: what it cannot use becomes a [`Diagnostic`]. It does not decode
//! bytes (the shell hands it a `String`) and does not guess the language.

pub mod boilerplate;
pub mod html;
pub mod meta;

use super::text::{Diagnostic, Doc, Excluded, Exclusion, Format, Found, Input, Span};

/// Builds the document for one input. Never fails: what it cannot use becomes a diagnostic.
pub fn ingest(input: &Input) -> Doc {
    let mut doc = Doc { id: input.id.clone(), format: input.format, ..Doc::default() };
    let mut head = html::Head::default();
    let mut captions = Vec::new();
    match input.format {
        Format::Html => {
            let reduced = html::reduce(&input.content);
            doc.text = reduced.text;
            head = reduced.head;
            captions = reduced.captions;
            doc.diagnostics.extend(reduced.diagnostics);
        }
        Format::Text | Format::Markdown => doc.text = input.content.clone(),
    }
    if doc.text.trim().is_empty() {
        doc.diagnostics.push(Diagnostic { span: None, message: "the document has no text".to_string() });
    }
    doc.diagnostics.extend(text_diagnostics(&doc.text));
    doc.excluded = boilerplate::find(&doc.text, input.format);
    for span in captions {
        if !doc.excluded.iter().any(|e| e.span.overlaps(span)) {
            doc.excluded.push(Excluded { span, kind: Exclusion::Caption });
        }
    }
    doc.excluded.sort_by_key(|e| e.span);
    doc.meta = meta::detect(&doc.text, input.format, &doc.excluded, &head);
    if let Some(outlet) = input.outlet.as_ref().filter(|o| !o.trim().is_empty()) {
        doc.meta.outlet = Some(Found { value: outlet.trim().to_string(), span: None });
    }
    doc
}

/// Notes on text that was damaged before it reached the core: replacement characters
/// (undecodable bytes) and control characters. The first occurrence gets the span.
fn text_diagnostics(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !may_be_damaged(text.as_bytes()) {
        return out;
    }
    let mut note = |what: &str, test: &dyn Fn(char) -> bool| {
        let mut found = text.char_indices().filter(|&(_, c)| test(c));
        if let Some((first, c)) = found.next() {
            let count = 1 + found.count();
            out.push(Diagnostic {
                span: Some(Span::new(first, first + c.len_utf8())),
                message: format!("the text contains {count} {what}"),
            });
        }
    };
    note("replacement character(s) (U+FFFD): bytes that could not be decoded", &|c| {
        c == char::REPLACEMENT_CHARACTER
    });
    note("control character(s)", &|c| c.is_control() && !c.is_whitespace());
    out
}

/// False when `text` surely holds no replacement character and no control character
/// (a byte scan, eight bytes at a time; the char scan of [`text_diagnostics`] runs only
/// when this is true).
fn may_be_damaged(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Nonzero when some byte of `x` is below `n` (n <= 0x80).
    let any_below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS;
    // Nonzero when some byte of the eight may start damage: a control byte, 0x7F, 0xC2, 0xEF.
    let any_suspect = |x: u64| {
        any_below(x, 0x20)
            | any_below(x ^ (ONES * 0x7F), 1)
            | any_below(x ^ (ONES * 0xC2), 1)
            | any_below(x ^ (ONES * 0xEF), 1)
    };
    let damage_at = |i: usize| match bytes[i] {
        0xEF | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|next| (0x80..=0x9F).contains(next)),
        b @ 0x00..=0x1F => !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r'),
        _ => false,
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut start = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if any_suspect(x) != 0 && (start..start + 8).any(damage_at) {
            return true;
        }
        start += 8;
    }
    (start..bytes.len()).any(damage_at)
}
