//! Lower-case event phrases: an event noun from `event_nouns.txt` ("talks", "ceasefire",
//! "crash", "martial law") with the modifiers right before it (words of `event_modifiers.txt`,
//! hyphenated words such as "three-day", years, ordinals, and names such as "Istanbul" or
//! "Easter"): "direct talks", "2022 Istanbul talks", "triple train crash", "the war".
//!
//! A bare noun counts only after "the" ("the war"), and a noun that modifies the next word
//! ("crash site", "war crimes") does not count. Resolution keys the phrases by synonym class
//! and distinguishing name, year or ordinal ([`event_key`]), and keeps only events the
//! documents name at least twice. Does not find events described by verbs or clauses.

use super::lexicon::Lexicon;
use super::normalize::{fold, is_capitalised};
use super::{Cue, Label, Mention};
use crate::analysis::text::Span;

/// The most modifiers taken before an event noun.
const MAX_MODIFIERS: usize = 3;

/// Ordinals that tell events of one kind apart ("first vote", "second vote").
const ORDINALS: &[&str] = &["first", "second", "third", "fourth", "fifth", "final"];

/// Nouns after an event noun that make it a modifier ("crash site", "war crimes").
const COMPOUND_TAILS: &[&str] = &[
    "site",
    "sites",
    "scene",
    "crimes",
    "crime",
    "criminal",
    "criminals",
    "zone",
    "zones",
    "victims",
    "victim",
    "survivors",
    "count",
    "counts",
    "result",
    "results",
    "proposal",
    "proposals",
    "plan",
    "plans",
    "deal",
    "deals",
    "line",
    "lines",
    "effort",
    "efforts",
    "monitor",
    "monitors",
    "monitoring",
    "observers",
    "violation",
    "violations",
    "agreement",
    "agreements",
    "terms",
    "time",
    "room",
    "footage",
    "probe",
    "inquiry",
    "investigation",
    "report",
    "reports",
    "toll",
    "record",
    "records",
    "fund",
    "chest",
    "machine",
    "cabinet",
    "powers",
    "rule",
    "orders",
    "order",
    "decree",
    "command",
    "commander",
    "commanders",
    "council",
];

/// Holidays that name an event when they modify an event noun ("Easter truce").
const HOLIDAYS: &[&str] =
    &["Easter", "Christmas", "Ramadan", "Eid", "Diwali", "Thanksgiving", "Hanukkah", "Passover", "Orthodox"];

/// A word of the text, punctuation trimmed, with whether punctuation cut it off from its
/// neighbours.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    open_before: bool,
    open_after: bool,
}

/// Appends the event phrases of `text` to `out` (skipping spans for which `skip` is true).
pub fn find(text: &str, lex: &Lexicon, out: &mut Vec<Mention>, skip: impl Fn(Span) -> bool) {
    let words = words(text);
    let mut i = 0;
    while i < words.len() {
        let Some((head_len, _)) = head_at(text, &words, i, lex) else {
            i += 1;
            continue;
        };
        let last = i + head_len - 1;
        let head_end = words[last].end;
        // A noun modifying the next word is not the event ("crash site", "ceasefire talks":
        // the later noun takes this one as a modifier).
        if words[last].open_after {
            if let Some(next) = words.get(last + 1) {
                let w = &text[next.start..next.end];
                if COMPOUND_TAILS.contains(&w) || lex.event_nouns.contains_key(w) {
                    i = last + 1;
                    continue;
                }
            }
        }
        let mut first = i;
        while first > 0
            && i - first < MAX_MODIFIERS
            && words[first].open_before
            && words[first - 1].open_after
        {
            if !is_modifier(text, &words, first - 1, lex) {
                break;
            }
            first -= 1;
        }
        let after_the = first > 0
            && words[first].open_before
            && &text[words[first - 1].start..words[first - 1].end] == "the";
        if first == i && !after_the {
            i = last + 1;
            continue;
        }
        let span = Span::new(words[first].start, head_end);
        if !skip(span) {
            out.push(Mention {
                span,
                label: Label::Event,
                entity: None,
                with_title: span,
                cue: Cue::EventPhrase,
            });
        }
        i = last + 1;
    }
}

/// The key resolution merges event phrases by: the synonym class of the noun, and the name,
/// year or ordinal among the modifiers. `None` when the text has no event noun.
pub fn event_key(surface: &str, lex: &Lexicon) -> Option<String> {
    let lower = surface.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let original: Vec<&str> = surface.split_whitespace().collect();
    let n = words.len();
    let class = (n >= 2)
        .then(|| lex.event_nouns.get(&format!("{} {}", words[n - 2], words[n - 1])))
        .flatten()
        .or_else(|| lex.event_nouns.get(words[n - 1]))?;
    let distinguishing = original[..n - 1]
        .iter()
        .find(|w| {
            is_capitalised(w)
                || w.chars().all(|c| c.is_ascii_digit())
                || ORDINALS.contains(&w.to_lowercase().as_str())
        })
        .map(|w| fold(w))
        .unwrap_or_default();
    Some(format!("event {class} {distinguishing}"))
}

fn head_at(text: &str, words: &[Word], i: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    let w = &text[words[i].start..words[i].end];
    if !w.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    if i + 1 < words.len() && words[i].open_after && words[i + 1].open_before {
        let two = format!("{} {}", w, &text[words[i + 1].start..words[i + 1].end]);
        if let Some(&class) = lex.event_nouns.get(&two) {
            return Some((2, class));
        }
    }
    lex.event_nouns.get(w).map(|&class| (1, class))
}

fn is_modifier(text: &str, words: &[Word], k: usize, lex: &Lexicon) -> bool {
    let w = &text[words[k].start..words[k].end];
    if w.ends_with("'s") || w.ends_with("’s") {
        return false;
    }
    let lower = w.to_lowercase();
    if lex.event_modifiers.contains(&lower)
        || lex.event_nouns.contains_key(&lower)
        || ORDINALS.contains(&lower.as_str())
    {
        return true;
    }
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if w.contains('-')
        && w.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_lowercase() || c.is_ascii_digit()))
    {
        return true;
    }
    // A name, not at the start of a sentence: "Istanbul talks", "Easter truce".
    let sentence_start =
        k == 0 || !words[k].open_before || text[..words[k].start].trim_end().ends_with(['.', '!', '?']);
    is_capitalised(w)
        && !sentence_start
        && (HOLIDAYS.contains(&w) || !lex.not_names.contains(&lower) && !lex.generic.contains(&lower))
}

/// The whitespace-separated words of `text` with surrounding punctuation trimmed.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut offset = 0;
    for piece in text.split_inclusive(char::is_whitespace) {
        let raw = piece.trim_end();
        let trimmed_start = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
        let trimmed = trimmed_start.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !trimmed.is_empty() {
            let start = offset + (raw.len() - trimmed_start.len());
            let end = start + trimmed.len();
            let separated_by_space = piece.len() > raw.len() && !piece[raw.len()..].contains('\n');
            out.push(Word {
                start,
                end,
                open_before: trimmed_start.len() == raw.len(),
                open_after: trimmed.len() == trimmed_start.len() && separated_by_space,
            });
        }
        offset += piece.len();
    }
    // A word is open before only if the previous word is open after it.
    for k in 1..out.len() {
        if !out[k - 1].open_after {
            out[k].open_before = false;
        }
    }
    if let Some(w) = out.first_mut() {
        w.open_before = false;
    }
    out
}
