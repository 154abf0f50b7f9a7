//! Lower-case event phrases: an event noun from `event_nouns.txt` ("talks", "ceasefire",
//! "crash", "martial law") with the modifiers right before it (words of `event_modifiers.txt`,
//! hyphenated words such as "three-day", years, ordinals, and names such as "Istanbul" or
//! "Easter"): "direct talks", "2022 Istanbul talks", "triple train crash", "the war".
//!
//! A bare one-word noun counts only after "the" or a possessive ("the war", "Russia’s
//! invasion"), and a noun that modifies the next word
//! ("crash site", "war crimes") does not count. Resolution keys the phrases by synonym class
//! and distinguishing name, year or ordinal ([`event_key`]), and keeps only events the
//! documents name at least twice. An act noun (`event_acts.txt`) after the event or before it
//! with "of" is part of it ("coup bid", "declaration of war"). Each mention
//! also carries its long form (as `with_title`, listed among the entity's aliases): the
//! possessive owner before it and the complement after it ("the rebels’ invasion of Borduria",
//! "second vote on impeachment", "truce planned for the Easter holidays").
//! Does not find events described by verbs or clauses.

use super::lexicon::Lexicon;
use super::normalize::{fold, is_capitalised};
use super::{Cue, Label, Mention};
use crate::analysis::text::Span;

/// The most modifiers taken before an event noun.
const MAX_MODIFIERS: usize = 3;

/// Ordinals that tell events of one kind apart ("first vote", "second vote").
pub(super) const ORDINALS: &[&str] = &["first", "second", "third", "fourth", "fifth", "final"];

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
    "threshold",
    "thresholds",
];

/// Holidays that name an event when they modify an event noun ("Easter truce").
const HOLIDAYS: &[&str] =
    &["Easter", "Christmas", "Ramadan", "Eid", "Diwali", "Thanksgiving", "Hanukkah", "Passover", "Orthodox"];

/// Appends the event phrases of `text` to `out` (skipping spans for which `skip` is true).
/// Event nouns are found with one Aho-Corasick pass; only around them is the text read
/// word by word.
pub fn find(text: &str, lex: &Lexicon, out: &mut Vec<Mention>, skip: impl Fn(Span) -> bool) {
    for m in lex.event_automaton.find_iter(text) {
        let (start, mut end) = (m.start(), m.end());
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '-')
            || text[end..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
        {
            continue;
        }
        // An act noun after the event is part of it: "coup bid", "ceasefire attempt".
        if let Some(act) = next_word(text, end).filter(|(w, _)| lex.event_acts.contains(&w.to_lowercase())) {
            end = act.1;
        }
        // A noun modifying the next word is not the event ("crash site", "ceasefire talks":
        // the later noun takes this one as a modifier).
        if let Some(next) = text[end..].strip_prefix(' ').map(first_word) {
            if COMPOUND_TAILS.contains(&next) || lex.event_nouns.contains_key(next) {
                continue;
            }
        }
        let mut first = start;
        let mut modifiers = 0;
        let mut after_the = false;
        let mut owner = None;
        while modifiers < MAX_MODIFIERS {
            let Some(prev) = text[..first].strip_suffix(' ').and_then(last_word) else { break };
            let prev_start = first - 1 - prev.len();
            // "the war", "Russia’s invasion": a determiner makes a bare noun a name.
            let determiner = prev == "the" || prev == "The";
            if determiner || prev.ends_with("'s") || prev.ends_with("’s") {
                after_the = true;
                owner = (!determiner && is_capitalised(prev)).then_some(prev_start);
                break;
            }
            if !is_modifier(text, prev, prev_start, lex) {
                break;
            }
            first = prev_start;
            modifiers += 1;
        }
        // "declaration of war": an act noun and "of" before a bare event.
        if modifiers == 0 && !after_the {
            if let Some(act_start) = act_of_before(text, first, lex) {
                first = act_start;
                after_the = true;
            }
        }
        let long_end = long_form_end(text, end, lex);
        if modifiers == 0 && !after_the && !text[start..end].contains(' ') && long_end == end {
            continue;
        }
        let span = Span::new(first, end);
        if !skip(span) {
            let long = Span::new(owner.unwrap_or(first), long_end);
            out.push(Mention {
                span,
                label: Label::Event,
                entity: None,
                with_title: long,
                cue: Cue::EventPhrase,
            });
        }
    }
}

/// The word after `pos` when one space separates them, and its end.
fn next_word(text: &str, pos: usize) -> Option<(&str, usize)> {
    let rest = text.get(pos..)?.strip_prefix(' ')?;
    let word = first_word(rest);
    (!word.is_empty()).then_some((word, pos + 1 + word.len()))
}

/// The start of "declaration of" right before `pos` (an act noun from `event_acts.txt`).
fn act_of_before(text: &str, pos: usize, lex: &Lexicon) -> Option<usize> {
    let before_of = text[..pos].strip_suffix(" of ")?;
    let act = last_word(before_of)?;
    lex.event_acts.contains(&act.to_lowercase()).then(|| before_of.len() - act.len())
}

/// The end of a run of up to four capitalised words starting right after `pos` (after one
/// space), if there is one: "of Borduria", "for Independence Day".
fn name_after(text: &str, pos: usize) -> Option<usize> {
    let mut end = None;
    let mut at = pos;
    for _ in 0..4 {
        match next_word(text, at) {
            Some((w, e)) if is_capitalised(w) && w.chars().next().is_some_and(char::is_alphabetic) => {
                end = Some(e);
                at = e;
            }
            _ => break,
        }
    }
    end
}

/// Where the long form of an event phrase ending at `end` ends: its descriptive complement,
/// as in "invasion of Borduria", "vote on impeachment", "truce ordered by Geneva",
/// "ceasefire planned for Independence Day celebrations". `end` when there is none.
fn long_form_end(text: &str, end: usize, lex: &Lexicon) -> usize {
    let Some((word, after)) = next_word(text, end) else { return end };
    match word {
        "of" => name_after(text, after).unwrap_or(end),
        "on" | "over" => match next_word(text, after) {
            Some((w, e)) if lex.event_nouns.contains_key(w) || lex.event_modifiers.contains(w) => e,
            _ => end,
        },
        participle
            if participle.len() > 4
                && participle.ends_with("ed")
                && participle.chars().all(|c| c.is_lowercase()) =>
        {
            let Some((prep, at)) = next_word(text, after) else { return end };
            if !matches!(prep, "for" | "by" | "in" | "on" | "at" | "from") {
                return end;
            }
            let at = match next_word(text, at) {
                Some(("the", e)) => e,
                _ => at,
            };
            let Some(name_end) = name_after(text, at) else { return end };
            match next_word(text, name_end) {
                Some((w, e)) if lex.event_occasions.contains(&w.to_lowercase()) => e,
                _ => name_end,
            }
        }
        _ => end,
    }
}

/// The word at the start of `text`: letters, digits, hyphens and apostrophes.
fn first_word(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The word at the end of `text`, if `text` ends in one.
fn last_word(text: &str) -> Option<&str> {
    let start = text
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    (start < text.len()).then(|| &text[start..])
}

/// The key resolution merges event phrases by: the synonym class of the noun, and the name,
/// year or ordinal among the modifiers. `None` when the text has no event noun.
pub fn event_key(surface: &str, lex: &Lexicon) -> Option<String> {
    let lower = surface.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    let mut original: Vec<&str> = surface.split_whitespace().collect();
    // "declaration of war", "coup bid": the act noun is not the event.
    if words.len() >= 3 && words[1] == "of" && lex.event_acts.contains(words[0]) {
        words.drain(..2);
        original.drain(..2);
    }
    if words.len() >= 2 && words.last().is_some_and(|w| lex.event_acts.contains(*w)) {
        words.pop();
        original.pop();
    }
    let n = words.len();
    if n == 0 {
        return None;
    }
    let class = (n >= 2)
        .then(|| lex.event_nouns.get(&format!("{} {}", words[n - 2], words[n - 1])))
        .flatten()
        .or_else(|| lex.event_nouns.get(words[n - 1]))?;
    let modifiers = &original[..n - 1];
    let distinguishing = modifiers
        .iter()
        .find(|w| is_capitalised(w) && !lex.event_modifiers.contains(&w.to_lowercase()))
        .or_else(|| modifiers.iter().find(|w| ORDINALS.contains(&w.to_lowercase().as_str())))
        .or_else(|| modifiers.iter().find(|w| w.chars().all(|c| c.is_ascii_digit())))
        .map(|w| fold(w))
        .unwrap_or_default();
    Some(format!("event {class} {distinguishing}"))
}

fn is_modifier(text: &str, word: &str, start: usize, lex: &Lexicon) -> bool {
    if word.ends_with("'s") || word.ends_with("’s") {
        return false;
    }
    let lower = word.to_lowercase();
    if lex.event_modifiers.contains(&lower)
        || lex.event_nouns.contains_key(&lower)
        || ORDINALS.contains(&lower.as_str())
    {
        return true;
    }
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if word.contains('-')
        && word.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_lowercase() || c.is_ascii_digit()))
    {
        return true;
    }
    // A name, not at the start of a sentence: "Istanbul talks", "Easter truce".
    let before = text[..start].trim_end_matches(' ');
    let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', '\n', '"', '“', ':']);
    // A place or people is a name even at the start of a sentence: "Kerala train accident".
    let known_place = || {
        lex.lookup(word)
            .is_some_and(|e| matches!(lex.entries[e].label, Label::Gpe | Label::Loc | Label::Norp))
    };
    is_capitalised(word)
        && (!sentence_start || known_place())
        && (HOLIDAYS.contains(&word) || !lex.not_names.contains(&lower) && !lex.generic.contains(&lower))
}
