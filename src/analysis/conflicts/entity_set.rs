//! Entity-set disagreements: aligned claims (the same event in different documents) that
//! list different participants.
//!
//! How: within a cluster, the claims of one sentence (its clauses) name participants
//! together; those naming at least two people, or one person and unnamed participants given
//! by their countries ("Ana Ruiz visited alongside leaders from France, Germany and
//! Poland"), are lists. Two lists from different documents disagree when each
//! names someone the other leaves out, or when the one naming fewer people leaves others
//! unnamed. Findings of different clusters that share two people are one event's
//! participants: they become one disagreement, with a side per distinct list. Low
//! severity: a shorter list is usually less detail, not a contradiction.
//!
//! It relies on entity resolution: names it cannot resolve are not compared.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::super::align::ClaimRef;
use super::super::claims::lexicon;
use super::super::entities::{EntityId, Label};
use super::super::text::Span;
use super::{Ctx, Disagreement, DisagreementKind, Evidence, Groups, Severity, Side};

static GROUP_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/group_nouns.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

const MIN_LIST: usize = 2;
/// How alike two claims must be to be lists of the same event's participants.
const MIN_SIMILARITY: f32 = 0.3;
/// The most lists of one cluster compared pairwise.
const MAX_COMPARED: usize = 64;
/// How many people two findings must share to be about the same event.
const MIN_SHARED_PEOPLE: usize = 2;
/// How far after a group noun its first country may start, in bytes.
const GROUP_REACH: usize = 12;

/// A sentence's participants, from its clauses of one cluster: the people they name,
/// sorted, and unnamed ones by country.
struct List {
    /// The first of the clauses.
    claim: ClaimRef,
    /// From the first clause's start to the last one's end.
    span: Span,
    people: Vec<EntityId>,
    unnamed: Option<Span>,
}

/// "leaders from France, Germany and Poland": a group noun followed by two countries.
fn unnamed_group(ctx: &Ctx, r: ClaimRef) -> Option<Span> {
    let doc = &ctx.docs[r.doc];
    let span = ctx.claim(r).span;
    // Two countries at least inside the claim, or no group of them (most claims name none:
    // their words are not read).
    let first = doc.mentions.partition_point(|m| m.span.start < span.start);
    let countries = doc.mentions[first..]
        .iter()
        .take_while(|m| m.span.start < span.end)
        .filter(|m| m.label == Label::Gpe && m.span.end <= span.end)
        .take(2)
        .count();
    if countries < 2 {
        return None;
    }
    let text = doc.slice(span);
    lexicon::words(text).iter().find_map(|w| {
        if !GROUP_NOUNS.contains(w.folded.as_str()) {
            return None;
        }
        let from = span.start + w.end;
        let first = doc.mentions.partition_point(|m| m.span.start < from);
        // A coordinated run of countries right after the noun ("from France, Germany, and
        // Poland", "of the UK and Poland").
        let mut countries: Vec<Span> = Vec::new();
        for m in doc.mentions[first..].iter().take_while(|m| m.span.end <= span.end) {
            let gap = doc.slice(Span::new(countries.last().map_or(from, |c| c.end), m.span.start));
            let joined = match countries.is_empty() {
                true => m.span.start <= from + GROUP_REACH && gap.split_whitespace().count() <= 2,
                false => {
                    gap.trim_matches(|c: char| c == ',' || c.is_whitespace()).is_empty()
                        || matches!(gap.trim_matches(|c: char| c == ',' || c.is_whitespace()), "and" | "or")
                }
            };
            if m.label != Label::Gpe || !joined {
                break;
            }
            countries.push(m.span);
        }
        let last = *countries.get(1..).and_then(|c| c.last())?;
        // "the Prime Ministers of Spain and Chile, Ana Ruiz and Pablo Soto": named after all.
        let named_next = doc.mentions[first..]
            .iter()
            .find(|m| m.span.start >= last.end)
            .is_some_and(|m| m.label == Label::Person && m.with_title.start <= last.end + 3);
        (!named_next).then(|| Span::new(span.start + w.start, last.end))
    })
}

fn lists(ctx: &Ctx, claims: &[ClaimRef]) -> Vec<List> {
    let is_person = |id: &EntityId| ctx.entities.get(id.0).is_some_and(|e| e.label == Label::Person);
    // `claims` is sorted: the clauses of one sentence are next to each other.
    let sentence = |r: &ClaimRef| (r.doc, ctx.claim(*r).sentence.start);
    claims
        .chunk_by(|a, b| sentence(a) == sentence(b))
        .filter_map(|clauses| {
            let mut people: Vec<EntityId> = clauses
                .iter()
                .flat_map(|&r| ctx.claim(r).entities.iter().copied())
                .filter(is_person)
                .collect();
            people.sort_unstable();
            people.dedup();
            let unnamed =
                if people.is_empty() { None } else { clauses.iter().find_map(|&r| unnamed_group(ctx, r)) };
            let (first, last) = (clauses[0], clauses[clauses.len() - 1]);
            let span = Span::new(ctx.claim(first).span.start, ctx.claim(last).span.end);
            (people.len() >= MIN_LIST || unnamed.is_some()).then_some(List {
                claim: first,
                span,
                people,
                unnamed,
            })
        })
        .collect()
}

/// True when two lists of different documents name different participants.
fn differ(ctx: &Ctx, a: &List, b: &List) -> bool {
    if a.claim.doc == b.claim.doc || a.people == b.people {
        return false;
    }
    let lacks = |x: &List, y: &List| x.people.iter().any(|p| y.people.binary_search(p).is_err());
    let (fewer, more) = if a.people.len() <= b.people.len() { (a, b) } else { (b, a) };
    let mutual = lacks(a, b) && lacks(b, a);
    let left_unnamed = fewer.unnamed.is_some() && more.people.len() >= MIN_LIST && !lacks(fewer, more);
    (mutual || left_unnamed) && ctx.similarity(a.claim, b.claim) >= MIN_SIMILARITY
}

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    // Each cluster's lists, when two of them differ.
    let mut findings: Vec<Vec<List>> = Vec::new();
    for cluster in ctx.clusters {
        if cluster.doc_count() < 2 {
            continue;
        }
        let lists = lists(ctx, &cluster.claims);
        // Near-duplicate articles make huge clusters: the first lists decide.
        let compared = &lists[..lists.len().min(MAX_COMPARED)];
        let differs =
            compared.iter().enumerate().any(|(i, a)| compared[i + 1..].iter().any(|b| differ(ctx, a, b)));
        if differs {
            findings.push(lists);
        }
    }
    // Findings sharing people are one event's participants.
    let people: Vec<Vec<EntityId>> = findings
        .iter()
        .map(|f| {
            let mut p: Vec<EntityId> = f.iter().flat_map(|l| l.people.iter().copied()).collect();
            p.sort_unstable();
            p.dedup();
            p
        })
        .collect();
    let mut by_person: HashMap<EntityId, Vec<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        for id in p {
            by_person.entry(*id).or_default().push(i);
        }
    }
    let mut groups = Groups::new(findings.len());
    for (i, p) in people.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for id in p {
            for &j in &by_person[id] {
                if j > i {
                    *shared.entry(j).or_insert(0) += 1;
                }
            }
        }
        for (j, n) in shared {
            if n >= MIN_SHARED_PEOPLE {
                groups.join(i, j);
            }
        }
    }
    let mut members: Vec<Vec<usize>> = groups.groups();
    let grouped: HashSet<usize> = members.iter().flatten().copied().collect();
    members.extend((0..findings.len()).filter(|i| !grouped.contains(i)).map(|i| vec![i]));
    members.sort();
    for group in members {
        let lists: Vec<&List> = group.iter().flat_map(|&i| &findings[i]).collect();
        out.push(disagreement(ctx, &lists));
    }
}

/// One disagreement, a side per distinct list (the same people, and unnamed ones or not).
fn disagreement(ctx: &Ctx, lists: &[&List]) -> Disagreement {
    let name = |id: &EntityId| ctx.entities.get(id.0).map_or(String::new(), |e| e.name.clone());
    let mut sides: Vec<(&List, Side)> = Vec::new();
    // (people, unnamed ones or not) -> the side's index
    let mut side_of: HashMap<(&[EntityId], bool), usize> = HashMap::new();
    for list in lists {
        let evidence = Evidence { doc: list.claim.doc, span: list.span };
        let key = (list.people.as_slice(), list.unnamed.is_some());
        match side_of.get(&key) {
            Some(&i) => sides[i].1.evidence.push(evidence),
            None => {
                side_of.insert(key, sides.len());
                let mut value = list.people.iter().map(name).collect::<Vec<_>>().join(", ");
                if let Some(u) = list.unnamed {
                    value = format!("{value} and {}", ctx.text(list.claim.doc, u));
                }
                sides.push((list, Side { value, normalized: None, evidence: vec![evidence] }));
            }
        }
    }
    let explanation = sides
        .iter()
        .map(|(l, s)| format!("{} lists {}", ctx.doc_name(l.claim.doc), s.value))
        .collect::<Vec<_>>()
        .join("; ");
    let first = lists[0].claim;
    let summary = super::head(ctx.text(first.doc, ctx.claim(first).span), 12);
    Disagreement {
        kind: DisagreementKind::EntitySet,
        topic: format!("Who took part: {summary}"),
        severity: Severity::Low,
        explanation,
        sides: sides.into_iter().map(|(_, s)| s).collect(),
    }
}
