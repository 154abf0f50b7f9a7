//! Quote wording and attribution: the same quotation worded differently by different
//! outlets (with a word-level diff), and the same words credited to different speakers.
//!
//! How: every quoted passage is compared with the passages of other documents that share
//! one of its rarer content words (blocking). Two passages are the same quote when one
//! is a contiguous fragment of the other; reworded when they share most content words
//! but differ in at least one content or negation word, and their speakers do not
//! differ; misattributed when nearly identical but credited to two different speakers.
//! Reworded quotes are grouped (fragments join the wording they belong to) into one
//! disagreement whose sides are the wordings. Differences in function words alone
//! ("without any preconditions" vs "without preconditions") are not disagreements.

use super::super::align::ClaimRef;
use super::super::claims::{self, lexicon};
use super::super::text::Span;
use super::super::words::WordMap;
use super::{
    diff_text, head, Ctx, Disagreement, DisagreementKind, Evidence, Groups, PairFinding, Severity, Side,
};

struct Item {
    claim: ClaimRef,
    span: Span,
    speaker: Option<String>,
    /// Folded words, in order.
    words: Vec<String>,
    /// Canonical stems of the content words, sorted, unique.
    content: Vec<String>,
    /// `words` and `content` as ids (the same text, the same id), and the canonical stems of
    /// all words: the comparisons of [`relation`] read these. The stems, sorted and unique.
    word_ids: Vec<u32>,
    stem_ids: Vec<u32>,
    content_ids: Vec<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Relation {
    /// Identical, or one a contiguous fragment of the other.
    Same,
    Reworded,
    Misattributed,
    Unrelated,
}

const MAX_POSTING: usize = 64;
const BLOCKING_STEMS: usize = 6;

fn items(ctx: &Ctx) -> Vec<Item> {
    let mut out = Vec::new();
    let mut ids: WordMap<String, u32> = WordMap::default();
    let mut id_of = |text: &str| -> u32 {
        if let Some(&id) = ids.get(text) {
            return id;
        }
        let id = ids.len() as u32;
        ids.insert(text.to_string(), id);
        id
    };
    for (d, doc) in ctx.docs.iter().enumerate() {
        for (c, claim) in doc.claims.iter().enumerate() {
            let speaker = claims::speaker_key(doc, claim);
            for &q in &claim.quotes {
                let ws = lexicon::words(doc.slice(q));
                if ws.len() < 2 {
                    continue;
                }
                let mut stems: Vec<String> =
                    ws.iter().map(|w| lexicon::canonical(&lexicon::stem(&w.folded)).to_string()).collect();
                let mut content: Vec<String> = ws
                    .iter()
                    .filter(|w| lexicon::is_content(&w.folded))
                    .map(|w| lexicon::canonical(&lexicon::stem(&w.folded)).to_string())
                    .collect();
                stems.sort();
                stems.dedup();
                content.sort();
                content.dedup();
                let word_ids = ws.iter().map(|w| id_of(&w.folded)).collect();
                let mut stem_ids: Vec<u32> = stems.iter().map(|x| id_of(x)).collect();
                let mut content_ids: Vec<u32> = content.iter().map(|x| id_of(x)).collect();
                stem_ids.sort_unstable();
                content_ids.sort_unstable();
                out.push(Item {
                    claim: ClaimRef { doc: d, claim: c },
                    span: q,
                    speaker: speaker.clone(),
                    words: ws.into_iter().map(|w| w.folded).collect(),
                    content,
                    word_ids,
                    stem_ids,
                    content_ids,
                });
            }
        }
    }
    out
}

fn shared(a: &[u32], b: &[u32]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

fn is_fragment(short: &[u32], long: &[u32]) -> bool {
    short.len() <= long.len() && long.windows(short.len().max(1)).any(|w| w == short)
}

fn relation(ctx: &Ctx, a: &Item, b: &Item) -> Relation {
    let (short, long) = if a.words.len() <= b.words.len() { (a, b) } else { (b, a) };
    let speakers_differ = matches!((&a.speaker, &b.speaker), (Some(x), Some(y)) if x != y);
    if is_fragment(&short.word_ids, &long.word_ids) {
        return if speakers_differ && short.words.len() >= 5 {
            Relation::Misattributed
        } else {
            Relation::Same
        };
    }
    let shared_content = shared(&a.content_ids, &b.content_ids);
    let shared_all = shared(&a.stem_ids, &b.stem_ids);
    let min_content = a.content.len().min(b.content.len());
    let min_all = a.stem_ids.len().min(b.stem_ids.len());
    if min_content == 0 || min_all == 0 {
        return Relation::Unrelated;
    }
    let content_overlap = shared_content as f32 / min_content as f32;
    let all_overlap = shared_all as f32 / min_all as f32;
    if speakers_differ {
        let near_identical = all_overlap >= 0.85 && content_overlap >= 0.85 && shared_all >= 5;
        return if near_identical { Relation::Misattributed } else { Relation::Unrelated };
    }
    let known_same = matches!((&a.speaker, &b.speaker), (Some(x), Some(y)) if x == y);
    let content_bar = if known_same || ctx.same_cluster(a.claim, b.claim) { 0.5 } else { 0.6 };
    let similar = (content_overlap >= content_bar && shared_content >= 2)
        || (all_overlap >= 0.75 && shared_all >= 3 && shared_content >= 1);
    if !similar {
        return Relation::Unrelated;
    }
    // Words only one quote has, ignoring what the longer quote says before and after the
    // stretch the shorter one covers (a partial quote of a longer passage).
    let ws: Vec<&str> = short.words.iter().map(String::as_str).collect();
    let wl: Vec<&str> = long.words.iter().map(String::as_str).collect();
    if ws.len() * wl.len() > 40_000 {
        return Relation::Unrelated;
    }
    let (keep_s, keep_l) = super::lcs_keep(&ws, &wl);
    let first = keep_l.iter().position(|&k| k).unwrap_or(0);
    let last = keep_l.iter().rposition(|&k| k).unwrap_or(0);
    let inside_l = wl.iter().zip(&keep_l).enumerate().filter(|(i, (_, k))| !**k && *i > first && *i < last);
    let differing: Vec<&str> = ws
        .iter()
        .zip(&keep_s)
        .filter(|(_, k)| !**k)
        .map(|(w, _)| *w)
        .chain(inside_l.map(|(_, (w, _))| *w))
        .collect();
    let meaningful = differing.iter().any(|w| lexicon::is_content(w) || lexicon::is_negation_word(w));
    if meaningful {
        Relation::Reworded
    } else {
        Relation::Same
    }
}

/// The speaker's display name for a claim: its entity's name, or the text naming it.
pub(crate) fn speaker_name(ctx: &Ctx, r: ClaimRef) -> Option<String> {
    let claim = ctx.claim(r);
    if let Some(e) = claim.speaker.and_then(|id| ctx.entities.get(id.0)) {
        return Some(e.name.clone());
    }
    claim.speaker_span.map(|s| ctx.text(r.doc, s).to_string())
}

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    let items = items(ctx);
    let mut postings: WordMap<&str, Vec<usize>> = WordMap::default();
    for (i, it) in items.iter().enumerate() {
        for s in &it.content {
            postings.entry(s.as_str()).or_default().push(i);
        }
    }
    let mut groups = Groups::new(items.len());
    let mut reworded = vec![false; items.len()];
    let mut misattributed: Vec<(usize, usize)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        // (posting length, stem, posting) of each content stem, each looked up once.
        let mut rare: Vec<(usize, &str, &Vec<usize>)> = it
            .content
            .iter()
            .map(|s| {
                let posting = &postings[s.as_str()];
                (posting.len(), s.as_str(), posting)
            })
            .filter(|&(len, _, _)| len <= MAX_POSTING)
            .collect();
        rare.sort_by_key(|&(len, s, _)| (len, s));
        let mut candidates: Vec<usize> = rare
            .iter()
            .take(BLOCKING_STEMS)
            .flat_map(|&(_, _, posting)| posting.iter().copied())
            .filter(|&j| j > i && items[j].claim.doc != it.claim.doc)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for j in candidates {
            match relation(ctx, it, &items[j]) {
                Relation::Same if it.words.len().min(items[j].words.len()) >= 4 => groups.join(i, j),
                Relation::Reworded => {
                    groups.join(i, j);
                    reworded[i] = true;
                    reworded[j] = true;
                }
                Relation::Misattributed => misattributed.push((i, j)),
                _ => {}
            }
        }
    }
    for group in groups.groups() {
        if group.iter().any(|&i| reworded[i]) {
            if let Some(d) = wording(ctx, &items, &group) {
                out.push(d);
            }
        }
    }
    // The same words credited to many speakers (near-duplicate articles): one finding.
    let pairs = misattributed
        .into_iter()
        .map(|(i, j)| (items[i].claim, items[j].claim, 0, attribution(ctx, &items[i], &items[j])))
        .collect();
    out.extend(super::merge_connected(pairs));
}

fn evidence(item: &Item, claim_span: Span) -> Vec<Evidence> {
    vec![
        Evidence { doc: item.claim.doc, span: item.span },
        Evidence { doc: item.claim.doc, span: claim_span },
    ]
}

/// One quote-wording disagreement from a group of passages: sides are the distinct
/// wordings, a fragment joining the wording it is part of.
fn wording(ctx: &Ctx, items: &[Item], group: &[usize]) -> Option<Disagreement> {
    let mut order: Vec<usize> = group.to_vec();
    order.sort_by_key(|&i| (std::cmp::Reverse(items[i].words.len()), items[i].claim, items[i].span));
    let mut sides: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in order {
        match sides.iter_mut().find(|(rep, _)| relation(ctx, &items[*rep], &items[i]) == Relation::Same) {
            Some((_, members)) => members.push(i),
            None => sides.push((i, vec![i])),
        }
    }
    if sides.len() < 2 {
        return None;
    }
    let mut docs: Vec<usize> = group.iter().map(|&i| items[i].claim.doc).collect();
    docs.sort_unstable();
    docs.dedup();
    if docs.len() < 2 {
        return None;
    }
    let (a, b) = (&items[sides[0].0], &items[sides[1].0]);
    let speaker =
        group.iter().find_map(|&i| speaker_name(ctx, items[i].claim)).unwrap_or_else(|| "a speaker".into());
    let wa: Vec<&str> = a.words.iter().map(String::as_str).collect();
    let wb: Vec<&str> = b.words.iter().map(String::as_str).collect();
    let explanation = format!(
        "{} quotes {speaker} as “{}”; {} as “{}” (words: {})",
        ctx.doc_name(a.claim.doc),
        head(ctx.text(a.claim.doc, a.span), 14),
        ctx.doc_name(b.claim.doc),
        head(ctx.text(b.claim.doc, b.span), 14),
        diff_text(&wa, &wb),
    );
    let sides = sides
        .iter()
        .map(|(rep, members)| Side {
            value: head(ctx.text(items[*rep].claim.doc, items[*rep].span), 20),
            normalized: None,
            evidence: members
                .iter()
                .flat_map(|&m| evidence(&items[m], ctx.claim(items[m].claim).span))
                .collect(),
        })
        .collect();
    Some(Disagreement {
        kind: DisagreementKind::QuoteWording,
        topic: format!("Wording of {speaker}'s quote “{}”", head(ctx.text(a.claim.doc, a.span), 6)),
        severity: Severity::Low,
        explanation,
        sides,
    })
}

fn attribution<'f>(ctx: &'f Ctx, a: &'f Item, b: &'f Item) -> PairFinding<'f> {
    let name = |it: &Item| speaker_name(ctx, it.claim).unwrap_or_else(|| "someone".into());
    let side = |it: &Item| {
        let claim = ctx.claim(it.claim);
        let mut evidence = evidence(it, claim.span);
        evidence.extend(
            claim
                .speaker_span
                .filter(|s| claim.span.contains(*s))
                .map(|span| Evidence { doc: it.claim.doc, span }),
        );
        Side { value: name(it), normalized: None, evidence }
    };
    PairFinding {
        kind: DisagreementKind::Attribution,
        severity: Severity::Medium,
        sides: vec![side(a), side(b)],
        describe: Box::new(move || {
            let topic = format!("Who said “{}”", head(ctx.text(a.claim.doc, a.span), 8));
            let explanation = format!(
                "{} credits these words to {}; {} credits them to {}",
                ctx.doc_name(a.claim.doc),
                name(a),
                ctx.doc_name(b.claim.doc),
                name(b)
            );
            (topic, explanation)
        }),
    }
}
