//! Claims: the check-worthy sentences of a document, each a direct quote, reported speech
//! or a plain statement, with its speaker, quoted passages, entities, dates, numbers and a
//! check-worthiness score.
//!
//! How: sentences (refined at sentence ends the segmenter left inside a line, and merged
//! where a quotation spans several) become claim units. A unit's speaker comes from a
//! speech cue outside its quotes ("X said", "said X", "according to X", "X told the
//! BBC", "X wrote on ..."): the named mention next to the cue, the antecedent of a pronoun
//! ("he said" after a named speaker), or the person last introduced with a title ("the
//! President emphasized"). A sentence that is only a quote inherits the previous
//! speaker. Captions and chrome yield no claims; nor do short headings and datelines.
//! A sentence that carries several facts becomes one claim per clause (`clauses`: "three
//! trains collided, leaving 250 dead and 900 injured" gives three); every clause keeps
//! the sentence's speaker and kind, and `Claim::sentence` keeps the whole sentence.
//!
//! It does not parse syntax: a cue's subject is the nearest mention, which can be wrong in
//! long, nested sentences.

mod clauses;
pub mod lexicon;
mod quotes;

use serde::{Deserialize, Serialize};

use super::entities::{Entity, EntityId, Label};
use super::text::{Doc, Exclusion, Span};
use lexicon::Word;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClaimKind {
    Quote,
    ReportedSpeech,
    Statement,
}

/// One claim in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The claim: a clause of its sentence, or the whole sentence when it carries one fact.
    pub span: Span,
    /// The claim's sentence (or sentences, for a quote that spans several); contains `span`.
    pub sentence: Span,
    pub kind: ClaimKind,
    /// Who asserts it; `None` when the outlet itself does (or the speaker is unresolved).
    pub speaker: Option<EntityId>,
    /// Where the speaker is named: the mention, title or pronoun antecedent (may lie in an
    /// earlier sentence). Set whenever a speaker was found, resolved to an entity or not.
    pub speaker_span: Option<Span>,
    /// The quoted passages inside `span`, without their quotation marks.
    pub quotes: Vec<Span>,
    /// The resolved entities mentioned in `span`, sorted, without duplicates.
    pub entities: Vec<EntityId>,
    /// Indices into `Doc::dates` of the dates inside `span`.
    pub dates: Vec<usize>,
    /// Indices into `Doc::numbers` of the numbers inside `span`.
    pub numbers: Vec<usize>,
    /// Check-worthiness, 0 to 1.
    pub score: f32,
}

/// Longest claim unit, in words: quotes spanning more sentences than this are cut.
const MAX_UNIT_WORDS: usize = 70;
/// Units shorter than this are headings, datelines and fragments.
const MIN_WORDS: usize = 4;

/// Who spoke last, for "he said" and quote-only sentences.
#[derive(Clone, Copy, Default)]
struct Speaker {
    entity: Option<EntityId>,
    span: Option<Span>,
    label: Option<Label>,
}

/// Finds the claims of one document (needs sentences, resolved mentions, dates, numbers).
pub fn extract(doc: &mut Doc, entities: &[Entity]) {
    let _ = entities;
    let paragraphs = paragraphs(doc);
    let quotes = quotes::find(&doc.text, &paragraphs);
    let units = units(doc, &paragraphs, &quotes);
    let titled = titled_mentions(doc);

    let mut claims = Vec::new();
    let mut last: Option<Speaker> = None;
    let mut last_person: Option<Speaker> = None;
    let mut mention_cursor = 0;
    for unit in units {
        let text = &doc.text[unit.range()];
        let words = lexicon::words(text);
        // The last PERSON mentioned before this unit, for pronouns.
        while mention_cursor < doc.mentions.len() && doc.mentions[mention_cursor].span.end <= unit.start {
            let m = &doc.mentions[mention_cursor];
            // Antecedents for "he" and "she": people in subject position (early in their
            // sentence), not the objects of a verb ("speak with President X").
            if m.label == Label::Person && is_early_in_sentence(doc, m.span) {
                last_person = Some(Speaker { entity: m.entity, span: Some(m.span), label: Some(m.label) });
            }
            mention_cursor += 1;
        }
        let unit_quotes: Vec<Span> = quotes[starting_in(&quotes, |q| *q, unit)]
            .iter()
            .copied()
            .filter(|q| unit.contains(*q))
            .collect();
        let figures = words.iter().filter(|w| w.folded.chars().any(|c| c.is_ascii_digit())).count();
        if words.len() < MIN_WORDS || is_heading(text, &words) || figures * 10 >= words.len() * 4 {
            continue;
        }
        // Words and quotes are both in order: one pass over the two.
        let quoted: Vec<bool> = {
            let mut next_quote = 0;
            words
                .iter()
                .map(|w| {
                    let span = Span::new(w.start, w.end).shift(unit.start);
                    while unit_quotes.get(next_quote).is_some_and(|q| q.end < span.end) {
                        next_quote += 1;
                    }
                    unit_quotes.get(next_quote).is_some_and(|q| q.contains(span))
                })
                .collect()
        };
        let outside: Vec<&Word> = words.iter().zip(&quoted).filter(|(_, q)| !**q).map(|(w, _)| w).collect();
        let quoted_words = words.len() - outside.len();

        let cue = find_cue(&outside);
        let mut speaker = cue.and_then(|c| speaker_at(doc, unit, &outside, c, last, last_person, &titled));
        let full_quote = unit_quotes.iter().any(|q| {
            doc.slice(*q).starts_with(char::is_uppercase) && lexicon::word_count(doc.slice(*q)) >= 4
        }) || quoted_words * 2 >= words.len();
        let kind = if cue.is_some() {
            if full_quote {
                ClaimKind::Quote
            } else {
                ClaimKind::ReportedSpeech
            }
        } else if quoted_words >= 3 && quoted_words * 10 >= words.len() * 6 {
            // A sentence that is all quote continues the previous speaker.
            speaker = last.filter(|s| s.entity.is_some() || s.span.is_some());
            ClaimKind::Quote
        } else {
            ClaimKind::Statement
        };
        if let Some(s) = speaker {
            last = Some(s);
        }

        let sentence_score = {
            let (entities, dates, numbers) = counts_in(doc, unit);
            check_worthiness(text, &words, kind, entities, dates, numbers)
        };
        if sentence_score < 0.3 {
            continue;
        }
        let number_starts: Vec<usize> =
            starting_in(&doc.numbers, |q| q.span, unit).map(|i| doc.numbers[i].span.start).collect();
        let clause_spans = clauses::split(&doc.text, unit, &words, &quoted, &number_starts);
        let whole = clause_spans.len() == 1;
        for span in clause_spans {
            let clause_quotes: Vec<Span> =
                unit_quotes.iter().copied().filter(|q| span.contains(*q)).collect();
            // A clause of a quoting sentence that holds no quote reports what was said.
            let clause_kind = match kind {
                ClaimKind::Quote if clause_quotes.is_empty() && !whole => {
                    if speaker.is_some() {
                        ClaimKind::ReportedSpeech
                    } else {
                        ClaimKind::Statement
                    }
                }
                k => k,
            };
            let mut claim_entities: Vec<EntityId> = doc.mentions
                [starting_in(&doc.mentions, |m| m.span, span)]
            .iter()
            .filter(|m| span.contains(m.span))
            .filter_map(|m| m.entity)
            .collect();
            claim_entities.sort();
            claim_entities.dedup();
            let dates: Vec<usize> = starting_in(&doc.dates, |d| d.span, span)
                .filter(|&i| span.contains(doc.dates[i].span))
                .collect();
            let numbers: Vec<usize> = starting_in(&doc.numbers, |q| q.span, span)
                .filter(|&i| span.contains(doc.numbers[i].span))
                .collect();
            let score = if whole {
                sentence_score
            } else {
                let clause_text = &doc.text[span.range()];
                check_worthiness(
                    clause_text,
                    &lexicon::words(clause_text),
                    clause_kind,
                    claim_entities.len(),
                    dates.len(),
                    numbers.len(),
                )
            };
            claims.push(Claim {
                span,
                sentence: unit,
                kind: clause_kind,
                speaker: speaker.and_then(|s| s.entity),
                speaker_span: speaker.and_then(|s| s.span),
                quotes: clause_quotes,
                entities: claim_entities,
                dates,
                numbers,
                score,
            });
        }
    }
    doc.claims = claims;
}

/// How many resolved entities (distinct), dates and numbers lie inside `unit`.
fn counts_in(doc: &Doc, unit: Span) -> (usize, usize, usize) {
    let mut entities: Vec<EntityId> = doc.mentions[starting_in(&doc.mentions, |m| m.span, unit)]
        .iter()
        .filter(|m| unit.contains(m.span))
        .filter_map(|m| m.entity)
        .collect();
    entities.sort();
    entities.dedup();
    let dates =
        starting_in(&doc.dates, |d| d.span, unit).filter(|&i| unit.contains(doc.dates[i].span)).count();
    let numbers =
        starting_in(&doc.numbers, |q| q.span, unit).filter(|&i| unit.contains(doc.numbers[i].span)).count();
    (entities.len(), dates, numbers)
}

/// The index range of `items` (sorted by start) that start inside `unit`, found by binary
/// search, so that the work per claim unit does not grow with the whole document.
fn starting_in<T>(items: &[T], span: impl Fn(&T) -> Span, unit: Span) -> std::ops::Range<usize> {
    let lo = items.partition_point(|x| span(x).start < unit.start);
    let hi = lo + items[lo..].partition_point(|x| span(x).start <= unit.end);
    lo..hi
}

/// True when at most five words precede `span` in its sentence.
fn is_early_in_sentence(doc: &Doc, span: Span) -> bool {
    let start = doc.sentence_at(span.start).map_or(0, |i| doc.sentences[i].span.start).min(span.start);
    lexicon::word_count(&doc.text[start..span.start]) <= 5
}

/// The paragraphs of the document, or its non-empty lines when it was not segmented.
fn paragraphs(doc: &Doc) -> Vec<Span> {
    if !doc.paragraphs.is_empty() {
        return doc.paragraphs.clone();
    }
    let mut out = Vec::new();
    let mut offset = 0;
    for line in doc.text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        if lead < trimmed.len() {
            out.push(Span::new(offset + lead, offset + trimmed.len()));
        }
        offset += line.len();
    }
    out
}

/// The claim units: sentences outside captions and chrome, split where a sentence end was
/// left inside one, and merged where a quotation runs across sentences.
fn units(doc: &Doc, paragraphs: &[Span], quotes: &[Span]) -> Vec<Span> {
    let base: Vec<Span> = if doc.sentences.is_empty() {
        paragraphs.to_vec()
    } else {
        doc.sentences.iter().map(|s| s.span).collect()
    };
    let mut pieces = Vec::new();
    for s in base {
        if doc.exclusion_at(s).is_some_and(|e| matches!(e, Exclusion::Chrome | Exclusion::Caption)) {
            continue;
        }
        split_sentence(&doc.text, s, &mut pieces);
    }
    // Merge pieces a quotation runs across (within one paragraph, up to a length).
    let mut out: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let mut unit = pieces[i];
        let mut j = i + 1;
        while j < pieces.len() {
            // Quotes and paragraphs are sorted and disjoint: only the last one starting in
            // (or before) the unit can run past its end (or contain it).
            let open_quote = quotes[..quotes.partition_point(|q| q.start <= unit.end)]
                .last()
                .is_some_and(|q| q.start >= unit.start && q.end > unit.end);
            let same_paragraph = paragraphs[..paragraphs.partition_point(|p| p.start <= unit.start)]
                .last()
                .is_some_and(|p| p.contains(unit) && p.contains(pieces[j]));
            let merged = Span::new(unit.start, pieces[j].end);
            if !open_quote || !same_paragraph || word_count(&doc.text[merged.range()]) > MAX_UNIT_WORDS {
                break;
            }
            unit = merged;
            j += 1;
        }
        out.push(unit);
        i = j;
    }
    out
}

fn word_count(text: &str) -> usize {
    unicode_segmentation::UnicodeSegmentation::unicode_words(text).count()
}

/// Splits `span` at sentence ends inside it: `.`, `!` or `?` (and closing quotes) before a
/// space and a capital or opening quote, unless the period ends an initial or a short
/// capitalised abbreviation ("U.S.", "Mr.", "St.").
fn split_sentence(text: &str, span: Span, out: &mut Vec<Span>) {
    let body = &text[span.range()];
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut start = 0;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?') {
            let mut end = k + 1;
            while end < chars.len() && matches!(chars[end].1, '”' | '"' | '’' | '\'' | ')') {
                end += 1;
            }
            let mut next = end;
            while next < chars.len() && chars[next].1 == ' ' {
                next += 1;
            }
            let spaced = next > end && next < chars.len();
            let starts_sentence =
                spaced && (chars[next].1.is_uppercase() || matches!(chars[next].1, '“' | '"' | '‘' | '«'));
            if starts_sentence && (c != '.' || !is_abbreviation(&body[start..i])) {
                let piece_end = if end < chars.len() { chars[end].0 } else { body.len() };
                push_trimmed(text, span.start + start, span.start + piece_end, out);
                start = chars[next].0;
                k = next;
                continue;
            }
        }
        k += 1;
    }
    push_trimmed(text, span.start + start, span.end, out);
}

/// True when the text before a period ends with an abbreviation: a single letter
/// ("A.M.", "P. K.") or a capitalised word of at most three letters ("Mr", "St", "Gen").
fn is_abbreviation(before: &str) -> bool {
    let word: &str = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let n = word.chars().count();
    n == 1 && word.chars().all(char::is_alphabetic)
        || (n <= 3
            && word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().all(char::is_alphabetic))
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

/// A heading, dateline or label: no sentence punctuation at the end, and short or mostly
/// capitalised.
fn is_heading(text: &str, words: &[Word]) -> bool {
    let ends_sentence =
        text.trim_end().ends_with(['.', '!', '?', '"', '”', '’', ':', ')']) || text.trim_end().ends_with('|');
    if ends_sentence {
        return false;
    }
    let capitalised = words.iter().filter(|w| text[w.start..].starts_with(char::is_uppercase)).count();
    words.len() < 6 || capitalised * 10 >= words.len() * 7
}

/// Where a speech cue is among the words outside quotes: (index in `outside`, whether it
/// is "according to").
#[derive(Clone, Copy)]
struct Cue {
    at: usize,
    according: bool,
}

fn find_cue(outside: &[&Word]) -> Option<Cue> {
    for (i, w) in outside.iter().enumerate() {
        if w.folded == "according" && outside.get(i + 1).is_some_and(|n| n.folded == "to") {
            return Some(Cue { at: i, according: true });
        }
        if lexicon::is_speech_verb(&w.folded) {
            return Some(Cue { at: i, according: false });
        }
    }
    None
}

/// Mentions that follow a title ("President Jane Doe", "the minister, X"), by title,
/// in document order, for resolving "the President said".
fn titled_mentions(doc: &Doc) -> Vec<(usize, String, Speaker)> {
    let mut out = Vec::new();
    for m in &doc.mentions {
        if m.label != Label::Person {
            continue;
        }
        let mut from = m.span.start.saturating_sub(40);
        while !doc.text.is_char_boundary(from) {
            from += 1;
        }
        let before = &doc.text[from..m.span.start];
        let ws = lexicon::words(before);
        for w in ws.iter().rev().take(3) {
            if lexicon::is_title(&w.folded) {
                let s = Speaker { entity: m.entity, span: Some(m.span), label: Some(m.label) };
                out.push((m.span.start, w.folded.clone(), s));
                break;
            }
        }
    }
    out
}

/// The speaker of the cue at `cue` in `unit`.
fn speaker_at(
    doc: &Doc,
    unit: Span,
    outside: &[&Word],
    cue: Cue,
    last: Option<Speaker>,
    last_person: Option<Speaker>,
    titled: &[(usize, String, Speaker)],
) -> Option<Speaker> {
    let pos = |w: &Word| unit.start + w.start;
    let named = |m: &super::entities::Mention| {
        matches!(m.label, Label::Person | Label::Org | Label::Gpe | Label::Norp) && unit.contains(m.span)
    };
    let as_speaker =
        |m: &super::entities::Mention| Speaker { entity: m.entity, span: Some(m.span), label: Some(m.label) };
    let mentions = &doc.mentions[starting_in(&doc.mentions, |m| m.span, unit)];
    let cue_word = outside[cue.at];
    if cue.according {
        // "according to X": the first mention within three words after "to".
        let limit = outside.get(cue.at + 5).map_or(unit.end, |w| pos(w));
        let from = pos(cue_word);
        return mentions
            .iter()
            .find(|m| named(m) && m.span.start > from && m.span.start < limit)
            .map(as_speaker)
            .or_else(|| name_run(doc, unit, outside.iter().skip(cue.at + 2).take(4)));
    }
    let cue_start = pos(cue_word);
    // "X said": a mention ending at most five outside-words before the cue.
    let window_start = outside[cue.at.saturating_sub(5)..cue.at].first().map_or(cue_start, |w| pos(w));
    let is_modifier = |m: &super::entities::Mention| {
        // "the 23-year-old from Kenya said": a mention after a preposition is not the subject.
        let before = doc.text[..m.span.start].trim_end();
        let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        PREPOSITIONS.contains(&word.to_lowercase().as_str())
    };
    if let Some(m) = mentions
        .iter()
        .rev()
        .find(|m| named(m) && m.span.end <= cue_start && m.span.start >= window_start && !is_modifier(m))
    {
        return Some(as_speaker(m));
    }
    // Without a mention: a capitalised name just before the cue, unless it is only a title.
    if let Some(run) = name_run(doc, unit, outside[cue.at.saturating_sub(3)..cue.at].iter().rev()) {
        let only_titles = run
            .span
            .is_some_and(|s| lexicon::words(doc.slice(s)).iter().all(|w| lexicon::is_title(&w.folded)));
        if !only_titles {
            return Some(run);
        }
    }
    // A pronoun or a title just before the cue.
    for w in outside[cue.at.saturating_sub(3)..cue.at].iter().rev() {
        match w.folded.as_str() {
            "he" | "she" => {
                // The later of the last speaker and the last person in subject position.
                let speaker = last.filter(|s| matches!(s.label, Some(Label::Person) | None));
                let start = |s: &Option<Speaker>| s.and_then(|x| x.span).map_or(0, |x| x.start);
                return if start(&speaker) >= start(&last_person) {
                    speaker.or(last_person)
                } else {
                    last_person
                };
            }
            "they" | "we" => return last,
            t if lexicon::is_title(t) => {
                let at = pos(w);
                return titled[..titled.partition_point(|(start, _, _)| *start < at)]
                    .iter()
                    .rev()
                    .find(|(start, title, _)| *start < at && title == t)
                    .map(|(_, _, s)| *s)
                    .or(Some(Speaker {
                        entity: None,
                        span: Some(Span::new(at, unit.start + w.end)),
                        label: None,
                    }));
            }
            _ => {}
        }
    }
    // "said X": a mention starting within two words after the cue.
    let after_limit = outside.get(cue.at + 3).map_or(unit.end, |w| pos(w));
    if let Some(m) =
        mentions.iter().find(|m| named(m) && m.span.start > cue_start && m.span.start < after_limit)
    {
        return Some(as_speaker(m));
    }
    // No mention near the cue: a capitalised name just after it.
    name_run(doc, unit, outside.iter().skip(cue.at + 1).take(3))
}

/// The first run of capitalised words (not function words) among `words`, in the order
/// given, as a speaker without an entity: the fallback when no mention names the speaker.
fn name_run<'a>(doc: &Doc, unit: Span, words: impl Iterator<Item = &'a &'a Word>) -> Option<Speaker> {
    let mut name: Option<Span> = None;
    for w in words {
        let span = Span::new(unit.start + w.start, unit.start + w.end);
        if doc.slice(span).starts_with(char::is_uppercase) && !lexicon::is_stopword(&w.folded) {
            name = Some(match name {
                Some(n) => Span::new(n.start.min(span.start), n.end.max(span.end)),
                None => span,
            });
        } else if name.is_some() {
            if PREPOSITIONS.contains(&w.folded.as_str()) {
                return None;
            }
            break;
        }
    }
    name.map(|span| Speaker { entity: None, span: Some(span), label: None })
}

/// Words after which a name modifies a noun rather than being a subject.
const PREPOSITIONS: &[&str] = &["from", "of", "in", "at", "for", "with", "by", "on", "to", "near"];

/// Check-worthiness from surface features: numbers, dates, named actors, attribution,
/// length; questions and very short units score low.
fn check_worthiness(
    text: &str,
    words: &[Word],
    kind: ClaimKind,
    entities: usize,
    dates: usize,
    numbers: usize,
) -> f32 {
    let mut score: f32 = 0.25;
    if numbers > 0 {
        score += 0.2;
    }
    if dates > 0 {
        score += 0.1;
    }
    score += 0.1 * entities.min(3) as f32;
    if kind != ClaimKind::Statement {
        score += 0.15;
    }
    let capitalised =
        words.iter().skip(1).filter(|w| text[w.start..].starts_with(char::is_uppercase)).count();
    if entities == 0 && capitalised > 0 {
        score += 0.1;
    }
    if words.len() >= 8 {
        score += 0.1;
    }
    if words.len() < 6 {
        score -= 0.15;
    }
    if text.trim_end().ends_with('?') {
        score -= 0.3;
    }
    score.clamp(0.0, 1.0)
}

/// Per-document index of the claims whose speaker is known, by speaker key: the entity
/// id, or the folded last word of the speaker's name when it is unresolved.
pub fn speaker_key(doc: &Doc, claim: &Claim) -> Option<String> {
    if let Some(e) = claim.speaker {
        return Some(format!("e{}", e.0));
    }
    let span = claim.speaker_span?;
    let words = lexicon::words(&doc.text[span.range()]);
    words.last().map(|w| w.folded.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// Claims look up each unit's quotes, mentions, dates and numbers; a scan of the whole
    /// list per unit made a document with many units quadratic.
    #[test]
    fn a_unit_finds_its_items_in_logarithmic_steps() {
        let items: Vec<Span> = (0..100_000).map(|i| Span::new(i * 10, i * 10 + 5)).collect();
        let looked = Cell::new(0);
        let range = starting_in(
            &items,
            |s| {
                looked.set(looked.get() + 1);
                *s
            },
            Span::new(500_000, 500_100),
        );
        assert_eq!(range, 50_000..50_011);
        assert!(looked.get() <= 40, "{} spans looked at for one unit", looked.get());
    }
}
