//! Intensity disagreements: one outlet reports that an activity lessened ("a reduction in
//! hostilities"), another that it went on hard ("ongoing heavy fighting").
//!
//! How: a phrase of `intensity_cues.txt` (less or more) within three words before a noun of
//! `activity_nouns.txt` (fighting, violence, protest) is a report of that activity's
//! intensity. Two documents disagree when one reports less and the other more of the same
//! activity, neither reports both, and their sentences (with the one before each, which
//! often says which period it is) share a content word besides the cue and the noun: the
//! same truce, the same city. Low severity: intensity is a characterisation.
//!
//! It does not know the time or place a report covers beyond the shared word: a lull in
//! one town and fighting in another that the same words surround can be taken for one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use super::super::claims::lexicon;
use super::super::text::Span;
use super::{Ctx, Disagreement, DisagreementKind, Evidence, Severity, Side};

static CUES: LazyLock<super::PhraseTable> =
    LazyLock::new(|| super::PhraseTable::new(include_str!("../../data/intensity_cues.txt")));

/// Folded noun -> the activity it names.
static ACTIVITIES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../../data/activity_nouns.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('|'))
        .map(|(noun, activity)| (noun.trim(), activity.trim()))
        .collect()
});

/// How many words after a cue its noun may come ("ongoing heavy fighting").
const REACH: usize = 3;

/// A report of an activity's intensity.
struct Report {
    doc: usize,
    more: bool,
    /// The cue through the noun ("reduction in hostilities").
    phrase: Span,
    /// The sentence.
    sentence: Span,
    /// Content stems of the sentence and the one before, without the phrase's words.
    context: HashSet<String>,
}

fn reports(ctx: &Ctx) -> BTreeMap<&'static str, Vec<Report>> {
    let mut out: BTreeMap<&'static str, Vec<Report>> = BTreeMap::new();
    let mut cues = ctx.cues(&CUES);
    while let Some(cue) = cues.next() {
        let (words, i, end) = (cue.words, cue.start, cue.end);
        if super::stance::claim_at(ctx, cue.doc, cue.sentence_span.start).is_none() {
            continue;
        }
        let negated = words[i.saturating_sub(2)..i].iter().any(|w| lexicon::is_negation_word(&w.folded));
        let noun = (end..(end + REACH).min(words.len()))
            .find_map(|j| ACTIVITIES.get(words[j].folded.as_str()).map(|a| (j, *a)));
        let Some((j, activity)) = noun else { continue };
        // Past the noun: "ongoing heavy fighting" is one report.
        cues.resume_at(j + 1);
        if negated {
            continue;
        }
        let doc = &ctx.docs[cue.doc];
        let sentence = cue.sentence_span;
        let before = cue.sentence.checked_sub(1).map_or(sentence.start, |p| doc.sentences[p].span.start);
        let phrase: HashSet<&str> = words[i..=j].iter().map(|w| w.folded.as_str()).collect();
        let context = lexicon::words(doc.slice(Span::new(before, sentence.end)))
            .into_iter()
            .filter(|w| lexicon::is_content(&w.folded) && !phrase.contains(w.folded.as_str()))
            .filter(|w| {
                !ACTIVITIES.contains_key(w.folded.as_str()) && CUES.at(std::slice::from_ref(w), 0).is_none()
            })
            .map(|w| lexicon::canonical(&lexicon::stem(&w.folded)).to_string())
            .collect();
        out.entry(activity).or_default().push(Report {
            doc: cue.doc,
            more: cue.class == "more",
            phrase: cue.span_through(j),
            sentence,
            context,
        });
    }
    out
}

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    for (activity, reports) in reports(ctx) {
        let docs_with = |more: bool| -> HashSet<usize> {
            reports.iter().filter(|r| r.more == more).map(|r| r.doc).collect()
        };
        let (less, more) = (docs_with(false), docs_with(true));
        // Pairs of a "less" and a "more" report of documents giving only one direction,
        // about the same period or place.
        let only = |r: &Report| if r.more { !less.contains(&r.doc) } else { !more.contains(&r.doc) };
        let mut members: Vec<&Report> = Vec::new();
        for a in reports.iter().filter(|r| !r.more && only(r)) {
            for b in reports.iter().filter(|r| r.more && only(r)) {
                if a.doc != b.doc && !a.context.is_disjoint(&b.context) {
                    members.extend([a, b]);
                }
            }
        }
        if members.is_empty() {
            continue;
        }
        members.sort_by_key(|r| (r.more, r.doc, r.phrase));
        members.dedup_by_key(|r| (r.more, r.doc, r.phrase));
        let side = |more: bool| -> Side {
            let of: Vec<&&Report> = members.iter().filter(|r| r.more == more).collect();
            Side {
                value: ctx.text(of[0].doc, of[0].phrase).to_string(),
                normalized: Some(if more { "more" } else { "less" }.to_string()),
                evidence: of
                    .iter()
                    .flat_map(|r| {
                        [Evidence { doc: r.doc, span: r.phrase }, Evidence { doc: r.doc, span: r.sentence }]
                    })
                    .collect(),
            }
        };
        let sides = vec![side(false), side(true)];
        let explanation = super::listing(ctx, &sides, |s| {
            let how = if s.normalized.as_deref() == Some("more") { "went on hard" } else { "eased" };
            format!("says the {activity} {how} (“{}”)", s.value)
        });
        out.push(Disagreement {
            kind: DisagreementKind::Fact,
            topic: format!("How intense the {activity} was"),
            severity: Severity::Low,
            explanation,
            sides,
        });
    }
}
