//! Clauses: where a sentence that carries several facts splits into clause claims.
//!
//! How: from surface syntax cues between words outside quotes, with the word lists of
//! `src/data/clause_cues.txt` and `src/data/irregular_verbs.txt`: a semicolon; a relative
//! word after a comma or a preposition (", which", ", where", "in which"); a subordinating
//! conjunction followed by a verb ("while 85 voted", "after the house impeached him"); a
//! participle after a comma (", leaving 250 dead", ", now being described as") or, giving
//! a count, right after a finite verb ("collided leaving 250 dead"); a
//! coordinator after a comma followed by a verb (", and put the number at"); "and" between
//! two counts ("250 dead and 900 injured"); an absolute "with" clause (", with 204 of 300
//! lawmakers supporting"); and a leading subordinate clause up to its comma ("In what was
//! termed ..., the train"). Every clause is an exact byte range of the sentence; clauses
//! shorter than [`MIN_CLAUSE_WORDS`] words are not cut off.
//!
//! It does not parse: a list whose last item has a verb ("A, B, and C were hit") can be cut
//! before its last item, and a clause keeps words (a conjunction, a relative pronoun) that
//! belong to the joint.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::super::text::Span;
use super::lexicon::Word;

/// Shortest clause, in words: shorter pieces stay with their neighbour.
pub const MIN_CLAUSE_WORDS: usize = 3;
/// How far after a conjunction a verb may come for it to open a clause, in words.
const VERB_WINDOW: usize = 8;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Relative,
    Subordinator,
    SubordinatorAfterComma,
    Coordinator,
    Adverb,
    NotParticiple,
    Auxiliary,
}

struct Cues {
    roles: HashMap<&'static str, Vec<Role>>,
    /// One- or two-word openers of a leading subordinate clause.
    openers: Vec<Vec<&'static str>>,
    irregular_verbs: HashSet<&'static str>,
}

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut roles: HashMap<&'static str, Vec<Role>> = HashMap::new();
    let mut openers = Vec::new();
    for line in entries(include_str!("../../data/clause_cues.txt")) {
        let Some((word, role)) = line.split_once('|') else { continue };
        let role = match role.trim() {
            "relative" => Role::Relative,
            "subordinator" => Role::Subordinator,
            "subordinator_after_comma" => Role::SubordinatorAfterComma,
            "coordinator" => Role::Coordinator,
            "adverb" => Role::Adverb,
            "not_participle" => Role::NotParticiple,
            "auxiliary" => Role::Auxiliary,
            "opener" => {
                openers.push(word.split_whitespace().collect());
                continue;
            }
            _ => continue,
        };
        roles.entry(word.trim()).or_default().push(role);
    }
    let irregular_verbs = entries(include_str!("../../data/irregular_verbs.txt")).collect();
    Cues { roles, openers, irregular_verbs }
});

fn has_role(folded: &str, role: Role) -> bool {
    CUES.roles.get(folded).is_some_and(|r| r.contains(&role))
}

/// True for a word that is (probably) a finite verb or a participle: an auxiliary, an
/// irregular past form, or a lowercase word ending in "-ed".
fn is_verbish(text: &str, w: &Word) -> bool {
    let f = w.folded.as_str();
    has_role(f, Role::Auxiliary)
        || CUES.irregular_verbs.contains(f)
        || (f.len() >= 4 && f.ends_with("ed") && text[w.start..].starts_with(char::is_lowercase))
}

/// True for a lowercase word ending in "-ing" that can open a participial clause.
fn is_participle(text: &str, w: &Word) -> bool {
    let f = w.folded.as_str();
    f.len() >= 5
        && f.ends_with("ing")
        && f.is_ascii()
        && text[w.start..].starts_with(char::is_lowercase)
        && !has_role(f, Role::NotParticiple)
}

/// Prepositions that can introduce a relative clause ("in which", "during which").
const RELATIVE_PREPOSITIONS: &[&str] =
    &["in", "on", "at", "by", "during", "from", "for", "under", "through", "after"];

/// The clauses of the sentence `unit` of `text`: byte ranges covering it in order (one
/// range, the whole unit, when it does not split). `words` are the unit's words (offsets
/// relative to the unit), `quoted[i]` says whether word `i` is inside a quotation, and
/// `number_starts` are the (absolute, sorted) starts of the numbers found in the unit.
pub fn split(text: &str, unit: Span, words: &[Word], quoted: &[bool], number_starts: &[usize]) -> Vec<Span> {
    let n = words.len();
    if n < 2 * MIN_CLAUSE_WORDS {
        return vec![unit];
    }
    let body = &text[unit.range()];
    let gap = |i: usize| &body[words[i - 1].end..words[i].start];
    let verb_within =
        |from: usize, to: usize| (from..to.min(n)).any(|k| !quoted[k] && is_verbish(body, &words[k]));
    let is_number_at = |k: usize| number_starts.binary_search(&(unit.start + words[k].start)).is_ok();

    let mut cuts: Vec<usize> = Vec::new();
    // A leading subordinate clause runs to its first comma, when it holds a verb.
    let opener_len = CUES
        .openers
        .iter()
        .find(|o| o.len() <= n && o.iter().zip(words).all(|(a, w)| *a == w.folded))
        .map(|o| o.len());
    if let Some(len) = opener_len {
        if let Some(i) = (len + 1..n).find(|&i| gap(i).contains(',')) {
            if !quoted[i] && (len..i).any(|k| is_verbish(body, &words[k]) || is_participle(body, &words[k])) {
                cuts.push(i);
            }
        }
    }
    for i in 1..n {
        if quoted[i] {
            continue;
        }
        let g = gap(i);
        let comma = g.contains(',');
        let w = &words[i];
        let f = w.folded.as_str();
        let next = words.get(i + 1);
        let cut = if g.contains(';') {
            true
        } else if (comma && has_role(f, Role::Relative))
            || (RELATIVE_PREPOSITIONS.contains(&f)
                && next.is_some_and(|x| matches!(x.folded.as_str(), "which" | "whom")))
        {
            // A relative clause that gives a count is a fact of its own ("where 288 people
            // died"); one that only describes its noun stays with it.
            (i + 1..(i + 1 + VERB_WINDOW).min(n)).any(is_number_at)
        } else if has_role(f, Role::Subordinator) || (comma && has_role(f, Role::SubordinatorAfterComma)) {
            verb_within(i + 1, i + 1 + VERB_WINDOW)
                || (comma && (i + 1..(i + 4).min(n)).any(|k| is_participle(body, &words[k])))
                || (comma && f == "with" && (i + 1..(i + 3).min(n)).any(is_number_at))
        } else if comma && is_participle(body, w) {
            true
        } else if is_participle(body, w)
            && !has_role(words[i - 1].folded.as_str(), Role::Auxiliary)
            && is_verbish(body, &words[i - 1])
            && (i + 1..(i + 4).min(n)).any(is_number_at)
        {
            // A result participle right after a finite verb, giving a count ("collided
            // leaving over 250 dead").
            true
        } else if comma && has_role(f, Role::Adverb) && next.is_some_and(|x| is_participle(body, x)) {
            true
        } else if comma && has_role(f, Role::Coordinator) {
            // A shared subject's second verb phrase (", and put the toll at"); two main
            // clauses ("A hit B, and C hit D") tell one sequence and stay together.
            next.is_some_and(|x| is_verbish(body, x))
        } else if f == "and" && !comma {
            // "250 dead and 900 injured": a count on both sides.
            (i + 1..(i + 4).min(n)).any(is_number_at) && (0..i).any(is_number_at)
        } else {
            false
        };
        if cut {
            cuts.push(i);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Keep cuts that leave every clause at least MIN_CLAUSE_WORDS long.
    let mut kept: Vec<usize> = Vec::new();
    for c in cuts {
        let last = kept.last().copied().unwrap_or(0);
        if c - last >= MIN_CLAUSE_WORDS && n - c >= MIN_CLAUSE_WORDS {
            kept.push(c);
        }
    }
    if kept.is_empty() {
        return vec![unit];
    }
    let mut out = Vec::with_capacity(kept.len() + 1);
    let mut start = unit.start;
    for &c in &kept {
        let g = gap(c);
        let prev_end = words[c - 1].end;
        // The previous clause keeps the closing marks glued to its last word (”, ), %),
        // not the separator.
        let glued = g.split(char::is_whitespace).next().unwrap_or("");
        let glued = glued.trim_end_matches([',', ';', ':', '—', '–']).len();
        let end = unit.start + prev_end + glued;
        // The next clause starts with the opening marks glued to its first word.
        let opening = g.len() - g.trim_end_matches(['“', '"', '‘', '(', '«']).len();
        let next_start = unit.start + words[c].start - opening;
        out.push(Span::new(start, end.max(start)));
        start = next_start;
    }
    out.push(Span::new(start, unit.end));
    out
}
