//! Alignment: clusters of claims that report the same fact in different documents.
//!
//! How: each claim becomes a set of keys: canonical content-word stems (paraphrase groups
//! folded together), the pairs of adjacent stems ("martial law", "death toll"), resolved
//! entities, the speaker, number values and resolved dates. A key weighs by how rare it is
//! among the claims at hand (inverse claim frequency; numbers, dates and speakers weigh more),
//! so the words every article of the event uses count little and a shared figure or phrase
//! counts much. Candidate pairs come from blocking: each claim proposes a bounded number of
//! claims of other documents that share its rarest keys, through posting lists of bounded
//! length (a key held by very many claims is not evidence), so the cost grows near-linearly
//! with the number of claims. Candidate pairs are then visited most similar first, and each
//! merges the clusters of its two claims when the two clusters are alike on average over all
//! their claim pairs: average linkage, so one chain of similar pairs cannot pull unrelated
//! claims together as single linkage would. A cross-document pair that was never a candidate
//! counts as unlike, and a pair of claims of one document counts below unlike (an article
//! seldom states a fact twice), so two clusters with a document in common merge only when they
//! are alike elsewhere; unless the two claims are alike, a repeat (a headline and its lede, a
//! quote and its paraphrase). An outlet reports a fact about once, so a pair of claims that are
//! each the other's best match in its document is good evidence and starts a merge; a pair
//! where a claim has a better match in the other's document starts one only when it is clearly
//! alike. After this pass, a claim that joined a cluster on one similar pair but is unlike the
//! rest of it on average leaves it (it would keep the cluster from the outlet's true claim),
//! and the pairs are visited once more. Last, a claim still alone joins the cluster of three
//! or more other documents it is most alike, on half the evidence a merge asks: a fact
//! several outlets report is likely in the others' articles too (of one document, only the
//! most alike claim joins). Every claim ends in exactly one cluster (singletons included).
//!
//! Claims are clauses (see `claims`), so a sentence with several facts can link each of them;
//! but two clauses of one sentence count as alike in a merge, not as two facts of one document:
//! an outlet that states two facts in one sentence binds them, and other outlets often report
//! them together too. A count is also keyed by what it counts, whatever the figure ("leaving
//! 250 dead", "288 people lost their lives": the casualty words of `src/data/severe_topics.txt`
//! near a number), so outlets that disagree on a figure still align on the fact; and a duration
//! of about a whole number of months is keyed by that number ("180 days", "six months").
//!
//! It does not understand paraphrase beyond the shared word stems and the paraphrase groups of
//! `src/data/synonyms.txt`; a clause the splitter left whole joins the cluster of the fact it
//! shares most with others.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::claims::lexicon;
use super::numbers::Quantity;
use super::text::Doc;
use super::time::DateValue;
use super::words::WordMap;

/// A claim, by document index and claim index within that document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimRef {
    pub doc: usize,
    pub claim: usize,
}

/// Claims that report the same fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Sorted; at least one claim.
    pub claims: Vec<ClaimRef>,
    pub summary: String,
}

impl Cluster {
    /// The number of distinct documents in the cluster.
    pub fn doc_count(&self) -> usize {
        let mut docs: Vec<usize> = self.claims.iter().map(|c| c.doc).collect();
        docs.dedup();
        docs.len()
    }
}

/// Minimum average similarity of two clusters (over their claim pairs) to merge them.
const MERGE_THRESHOLD: f32 = 0.125;
/// What a pair of claims of one document counts for, below 0, in that average.
const SAME_DOCUMENT_PENALTY: f32 = 0.45;
/// Two claims of one document at least this alike are a repeat (a quote and its
/// paraphrase, a headline and its lede): they count as neither like nor unlike.
const REPEAT_SIMILARITY: f32 = 0.32;
/// What two clauses of one sentence count for in that average: as alike as can be. The
/// splitter cuts a sentence into clauses, but an outlet that states two facts in one
/// sentence reports them together, and another outlet's sentence may state both.
const SIBLING_LIKENESS: f32 = 1.0;
/// Minimum average similarity of a claim left alone to a cluster of [`ATTACH_DOCUMENTS`]
/// or more documents, none its own, to join it: half what a merge asks. A fact that several
/// outlets report is likely in the others' articles too, so their best match for it needs
/// less evidence.
const ATTACH_THRESHOLD: f32 = MERGE_THRESHOLD / 2.0;
/// How many documents a cluster needs for a claim left alone to join it on
/// [`ATTACH_THRESHOLD`].
const ATTACH_DOCUMENTS: usize = 3;
/// Minimum similarity of a pair that is not a mutual best match to start a merge.
const NON_MUTUAL_THRESHOLD: f32 = 0.2;
/// Pairs less similar than this count as unlike (they add nothing to an average).
const MIN_PAIR_SIMILARITY: f32 = 0.06;
/// How much more a number or a day weighs in the clustering than a word as rare.
const STRONG_KEY_FACTOR: f32 = 1.5;
/// How much the speaker weighs, against a word as rare: two outlets quoting one person on
/// one point share little wording when they paraphrase or translate the quote.
const SPEAKER_FACTOR: f32 = 2.0;
/// How much a month, a year or a range of days weighs, against a word as rare.
const VAGUE_DATE_FACTOR: f32 = 0.75;
/// Keys held by more claims than this are too common to block on (but for claims with
/// no rarer keys, which reach their neighbours in the key's posting list).
const MAX_POSTING: usize = 64;
/// The mean length of a month in days, in the Gregorian calendar.
const DAYS_PER_MONTH: f64 = 30.436875;
/// How many words from a number a casualty word may be to say what the number counts.
const COUNT_WINDOW: usize = 5;
/// How many candidates each claim proposes, at most.
const MAX_CANDIDATES: usize = 16;
/// How many of a claim's rarest keys (held by another claim too) it is blocked on.
const BLOCKING_KEYS: usize = 8;

/// The weighted key set of every claim.
pub struct ClaimKeys {
    pub refs: Vec<ClaimRef>,
    /// Per claim: sorted key ids (words, entities, numbers, dates; no phrases).
    pub keys: Vec<Vec<u32>>,
    /// Per claim: sorted ids of the keys only the clustering uses: its adjacent-stem
    /// phrases and its speaker.
    pub phrases: Vec<Vec<u32>>,
    /// Per key: its weight among documents (inverse document frequency), for `similarity`.
    pub weight: Vec<f32>,
    /// Per key: its weight among claims (inverse claim frequency), for the clustering.
    pub claim_weight: Vec<f32>,
    /// Per key: the claims that hold it.
    pub postings: Vec<Vec<u32>>,
    /// Candidate pairs from blocking (`i < j`, different documents), with their similarity.
    pub pairs: Vec<(u32, u32, f32)>,
    /// Per candidate pair (same order as `pairs`): its `claim_similarity`.
    pub claim_similarities: Vec<f32>,
    /// Per claim: the total of its keys' `weight`, and of its keys' and phrases'
    /// `claim_weight`.
    norms: Vec<(f32, f32)>,
    /// What each key stands for, for [`ClaimKeys::key_label`].
    interner: Interner,
}

/// Interns keys as dense `u32` ids, one id space for every kind of key.
#[derive(Default)]
struct Interner {
    count: u32,
    /// Per key: how much its kind weighs (see [`STRONG_KEY_FACTOR`]).
    factor: Vec<f32>,
    words: WordMap<String, u32>,
    /// Folded word -> its stem's key, and whether it is a form of a casualty word.
    content_words: WordMap<String, (Option<u32>, bool)>,
    phrases: WordMap<(u32, u32), u32>,
    entities: WordMap<usize, u32>,
    speakers: WordMap<usize, u32>,
    numbers: WordMap<u64, u32>,
    /// What a number counts (by its word key), whatever the figure.
    counted: WordMap<u32, u32>,
    /// A duration of about a whole number of months, by that number.
    months: WordMap<u64, u32>,
    dates: WordMap<DateValue, u32>,
}

impl Interner {
    fn next(count: &mut u32, factors: &mut Vec<f32>, factor: f32) -> u32 {
        factors.push(factor);
        *count += 1;
        *count - 1
    }

    fn word(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.words.get(stem) {
            return id;
        }
        let id = Self::next(&mut self.count, &mut self.factor, 1.0);
        self.words.insert(stem.to_string(), id);
        id
    }

    /// The key of a folded word's canonical stem (`None` for a function word or a speech
    /// verb), and whether the word is a form of a casualty word. Each distinct word is
    /// stemmed once.
    fn content_word(&mut self, folded: &str) -> (Option<u32>, bool) {
        if let Some(&known) = self.content_words.get(folded) {
            return known;
        }
        let key = if lexicon::is_content(folded) {
            let stem = lexicon::stem(folded);
            let canonical = lexicon::canonical(&stem);
            (!lexicon::is_speech_verb(canonical)).then(|| self.word(canonical))
        } else {
            None
        };
        let known = (key, key.is_some() && lexicon::is_severe_form(folded));
        self.content_words.insert(folded.to_string(), known);
        known
    }

    fn phrase(&mut self, first: u32, second: u32) -> u32 {
        let (count, factors) = (&mut self.count, &mut self.factor);
        *self.phrases.entry((first, second)).or_insert_with(|| Self::next(count, factors, 1.0))
    }

    fn entity(&mut self, id: usize) -> u32 {
        let (count, factors) = (&mut self.count, &mut self.factor);
        *self.entities.entry(id).or_insert_with(|| Self::next(count, factors, 1.0))
    }

    fn speaker(&mut self, id: usize) -> u32 {
        let (count, factors) = (&mut self.count, &mut self.factor);
        *self.speakers.entry(id).or_insert_with(|| Self::next(count, factors, SPEAKER_FACTOR))
    }

    fn number(&mut self, value: f64) -> u32 {
        let (count, factors) = (&mut self.count, &mut self.factor);
        *self.numbers.entry(value.to_bits()).or_insert_with(|| Self::next(count, factors, STRONG_KEY_FACTOR))
    }

    fn months(&mut self, months: u64) -> u32 {
        let (count, factors) = (&mut self.count, &mut self.factor);
        *self.months.entry(months).or_insert_with(|| Self::next(count, factors, STRONG_KEY_FACTOR))
    }

    fn counted(&mut self, word: u32) -> u32 {
        let (count, factors) = (&mut self.count, &mut self.factor);
        *self.counted.entry(word).or_insert_with(|| Self::next(count, factors, STRONG_KEY_FACTOR))
    }

    fn date(&mut self, value: DateValue) -> u32 {
        let (count, factors) = (&mut self.count, &mut self.factor);
        // A day is strong evidence; a month, a year or a range of days is vague.
        let factor = if matches!(value, DateValue::Day(_)) { STRONG_KEY_FACTOR } else { VAGUE_DATE_FACTOR };
        *self.dates.entry(value).or_insert_with(|| Self::next(count, factors, factor))
    }
}

impl ClaimKeys {
    pub fn build(docs: &[Doc]) -> ClaimKeys {
        let mut interner = Interner::default();
        let mut refs = Vec::new();
        let mut keys = Vec::new();
        let mut phrases = Vec::new();
        let mut stems: Vec<u32> = Vec::new();
        let mut counted: Vec<u32> = Vec::new();
        let mut folded_buffer = String::new();
        for (d, doc) in docs.iter().enumerate() {
            for (c, claim) in doc.claims.iter().enumerate() {
                stems.clear();
                counted.clear();
                let first = doc.tokens.partition_point(|t| t.start < claim.span.start);
                let tokens = &doc.tokens[first..];
                let claim_tokens = tokens.iter().take_while(|t| t.end <= claim.span.end).count();
                let tokens = &tokens[..claim_tokens];
                let mut numbers = claim.numbers.iter().map(|&i| doc.numbers[i].span).peekable();
                let mut last_number: Option<usize> = None;
                for (t, token) in tokens.iter().enumerate() {
                    let word = doc.slice(*token);
                    let folded = if word.is_ascii() {
                        folded_buffer.clear();
                        folded_buffer.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
                        if folded_buffer.len() > 2 && folded_buffer.ends_with("'s") {
                            folded_buffer.truncate(folded_buffer.len() - 2);
                        }
                        folded_buffer.as_str()
                    } else {
                        folded_buffer = lexicon::fold(word);
                        folded_buffer.as_str()
                    };
                    while numbers.peek().is_some_and(|n| n.end <= token.start) {
                        numbers.next();
                        last_number = Some(t);
                    }
                    let (key, severe) = interner.content_word(folded);
                    stems.extend(key);
                    // What a count is about: a casualty word near a number ("250 dead",
                    // "death toll to 275", "288 people lost their lives", "killing 288").
                    if let Some(key) = key.filter(|_| severe) {
                        let near_before = last_number.is_some_and(|n| t < n + COUNT_WINDOW);
                        let near_after = numbers.peek().is_some_and(|n| {
                            tokens[t..]
                                .iter()
                                .take(COUNT_WINDOW)
                                .any(|x| x.start >= n.start && x.end <= n.end)
                        });
                        if near_before || near_after {
                            counted.push(key);
                        }
                    }
                }
                let mut ph: Vec<u32> =
                    stems.windows(2).filter(|w| w[0] != w[1]).map(|w| interner.phrase(w[0], w[1])).collect();
                ph.extend(claim.speaker.map(|e| interner.speaker(e.0)));
                let mut ks: Vec<u32> = Vec::with_capacity(stems.len() + claim.entities.len());
                ks.extend_from_slice(&stems);
                ks.extend(claim.entities.iter().map(|e| interner.entity(e.0)));
                ks.extend(claim.numbers.iter().map(|&i| interner.number(doc.numbers[i].value)));
                ks.extend(
                    claim
                        .numbers
                        .iter()
                        .filter_map(|&i| whole_months(&doc.numbers[i]))
                        .map(|m| interner.months(m)),
                );
                ks.extend(counted.iter().map(|&k| interner.counted(k)));
                ks.extend(claim.dates.iter().filter_map(|&i| doc.dates[i].value).map(|v| interner.date(v)));
                ks.sort_unstable();
                ks.dedup();
                ph.sort_unstable();
                ph.dedup();
                refs.push(ClaimRef { doc: d, claim: c });
                keys.push(ks);
                phrases.push(ph);
            }
        }
        let key_count = interner.count as usize;
        // Each posting list allocated once, at its length.
        let mut lengths = vec![0u32; key_count];
        for &k in keys.iter().chain(&phrases).flatten() {
            lengths[k as usize] += 1;
        }
        let mut postings: Vec<Vec<u32>> = lengths.iter().map(|&l| Vec::with_capacity(l as usize)).collect();
        let mut doc_freq = vec![0u32; key_count];
        let mut last_doc = vec![usize::MAX; key_count];
        for (i, (ks, ph)) in keys.iter().zip(&phrases).enumerate() {
            for &k in ks.iter().chain(ph) {
                postings[k as usize].push(i as u32);
                if last_doc[k as usize] != refs[i].doc {
                    last_doc[k as usize] = refs[i].doc;
                    doc_freq[k as usize] += 1;
                }
            }
        }
        let n_docs = docs.len().max(1) as f32;
        let weight = doc_freq.iter().map(|&df| (n_docs / df.max(1) as f32).ln() + 0.7).collect();
        let n_claims = refs.len() as f32 + 1.0;
        let claim_weight = postings
            .iter()
            .zip(&interner.factor)
            .map(|(p, &factor)| (n_claims / p.len().max(1) as f32).ln() * factor)
            .collect();
        let mut out = ClaimKeys {
            refs,
            keys,
            phrases,
            weight,
            claim_weight,
            postings,
            pairs: Vec::new(),
            claim_similarities: Vec::new(),
            norms: Vec::new(),
            interner: Interner::default(),
        };
        out.norms = (0..out.refs.len())
            .map(|i| {
                let doc_norm: f32 = out.keys[i].iter().map(|&k| out.weight[k as usize]).sum();
                let claim_norm: f32 =
                    out.keys[i].iter().chain(&out.phrases[i]).map(|&k| out.claim_weight[k as usize]).sum();
                (doc_norm, claim_norm)
            })
            .collect();
        (out.pairs, out.claim_similarities) = out.blocked_pairs();
        out.interner = interner;
        out
    }

    /// What a key stands for ("martial law", "number 288", "count of kill"), for
    /// diagnostics: a linear search over all keys, not for hot paths.
    pub fn key_label(&self, key: u32) -> String {
        fn find<K: Clone>(map: &WordMap<K, u32>, key: u32) -> Option<K> {
            map.iter().find(|(_, &v)| v == key).map(|(k, _)| k.clone())
        }
        let i = &self.interner;
        if let Some(w) = find(&i.words, key) {
            return w;
        }
        if let Some((a, b)) = find(&i.phrases, key) {
            return format!("{} {}", self.key_label(a), self.key_label(b));
        }
        if let Some(e) = find(&i.entities, key) {
            return format!("entity e{}", e + 1);
        }
        if let Some(e) = find(&i.speakers, key) {
            return format!("speaker e{}", e + 1);
        }
        if let Some(n) = find(&i.numbers, key) {
            return format!("number {}", f64::from_bits(n));
        }
        if let Some(m) = find(&i.months, key) {
            return format!("{m} months");
        }
        if let Some(w) = find(&i.counted, key) {
            return format!("count of {}", self.key_label(w));
        }
        if let Some(d) = find(&i.dates, key) {
            return format!("date {d:?}");
        }
        format!("key {key}")
    }

    /// Weighted cosine similarity of two claims' word, entity, number and date keys, each
    /// weighted by its rarity among documents (0 to 1).
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        let shared = shared_weight(&self.keys[a], &self.keys[b], &self.weight);
        cosine(shared, self.norms[a].0, self.norms[b].0)
    }

    /// Weighted cosine similarity of two claims' keys and phrases, each weighted by its
    /// rarity among claims: the similarity the clustering uses (0 to 1).
    pub fn claim_similarity(&self, a: usize, b: usize) -> f32 {
        let shared = shared_weight(&self.keys[a], &self.keys[b], &self.claim_weight)
            + shared_weight(&self.phrases[a], &self.phrases[b], &self.claim_weight);
        cosine(shared, self.norms[a].1, self.norms[b].1)
    }

    /// Candidate pairs (i < j, different documents) from blocking, with their similarity.
    pub fn candidate_pairs(&self) -> &[(u32, u32, f32)] {
        &self.pairs
    }

    /// The candidate pairs, with their `similarity` and, in a parallel list, their
    /// `claim_similarity`. Each claim proposes the [`MAX_CANDIDATES`] claims of other
    /// documents that share the most weight of its rarest keys; a pair is a candidate when
    /// either of its claims proposes it.
    fn blocked_pairs(&self) -> (Vec<(u32, u32, f32)>, Vec<f32>) {
        let n = self.refs.len();
        // Scratch state reused for every claim: no per-claim or per-pair allocation.
        let mut met_by = vec![u32::MAX; n];
        let mut shared = vec![0.0f32; n];
        // Per key: its posting length, in one dense list (read for every key of every claim).
        let lengths: Vec<u32> = self.postings.iter().map(|p| p.len() as u32).collect();
        // A claim's keys held by another claim too, as (posting length, key) packed in one
        // integer, so that its rarest come first.
        let mut rare: Vec<u64> = Vec::new();
        let mut met: Vec<u32> = Vec::new();
        // Pairs (i, j), i < j, packed as `i << 32 | j` (sorting them sorts the pairs).
        let mut proposed: Vec<u64> = Vec::new();
        let doc_of: Vec<usize> = self.refs.iter().map(|r| r.doc).collect();
        for i in 0..n {
            let stamp = i as u32;
            rare.clear();
            rare.extend(
                self.keys[i]
                    .iter()
                    .chain(&self.phrases[i])
                    .map(|&k| (u64::from(lengths[k as usize]) << 32) | u64::from(k))
                    .filter(|&x| x >> 32 >= 2),
            );
            if rare.len() > BLOCKING_KEYS {
                rare.select_nth_unstable(BLOCKING_KEYS - 1);
                rare.truncate(BLOCKING_KEYS);
            }
            rare.sort_unstable();
            met.clear();
            for k in rare.iter().map(|&x| x as u32) {
                let w = self.claim_weight[k as usize];
                let posting = &self.postings[k as usize];
                // A key too common to be evidence on its own (the claim has fewer rare
                // ones) only reaches the claims next to this one in its posting list.
                let near = if posting.len() > MAX_POSTING {
                    let at = posting.partition_point(|&j| j < stamp);
                    &posting[at.saturating_sub(MAX_POSTING / 2)..(at + MAX_POSTING / 2).min(posting.len())]
                } else {
                    &posting[..]
                };
                for &j in near {
                    if doc_of[j as usize] == doc_of[i] {
                        continue;
                    }
                    if met_by[j as usize] != stamp {
                        met_by[j as usize] = stamp;
                        shared[j as usize] = 0.0;
                        met.push(j);
                    }
                    shared[j as usize] += w;
                }
            }
            if met.len() > MAX_CANDIDATES {
                let by_shared =
                    |a: &u32, b: &u32| shared[*b as usize].total_cmp(&shared[*a as usize]).then(a.cmp(b));
                met.select_nth_unstable_by(MAX_CANDIDATES - 1, by_shared);
                met.truncate(MAX_CANDIDATES);
            }
            proposed.extend(met.iter().map(|&j| (u64::from(stamp.min(j)) << 32) | u64::from(stamp.max(j))));
        }
        proposed.sort_unstable();
        proposed.dedup();
        // Similarities: the keys of the pair's first claim are marked once, and the second
        // claim's keys are looked up in the marks.
        let mut marked_for = vec![u32::MAX; self.postings.len()];
        let (mut pairs, mut claim_sims) =
            (Vec::with_capacity(proposed.len()), Vec::with_capacity(proposed.len()));
        for pair in proposed {
            let (i, j) = ((pair >> 32) as usize, pair as u32 as usize);
            if marked_for[self.keys[i].first().or(self.phrases[i].first()).map_or(0, |&k| k as usize)]
                != i as u32
            {
                for &k in self.keys[i].iter().chain(&self.phrases[i]) {
                    marked_for[k as usize] = i as u32;
                }
            }
            let (mut doc_shared, mut claim_shared) = (0.0f32, 0.0f32);
            for &k in &self.keys[j] {
                if marked_for[k as usize] == i as u32 {
                    doc_shared += self.weight[k as usize];
                    claim_shared += self.claim_weight[k as usize];
                }
            }
            for &k in &self.phrases[j] {
                if marked_for[k as usize] == i as u32 {
                    claim_shared += self.claim_weight[k as usize];
                }
            }
            pairs.push((i as u32, j as u32, cosine(doc_shared, self.norms[i].0, self.norms[j].0)));
            claim_sims.push(cosine(claim_shared, self.norms[i].1, self.norms[j].1));
        }
        (pairs, claim_sims)
    }
}

/// A duration of a month or more as a whole number of months, when it is close to one
/// ("180 days" and "six months" are both 6), so outlets that give a period in different
/// units share a key.
fn whole_months(quantity: &Quantity) -> Option<u64> {
    let (days, base) = quantity.normalized();
    let months = days / DAYS_PER_MONTH;
    (base == Some("days") && months >= 0.9 && (months - months.round()).abs() <= 0.1)
        .then(|| months.round() as u64)
}

/// The total weight of the keys two sorted key lists share.
fn shared_weight(a: &[u32], b: &[u32], weight: &[f32]) -> f32 {
    let (mut i, mut j, mut shared) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                shared += weight[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

fn cosine(shared: f32, norm_a: f32, norm_b: f32) -> f32 {
    let norm = (norm_a * norm_b).sqrt();
    if norm > 0.0 {
        (shared / norm).min(1.0)
    } else {
        0.0
    }
}

impl ClaimKeys {
    /// For each claim, its `k` most similar candidates (at least `min` similar), as pairs
    /// `i < j` without duplicates: a bounded number of comparisons per claim.
    pub fn best_pairs(&self, k: usize, min: f32) -> Vec<(u32, u32, f32)> {
        let mut per_claim: Vec<Vec<(u32, f32)>> = vec![Vec::new(); self.keys.len()];
        for &(a, b, s) in self.candidate_pairs() {
            if s >= min {
                per_claim[a as usize].push((b, s));
                per_claim[b as usize].push((a, s));
            }
        }
        let mut out = Vec::new();
        // Most similar first, then by claim: a claim's pairs are with distinct claims, so the
        // first `k` are one set, found without sorting all (the result is sorted below).
        let order = |x: &(u32, f32), y: &(u32, f32)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
        for (i, list) in per_claim.iter_mut().enumerate() {
            if list.len() > k && k > 0 {
                list.select_nth_unstable_by(k - 1, order);
            }
            for &(j, s) in list.iter().take(k) {
                let (a, b) = if (i as u32) < j { (i as u32, j) } else { (j, i as u32) };
                out.push((a, b, s));
            }
        }
        out.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)));
        out.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
        out
    }
}

/// A cluster being built: its claims, by document, and the summed similarity of its
/// claims towards each other group (by the group's index).
#[derive(Default)]
struct Group {
    members: Vec<u32>,
    per_doc: BTreeMap<usize, Vec<u32>>,
    /// How many of its claims each sentence (a `Sentence`) has.
    per_sentence: BTreeMap<Sentence, u32>,
    /// The most claims one sentence has in it.
    most_per_sentence: u32,
    links: WordMap<u32, f32>,
}

/// A sentence, as its document and its start: the clauses of one sentence share it.
type Sentence = (usize, usize);

impl Group {
    /// The number of pairs of claims of one document between two groups.
    fn same_document_count(&self, other: &Group) -> usize {
        let (small, large) =
            if self.per_doc.len() <= other.per_doc.len() { (self, other) } else { (other, self) };
        small.per_doc.iter().map(|(d, xs)| xs.len() * large.per_doc.get(d).map_or(0, Vec::len)).sum()
    }

    /// The pairs of clauses of one sentence between two groups.
    fn same_sentence_count(&self, other: &Group) -> usize {
        let (small, large) =
            if self.per_sentence.len() <= other.per_sentence.len() { (self, other) } else { (other, self) };
        small
            .per_sentence
            .iter()
            .map(|(s, &n)| (n * large.per_sentence.get(s).copied().unwrap_or(0)) as usize)
            .sum()
    }

    /// The pairs of claims of one document between two groups.
    fn same_document_pairs<'a>(&'a self, other: &'a Group) -> impl Iterator<Item = (u32, u32)> + 'a {
        let (small, large) =
            if self.per_doc.len() <= other.per_doc.len() { (self, other) } else { (other, self) };
        small.per_doc.iter().flat_map(move |(d, xs)| {
            let ys: &[u32] = large.per_doc.get(d).map_or(&[], Vec::as_slice);
            xs.iter().flat_map(move |&x| ys.iter().map(move |&y| (x, y)))
        })
    }
}

/// Groups being merged: union-find over claim indices, a group living at the index of its
/// root claim.
struct Groups {
    groups: Vec<Group>,
    parent: Vec<u32>,
    /// Each claim's sentence.
    sentence: Vec<Sentence>,
}

impl Groups {
    /// The groups of a clustering given as each claim's cluster (a claim index), with the
    /// summed similarity of every two groups from the claim pairs `links`.
    fn new(docs: &[Doc], keys: &ClaimKeys, cluster_of: &[u32], links: &[(u32, u32, f32)]) -> Groups {
        let sentence: Vec<Sentence> =
            keys.refs.iter().map(|r| (r.doc, docs[r.doc].claims[r.claim].sentence.start)).collect();
        let mut groups: Vec<Group> = (0..cluster_of.len()).map(|_| Group::default()).collect();
        for (i, &k) in cluster_of.iter().enumerate() {
            let group = &mut groups[k as usize];
            group.members.push(i as u32);
            group.per_doc.entry(keys.refs[i].doc).or_default().push(i as u32);
            let n = group.per_sentence.entry(sentence[i]).or_default();
            *n += 1;
            group.most_per_sentence = group.most_per_sentence.max(*n);
        }
        let mut degree = vec![0usize; groups.len()];
        for &(a, b, _) in links {
            degree[cluster_of[a as usize] as usize] += 1;
            degree[cluster_of[b as usize] as usize] += 1;
        }
        for (group, &d) in groups.iter_mut().zip(&degree) {
            group.links.reserve(d);
        }
        for &(a, b, s) in links {
            let (ka, kb) = (cluster_of[a as usize], cluster_of[b as usize]);
            if ka != kb {
                *groups[ka as usize].links.entry(kb).or_insert(0.0) += s;
                *groups[kb as usize].links.entry(ka).or_insert(0.0) += s;
            }
        }
        Groups { groups, parent: cluster_of.to_vec(), sentence }
    }

    fn root(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            self.parent[x as usize] = self.parent[self.parent[x as usize] as usize];
            x = self.parent[x as usize];
        }
        x
    }

    /// Visits the claim pairs of `order` and merges the groups of each pair's claims when
    /// they are alike on average (see [`align`]).
    fn merge(&mut self, keys: &ClaimKeys, order: &[(u32, u32, f32)]) {
        for &(a, b, _) in order {
            let (a, b) = (self.root(a) as usize, self.root(b) as usize);
            if a == b {
                continue;
            }
            let groups = &mut self.groups;
            let (sa, sb) = (groups[a].members.len(), groups[b].members.len());
            let total = groups[a].links.get(&(b as u32)).copied().unwrap_or(0.0);
            // Pairs of one document add to the count of pairs and count against, but for
            // clauses of one sentence, which count as alike: at most the claims of one group
            // times the most clauses of one sentence in the other. When the average stays
            // under the threshold even with all of those alike, it stays under, and the
            // pairs need not be counted (a margin for rounding).
            let siblings_at_most =
                (sa * groups[b].most_per_sentence as usize).min(sb * groups[a].most_per_sentence as usize);
            let fewest_pairs = ((sa * sb) as f32).min((sa.min(sb) * MAX_CANDIDATES) as f32);
            if total + SIBLING_LIKENESS * (siblings_at_most as f32)
                < MERGE_THRESHOLD * fewest_pairs * (1.0 - 1e-4)
            {
                continue;
            }
            // The same with the clauses of one sentence counted.
            let siblings = groups[a].same_sentence_count(&groups[b]);
            let fewest_pairs = ((sa * sb) as f32).min((sa.min(sb) * MAX_CANDIDATES + siblings) as f32);
            if total + SIBLING_LIKENESS * (siblings as f32) < MERGE_THRESHOLD * fewest_pairs * (1.0 - 1e-4) {
                continue;
            }
            let same = groups[a].same_document_count(&groups[b]);
            // Alike claims of one document are a repeat, neither for nor against (looked at
            // only for a few pairs: many are not repeats).
            let sentence = &self.sentence;
            let unlike_same = if same <= MAX_CANDIDATES {
                (groups[a].same_document_pairs(&groups[b]))
                    .filter(|&(x, y)| {
                        sentence[x as usize] != sentence[y as usize]
                            && keys.claim_similarity(x as usize, y as usize) < REPEAT_SIMILARITY
                    })
                    .count()
            } else {
                same - siblings
            };
            let total = total + SIBLING_LIKENESS * siblings as f32;
            let cross = (sa * sb - same) as f32;
            // A claim knows at most about `MAX_CANDIDATES` others: pairs beyond what the
            // smaller group can know of the larger are not counted as unlike.
            let knowable = (sa.min(sb) * MAX_CANDIDATES) as f32;
            let pairs = cross.min(knowable) + same as f32;
            let average = (total - SAME_DOCUMENT_PENALTY * unlike_same as f32) / pairs;
            if average < MERGE_THRESHOLD {
                continue;
            }
            // The smaller group joins the larger, so each claim and link moves O(log n) times.
            let (keep, gone) = if sa >= sb { (a, b) } else { (b, a) };
            let moved = std::mem::take(&mut groups[gone]);
            self.parent[gone] = keep as u32;
            for (&other, &s) in &moved.links {
                let other = other as usize;
                if other != keep {
                    groups[other].links.remove(&(gone as u32));
                    *groups[other].links.entry(keep as u32).or_insert(0.0) += s;
                    *groups[keep].links.entry(other as u32).or_insert(0.0) += s;
                }
            }
            let group = &mut groups[keep];
            group.links.remove(&(gone as u32));
            group.members.extend(moved.members);
            for (d, claims) in moved.per_doc {
                group.per_doc.entry(d).or_default().extend(claims);
            }
            for (sentence, n) in moved.per_sentence {
                let count = group.per_sentence.entry(sentence).or_default();
                *count += n;
                group.most_per_sentence = group.most_per_sentence.max(*count);
            }
        }
    }

    /// Each claim's cluster (its group's root), with the claims of a group of three or
    /// more that are less alike on average to its claims of other documents than a merge
    /// asks taken out into clusters of their own.
    fn without_strays(&mut self, keys: &ClaimKeys, links: &[(u32, u32, f32)]) -> Vec<u32> {
        let n = self.parent.len();
        let mut cluster_of: Vec<u32> = (0..n as u32).map(|i| self.root(i)).collect();
        let mut together = vec![0.0f32; n];
        for &(a, b, s) in links {
            if cluster_of[a as usize] == cluster_of[b as usize] {
                together[a as usize] += s;
                together[b as usize] += s;
            }
        }
        let stray: Vec<bool> = (0..n)
            .map(|i| {
                let group = &self.groups[cluster_of[i] as usize];
                let others = group.members.len() - group.per_doc[&keys.refs[i].doc].len();
                group.members.len() >= 3 && others > 0 && together[i] / (others as f32) < MERGE_THRESHOLD
            })
            .collect();
        // A group whose root left lives on at its first remaining claim.
        let mut kept_root = vec![u32::MAX; n];
        for i in 0..n {
            let k = cluster_of[i] as usize;
            if !stray[i] && kept_root[k] == u32::MAX {
                kept_root[k] = i as u32;
            }
        }
        for i in 0..n {
            cluster_of[i] = if stray[i] { i as u32 } else { kept_root[cluster_of[i] as usize] };
        }
        cluster_of
    }
}

impl Groups {
    /// Each claim left alone joins the group of [`ATTACH_DOCUMENTS`] or more documents, none
    /// its own, that it is most alike on average over the group's claims, when that average
    /// reaches [`ATTACH_THRESHOLD`]; of one document's claims, only the most alike joins a
    /// group (an outlet reports a fact about once). Every claim looks at the groups as they
    /// were before any joined, so the order of the claims does not matter.
    fn attach_singletons(&mut self) {
        // (group, document, average, claim) of each claim that may join.
        let mut joins: Vec<(u32, usize, f32, u32)> = Vec::new();
        for (i, group) in self.groups.iter().enumerate() {
            if group.members.len() != 1 {
                continue;
            }
            let doc = *group.per_doc.keys().next().expect("a claim has a document");
            let best = group
                .links
                .iter()
                .filter(|&(&k, _)| {
                    let other = &self.groups[k as usize];
                    other.per_doc.len() >= ATTACH_DOCUMENTS && !other.per_doc.contains_key(&doc)
                })
                .map(|(&k, &s)| (k, s / self.groups[k as usize].members.len() as f32))
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
            if let Some((k, average)) = best.filter(|&(_, average)| average >= ATTACH_THRESHOLD) {
                joins.push((k, doc, average, i as u32));
            }
        }
        // Per group and document, the most alike claim (then the first) comes first.
        joins.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)).then(x.3.cmp(&y.3)));
        joins.dedup_by(|later, first| (later.0, later.1) == (first.0, first.1));
        for (k, doc, _, i) in joins {
            let moved = std::mem::take(&mut self.groups[i as usize]);
            self.parent[i as usize] = k;
            let group = &mut self.groups[k as usize];
            group.members.extend(moved.members);
            group.per_doc.entry(doc).or_default().push(i);
            let n = group.per_sentence.entry(self.sentence[i as usize]).or_default();
            *n += 1;
            group.most_per_sentence = group.most_per_sentence.max(*n);
        }
    }
}

/// For each claim pair of `links`, whether each of its claims is the other's most similar
/// claim in the other's document (the most similar; of equals, the first claim).
///
/// Each claim's links are read together (no table over all claim and document pairs, which
/// outgrows the caches on large batches), keeping the best of each document in one pass
/// (a sort of each claim's links grew with the number of near-duplicate articles).
fn mutual_best(keys: &ClaimKeys, links: &[(u32, u32, f32)]) -> Vec<bool> {
    let n = keys.refs.len();
    // The links of each claim, as (link index, which end the claim is), grouped by claim.
    let mut start = vec![0u32; n + 1];
    for &(a, b, _) in links {
        start[a as usize + 1] += 1;
        start[b as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut next = start.clone();
    let mut ends = vec![(0u32, false); links.len() * 2];
    for (l, &(a, b, _)) in links.iter().enumerate() {
        for (x, first) in [(a, true), (b, false)] {
            ends[next[x as usize] as usize] = (l as u32, first);
            next[x as usize] += 1;
        }
    }
    // Per link: whether its second claim is the best of the first's, and the other way.
    let mut best_of_first = vec![false; links.len()];
    let mut best_of_second = vec![false; links.len()];
    let other = |(l, first): (u32, bool)| {
        let (a, b, s) = links[l as usize];
        (if first { b } else { a }, s)
    };
    // Per document: the best of claim `x`'s link ends into it so far (more similar, then
    // the lower claim; a claim's links are with distinct claims), stamped with `x`.
    let doc_count = keys.refs.iter().map(|r| r.doc + 1).max().unwrap_or(0);
    let mut best_in: Vec<(u32, (u32, bool))> = vec![(u32::MAX, (0, false)); doc_count];
    let mut touched: Vec<usize> = Vec::new();
    for x in 0..n {
        touched.clear();
        for &end in &ends[start[x] as usize..start[x + 1] as usize] {
            let (y, s) = other(end);
            let doc = keys.refs[y as usize].doc;
            let slot = &mut best_in[doc];
            if slot.0 != x as u32 {
                *slot = (x as u32, end);
                touched.push(doc);
            } else {
                let (z, t) = other(slot.1);
                if s.total_cmp(&t).then(z.cmp(&y)) == Ordering::Greater {
                    slot.1 = end;
                }
            }
        }
        for &doc in &touched {
            let (l, first) = best_in[doc].1;
            if first {
                best_of_first[l as usize] = true;
            } else {
                best_of_second[l as usize] = true;
            }
        }
    }
    best_of_first.iter().zip(&best_of_second).map(|(&x, &y)| x && y).collect()
}

/// Groups the claims of all documents into clusters (`keys` is [`ClaimKeys::build`] of
/// the same documents).
///
/// Candidate pairs are visited most similar first; each may merge the groups of its two
/// claims, when the average similarity of the two groups over all their claim pairs
/// reaches [`MERGE_THRESHOLD`]: a cross-document pair that is not a candidate counts as
/// 0, and a pair of claims of one document counts as [`SAME_DOCUMENT_PENALTY`] below 0
/// (an article seldom states one fact twice), or as 0 when the two are at least
/// [`REPEAT_SIMILARITY`] alike (a repeat), or as [`SIBLING_LIKENESS`] when they are
/// clauses of one sentence. Only pairs of mutual best matches (each claim
/// the other's most similar in its document) start a merge, but for pairs at least
/// [`NON_MUTUAL_THRESHOLD`] similar. Then the claims of each group that are unlike the
/// rest of it on average (they joined on one similar pair) leave it, and the pairs are
/// visited once more. Last, a claim left alone may join a group of several other documents
/// on less evidence (see [`Groups::attach_singletons`]).
pub fn align(docs: &[Doc], keys: &ClaimKeys) -> Vec<Cluster> {
    let links: Vec<(u32, u32, f32)> = keys
        .candidate_pairs()
        .iter()
        .zip(&keys.claim_similarities)
        .filter(|&(_, &s)| s >= MIN_PAIR_SIMILARITY)
        .map(|(&(a, b, _), &s)| (a, b, s))
        .collect();
    let mutual = mutual_best(keys, &links);
    let mut order: Vec<(u32, u32, f32)> = links
        .iter()
        .zip(&mutual)
        .filter(|&(&(_, _, s), &mutual)| mutual || s >= NON_MUTUAL_THRESHOLD)
        .map(|(&link, _)| link)
        .collect();
    order.sort_unstable_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let mut groups = Groups::new(docs, keys, &(0..keys.refs.len() as u32).collect::<Vec<_>>(), &links);
    groups.merge(keys, &order);
    let cluster_of = groups.without_strays(keys, &links);
    let mut groups = Groups::new(docs, keys, &cluster_of, &links);
    groups.merge(keys, &order);
    groups.attach_singletons();
    let mut clusters: Vec<Cluster> = groups
        .groups
        .into_iter()
        .filter(|g| !g.members.is_empty())
        .map(|g| {
            let mut claims: Vec<ClaimRef> = g.members.iter().map(|&i| keys.refs[i as usize]).collect();
            claims.sort();
            let summary = summary(docs, &claims);
            Cluster { claims, summary }
        })
        .collect();
    clusters.sort_by(|a, b| b.doc_count().cmp(&a.doc_count()).then_with(|| a.claims[0].cmp(&b.claims[0])));
    clusters
}

/// A short summary: the shortest claim of the cluster with at least six words (one that
/// opens its sentence if any does), cut to twenty words.
fn summary(docs: &[Doc], claims: &[ClaimRef]) -> String {
    let texts: Vec<&str> =
        claims.iter().map(|c| docs[c.doc].slice(docs[c.doc].claims[c.claim].span)).collect();
    let count = |t: &str| t.split_whitespace().count();
    // A clause that opens its sentence reads on its own; one cut from the middle of a
    // sentence ("and indicated he would ...") only when no other will do.
    let opens_sentence = |t: &&str| t.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase);
    let shortest = |sentence_start: bool| {
        texts
            .iter()
            .copied()
            .filter(|t| count(t) >= 6 && (!sentence_start || opens_sentence(t)))
            .min_by_key(|t| count(t))
    };
    let best = shortest(true).or_else(|| shortest(false)).or_else(|| texts.first().copied()).unwrap_or("");
    let words: Vec<&str> = best.split_whitespace().collect();
    if words.len() > 20 {
        format!("{} …", words[..20].join(" "))
    } else {
        words.join(" ")
    }
}
