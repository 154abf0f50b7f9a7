//! Stance disagreements: what one party is reported to accept, refuse or demand.
//!
//! How: phrases of `stance_cues.txt` outside excluded text give a stance: unconditional
//! ("without any preconditions"), conditional ("only after", "must be preceded by"),
//! accept or reject ("welcomed the proposal", "rejected the offer": only before a word of
//! `proposal_nouns.txt`). A negated cue ("did not reject") is ignored. The party taking the
//! stance is a country: the speaker's when the cue is quoted, else the first country named
//! (a country, its capital or seat of government, its demonym, or a person whose title
//! carries one: "Ukrainian President X") in the nearest clause before the cue that names
//! one, else the speaker's. Per country, documents disagree when one gives one stance and
//! another a conflicting one without giving the first: a condition against none (medium),
//! acceptance against refusal (high), acceptance against acceptance on a condition (low).
//!
//! It does not know which offer a stance is about: two stances of one party on two
//! different offers can be taken for one. Parties that are not countries (companies,
//! unions) are not followed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use super::super::align::ClaimRef;
use super::super::claims::lexicon;
use super::super::entities::{EntityId, Label};
use super::super::text::Span;
use super::{Ctx, Disagreement, DisagreementKind, Evidence, Severity, Side};

static CUES: LazyLock<super::PhraseTable> =
    LazyLock::new(|| super::PhraseTable::new(include_str!("../../data/stance_cues.txt")));

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static PROPOSALS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../data/proposal_nouns.txt")).collect());

/// Folded word -> the country it stands for (display name): the country's one-word names,
/// its capital or seat, its demonyms (`demonym_countries.txt`: "French" is France, and
/// "Republican" no country).
static COUNTRY_OF: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    // Folded first name -> the name, for the capitals' countries.
    let mut by_folded: HashMap<String, String> = HashMap::new();
    for line in entries(include_str!("../../data/countries.txt")) {
        let mut aliases = line.split('|').map(str::trim);
        let Some(name) = aliases.next() else { continue };
        by_folded.insert(lexicon::fold(name), name.to_string());
        for alias in std::iter::once(name).chain(aliases) {
            if !alias.contains(' ') {
                map.entry(lexicon::fold(alias)).or_insert_with(|| name.to_string());
            }
        }
    }
    for line in entries(include_str!("../../data/capitals.txt")) {
        if let Some((capital, country)) = line.split_once('|') {
            if let Some(name) = by_folded.get(&lexicon::fold(country.trim())) {
                map.entry(lexicon::fold(capital.trim())).or_insert_with(|| name.clone());
            }
        }
    }
    let country_of_demonym: HashMap<String, &str> = entries(include_str!("../../data/demonym_countries.txt"))
        .filter_map(|line| line.split_once('|'))
        .map(|(demonym, country)| (lexicon::fold(demonym.trim()), country.trim()))
        .collect();
    for line in entries(include_str!("../../data/demonyms.txt")) {
        let forms: Vec<String> = line.split('|').map(|f| lexicon::fold(f.trim())).collect();
        let Some(country) = forms.first().and_then(|adjective| country_of_demonym.get(adjective)) else {
            continue;
        };
        for form in &forms {
            map.entry(form.clone()).or_insert_with(|| country.to_string());
        }
    }
    map
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Stance {
    Unconditional,
    Conditional,
    Accept,
    Reject,
}

impl Stance {
    fn parse(class: &str) -> Option<Stance> {
        Some(match class {
            "unconditional" => Stance::Unconditional,
            "conditional" => Stance::Conditional,
            "accept" => Stance::Accept,
            "reject" => Stance::Reject,
            _ => return None,
        })
    }

    /// "… reports Russia {describe} (“only after”)".
    fn describe(self) -> &'static str {
        match self {
            Stance::Unconditional => "setting no condition",
            Stance::Conditional => "setting a condition",
            Stance::Accept => "accepting",
            Stance::Reject => "refusing",
        }
    }
}

/// The pairs of stances that conflict, with the severity of the conflict.
const CONFLICTS: &[(Stance, Stance, Severity)] = &[
    (Stance::Conditional, Stance::Unconditional, Severity::Medium),
    (Stance::Accept, Stance::Reject, Severity::High),
    (Stance::Accept, Stance::Conditional, Severity::Low),
];

/// A stance found in a claim.
struct Found {
    claim: ClaimRef,
    cue: Span,
    /// The cue's sentence (or its claim, when that is longer).
    context: Span,
    stance: Stance,
}

/// Each person's country, from the titles written before their name ("Ukrainian President").
fn person_countries(ctx: &Ctx) -> HashMap<EntityId, String> {
    let mut out = HashMap::new();
    for doc in ctx.docs {
        for m in &doc.mentions {
            let Some(id) = m.entity.filter(|_| m.label == Label::Person && m.with_title.start < m.span.start)
            else {
                continue;
            };
            let title = &doc.text[m.with_title.start..m.span.start];
            if let Some(country) = lexicon::words(title).iter().find_map(|w| COUNTRY_OF.get(&w.folded)) {
                out.entry(id).or_insert_with(|| country.clone());
            }
        }
    }
    out
}

/// The country a claim's cue at `cue` (absolute) is the stance of.
fn party(ctx: &Ctx, r: ClaimRef, cue: Span, people: &HashMap<EntityId, String>) -> Option<String> {
    let doc = &ctx.docs[r.doc];
    let claim = ctx.claim(r);
    let speaker = claim.speaker.and_then(|id| people.get(&id).cloned());
    if claim.quotes.iter().any(|q| q.contains(cue)) {
        return speaker;
    }
    // A clause of a longer sentence names its party before it ("X said Y was ready, but
    // only after ..."): read from the sentence's start.
    let from = doc.sentence_at(claim.span.start).map_or(claim.span.start, |i| doc.sentences[i].span.start);
    let from = from.min(claim.span.start);
    let text = doc.slice(Span::new(from, cue.start));
    let words = lexicon::words(text);
    // The country each word names, if any: a capitalised country word, or a person's.
    let country_at = |w: &lexicon::Word| -> Option<String> {
        let at = Span::new(w.start, w.end).shift(from);
        let i = doc.mentions.partition_point(|m| m.span.end <= at.start);
        if let Some(m) = doc.mentions.get(i).filter(|m| m.span.overlaps(at) && m.label == Label::Person) {
            return m.entity.and_then(|id| people.get(&id).cloned());
        }
        let capitalised = text[w.start..].starts_with(char::is_uppercase);
        capitalised.then(|| COUNTRY_OF.get(&w.folded).cloned()).flatten()
    };
    let bounds = |c: char| matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')');
    let mut end = words.len();
    while end > 0 {
        // The clause of words[..end]'s last word: back to the previous boundary.
        let mut start = end - 1;
        while start > 0 && !text[words[start - 1].end..words[start].start].contains(bounds) {
            start -= 1;
        }
        if let Some(country) = words[start..end].iter().find_map(country_at) {
            return Some(country);
        }
        end = start;
    }
    speaker
}

/// The claim of `doc` holding byte `at`, if any (claims are sorted and disjoint).
pub(super) fn claim_at(ctx: &Ctx, doc: usize, at: usize) -> Option<ClaimRef> {
    let claims = &ctx.docs[doc].claims;
    let c = claims.partition_point(|c| c.span.start <= at).checked_sub(1)?;
    (claims[c].span.end > at).then_some(ClaimRef { doc, claim: c })
}

/// Every stance of every sentence that holds a claim, with its country. Sentences are read
/// whole, as a cue may straddle two clause claims ("ready, but only | after ...").
fn stances(ctx: &Ctx, people: &HashMap<EntityId, String>) -> Vec<(String, Found)> {
    let mut out = Vec::new();
    for c in ctx.cues(&CUES) {
        let (words, i, end) = (c.words, c.start, c.end);
        let Some(stance) = Stance::parse(c.class) else { continue };
        let negated = words[i.saturating_sub(3)..i].iter().any(|w| lexicon::is_negation_word(&w.folded));
        let needs_object = matches!(stance, Stance::Accept | Stance::Reject);
        let object =
            words[end..(end + 4).min(words.len())].iter().any(|w| PROPOSALS.contains(w.folded.as_str()));
        if negated || (needs_object && !object) {
            continue;
        }
        let cue = c.span();
        let Some(r) = claim_at(ctx, c.doc, cue.start).or_else(|| claim_at(ctx, c.doc, cue.end - 1)) else {
            continue;
        };
        if let Some(country) = party(ctx, r, cue, people) {
            let claim_span = ctx.claim(r).span;
            let sentence = c.sentence_span;
            let context = Span::new(claim_span.start.min(sentence.start), claim_span.end.max(sentence.end));
            out.push((country, Found { claim: r, cue, context, stance }));
        }
    }
    out
}

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    let people = person_countries(ctx);
    let mut by_country: BTreeMap<String, Vec<Found>> = BTreeMap::new();
    for (country, found) in stances(ctx, &people) {
        by_country.entry(country).or_default().push(found);
    }
    for (country, found) in &by_country {
        let docs_with = |s: Stance| -> HashSet<usize> {
            found.iter().filter(|f| f.stance == s).map(|f| f.claim.doc).collect()
        };
        for &(x, y, severity) in CONFLICTS {
            let (with_x, with_y) = (docs_with(x), docs_with(y));
            // One document gives one stance, another the other and not the first.
            let mut only_y: Vec<usize> = with_y.difference(&with_x).copied().collect();
            let mut all_x: Vec<usize> = with_x.iter().copied().collect();
            let (mut first, mut second) = (x, y);
            if only_y.is_empty() || all_x.is_empty() {
                only_y = with_x.difference(&with_y).copied().collect();
                all_x = with_y.iter().copied().collect();
                (first, second) = (y, x);
            }
            if only_y.is_empty() || all_x.is_empty() {
                continue;
            }
            let side = |s: Stance, docs: &[usize]| -> Side {
                let members: Vec<&Found> =
                    found.iter().filter(|f| f.stance == s && docs.contains(&f.claim.doc)).collect();
                Side {
                    value: ctx.text(members[0].claim.doc, members[0].cue).to_string(),
                    normalized: Some(format!("{s:?}").to_lowercase()),
                    evidence: members
                        .iter()
                        .flat_map(|f| {
                            [
                                Evidence { doc: f.claim.doc, span: f.cue },
                                Evidence { doc: f.claim.doc, span: f.context },
                            ]
                        })
                        .collect(),
                }
            };
            let sides = vec![side(first, &all_x), side(second, &only_y)];
            let explanation = super::listing(ctx, &sides, |s| {
                let stance = if s.normalized.as_deref() == Some(format!("{first:?}").to_lowercase().as_str())
                {
                    first
                } else {
                    second
                };
                format!("reports {country} {} (“{}”)", stance.describe(), s.value)
            });
            out.push(Disagreement {
                kind: DisagreementKind::Fact,
                topic: format!("Where {country} stands: {} or {}", x.describe(), y.describe()),
                severity,
                explanation,
                sides,
            });
        }
    }
}
