//! Form disagreements: the same occasion described in different forms, one outlet calling
//! it a televised address, another a press conference or a written statement.
//!
//! How: every phrase of `speech_forms.txt` ("televised address", "told reporters", "in a
//! statement") outside excluded text is a form mention, read with the content words
//! around it ("a rare late-night televised address from the Kremlin"). Mentions of
//! different documents that share at least two of those words describe the same
//! occasion; such groups are a disagreement when one document gives only one form and
//! another document only another. Low severity: forms are often loosely worded.
//!
//! It does not know who spoke: two occasions described among the same words can be taken
//! for one. "Address" used as a verb ("to address the causes") is not a form.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::super::claims::lexicon;
use super::super::text::Span;
use super::{head, Ctx, Disagreement, DisagreementKind, Groups, Severity, Side};

/// The phrases naming forms of public speaking.
static FORMS: LazyLock<super::PhraseTable> =
    LazyLock::new(|| super::PhraseTable::new(include_str!("../../data/speech_forms.txt")));

/// How many words each side of a form phrase describe the occasion.
const WINDOW: usize = 4;
/// How many of those words two mentions must share to describe the same occasion.
const MIN_SHARED: usize = 2;
/// Words shared by more mentions than this say nothing about which occasion it is.
const MAX_POSTING: usize = 64;

struct Mention {
    doc: usize,
    sentence: Span,
    phrase: Span,
    form: &'static str,
    /// Canonical content stems around the phrase, sorted, unique.
    around: Vec<String>,
}

fn mentions(ctx: &Ctx) -> Vec<Mention> {
    let mut out = Vec::new();
    for cue in ctx.cues(&FORMS) {
        let (words, i, end) = (cue.words, cue.start, cue.end);
        if i > 0 && words[i - 1].folded == "to" && end - i == 1 {
            continue; // a verb
        }
        let mut around: Vec<String> = words[i.saturating_sub(WINDOW)..i]
            .iter()
            .chain(&words[end..(end + WINDOW).min(words.len())])
            .filter(|w| lexicon::is_content(&w.folded))
            .map(|w| lexicon::canonical(&lexicon::stem(&w.folded)).to_string())
            .collect();
        around.sort();
        around.dedup();
        out.push(Mention {
            doc: cue.doc,
            sentence: cue.sentence_span,
            phrase: cue.span(),
            form: cue.class,
            around,
        });
    }
    out
}

pub(crate) fn find(ctx: &Ctx, out: &mut Vec<Disagreement>) {
    let mentions = mentions(ctx);
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        for w in &m.around {
            postings.entry(w.as_str()).or_default().push(i);
        }
    }
    let mut groups = Groups::new(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for w in &m.around {
            let list = &postings[w.as_str()];
            if list.len() > MAX_POSTING {
                continue;
            }
            for &j in list {
                if j > i && mentions[j].doc != m.doc {
                    *shared.entry(j).or_insert(0) += 1;
                }
            }
        }
        for (j, n) in shared {
            if n >= MIN_SHARED {
                groups.join(i, j);
            }
        }
    }
    for group in groups.groups() {
        if let Some(d) = disagreement(ctx, &mentions, &group) {
            out.push(d);
        }
    }
}

fn disagreement(ctx: &Ctx, mentions: &[Mention], group: &[usize]) -> Option<Disagreement> {
    // The forms each document gives.
    let mut by_doc: HashMap<usize, Vec<&str>> = HashMap::new();
    for &i in group {
        by_doc.entry(mentions[i].doc).or_default().push(mentions[i].form);
    }
    for forms in by_doc.values_mut() {
        forms.sort_unstable();
        forms.dedup();
    }
    let single: Vec<&str> = by_doc.values().filter(|f| f.len() == 1).map(|f| f[0]).collect();
    if !single.iter().any(|f| *f != single[0]) {
        return None;
    }
    let mut forms: Vec<&str> = group.iter().map(|&i| mentions[i].form).collect();
    forms.sort_unstable();
    forms.dedup();
    let sides: Vec<Side> = forms
        .iter()
        .map(|form| {
            let members: Vec<&Mention> =
                group.iter().map(|&i| &mentions[i]).filter(|m| m.form == *form).collect();
            let value = ctx.text(members[0].doc, members[0].phrase).to_string();
            super::side_of(value, form, members.iter().map(|m| (m.doc, m.phrase, m.sentence)))
        })
        .collect();
    let explanation = super::listing(ctx, &sides, |s| {
        format!("calls it {} ({})", s.value, s.normalized.as_deref().unwrap_or(""))
    });
    let first = &mentions[group[0]];
    Some(Disagreement {
        kind: DisagreementKind::Fact,
        topic: format!("In what form: {}", head(ctx.text(first.doc, first.sentence), 10)),
        severity: Severity::Low,
        explanation,
        sides,
    })
}
