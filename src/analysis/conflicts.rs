//! Disagreements between outlets: typed, with evidence on every side, a severity and a
//! one-line explanation.
//!
//! Each kind has its own detector (submodules): quote wording and attribution compare the
//! quoted passages of all documents; numbers compare quantities about the same thing
//! (same unit, shared context words) respecting approximations; dates compare the
//! resolved days of aligned claims; facts look for opposite polarity, antonyms, and a
//! different actor in the same role; forms compare how outlets call the same occasion
//! (an address or a press conference); entity sets compare the people listed in aligned
//! claims; stances compare what a country is reported to accept, refuse or demand;
//! intensities, a lull against heavy fighting; rankings, "one of the worst in 15 years"
//! against "the fourth deadliest on record"; omissions flag a key fact all outlets but
//! one report; internal checks an article's total against its own parts. Two parties' different claims that every
//! outlet reports alike are not disagreements. Forms, stances, intensities and rankings
//! start from the phrases of a word list found in the included sentences (`cues`).
//!
//! It does not judge which side is right, and compares only what the earlier stages
//! found: an unresolved date or an unparsed number cannot disagree.

mod cues;
mod date;
mod entity_set;
mod fact;
mod form;
mod intensity;
mod internal;
mod number;
mod omission;
mod quote;
mod ranking;
mod stance;

use std::cell::OnceCell;

use serde::{Deserialize, Serialize};

pub(crate) use cues::PhraseTable;

use super::align::{ClaimKeys, ClaimRef, Cluster};
use super::claims::lexicon;
use super::entities::Entity;
use super::text::{Doc, Span};
use super::words::WordMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DisagreementKind {
    Date,
    Number,
    QuoteWording,
    Attribution,
    Fact,
    EntitySet,
    Omission,
    /// An article whose total does not match its own parts.
    Internal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    High,
    Medium,
    Low,
}

/// A piece of evidence: a span of one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Evidence {
    pub doc: usize,
    pub span: Span,
}

/// One side of a disagreement: a value and the documents that give it.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    pub value: String,
    pub normalized: Option<String>,
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    pub kind: DisagreementKind,
    pub topic: String,
    pub severity: Severity,
    pub explanation: String,
    pub sides: Vec<Side>,
}

/// What every detector reads: the documents, entities, clusters, and the cluster of
/// each claim.
pub(crate) struct Ctx<'a> {
    pub docs: &'a [Doc],
    pub entities: &'a [Entity],
    pub clusters: &'a [Cluster],
    /// Per document: the index of its first claim among all documents' claims in order
    /// (see [`Ctx::claim_index`]).
    first_claim: Vec<usize>,
    /// Per claim (by [`Ctx::claim_index`]): its cluster.
    cluster_of: Vec<usize>,
    /// Per document, per sentence: its words, made on first use (see
    /// [`Ctx::sentence_words`]).
    sentence_words: Vec<Vec<OnceCell<Vec<lexicon::Word>>>>,
    /// The aligner's weighted keys of every claim, for similarities.
    pub keys: &'a ClaimKeys,
    /// Each claim with its [`BEST_PAIRS`] most similar claims of other documents (at
    /// least [`PAIR_SIMILARITY`]), the pairs sorted and unique.
    pub best_pairs: Vec<(ClaimRef, ClaimRef, f32)>,
}

/// How many of its most similar claims each claim is compared with by the pairwise
/// checks, and how alike they must be at least.
const BEST_PAIRS: usize = 5;
const PAIR_SIMILARITY: f32 = 0.1;

impl Ctx<'_> {
    pub fn claim(&self, r: ClaimRef) -> &super::claims::Claim {
        &self.docs[r.doc].claims[r.claim]
    }

    pub fn text(&self, doc: usize, span: Span) -> &str {
        self.docs[doc].slice(span)
    }

    /// The name of a document for explanations: its outlet, or its id.
    pub fn doc_name(&self, doc: usize) -> &str {
        let d = &self.docs[doc];
        d.meta.outlet.as_ref().map_or(d.id.as_str(), |o| o.value.as_str())
    }

    /// The aligner's similarity of two claims (0 to 1).
    pub fn similarity(&self, a: ClaimRef, b: ClaimRef) -> f32 {
        match (self.keys.refs.binary_search(&a), self.keys.refs.binary_search(&b)) {
            (Ok(i), Ok(j)) => self.keys.similarity(i, j),
            _ => 0.0,
        }
    }

    pub fn same_cluster(&self, a: ClaimRef, b: ClaimRef) -> bool {
        let cluster = |r: ClaimRef| self.cluster_of.get(self.claim_index(r)).copied().unwrap_or(usize::MAX);
        let (x, y) = (cluster(a), cluster(b));
        x == y && x != usize::MAX
    }

    /// The words of sentence `s` of document `doc` ([`lexicon::words`] of its text, so
    /// offsets are relative to the sentence), segmented once for every detector.
    pub fn sentence_words(&self, doc: usize, s: usize) -> &[lexicon::Word] {
        self.sentence_words[doc][s].get_or_init(|| {
            let d = &self.docs[doc];
            lexicon::words(d.slice(d.sentences[s].span))
        })
    }

    /// The number of claims of all documents.
    pub fn claim_count(&self) -> usize {
        self.cluster_of.len()
    }

    /// A dense index of a claim among all documents' claims (documents in order, then
    /// claims), for per-claim tables.
    pub fn claim_index(&self, r: ClaimRef) -> usize {
        self.first_claim[r.doc] + r.claim
    }
}

/// Finds disagreements inside clusters and across them.
pub fn find(docs: &[Doc], entities: &[Entity], clusters: &[Cluster], keys: &ClaimKeys) -> Vec<Disagreement> {
    let mut first_claim = Vec::with_capacity(docs.len());
    let mut claim_count = 0;
    for doc in docs {
        first_claim.push(claim_count);
        claim_count += doc.claims.len();
    }
    let mut cluster_of = vec![usize::MAX; claim_count];
    for (i, k) in clusters.iter().enumerate() {
        for &c in &k.claims {
            cluster_of[first_claim[c.doc] + c.claim] = i;
        }
    }
    let best_pairs = keys
        .best_pairs(BEST_PAIRS, PAIR_SIMILARITY)
        .into_iter()
        .map(|(a, b, s)| (keys.refs[a as usize], keys.refs[b as usize], s))
        .collect();
    let sentence_words = docs.iter().map(|d| d.sentences.iter().map(|_| OnceCell::new()).collect()).collect();
    let ctx = Ctx { docs, entities, clusters, first_claim, cluster_of, sentence_words, keys, best_pairs };
    let mut out = Vec::new();
    quote::find(&ctx, &mut out);
    number::find(&ctx, &mut out);
    date::find(&ctx, &mut out);
    fact::find(&ctx, &mut out);
    form::find(&ctx, &mut out);
    entity_set::find(&ctx, &mut out);
    stance::find(&ctx, &mut out);
    intensity::find(&ctx, &mut out);
    ranking::find(&ctx, &mut out);
    omission::find(&ctx, &mut out);
    internal::find(&ctx, &mut out);
    for d in &mut out {
        for s in &mut d.sides {
            s.evidence.sort_unstable();
            s.evidence.dedup();
        }
    }
    out.retain(|d| d.sides.len() >= 2 || d.kind == DisagreementKind::Internal);
    out
}

/// What one pair of claims found, for [`merge_connected`]: the kind, severity and sides
/// every pair contributes, and the topic and explanation, made only for the first pair of
/// each group (the one a merged finding shows), since near-duplicate articles give many
/// pairs per finding.
pub(crate) struct PairFinding<'f> {
    pub kind: DisagreementKind,
    pub severity: Severity,
    pub sides: Vec<Side>,
    /// The topic and the explanation.
    pub describe: Box<dyn FnOnce() -> (String, String) + 'f>,
}

/// One disagreement per group of connected claim pairs of the same check: near-duplicate
/// sentences in many documents give one finding with a side per distinct value, not one
/// per pair. Sides with the same value (ignoring case) merge; the first pair's topic
/// stays, and the explanation lists who says what when more than one pair merged.
pub(crate) fn merge_connected(found: Vec<(ClaimRef, ClaimRef, u8, PairFinding)>) -> Vec<Disagreement> {
    let mut index: WordMap<(u8, ClaimRef), usize> = WordMap::default();
    for (a, b, check, _) in &found {
        for r in [a, b] {
            let next = index.len();
            index.entry((*check, *r)).or_insert(next);
        }
    }
    let mut groups = Groups::new(index.len());
    for (a, b, check, _) in &found {
        groups.join(index[&(*check, *a)], index[&(*check, *b)]);
    }
    let mut by_root: Vec<(usize, Disagreement, usize)> = Vec::new();
    let mut slot: WordMap<usize, usize> = WordMap::default();
    // (merged disagreement, lower-case side value) -> the side's index
    let mut side_of: WordMap<(usize, String), usize> = WordMap::default();
    for (a, _, check, d) in found {
        let root = groups.root(index[&(check, a)]);
        let i = *slot.entry(root).or_insert(by_root.len());
        if i == by_root.len() {
            for (k, side) in d.sides.iter().enumerate() {
                side_of.entry((i, side.value.to_lowercase())).or_insert(k);
            }
            let (topic, explanation) = (d.describe)();
            let d = Disagreement { kind: d.kind, topic, severity: d.severity, explanation, sides: d.sides };
            by_root.push((root, d, 1));
            continue;
        }
        let (_, merged, pairs) = &mut by_root[i];
        *pairs += 1;
        merged.severity = merged.severity.min(d.severity);
        for side in d.sides {
            let next = merged.sides.len();
            match *side_of.entry((i, side.value.to_lowercase())).or_insert(next) {
                k if k < next => merged.sides[k].evidence.extend(side.evidence),
                _ => merged.sides.push(side),
            }
        }
    }
    by_root
        .into_iter()
        .map(|(_, mut d, pairs)| {
            if pairs > 1 {
                let mut docs: Vec<usize> =
                    d.sides.iter().flat_map(|s| s.evidence.iter().map(|e| e.doc)).collect();
                docs.sort_unstable();
                docs.dedup();
                d.explanation = format!(
                    "{} ({} documents, {} versions in all)",
                    d.explanation,
                    docs.len(),
                    d.sides.len()
                );
            }
            d
        })
        .collect()
}

/// A side whose members are (document, the value's span, its claim or sentence): each
/// member gives both spans as evidence.
pub(crate) fn side_of(
    value: String,
    normalized: &str,
    members: impl Iterator<Item = (usize, Span, Span)>,
) -> Side {
    Side {
        value,
        normalized: Some(normalized.to_string()),
        evidence: members
            .flat_map(|(doc, span, context)| [Evidence { doc, span }, Evidence { doc, span: context }])
            .collect(),
    }
}

/// "a, b says X; c says Y" for explanations: the documents of each side, then what
/// `says` makes of the side.
pub(crate) fn listing(ctx: &Ctx, sides: &[Side], says: impl Fn(&Side) -> String) -> String {
    sides
        .iter()
        .map(|s| {
            let mut names: Vec<&str> = s.evidence.iter().map(|e| ctx.doc_name(e.doc)).collect();
            names.dedup();
            format!("{} {}", names.join(", "), says(s))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Longest common subsequence of two word sequences: for each word of `a`, whether it is
/// kept.
pub(crate) fn lcs_keep<T: PartialEq>(a: &[T], b: &[T]) -> (Vec<bool>, Vec<bool>) {
    lcs_keep_in(a, b, &mut Vec::new())
}

/// [`lcs_keep`] with its scratch rows in `rows` (resized as needed), so that many
/// comparisons reuse one allocation.
///
/// The common start and end of the two sequences are not put in the table (near-duplicate
/// sentences differ in a few words): the result is the one the whole table would give,
/// whose walk keeps a common start as it goes, walks the middle by the same comparisons,
/// and ends on the common end as a greedy match (see the test against the whole table).
///
/// The middle's table is kept as bit rows (the bit-parallel LCS of Allison and Dix, as
/// Hyyrö writes it): row `r` holds, for the last `r` items of `a`'s middle against the
/// suffixes of `b`'s, a 0 bit where the LCS length grows by one, so a cell is a count of
/// zero bits. The walk reads the same cells as the whole table would; a row costs one
/// pass of comparisons over `b`'s middle and a few word operations, not a chain of
/// dependent cells.
pub(crate) fn lcs_keep_in<T: PartialEq>(a: &[T], b: &[T], rows: &mut Vec<u64>) -> (Vec<bool>, Vec<bool>) {
    let (n, m) = (a.len(), b.len());
    let (mut ka, mut kb) = (vec![false; n], vec![false; m]);
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    ka[..prefix].fill(true);
    kb[..prefix].fill(true);
    let (x, y) = (&a[prefix..n - suffix], &b[prefix..m - suffix]);
    let (nx, ny) = (x.len(), y.len());
    // Bit k of a row stands for y[ny - 1 - k]; row r is after x[nx - r..], read backwards.
    let words = ny.div_ceil(64);
    rows.clear();
    rows.resize((nx + 1) * words, u64::MAX);
    for r in 1..=nx {
        let item = &x[nx - r];
        let (before, row) = rows.split_at_mut(r * words);
        let (previous, row) = (&before[(r - 1) * words..], &mut row[..words]);
        let mut carry = 0u64;
        for w in 0..words {
            let mut matches = 0u64;
            for bit in 0..64.min(ny - w * 64) {
                matches |= u64::from(y[ny - 1 - (w * 64 + bit)] == *item) << bit;
            }
            let v = previous[w];
            let u = v & matches;
            let (sum, c1) = v.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(carry);
            carry = u64::from(c1 || c2);
            row[w] = sum | (v & !matches);
        }
    }
    // The LCS length of x[i..] and y[j..]: the zero bits of row nx - i below bit ny - j.
    let cell = |i: usize, j: usize| -> usize {
        let (row, bits) = (&rows[(nx - i) * words..(nx - i + 1) * words], ny - j);
        let mut ones = 0;
        for (w, &v) in row.iter().enumerate().take(bits.div_ceil(64)) {
            let width = (bits - w * 64).min(64);
            let mask = if width == 64 { u64::MAX } else { (1u64 << width) - 1 };
            ones += (v & mask).count_ones() as usize;
        }
        bits - ones
    };
    let (mut i, mut j) = (0, 0);
    while i < nx && j < ny {
        if x[i] == y[j] {
            ka[prefix + i] = true;
            kb[prefix + j] = true;
            i += 1;
            j += 1;
        } else if cell(i + 1, j) >= cell(i, j + 1) {
            i += 1;
        } else {
            j += 1;
        }
    }
    // Past the middle of one side, what is left of it is the common end: the whole table
    // matches it greedily, passing over the other side's words until each is found.
    let a_left_is_end = i == nx;
    let (mut i, mut j) = (prefix + i, prefix + j);
    while i < n && j < m {
        if a[i] == b[j] {
            ka[i] = true;
            kb[j] = true;
            i += 1;
            j += 1;
        } else if a_left_is_end {
            j += 1;
        } else {
            i += 1;
        }
    }
    (ka, kb)
}

/// A word-level diff of two passages: the words only `a` has and the words only `b` has,
/// each as runs joined by spaces ("remove" / "eliminate").
pub(crate) fn word_diff(a: &[&str], b: &[&str]) -> (Vec<String>, Vec<String>) {
    // Long passages: compare by sets, to keep the cost bounded.
    if a.len() * b.len() > 40_000 {
        let only = |x: &[&str], y: &[&str]| {
            vec![x.iter().filter(|w| !y.contains(w)).copied().collect::<Vec<_>>().join(" ")]
        };
        return (only(a, b), only(b, a));
    }
    let (ka, kb) = lcs_keep(a, b);
    let runs = |words: &[&str], keep: &[bool]| {
        let mut out = Vec::new();
        let mut run: Vec<&str> = Vec::new();
        for (w, k) in words.iter().zip(keep) {
            if *k {
                if !run.is_empty() {
                    out.push(run.join(" "));
                    run.clear();
                }
            } else {
                run.push(w);
            }
        }
        if !run.is_empty() {
            out.push(run.join(" "));
        }
        out
    };
    (runs(a, &ka), runs(b, &kb))
}

/// "‹a› vs ‹b›" diff text for explanations: `-x +y; -z`.
pub(crate) fn diff_text(a: &[&str], b: &[&str]) -> String {
    let (only_a, only_b) = word_diff(a, b);
    let mut parts = Vec::new();
    for w in only_a.iter().take(4) {
        parts.push(format!("−“{w}”"));
    }
    for w in only_b.iter().take(4) {
        parts.push(format!("+“{w}”"));
    }
    parts.join(" ")
}

/// The first `n` words of a text, with an ellipsis when cut.
pub(crate) fn head(text: &str, n: usize) -> String {
    // Only the first n + 1 words matter: a long claim is not split whole.
    let words: Vec<&str> = text.split_whitespace().take(n + 1).collect();
    if words.len() > n {
        format!("{}…", words[..n].join(" "))
    } else {
        words.join(" ")
    }
}

/// Union-find over `n` items.
pub(crate) struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    pub fn new(n: usize) -> Groups {
        Groups { parent: (0..n).collect() }
    }

    pub fn root(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }

    /// The groups with at least two members, each sorted, in order of first member.
    pub fn groups(&mut self) -> Vec<Vec<usize>> {
        let mut by_root: WordMap<usize, Vec<usize>> = WordMap::default();
        for i in 0..self.parent.len() {
            let r = self.root(i);
            by_root.entry(r).or_default().push(i);
        }
        let mut out: Vec<Vec<usize>> = by_root.into_values().filter(|g| g.len() >= 2).collect();
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::lcs_keep;

    /// The longest common subsequence walk over the whole table, as it was written first.
    fn whole_table<T: PartialEq>(a: &[T], b: &[T]) -> (Vec<bool>, Vec<bool>) {
        let (n, m) = (a.len(), b.len());
        let mut table = vec![0u32; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                table[at(i, j)] = if a[i] == b[j] {
                    table[at(i + 1, j + 1)] + 1
                } else {
                    table[at(i + 1, j)].max(table[at(i, j + 1)])
                };
            }
        }
        let (mut ka, mut kb) = (vec![false; n], vec![false; m]);
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if a[i] == b[j] {
                ka[i] = true;
                kb[j] = true;
                i += 1;
                j += 1;
            } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
                i += 1;
            } else {
                j += 1;
            }
        }
        (ka, kb)
    }

    /// A xorshift generator from `seed`: each call gives a number below its argument.
    fn xorshift(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |k| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % k
        }
    }

    #[test]
    fn lcs_keeps_what_the_whole_table_keeps() {
        // Near-duplicate sequences over a few symbols (many ties), with a common start and
        // end of every length, edited in the middle.
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let base: Vec<u8> = (0..next(12)).map(|_| next(4) as u8).collect();
            let mut other = base.clone();
            for _ in 0..next(4) {
                match next(3) {
                    0 if !other.is_empty() => {
                        let at = next(other.len() as u64) as usize;
                        other.remove(at);
                    }
                    1 => {
                        let at = next(other.len() as u64 + 1) as usize;
                        other.insert(at, next(4) as u8);
                    }
                    _ if !other.is_empty() => {
                        let at = next(other.len() as u64) as usize;
                        other[at] = next(4) as u8;
                    }
                    _ => {}
                }
            }
            assert_eq!(lcs_keep(&base, &other), whole_table(&base, &other), "{base:?} {other:?}");
            assert_eq!(lcs_keep(&other, &base), whole_table(&other, &base), "{other:?} {base:?}");
        }
    }

    #[test]
    fn lcs_keeps_what_the_whole_table_keeps_past_one_word_of_bits() {
        // Middles longer than 64 and 128 items (rows of several words, with carries), and
        // unrelated sequences (no common start or end), over a few symbols.
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..600 {
            let alphabet = 2 + next(6);
            let a: Vec<u8> = (0..next(200)).map(|_| next(alphabet) as u8).collect();
            let b: Vec<u8> = if next(2) == 0 {
                (0..next(200)).map(|_| next(alphabet) as u8).collect()
            } else {
                let mut b = a.clone();
                for _ in 0..next(40) {
                    let at = next(b.len() as u64 + 1) as usize;
                    if next(2) == 0 && at < b.len() {
                        b.remove(at);
                    } else {
                        b.insert(at, next(alphabet) as u8);
                    }
                }
                b
            };
            assert_eq!(lcs_keep(&a, &b), whole_table(&a, &b), "{a:?} {b:?}");
            assert_eq!(lcs_keep(&b, &a), whole_table(&b, &a), "{b:?} {a:?}");
        }
    }
}
