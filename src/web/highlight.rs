//! Splitting a document's text into segments for highlighting, and cutting the context
//! of a piece of evidence.
//!
//! Marks (entity mentions, claims, evidence, the focused span) may nest or overlap; the
//! text is cut at every mark boundary, so each segment is covered by a fixed set of
//! marks and every mark starts exactly at a segment start (the reader scrolls to it).
//! Marks that are reversed, out of range or not on char boundaries are ignored: the
//! report comes from outside this module and must never make it panic.

use crate::analysis::entities::Label;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Entity(Label),
    /// A claim; the index is the caller's (e.g. into `report.claims`).
    Claim(usize),
    /// Evidence of a disagreement; the index is the caller's.
    Evidence(usize),
    Focus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: MarkKind,
}

/// A run of text covered by the same marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// The innermost entity mention covering the segment.
    pub entity: Option<Label>,
    pub claim: Option<usize>,
    pub evidence: Option<usize>,
    pub focus: bool,
}

fn valid(text: &str, start: usize, end: usize) -> bool {
    start < end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Cuts `text` at every mark boundary. Segments cover the whole text, in order.
pub fn segments<'a>(text: &'a str, marks: &[Mark]) -> Vec<Segment<'a>> {
    let marks: Vec<&Mark> = marks.iter().filter(|m| valid(text, m.start, m.end)).collect();
    let mut cuts: Vec<usize> = Vec::with_capacity(marks.len() * 2 + 2);
    cuts.push(0);
    cuts.push(text.len());
    for m in &marks {
        cuts.push(m.start);
        cuts.push(m.end);
    }
    cuts.sort_unstable();
    cuts.dedup();

    // Sweep: marks sorted by start; the active list holds those covering the segment.
    let mut by_start = marks.clone();
    by_start.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut next = 0;
    let mut active: Vec<&Mark> = Vec::new();
    let mut out = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if start == end {
            continue;
        }
        active.retain(|m| m.end > start);
        while next < by_start.len() && by_start[next].start <= start {
            if by_start[next].end > start {
                active.push(by_start[next]);
            }
            next += 1;
        }
        let mut segment = Segment {
            start,
            end,
            text: &text[start..end],
            entity: None,
            claim: None,
            evidence: None,
            focus: false,
        };
        for m in &active {
            match m.kind {
                MarkKind::Entity(label) => segment.entity = Some(label),
                MarkKind::Claim(i) => segment.claim = Some(i),
                MarkKind::Evidence(i) => segment.evidence = Some(i),
                MarkKind::Focus => segment.focus = true,
            }
        }
        out.push(segment);
    }
    out
}

/// The text around `start..end`: from the start of its sentence (or line) to its end,
/// at most `radius` bytes on each side, cut on char boundaries. Returns
/// `(before, span, after)`; all empty if the span is invalid.
pub fn context(text: &str, start: usize, end: usize, radius: usize) -> (&str, &str, &str) {
    if !(start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)) {
        return ("", "", "");
    }
    let mut from = start.saturating_sub(radius);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    let cut = before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            c == '\n' || ((c == '.' || c == '!' || c == '?') && before[i + c.len_utf8()..].starts_with(' '))
        })
        .map(|(i, c)| from + i + c.len_utf8())
        .unwrap_or(if from == 0 { 0 } else { text[from..start].find(' ').map_or(from, |i| from + i + 1) });
    let mut to = (end + radius).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let after = &text[end..to];
    let stop = after
        .char_indices()
        .find(|&(_, c)| c == '\n' || c == '.' || c == '!' || c == '?')
        .map(|(i, c)| end + i + if c == '\n' { 0 } else { c.len_utf8() })
        .unwrap_or(if to == text.len() { to } else { text[end..to].rfind(' ').map_or(to, |i| end + i) });
    let cut = cut.min(start);
    let stop = stop.max(end);
    (text[cut..start].trim_start(), &text[start..end], text[end..stop].trim_end())
}
