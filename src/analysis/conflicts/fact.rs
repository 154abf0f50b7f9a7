//! Fact disagreements: contradictions about what happened.
//!
//! - A different actor in the same role: two parallel sentences (most words shared, in
//!   order) that name different people or things at the same place ("ahead of compatriot
//!   Benson X" vs "ahead of compatriot Daniel Y").
//! - Swapped roles: the same two named things around the same action, in opposite order
//!   ("A rammed B" vs "B collided with A"). Verbs of speaking and meeting are symmetric
//!   and ignored.
//! - No response vs a response: one outlet says an actor did not respond ("no response
//!   from Kyiv"), another reports that actor's side responding (a statement by someone
//!   the text ties to the same country, about the same offer).
//! - A different member in a pair of the same things: aligned claims with "x and y N"
//!   sharing the noun and one member but not the other ("energy and financial sectors"
//!   vs "energy and banking sectors"). Paraphrase groups fold synonyms first.
//! - Polarity and antonyms in aligned claims: one negated and the other not, or opposite
//!   words ("accepted" vs "rejected").
//!
//! It does not check the facts themselves, and it cannot see contradictions that need
//! world knowledge beyond its word lists.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::super::align::ClaimRef;
use super::super::claims::{lexicon, ClaimKind};
use super::super::text::Span;
use super::super::words::WordMap;
use super::{head, Ctx, Disagreement, DisagreementKind, Evidence, PairFinding, Severity, Side};

/// Capital (folded) -> country (folded).
static CAPITALS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    include_str!("../../data/capitals.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('|'))
        .map(|(a, b)| (lexicon::fold(a.trim()), lexicon::fold(b.trim())))
        .collect()
});

/// Words saying that someone answered.
const RESPONSE_WORDS: &[&str] = &[
    "response",
    "respond",
    "responded",
    "reply",
    "replied",
    "reaction",
    "react",
    "reacted",
    "comment",
    "answer",
];
/// Verbs that relate two parties symmetrically: their order says nothing.
const SYMMETRIC: &[&str] =
    &["meet", "met", "talk", "speak", "spoke", "call", "agre", "negotiat", "discus", "join", "sign"];

/// A claim's words (as ids into its [`WordTable`]) with their original capitalisation.
struct ClaimWords {
    ids: Vec<u32>,
    /// `ids` sorted, for a quick bound on how many words two claims share.
    sorted: Vec<u32>,
    /// The canonical stems as ids (the same stem, the same id).
    stem_ids: Vec<u32>,
    /// `stem_ids` sorted, each once.
    stem_set: Vec<u32>,
    capitalised: Vec<bool>,
    /// Per word: a past-tense verb that may relate two parties in an order (see [`swap`]).
    ordered_verb: Vec<bool>,
    spans: Vec<Span>,
    /// [`lexicon::negation_count`] of the words, made on first use.
    negations: OnceCell<usize>,
}

/// A claim's words as the checks read them: [`ClaimWords`] with the table's texts.
#[derive(Clone, Copy)]
struct Words<'t> {
    ids: &'t [u32],
    sorted: &'t [u32],
    stem_ids: &'t [u32],
    stem_set: &'t [u32],
    capitalised: &'t [bool],
    ordered_verb: &'t [bool],
    spans: &'t [Span],
    negations: &'t OnceCell<usize>,
    table: &'t WordTable,
}

impl<'t> Words<'t> {
    fn len(&self) -> usize {
        self.ids.len()
    }

    /// The folded word `i`.
    fn folded(&self, i: usize) -> &'t str {
        &self.table.words[self.ids[i] as usize].folded
    }

    /// The canonical stem of word `i`.
    fn stem(&self, i: usize) -> &'t str {
        &self.table.stems[self.stem_ids[i] as usize]
    }

    fn folded_all(&self) -> Vec<&'t str> {
        (0..self.len()).map(|i| self.folded(i)).collect()
    }

    /// How many negations the claim has ([`lexicon::negation_count`]), counted once.
    fn negation_count(&self) -> usize {
        *self.negations.get_or_init(|| lexicon::negation_count(&self.folded_all()))
    }

    fn stems(&self) -> impl Iterator<Item = &'t str> + '_ {
        (0..self.len()).map(|i| self.stem(i))
    }
}

/// What a folded word gives every claim that has it, worked out once per distinct word.
struct WordInfo {
    folded: String,
    stem_id: u32,
    stopword: bool,
    /// A content word, not a verb of speaking, whose stem is not a symmetric verb, ending
    /// in "ed".
    ordered_verb: bool,
}

/// The words of every claim, made on first use and shared by all the checks (a claim is in
/// many pairs), with one [`WordInfo`] per distinct folded word and one id per stem.
struct WordTable {
    claims: Vec<Option<ClaimWords>>,
    /// Folded word -> its id (an index in `words`).
    ids: WordMap<String, u32>,
    words: Vec<WordInfo>,
    /// Stem -> its id (an index in `stems`).
    stem_ids: WordMap<String, u32>,
    stems: Vec<String>,
    /// The rows [`super::lcs_keep_in`] fills, kept from pair to pair.
    lcs_table: RefCell<Vec<u64>>,
}

impl WordTable {
    fn new(ctx: &Ctx) -> WordTable {
        WordTable {
            claims: (0..ctx.claim_count()).map(|_| None).collect(),
            ids: WordMap::default(),
            words: Vec::new(),
            stem_ids: WordMap::default(),
            stems: Vec::new(),
            lcs_table: RefCell::new(Vec::new()),
        }
    }

    /// Makes the words of `r` and returns the index [`WordTable::get`] takes.
    fn load(&mut self, ctx: &Ctx, r: ClaimRef) -> usize {
        let index = ctx.claim_index(r);
        if self.claims[index].is_none() {
            self.claims[index] = Some(self.claim_words(ctx, r));
        }
        index
    }

    fn get(&self, index: usize) -> Words<'_> {
        let c = self.claims[index].as_ref().expect("loaded first");
        Words {
            ids: &c.ids,
            sorted: &c.sorted,
            stem_ids: &c.stem_ids,
            stem_set: &c.stem_set,
            capitalised: &c.capitalised,
            ordered_verb: &c.ordered_verb,
            spans: &c.spans,
            negations: &c.negations,
            table: self,
        }
    }

    /// The id of a folded word, its [`WordInfo`] made the first time.
    fn id(&mut self, folded: String) -> u32 {
        if let Some(&id) = self.ids.get(&folded) {
            return id;
        }
        let stem = lexicon::canonical(&lexicon::stem(&folded)).to_string();
        let stem_id = match self.stem_ids.get(&stem) {
            Some(&id) => id,
            None => {
                self.stems.push(stem.clone());
                self.stem_ids.insert(stem.clone(), self.stems.len() as u32 - 1);
                self.stems.len() as u32 - 1
            }
        };
        let info = WordInfo {
            stem_id,
            stopword: lexicon::is_stopword(&folded),
            ordered_verb: lexicon::is_content(&folded)
                && !lexicon::is_speech_verb(&folded)
                && !SYMMETRIC.iter().any(|s| stem.starts_with(s))
                && folded.ends_with("ed"),
            folded: folded.clone(),
        };
        self.words.push(info);
        let id = self.words.len() as u32 - 1;
        self.ids.insert(folded, id);
        id
    }

    fn claim_words(&mut self, ctx: &Ctx, r: ClaimRef) -> ClaimWords {
        let span = ctx.claim(r).span;
        let text = ctx.text(r.doc, span);
        let ws = lexicon::words(text);
        let mut words = ClaimWords {
            ids: Vec::with_capacity(ws.len()),
            sorted: Vec::new(),
            stem_ids: Vec::with_capacity(ws.len()),
            stem_set: Vec::new(),
            capitalised: Vec::with_capacity(ws.len()),
            ordered_verb: Vec::with_capacity(ws.len()),
            spans: Vec::with_capacity(ws.len()),
            negations: OnceCell::new(),
        };
        for w in ws {
            let id = self.id(w.folded);
            let info = &self.words[id as usize];
            let capitalised = text[w.start..].starts_with(char::is_uppercase) && !info.stopword;
            words.ids.push(id);
            words.stem_ids.push(info.stem_id);
            words.capitalised.push(capitalised);
            words.ordered_verb.push(info.ordered_verb && !capitalised);
            words.spans.push(Span::new(w.start, w.end).shift(span.start));
        }
        words.sorted = words.ids.clone();
        words.sorted.sort_unstable();
        words.stem_set = words.stem_ids.clone();
        words.stem_set.sort_unstable();
        words.stem_set.dedup();
        words
    }
}

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    let mut table = WordTable::new(ctx);
    // (first claim, second claim, which check, the pair's finding)
    let mut found: Vec<(ClaimRef, ClaimRef, u8, PairFinding)> = Vec::new();
    for &(a, b, sim) in &ctx.best_pairs {
        let (ia, ib) = (table.load(ctx, a), table.load(ctx, b));
        let (wa, wb) = (&table.get(ia), &table.get(ib));
        // The same words in the same order: no check can find anything.
        if wa.ids == wb.ids {
            continue;
        }
        let pair = substitution(ctx, a, b, wa, wb)
            .map(|d| (0, d))
            .or_else(|| swap(ctx, a, b, wa, wb).map(|d| (1, d)));
        let pair = pair.or_else(|| {
            if ctx.same_cluster(a, b) && sim >= 0.45 {
                polarity(ctx, a, b, wa, wb).map(|d| (2, d))
            } else {
                None
            }
        });
        let pair = pair.or_else(|| {
            if ctx.same_cluster(a, b) {
                list_member(ctx, a, b, wa, wb).map(|d| (3, d))
            } else {
                None
            }
        });
        if let Some((check, d)) = pair {
            found.push((a, b, check, d));
        }
    }
    out.extend(super::merge_connected(found));
    no_response(ctx, &mut table, out);
}

fn claim_side(ctx: &Ctx, r: ClaimRef, value: String, extra: &[Span]) -> Side {
    let mut evidence = vec![Evidence { doc: r.doc, span: ctx.claim(r).span }];
    evidence.extend(extra.iter().map(|&span| Evidence { doc: r.doc, span }));
    Side { value, normalized: None, evidence }
}

/// The runs of words only one side has, as (gap index, first word, end word) per side.
fn gaps(wa: &Words, wb: &Words) -> (Vec<(usize, usize, usize)>, Vec<(usize, usize, usize)>) {
    let (ka, kb) = super::lcs_keep_in(wa.ids, wb.ids, &mut wa.table.lcs_table.borrow_mut());
    let runs = |keep: &[bool]| {
        let mut out = Vec::new();
        let (mut gap, mut start) = (0, None);
        for (i, &k) in keep.iter().enumerate() {
            match (k, start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    out.push((gap, s, i));
                    start = None;
                    gap += 1;
                }
                (true, None) => gap += 1,
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((gap, s, keep.len()));
        }
        out
    };
    (runs(&ka), runs(&kb))
}

/// How many words two claims share, counting repeats (a merge of the sorted words).
fn shared_words(wa: &Words, wb: &Words) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < wa.sorted.len() && j < wb.sorted.len() {
        match wa.sorted[i].cmp(&wb.sorted[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// True when `w` has a capitalised word that `other` does not have at all.
fn has_own_name_word(w: &Words, other: &Words) -> bool {
    w.ids.iter().zip(w.capitalised).any(|(id, &cap)| cap && other.sorted.binary_search(id).is_err())
}

/// Parallel sentences naming different actors at the same place.
fn substitution<'c>(
    ctx: &'c Ctx,
    a: ClaimRef,
    b: ClaimRef,
    wa: &Words,
    wb: &Words,
) -> Option<PairFinding<'c>> {
    let (na, nb) = (wa.len(), wb.len());
    if na.min(nb) < 6 || na * nb > 10_000 {
        return None;
    }
    // A name only one side has needs a capitalised word the other lacks, on both sides.
    if !has_own_name_word(wa, wb) || !has_own_name_word(wb, wa) {
        return None;
    }
    // The words they share bound what the longest common subsequence can keep.
    if shared_words(wa, wb) * 2 < na.min(nb) {
        return None;
    }
    let (ra, rb) = gaps(wa, wb);
    let kept = na - ra.iter().map(|r| r.2 - r.1).sum::<usize>();
    if kept * 2 < na.min(nb) || kept < 5 {
        return None;
    }
    let is_name = |w: &Words, s: usize, e: usize| e > s && (s..e).all(|i| w.capitalised[i]);
    for &(ga, sa, ea) in &ra {
        for &(gb, sb, eb) in &rb {
            if ga != gb || !is_name(wa, sa, ea) || !is_name(wb, sb, eb) {
                continue;
            }
            // The other's name elsewhere in the sentence makes it a different sentence shape
            // (and a shared word is not a different name).
            let elsewhere = |w: &Words, s: usize, e: usize, other: &Words| {
                w.ids[s..e].iter().any(|id| other.sorted.binary_search(id).is_ok())
            };
            if elsewhere(wa, sa, ea, wb) || elsewhere(wb, sb, eb, wa) {
                continue;
            }
            let (name_a, name_b) = (distinct_words(wa, sa, ea), distinct_words(wb, sb, eb));
            let titles = |n: &[&str]| n.iter().all(|w| lexicon::is_title(w));
            if titles(&name_a) || titles(&name_b) || same_thing(&name_a, &name_b) {
                continue;
            }
            let span_a = Span::new(wa.spans[sa].start, wa.spans[ea - 1].end);
            let span_b = Span::new(wb.spans[sb].start, wb.spans[eb - 1].end);
            // Different speakers of the same words are an attribution matter.
            let speaker = |r: ClaimRef, s: Span| ctx.claim(r).speaker_span.is_some_and(|x| x.overlaps(s));
            if speaker(a, span_a) || speaker(b, span_b) {
                continue;
            }
            let (va, vb) = (ctx.text(a.doc, span_a), ctx.text(b.doc, span_b));
            // One letter apart, at the start: a misspelt name rather than another person.
            let misspelt = within_two_edits(&va.to_lowercase(), &vb.to_lowercase());
            return Some(PairFinding {
                kind: DisagreementKind::Fact,
                severity: if misspelt { Severity::Low } else { Severity::High },
                sides: vec![
                    claim_side(ctx, a, va.to_string(), &[span_a]),
                    claim_side(ctx, b, vb.to_string(), &[span_b]),
                ],
                describe: Box::new(move || {
                    let (x, y) = (ctx.doc_name(a.doc), ctx.doc_name(b.doc));
                    let explanation = if misspelt {
                        format!("The same name is spelt {va} in {x} and {vb} in {y}")
                    } else {
                        format!("The same sentence names {va} in {x} and {vb} in {y}")
                    };
                    (format!("Who: {}", head(ctx.text(a.doc, ctx.claim(a).span), 10)), explanation)
                }),
            });
        }
    }
    None
}

/// The distinct folded words `s..e` of `w`, sorted.
fn distinct_words<'t>(w: &Words<'t>, s: usize, e: usize) -> Vec<&'t str> {
    let mut v: Vec<&str> = (s..e).map(|i| w.folded(i)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// True when two names are the same thing written differently: a capital and its country,
/// an abbreviation with or without dots, or a transliteration (same first letter, at most
/// two letters apart: "Tchaikovsky" / "Tchaikovskiy").
fn same_thing(a: &[&str], b: &[&str]) -> bool {
    let join = |n: &[&str]| {
        let mut v: Vec<String> =
            n.iter().map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect()).collect();
        v.sort();
        v.join(" ")
    };
    let (ja, jb) = (join(a), join(b));
    if ja == jb {
        return true;
    }
    let capital_of = |x: &str, y: &str| CAPITALS.get(x).is_some_and(|c| c == y);
    if capital_of(&ja, &jb) || capital_of(&jb, &ja) {
        return true;
    }
    // A country and its people ("Turkey", "Turkish") share a stem.
    let common = ja.chars().zip(jb.chars()).take_while(|(x, y)| x == y).count();
    let shorter = ja.chars().count().min(jb.chars().count());
    if !ja.contains(' ') && !jb.contains(' ') && common >= 4 && common * 5 >= shorter * 3 {
        return true;
    }
    ja.chars().next() == jb.chars().next() && within_two_edits(&ja, &jb)
}

/// True when two short strings are at most two edits apart (by chars): a Levenshtein
/// table, left as soon as a whole row is past two (no cell below it can be less).
fn within_two_edits(a: &str, b: &str) -> bool {
    const MAX: usize = 2;
    let b: Vec<char> = b.chars().collect();
    // The distance is at least the difference in length.
    if a.chars().count().abs_diff(b.len()) > MAX {
        return false;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let cur = row[j + 1];
            row[j + 1] = if ca == b[j] { prev } else { 1 + prev.min(row[j]).min(row[j + 1]) };
            prev = cur;
        }
        if row.iter().all(|&d| d > MAX) {
            return false;
        }
    }
    row[b.len()] <= MAX
}

/// The same two named things around the same action, in opposite order.
fn swap<'c>(ctx: &'c Ctx, a: ClaimRef, b: ClaimRef, wa: &Words, wb: &Words) -> Option<PairFinding<'c>> {
    // The one place of an id in a list of ids, if it is there once.
    let once = |ids: &[u32], x: u32| {
        let mut it = ids.iter().enumerate().filter(|(_, f)| **f == x);
        match (it.next(), it.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    };
    let anchors: Vec<(usize, usize)> = (0..wa.ids.len())
        .filter(|&i| wa.capitalised[i] && i > 0)
        .filter_map(|i| {
            let j = once(wb.ids, wa.ids[i])?;
            (once(wa.ids, wa.ids[i]) == Some(i) && wb.capitalised[j]).then_some((i, j))
        })
        .collect();
    if anchors.len() < 2 {
        return None;
    }
    for (va, &stem) in wa.stem_ids.iter().enumerate() {
        // Past-tense verbs of the event ("rammed", "collided"), not nouns or adjectives.
        if !wa.ordered_verb[va] {
            continue;
        }
        let Some(vb) = once(wb.stem_ids, stem) else { continue };
        if once(wa.stem_ids, stem) != Some(va) || !wb.folded(vb).ends_with("ed") {
            continue;
        }
        for &(xa, xb) in &anchors {
            for &(ya, yb) in &anchors {
                let before_after = xa < va && va < ya && va - xa <= 8 && ya - va <= 25;
                let reversed = yb < vb && vb < xb && vb - yb <= 8 && xb - vb <= 25;
                if before_after && reversed {
                    let (x, y) = (wa.folded(xa), wa.folded(ya));
                    let verb_a = ctx.text(a.doc, wa.spans[va]).to_string();
                    let verb_b = ctx.text(b.doc, wb.spans[vb]).to_string();
                    let name = |r: ClaimRef, w: &Words, i: usize| ctx.text(r.doc, w.spans[i]).to_string();
                    let topic = format!("Who {verb_a} whom: {} and {}", name(a, wa, xa), name(a, wa, ya));
                    let explanation = format!(
                        "{}: {} {verb_a} … {}; {}: {} {verb_b} … {} (roles reversed)",
                        ctx.doc_name(a.doc),
                        name(a, wa, xa),
                        name(a, wa, ya),
                        ctx.doc_name(b.doc),
                        name(b, wb, yb),
                        name(b, wb, xb)
                    );
                    return Some(PairFinding {
                        kind: DisagreementKind::Fact,
                        severity: Severity::High,
                        sides: vec![
                            claim_side(ctx, a, format!("{x} {verb_a} {y}"), &[]),
                            claim_side(ctx, b, format!("{y} {verb_b} {x}"), &[]),
                        ],
                        describe: Box::new(move || (topic, explanation)),
                    });
                }
            }
        }
    }
    None
}

/// The pairs "x and y N" of a claim (lower-case content words): (x, y, N) word indices.
fn pairs_of_things(w: &Words) -> Vec<(usize, usize, usize)> {
    let plain = |i: usize| !w.capitalised[i] && lexicon::is_content(w.folded(i));
    (1..w.len().saturating_sub(2))
        .filter(|&i| w.folded(i) == "and" && plain(i - 1) && plain(i + 1) && plain(i + 2))
        .map(|i| (i - 1, i + 1, i + 2))
        .collect()
}

/// Aligned claims listing a pair of the same things that differ in one member.
fn list_member<'c>(
    ctx: &'c Ctx,
    a: ClaimRef,
    b: ClaimRef,
    wa: &Words,
    wb: &Words,
) -> Option<PairFinding<'c>> {
    for (xa, ya, na) in pairs_of_things(wa) {
        for (xb, yb, nb) in pairs_of_things(wb) {
            if wa.stem_ids[na] != wb.stem_ids[nb] {
                continue;
            }
            let (ma, mb) = ([wa.stem_ids[xa], wa.stem_ids[ya]], [wb.stem_ids[xb], wb.stem_ids[yb]]);
            let shared = ma.iter().filter(|m| mb.contains(m)).count();
            // One member in common, the other different and named by neither claim elsewhere.
            let Some(only_a) = ma.iter().position(|m| !mb.contains(m)) else { continue };
            let Some(only_b) = mb.iter().position(|m| !ma.contains(m)) else { continue };
            if shared != 1 || wb.stem_ids.contains(&ma[only_a]) || wa.stem_ids.contains(&mb[only_b]) {
                continue;
            }
            let span_a = Span::new(wa.spans[xa].start, wa.spans[na].end);
            let span_b = Span::new(wb.spans[xb].start, wb.spans[nb].end);
            let (va, vb) = (ctx.text(a.doc, span_a), ctx.text(b.doc, span_b));
            let noun = wa.folded(na).to_string();
            return Some(PairFinding {
                kind: DisagreementKind::Fact,
                severity: Severity::Low,
                sides: vec![
                    claim_side(ctx, a, va.to_string(), &[span_a]),
                    claim_side(ctx, b, vb.to_string(), &[span_b]),
                ],
                describe: Box::new(move || {
                    let topic = format!("Which {noun}: {}", head(ctx.text(a.doc, ctx.claim(a).span), 10));
                    let (x, y) = (ctx.doc_name(a.doc), ctx.doc_name(b.doc));
                    (topic, format!("{x} says “{va}”, {y} says “{vb}”"))
                }),
            });
        }
    }
    None
}

/// The stems of `w` that `other` lacks, sorted, each once.
fn only_stems<'t>(w: &Words<'t>, other: &Words) -> Vec<&'t str> {
    let mut only: Vec<&str> = (0..w.len())
        .filter(|&i| other.stem_set.binary_search(&w.stem_ids[i]).is_err())
        .map(|i| w.stem(i))
        .collect();
    only.sort_unstable();
    only.dedup();
    only
}

/// Aligned claims with opposite polarity or antonyms.
fn polarity<'c>(ctx: &'c Ctx, a: ClaimRef, b: ClaimRef, wa: &Words, wb: &Words) -> Option<PairFinding<'c>> {
    // Opposites are words only one side has: compare those alone (near-duplicate claims
    // differ in a few words).
    let (only_a, only_b) = (only_stems(wa, wb), only_stems(wb, wa));
    let pair =
        only_a.iter().find_map(|x| only_b.iter().find(|y| lexicon::are_antonyms(x, y)).map(|y| (*x, *y)));
    let (na, nb) = (wa.negation_count(), wb.negation_count());
    let (value_a, value_b, why) = match pair {
        Some((x, y)) => (x.to_string(), y.to_string(), format!("“{x}” against “{y}”")),
        None if (na == 0) != (nb == 0)
            && ctx.claim(a).quotes.is_empty()
            && ctx.claim(b).quotes.is_empty()
            && (negates_shared(wa, wb) || negates_shared(wb, wa)) =>
        {
            let (neg, pos) = if na > 0 { ("negative", "positive") } else { ("positive", "negative") };
            (neg.to_string(), pos.to_string(), "one negated, the other not".to_string())
        }
        None => return None,
    };
    Some(PairFinding {
        kind: DisagreementKind::Fact,
        severity: Severity::Medium,
        sides: vec![claim_side(ctx, a, value_a, &[]), claim_side(ctx, b, value_b, &[])],
        describe: Box::new(move || {
            let topic = format!("Contradiction: {}", head(ctx.text(a.doc, ctx.claim(a).span), 10));
            let explanation = format!(
                "{} and {} report the same fact with opposite meaning ({why})",
                ctx.doc_name(a.doc),
                ctx.doc_name(b.doc)
            );
            (topic, explanation)
        }),
    })
}

/// True when a negation in `w` governs a word the other claim also has ("no response" /
/// "responded"): within the three words after the cue.
fn negates_shared(w: &Words, other: &Words) -> bool {
    (0..w.len()).any(|i| {
        let end = (i + 4).min(w.len());
        lexicon::is_negation_word(w.folded(i))
            && (i + 1..end).any(|j| {
                lexicon::is_content(w.folded(j))
                    && !w.capitalised[j]
                    && other.stem_set.binary_search(&w.stem_ids[j]).is_ok()
            })
    })
}

/// True when `word` names `camp` member `c`: equal, or sharing a start of at least four
/// letters ("ukrainian" / "ukraine", "turkish" / "turkey").
fn in_camp(word: &str, camp: &[String]) -> bool {
    camp.iter().any(|c| {
        word == c || {
            let common = word.chars().zip(c.chars()).take_while(|(x, y)| x == y).count();
            common >= 4 && word.len() >= 5 && c.len() >= 5
        }
    })
}

/// The index key of a word for [`in_camp`]: its first four letters.
fn prefix(word: &str) -> String {
    word.chars().take(4).collect()
}

/// "No response from X" in one document against X's side responding in another.
fn no_response(ctx: &Ctx, table: &mut WordTable, out: &mut Vec<Disagreement>) {
    // actor -> the claims saying it did not respond, and their content stems
    let mut silent: HashMap<String, Vec<(ClaimRef, Span, Vec<String>)>> = HashMap::new();
    for (d, doc) in ctx.docs.iter().enumerate() {
        for c in 0..doc.claims.len() {
            let r = ClaimRef { doc: d, claim: c };
            // Most claims name no response: a plain search skips them before stemming.
            let lower = ctx.text(d, doc.claims[c].span).to_ascii_lowercase();
            if !RESPONSE_WORDS.iter().any(|x| lower.contains(x)) {
                continue;
            }
            let index = table.load(ctx, r);
            let w = table.get(index);
            for i in 0..w.len() {
                if !RESPONSE_WORDS.contains(&w.folded(i)) {
                    continue;
                }
                let window: Vec<&str> = (i.saturating_sub(3)..i).map(|j| w.folded(j)).collect();
                if lexicon::negation_count(&window) == 0 {
                    continue;
                }
                // The actor: a capitalised word after "from", or just before the cue.
                let after = (i + 1..(i + 4).min(w.len())).find(|&j| w.capitalised[j]);
                let before = (i.saturating_sub(5)..i).rev().find(|&j| w.capitalised[j]);
                if let Some(actor) = after.or(before) {
                    let stems = w.stems().filter(|s| lexicon::is_content(s)).map(str::to_string).collect();
                    let span =
                        Span::new(w.spans[i.saturating_sub(3)].start, w.spans[actor].end.max(w.spans[i].end));
                    silent.entry(w.folded(actor).to_string()).or_default().push((r, span, stems));
                }
                break;
            }
        }
    }
    if silent.is_empty() {
        return;
    }
    // Claims voiced by someone (quotes, reported speech): the words naming the voice (the
    // speaker with the words just before its name, "Ukrainian President X", or else the
    // sentence's first words), indexed by their first four letters.
    // (claim, its voice, its words in `table`)
    let mut voiced: Vec<(ClaimRef, Vec<String>, usize)> = Vec::new();
    let mut voices: HashMap<String, Vec<usize>> = HashMap::new();
    for (d, doc) in ctx.docs.iter().enumerate() {
        for (c, claim) in doc.claims.iter().enumerate() {
            if claim.kind == ClaimKind::Statement {
                continue;
            }
            let r = ClaimRef { doc: d, claim: c };
            let index = table.load(ctx, r);
            let w = table.get(index);
            let voice: Vec<String> = match claim.speaker_span {
                Some(s) => {
                    let mut from = s.start.saturating_sub(30).max(claim.span.start).min(s.start);
                    while !doc.text.is_char_boundary(from) {
                        from += 1;
                    }
                    // The title before the name ("Ukrainian President X"), not the end of
                    // the quote or clause before it ("... with Norway,” Holm said").
                    if let Some(cut) = doc.text[from..s.start].rfind(['”', '"', ',', ';', ':', '.', '(', ')'])
                    {
                        from += cut + doc.text[from + cut..].chars().next().map_or(1, char::len_utf8);
                    }
                    lexicon::words(&doc.text[from..s.end]).into_iter().map(|x| x.folded).collect()
                }
                None => (0..w.len().min(3)).map(|i| w.folded(i).to_string()).collect(),
            };
            for v in &voice {
                voices.entry(prefix(v)).or_default().push(voiced.len());
            }
            voiced.push((r, voice, index));
        }
    }
    let mut actors: Vec<&String> = silent.keys().collect();
    actors.sort();
    for actor in actors {
        let claims = &silent[actor];
        let mut camp = vec![actor.clone()];
        if let Some(country) = CAPITALS.get(actor) {
            camp.extend(country.split_whitespace().map(str::to_string));
        }
        let silent_docs: HashSet<usize> = claims.iter().map(|c| c.0.doc).collect();
        let object: HashSet<&str> = claims
            .iter()
            .flat_map(|c| c.2.iter().map(String::as_str))
            .filter(|s| !in_camp(s, &camp) && !RESPONSE_WORDS.contains(s))
            .collect();
        let mut candidates: Vec<usize> =
            camp.iter().flat_map(|c| voices.get(&prefix(c)).into_iter().flatten().copied()).collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut responses: Vec<(usize, ClaimRef)> = Vec::new();
        for i in candidates {
            let (r, ref voice_words, index) = voiced[i];
            let words = table.get(index);
            if silent_docs.contains(&r.doc) || !voice_words.iter().any(|x| in_camp(x, &camp)) {
                continue;
            }
            let shared = words.stems().filter(|s| object.contains(s)).count();
            if shared >= 1 {
                responses.push((shared, r));
            }
        }
        if responses.is_empty() {
            continue;
        }
        responses.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        responses.truncate(3);
        let shown = ctx.text(claims[0].0.doc, claims[0].1).to_string();
        out.push(Disagreement {
            kind: DisagreementKind::Fact,
            topic: format!(
                "Whether {} responded",
                ctx.text(claims[0].0.doc, claims[0].1).split_whitespace().last().unwrap_or(actor)
            ),
            severity: Severity::High,
            explanation: format!(
                "{} says “{}”; {} reports a response from that side",
                claims.iter().map(|c| ctx.doc_name(c.0.doc)).collect::<Vec<_>>().join(", "),
                shown,
                responses.iter().map(|r| ctx.doc_name(r.1.doc)).collect::<Vec<_>>().join(", ")
            ),
            sides: vec![
                Side {
                    value: "no response".into(),
                    normalized: None,
                    evidence: claims
                        .iter()
                        .flat_map(|c| {
                            [
                                Evidence { doc: c.0.doc, span: c.1 },
                                Evidence { doc: c.0.doc, span: ctx.claim(c.0).span },
                            ]
                        })
                        .collect(),
                },
                Side {
                    value: "responded".into(),
                    normalized: None,
                    evidence: responses
                        .iter()
                        .map(|r| Evidence { doc: r.1.doc, span: ctx.claim(r.1).span })
                        .collect(),
                },
            ],
        });
    }
}
