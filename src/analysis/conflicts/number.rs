//! Number disagreements: different counts or amounts for the same thing in different
//! documents, respecting approximations and units.
//!
//! How: each quantity gets keys saying what it counts: the counted noun phrase after it
//! ("730 violations", "Seven ... Teams"), the content word just before it ("killed over
//! 261"), the predicate after it ("288 people lost"), folded through the paraphrase
//! groups; general nouns ("people") do not count. Quantities of different documents that
//! share a key (or sit in aligned claims) and have compatible units are compared: "over
//! 730" agrees with 730, "about 900" with 900, 180 days with six months, "thousands" with
//! 5,000 (not with 200,000: a vague magnitude reaches under 20 times itself); two
//! different hedged figures ("over 250", "over 261") do not agree. Agreeing figures form sides. A
//! group is a disagreement only when one document gives a figure another does not and
//! vice versa: two parties' figures that every outlet reports alike are not. The
//! explanation says when the documents were published on different dates.
//!
//! The same figure given for different stretches of time ("during the truce" vs "on the
//! day it began", from `count_scopes.txt`) is a disagreement too.
//!
//! A figure whose noun only describes what it counts ("two passenger [trains]", see
//! `numbers::is_modifier`) is left out.
//!
//! It does not tell apart two different things counted with the same words.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::super::align::ClaimRef;
use super::super::claims::lexicon;
use super::super::numbers::{self, Approx, Quantity};
use super::super::text::{Exclusion, Span};
use super::{Ctx, Disagreement, DisagreementKind, Evidence, Severity, Side};

struct Item {
    doc: usize,
    span: Span,
    /// The value in the unit group's base unit (seconds for durations).
    value: f64,
    approx: Option<Approx>,
    /// A vague magnitude ("thousands"; see `numbers::Quantity::vague`).
    vague: bool,
    /// The unit group ("time", or the unit itself).
    unit: Option<String>,
    /// What the number counts: canonical stems, sorted.
    keys: Vec<String>,
    /// The predicate right after the figure ("88 bodies [identified]"), if any.
    predicate: Option<String>,
    /// The claim (or else the sentence) around it.
    context: Span,
    severe: bool,
    written: String,
    /// The stretch of time the figure covers, when its clause says ("during", "on the
    /// first day", "a day").
    scope: Option<&'static str>,
    /// The figure is a whole that another figure is part of ("204 out of 300 members",
    /// "three of the 12 judges"): it compares only with other wholes.
    whole: bool,
}

const MAX_POSTING: usize = 64;
const AUXILIARIES: &[&str] = &["is", "are", "was", "were", "have", "has", "had", "been", "be", "being"];

/// Seconds per unit, for the units of duration.
fn duration(unit: &str) -> Option<f64> {
    let u = unit.trim_end_matches('s');
    Some(match u {
        "second" | "sec" => 1.0,
        "minute" | "min" => 60.0,
        "hour" | "hr" => 3600.0,
        "day" => 86_400.0,
        "week" => 604_800.0,
        "month" => 2_629_800.0,
        "year" => 31_557_600.0,
        _ => return None,
    })
}

/// How far around a figure its words are read, in bytes each side.
const NEAR_BYTES: usize = 400;

/// `span` widened by `bytes` each side, within `outer`, on char boundaries.
fn window(text: &str, outer: Span, span: Span, bytes: usize) -> Span {
    let mut start = span.start.saturating_sub(bytes).max(outer.start).min(span.start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (span.end + bytes).min(outer.end).max(span.end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Span::new(start, end)
}

fn item(ctx: &Ctx, doc: usize, q: &Quantity) -> Option<Item> {
    let d = &ctx.docs[doc];
    if d.exclusion_at(q.span).is_some_and(|e| matches!(e, Exclusion::Chrome | Exclusion::Caption)) {
        return None;
    }
    // Durations convert to seconds, units of measure must match, counted nouns ("dead",
    // "people") say what is counted.
    let mut counted: Option<String> = None;
    let (value, unit) = match q.unit.as_deref() {
        Some(u) => match duration(&u.to_lowercase()) {
            Some(k) => (q.value * k, Some("time".to_string())),
            None if lexicon::is_measure_unit(u) => (q.value, Some(u.to_lowercase())),
            // "two passenger [trains]": the noun only describes what is counted.
            None if numbers::is_modifier(q.value, u) => return None,
            None => {
                counted = Some(lexicon::fold(u));
                (q.value, None)
            }
        },
        None => (q.value, None),
    };
    // Parts of dates ("04 June 2023") are not counts.
    // Dates are sorted by start: only the last few starting before the figure's end can
    // overlap it (a scan of all of them made long documents quadratic).
    let dates_before = &d.dates[..d.dates.partition_point(|x| x.span.start < q.span.end)];
    if !value.is_finite() || dates_before.iter().rev().take(4).any(|x| x.span.overlaps(q.span)) {
        return None;
    }
    // Years and "one of" are not counts.
    if unit.is_none() && (value < 2.0 || (value.fract() == 0.0 && (1800.0..=2100.0).contains(&value))) {
        return None;
    }
    let context = d.sentence_at(q.span.start).map(|i| d.sentences[i].span).unwrap_or(q.span);
    let sentence = context;
    // Claims are sorted and disjoint: only the last one starting at or before it can hold it.
    let claim = d.claims.partition_point(|c| c.span.start <= q.span.start).checked_sub(1);
    let claim = claim.filter(|&c| d.claims[c].span.contains(q.span)).map(|c| ClaimRef { doc, claim: c });
    // Only the words next to the figure matter: read a window of the sentence around it, so
    // that a long sentence with many figures is not read once per figure.
    let near = window(&d.text, context, q.span, NEAR_BYTES);
    let text = d.slice(near);
    let words = lexicon::words(text);
    let rel = |w: &lexicon::Word| Span::new(w.start, w.end).shift(near.start);
    // Words next to the figure within its clause: punctuation between two words ends it.
    let joined = |from: usize, to: usize| {
        !text[from.min(to)..to.max(from)].contains([',', ';', ':', '.', '—', '–', '"', '“', '”'])
    };
    let mut before: Vec<&lexicon::Word> = Vec::new();
    let mut edge = q.span.start - near.start.min(q.span.start);
    for w in words.iter().rev().filter(|w| rel(w).end <= q.span.start) {
        if !joined(w.end, edge) {
            break;
        }
        before.push(w);
        edge = w.start;
    }
    let mut after: Vec<&lexicon::Word> = Vec::new();
    let mut edge = q.span.end.saturating_sub(near.start);
    for w in words.iter().filter(|w| rel(w).start >= q.span.end) {
        if !joined(edge, w.start) {
            break;
        }
        after.push(w);
        edge = w.end;
    }
    let numeric = |w: &lexicon::Word| w.folded.chars().any(|c| c.is_ascii_digit());
    // Parts of dates ("04 June", "June 2") and ages ("23-year-old") are not counts.
    let next_to_month = words.iter().any(|w| {
        lexicon::is_month(&w.folded)
            && (rel(w).end + 2 >= q.span.start && rel(w).end <= q.span.start
                || rel(w).start <= q.span.end + 2 && rel(w).start >= q.span.end)
    });
    if next_to_month || d.slice(q.span).ends_with("-old") {
        return None;
    }
    // "out of 300", "204 of 300", "three of the 12", "Of the 45 members, 31...": a whole,
    // not a count of its own.
    let is_figure = |w: &lexicon::Word| {
        numeric(w) || {
            let at = rel(w);
            let i = d.numbers.partition_point(|n| n.span.end <= at.start);
            d.numbers.get(i).is_some_and(|n| n.span.overlaps(at))
        }
    };
    let word_at = |i: usize| before.get(i).map(|w| w.folded.as_str());
    let whole = match (word_at(0), word_at(1)) {
        (Some("of"), Some("out")) => true,
        (Some("of"), Some(_)) => is_figure(before[1]),
        (Some("the"), Some("of")) => before.get(2).is_none_or(|w| is_figure(w)),
        _ => false,
    };
    let key = |w: &lexicon::Word| lexicon::canonical(&lexicon::stem(&w.folded)).to_string();
    let mut keys = Vec::new();
    let mut severe = false;
    for noun in counted.iter().flat_map(|c| c.split_whitespace()) {
        severe |= lexicon::is_severe_topic(noun);
        if lexicon::is_content(noun) && !lexicon::is_generic_count_noun(noun) {
            keys.push(lexicon::canonical(&lexicon::stem(noun)).to_string());
        }
    }
    // The content word just before ("killed over 261").
    let mut verb_before = None;
    for w in before.iter().take(3) {
        if numeric(w) {
            break;
        }
        if lexicon::is_approximator(&w.folded) || lexicon::is_stopword(&w.folded) {
            continue;
        }
        if lexicon::is_content(&w.folded) {
            severe |= lexicon::is_severe_topic(&w.folded);
            if !lexicon::is_generic_count_noun(&w.folded) {
                keys.push(key(w));
                if lexicon::is_severe_form(&w.folded) && !lexicon::is_severe_topic(&w.folded) {
                    verb_before = Some(key(w));
                }
            }
        }
        break;
    }
    // The counted noun phrase after (when the figure's unit is not already the noun).
    let run: Vec<&&lexicon::Word> =
        after.iter().take_while(|w| lexicon::is_content(&w.folded) && !numeric(w)).take(6).collect();
    let noun_run: &[&&lexicon::Word] = if counted.is_some() { &[] } else { &run };
    for w in noun_run.first().into_iter().chain(noun_run.last()) {
        severe |= lexicon::is_severe_topic(&w.folded);
        if !lexicon::is_generic_count_noun(&w.folded) {
            keys.push(key(w));
        }
    }
    // The predicate: the first content word after the noun phrase and any auxiliaries.
    let rest =
        after.iter().skip(noun_run.len()).skip_while(|w| AUXILIARIES.contains(&w.folded.as_str())).take(1);
    let mut predicate = None;
    for w in rest.filter(|w| lexicon::is_content(&w.folded) && !numeric(w)) {
        severe |= lexicon::is_severe_topic(&w.folded);
        if !lexicon::is_generic_count_noun(&w.folded) {
            keys.push(key(w));
            predicate = Some(key(w));
        }
    }
    // Without a predicate after, a casualty verb form just before is one ("killing at
    // least 288 passengers" is not "793 passengers have been discharged").
    let predicate = predicate.or(verb_before);
    keys.sort();
    keys.dedup();
    let context = claim.map_or(context, |c| ctx.claim(c).span);
    Some(Item {
        doc,
        span: q.span,
        value,
        approx: q.approx,
        vague: q.vague,
        unit,
        keys,
        predicate,
        context,
        severe,
        written: d.slice(q.span).to_string(),
        scope: scope(
            d.slice(near),
            q.span.start - near.start,
            d.slice(window(&d.text, sentence, Span::new(sentence.start, sentence.start), OPENING_BYTES)),
        ),
        whole,
    })
}

/// The phrases saying over what time a figure counts.
static SCOPES: LazyLock<super::PhraseTable> =
    LazyLock::new(|| super::PhraseTable::new(include_str!("../../data/count_scopes.txt")));

/// How far into its sentence an opening scope phrase is read, in bytes.
const OPENING_BYTES: usize = 64;

/// The scope of the figure at byte `at` of `near` (the words around it in its sentence): a
/// scope phrase in its clause, or one opening the sentence (`opening`, the sentence's first
/// words: "On the first day of the truce, ... 700 violations").
fn scope(near: &str, at: usize, opening: &str) -> Option<&'static str> {
    let bounds = |c: char| matches!(c, ',' | ';' | ':' | '.' | '—' | '–' | '(' | ')');
    let at = at.min(near.len());
    let clause_start =
        near[..at].char_indices().rev().find(|(_, c)| bounds(*c)).map_or(0, |(i, c)| i + c.len_utf8());
    let clause_end = near[at..].find(bounds).map_or(near.len(), |i| at + i);
    let phrase_in = |text: &str, opening: bool| {
        let words = lexicon::words(text);
        let starts = if opening { 0..words.len().min(1) } else { 0..words.len() };
        starts.into_iter().find_map(|i| SCOPES.at(&words, i).map(|(_, scope)| scope))
    };
    phrase_in(&near[clause_start..clause_end], false).or_else(|| phrase_in(opening, true))
}

fn is_lower_bound(a: Approx) -> bool {
    matches!(a.as_str(), "over" | "at least" | "more than")
}

fn is_round(v: f64) -> bool {
    v >= 10.0 && (v % 10.0 == 0.0 || v % 5.0 == 0.0)
}

/// The values a hedged figure allows ("over 250": a little more than 250; "nearly", "under"
/// and "up to": a little less; "about": either way).
fn interval(v: f64, approx: Option<Approx>) -> (f64, f64) {
    let Some(a) = approx else { return (v, v) };
    match a.as_str() {
        "over" | "at least" | "more than" => (v, v * if is_round(v) { 1.25 } else { 1.05 }),
        "nearly" | "under" | "up to" | "almost" | "less than" => (v * 0.85, v),
        _ => (v * 0.9, v * 1.1),
    }
}

/// True when the two figures can both be right.
fn agree(a: &Item, b: &Item) -> bool {
    let tolerance = if a.unit.as_deref() == Some("time") { 0.03 } else { 0.01 };
    let close = |x: f64, y: f64, t: f64| (x - y).abs() <= t * x.abs().max(y.abs());
    if close(a.value, b.value, tolerance) {
        return true;
    }
    if a.vague || b.vague {
        // "thousands" is 1,000 to under 20,000: it meets "5,000" and "tens of thousands",
        // not "200,000" nor "hundreds of thousands".
        let range = |it: &Item| {
            if it.vague {
                (it.value, it.value * numbers::VAGUE_SPAN)
            } else {
                interval(it.value, it.approx)
            }
        };
        let ((alo, ahi), (blo, bhi)) = (range(a), range(b));
        return alo < bhi && blo < ahi || close(alo, blo, tolerance);
    }
    match (a.approx, b.approx) {
        (None, None) => false,
        (Some(_), None) => {
            let (lo, hi) = interval(a.value, a.approx);
            (lo..=hi).contains(&b.value)
        }
        (None, Some(_)) => {
            let (lo, hi) = interval(b.value, b.approx);
            (lo..=hi).contains(&a.value)
        }
        // Two lower bounds ("at least 8", "at least 12") can both hold; for casualty
        // figures outlets mean them as the toll, so different bases disagree.
        (Some(x), Some(y)) if is_lower_bound(x) && is_lower_bound(y) && !(a.severe || b.severe) => true,
        (Some(_), Some(_)) => close(a.value, b.value, 0.02),
    }
}

fn units_compatible(a: &Item, b: &Item) -> bool {
    match (&a.unit, &b.unit) {
        (Some(x), Some(y)) => x == y,
        (Some(x), None) | (None, Some(x)) => x != "time" && !x.chars().any(|c| !c.is_alphabetic()),
        (None, None) => true,
    }
}

fn comparable(ctx: &Ctx, a: &Item, b: &Item) -> bool {
    if a.doc == b.doc || a.whole != b.whole || !units_compatible(a, b) {
        return false;
    }
    let _ = ctx;
    // "88 bodies identified" and "160 bodies brought": the same noun, different things.
    if matches!((&a.predicate, &b.predicate), (Some(x), Some(y)) if x != y) {
        return false;
    }
    a.keys.iter().any(|k| b.keys.binary_search(k).is_ok())
}

fn format_value(it: &Item) -> String {
    it.written.clone()
}

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    let items: Vec<Item> = ctx
        .docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| doc.numbers.iter().filter_map(move |q| item(ctx, d, q)))
        .collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        for k in &it.keys {
            postings.entry(k.as_str()).or_default().push(i);
        }
    }
    // One candidate group per key; larger groups first, and a group whose figures were
    // mostly judged already is skipped.
    let mut keyed: Vec<(&str, Vec<usize>)> = postings
        .into_iter()
        .filter(|(_, list)| list.len() >= 2 && list.len() <= MAX_POSTING)
        .map(|(k, list)| (k, comparable_core(ctx, &items, &list)))
        .filter(|(_, list)| list.len() >= 2)
        .collect();
    keyed.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let mut used = vec![false; items.len()];
    for (_, group) in keyed {
        let fresh = group.iter().filter(|&&i| !used[i]).count();
        if fresh * 2 < group.len() {
            continue;
        }
        if let Some(d) = disagreement(ctx, &items, &group) {
            out.push(d);
        }
        for i in group {
            used[i] = true;
        }
    }
}

/// The items of `list` that are comparable with an item of another document.
fn comparable_core(ctx: &Ctx, items: &[Item], list: &[usize]) -> Vec<usize> {
    list.iter().copied().filter(|&i| list.iter().any(|&j| comparable(ctx, &items[i], &items[j]))).collect()
}

fn disagreement(ctx: &Ctx, items: &[Item], group: &[usize]) -> Option<Disagreement> {
    let mut order = group.to_vec();
    order.sort_by(|&a, &b| {
        items[a]
            .value
            .total_cmp(&items[b].value)
            .then(items[a].approx.is_some().cmp(&items[b].approx.is_some()))
    });
    let mut sides: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in order {
        match sides.iter_mut().find(|(rep, _)| agree(&items[*rep], &items[i])) {
            Some((_, members)) => members.push(i),
            None => sides.push((i, vec![i])),
        }
    }
    let docs_of = |members: &[usize]| {
        let mut d: Vec<usize> = members.iter().map(|&m| items[m].doc).collect();
        d.sort_unstable();
        d.dedup();
        d
    };
    let side_docs: Vec<Vec<usize>> = sides.iter().map(|(_, m)| docs_of(m)).collect();
    // Two sides each with a document the other lacks (the two are different documents).
    let lacks = |a: &[usize], b: &[usize]| a.iter().any(|d| b.binary_search(d).is_err());
    let genuine = side_docs
        .iter()
        .enumerate()
        .any(|(x, a)| side_docs[x + 1..].iter().any(|b| lacks(a, b) && lacks(b, a)));
    // A document giving three figures or more counts different things.
    let mut per_doc: Vec<usize> = side_docs.iter().flatten().copied().collect();
    per_doc.sort_unstable();
    let many_things = per_doc.windows(3).any(|w| w[0] == w[2]);
    if sides.len() < 2 || !genuine || many_things {
        // Figures that agree may still cover different stretches of time.
        return sides.iter().find_map(|(_, members)| scope_disagreement(ctx, items, members));
    }
    let topic_key = most_common_key(items, group);
    let severe = group.iter().any(|&i| items[i].severe);
    let listing: Vec<String> = sides
        .iter()
        .zip(&side_docs)
        .map(|((rep, _), docs)| {
            let names: Vec<&str> = docs.iter().map(|&d| ctx.doc_name(d)).collect();
            format!("{} says {}", names.join(", "), format_value(&items[*rep]))
        })
        .collect();
    let mut explanation = listing.join("; ");
    let mut published: Vec<String> = group
        .iter()
        .filter_map(|&i| ctx.docs[items[i].doc].meta.published.as_ref().map(|p| p.value.to_string()))
        .collect();
    published.sort();
    published.dedup();
    if published.len() > 1 {
        explanation
            .push_str(&format!(" (reported at different times: published {})", published.join(" to ")));
    }
    let sides = sides
        .iter()
        .map(|(rep, members)| Side {
            value: format_value(&items[*rep]),
            normalized: Some(format!(
                "{}{}",
                items[*rep].value,
                items[*rep].unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default()
            )),
            evidence: members
                .iter()
                .flat_map(|&m| {
                    [
                        Evidence { doc: items[m].doc, span: items[m].span },
                        Evidence { doc: items[m].doc, span: items[m].context },
                    ]
                })
                .collect(),
        })
        .collect();
    Some(Disagreement {
        kind: DisagreementKind::Number,
        topic: format!("How many: {topic_key}"),
        // A vague magnitude ("thousands") against a count is a difference of framing as
        // much as of fact.
        severity: if severe {
            Severity::High
        } else if group.iter().any(|&i| items[i].vague) {
            Severity::Low
        } else {
            Severity::Medium
        },
        explanation,
        sides,
    })
}

/// The same figure for different stretches of time: one document gives it for a day,
/// another for a whole period. Each of two documents must give it with one scope only.
fn scope_disagreement(ctx: &Ctx, items: &[Item], group: &[usize]) -> Option<Disagreement> {
    let mut by_doc: HashMap<usize, Vec<&str>> = HashMap::new();
    for &i in group {
        let entry = by_doc.entry(items[i].doc).or_default();
        entry.extend(items[i].scope);
        entry.sort_unstable();
        entry.dedup();
    }
    let single: Vec<&str> = by_doc.values().filter(|s| s.len() == 1).map(|s| s[0]).collect();
    if !single.iter().any(|s| *s != single[0]) {
        return None;
    }
    let mut scopes: Vec<&str> = group.iter().filter_map(|&i| items[i].scope).collect();
    scopes.sort_unstable();
    scopes.dedup();
    let sides: Vec<Side> = scopes
        .iter()
        .map(|scope| {
            let members: Vec<&Item> =
                group.iter().map(|&i| &items[i]).filter(|it| it.scope == Some(scope)).collect();
            // The figure as written; the scope is the side's normalized value.
            let value = members[0].written.clone();
            super::side_of(value, scope, members.iter().map(|m| (m.doc, m.span, m.context)))
        })
        .collect();
    let explanation = super::listing(ctx, &sides, |s| {
        let over = match s.normalized.as_deref() {
            Some("day") => "for a single day",
            Some("rate") => "per unit of time",
            _ => "for a whole period",
        };
        format!("gives {} {over}", items[group[0]].written)
    });
    Some(Disagreement {
        kind: DisagreementKind::Number,
        topic: format!("Over what time: {}", most_common_key(items, group)),
        severity: Severity::Medium,
        explanation,
        sides,
    })
}

fn most_common_key(items: &[Item], group: &[usize]) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &i in group {
        for k in &items[i].keys {
            *counts.entry(k.as_str()).or_insert(0) += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.to_string())
        .unwrap_or_else(|| "figure".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each figure reads only the words near it: reading its whole sentence made a long
    /// sentence full of figures quadratic.
    #[test]
    fn a_figure_reads_a_bounded_window_of_its_sentence() {
        let text = "é twelve people ".repeat(100_000);
        let sentence = Span::new(0, text.len());
        let figure = Span::new(800_001, 800_007);
        let near = window(&text, sentence, figure, NEAR_BYTES);
        assert!(near.contains(figure) && sentence.contains(near));
        assert!(near.len() <= 2 * NEAR_BYTES + figure.len(), "read {} bytes", near.len());
        assert!(text.is_char_boundary(near.start) && text.is_char_boundary(near.end));
    }
}
