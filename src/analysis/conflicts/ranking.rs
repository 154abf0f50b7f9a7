//! Ranking disagreements: outlets ranking the event differently among its kind, "one of
//! the worst in the last 15 years" against "the fourth deadliest on record".
//!
//! How: a superlative of `rankings.txt` (a family: severity, size) outside excluded text,
//! with the rank before it ("one of the", an ordinal, or plain first) and the stretch
//! ranked over after it, within a few words ("in history", "on record", "in the last 15
//! years", "since 1995"), is a ranking. Rankings saying neither an ordinal nor a stretch
//! say nothing to compare. Per family, documents disagree when they give different
//! rankings and at least one is precise (an ordinal, a number of years, a year): "one of
//! the worst in history" against "one of the worst in recent memory" is loose wording.
//! Low severity: rankings are characterisations.
//!
//! It does not check what is ranked: two rankings of one family in one set of articles
//! are taken to be about the event.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::super::claims::lexicon;
use super::super::text::Span;
use super::{Ctx, Disagreement, DisagreementKind, Evidence, Severity, Side};

static WORDS: LazyLock<super::PhraseTable> =
    LazyLock::new(|| super::PhraseTable::new(include_str!("../../data/rankings.txt")));

/// How many words after the superlative its stretch may come.
const SCOPE_REACH: usize = 10;

struct Ranking {
    doc: usize,
    /// "fourth deadliest ... on record".
    phrase: Span,
    sentence: Span,
    /// "among the worst, last 15 years", "4th, all time".
    value: String,
    precise: bool,
}

/// The stretch after a superlative: a scope phrase, "last 15 years", "since 1995".
fn scope(words: &[lexicon::Word], from: usize) -> Option<(usize, String, bool)> {
    let end = (from + SCOPE_REACH).min(words.len());
    for j in from..end {
        let w = words[j].folded.as_str();
        if matches!(w, "years" | "decades") && j > from {
            let n = &words[j - 1].folded;
            if n.chars().all(|c| c.is_ascii_digit()) {
                return Some((j, format!("last {n} {w}"), true));
            }
        }
        if w == "since"
            && words
                .get(j + 1)
                .is_some_and(|y| y.folded.len() == 4 && y.folded.chars().all(|c| c.is_ascii_digit()))
        {
            return Some((j + 1, format!("since {}", words[j + 1].folded), true));
        }
        if let Some((length, class)) = WORDS.at(words, j) {
            if let Some(name) = class.strip_prefix("scope ") {
                return Some((j + length - 1, name.to_string(), false));
            }
        }
        // A sentence's next clause or a full stop ends the search.
        if matches!(w, "and" | "but" | "which" | "while") {
            break;
        }
    }
    None
}

fn rankings(ctx: &Ctx) -> BTreeMap<String, Vec<Ranking>> {
    let mut out: BTreeMap<String, Vec<Ranking>> = BTreeMap::new();
    for cue in ctx.cues(&WORDS).overlapping() {
        let (words, i, length) = (cue.words, cue.start, cue.end - cue.start);
        let Some(family) = cue.class.strip_prefix("superlative ") else { continue };
        let before: Vec<&str> = words[i.saturating_sub(4)..i].iter().map(|w| w.folded.as_str()).collect();
        let among = before.windows(2).any(|p| p == ["one", "of"]);
        let ordinal = i
            .checked_sub(1)
            .and_then(|p| WORDS.at(words, p))
            .and_then(|(_, c)| c.strip_prefix("rank "))
            .map(str::to_string);
        // The phrase starts at "one of the" or the ordinal.
        let start = match (among, &ordinal) {
            (_, Some(_)) => i - 1,
            (true, None) => (i.saturating_sub(4)..i).find(|&p| words[p].folded == "one").unwrap_or(i),
            (false, None) => i,
        };
        let scope = scope(words, i + length);
        if ordinal.is_none() && scope.is_none() {
            continue;
        }
        let rank = match (&ordinal, among) {
            (Some(n), _) => format!("number {n}"),
            (None, true) => "among the".to_string(),
            (None, false) => "the".to_string(),
        };
        let last = scope.as_ref().map_or(i + length - 1, |s| s.0);
        let superlative =
            words[i..i + length].iter().map(|w| w.folded.as_str()).collect::<Vec<_>>().join(" ");
        let value = match &scope {
            Some((_, name, _)) => format!("{rank} {superlative}, {name}"),
            None => format!("{rank} {superlative}"),
        };
        out.entry(family.to_string()).or_default().push(Ranking {
            doc: cue.doc,
            phrase: cue.span_from(start, last),
            sentence: cue.sentence_span,
            value,
            precise: ordinal.is_some() || scope.is_some_and(|s| s.2),
        });
    }
    out
}

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    for (family, rankings) in rankings(ctx) {
        let mut values: BTreeMap<&str, Vec<&Ranking>> = BTreeMap::new();
        for r in &rankings {
            values.entry(r.value.as_str()).or_default().push(r);
        }
        let docs = |rs: &[&Ranking]| rs.iter().map(|r| r.doc).collect::<Vec<_>>();
        // A precise ranking of one document against a different one of another.
        let genuine = rankings.iter().filter(|a| a.precise).any(|a| {
            rankings.iter().any(|b| {
                b.doc != a.doc && b.value != a.value && !docs(&values[b.value.as_str()]).contains(&a.doc)
            })
        });
        if !genuine || values.len() < 2 {
            continue;
        }
        let sides: Vec<Side> = values
            .values()
            .map(|rs| Side {
                value: ctx.text(rs[0].doc, rs[0].phrase).to_string(),
                normalized: Some(rs[0].value.clone()),
                evidence: rs
                    .iter()
                    .flat_map(|r| {
                        [Evidence { doc: r.doc, span: r.phrase }, Evidence { doc: r.doc, span: r.sentence }]
                    })
                    .collect(),
            })
            .collect();
        let explanation = super::listing(ctx, &sides, |s| format!("ranks it “{}”", s.value));
        out.push(Disagreement {
            kind: DisagreementKind::Fact,
            topic: format!("How it ranks ({family})"),
            severity: Severity::Low,
            explanation,
            sides,
        });
    }
}
