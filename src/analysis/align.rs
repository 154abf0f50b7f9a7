//! Alignment: clusters of claims that report the same fact in different documents.
//!
//! How: each claim becomes a set of keys (canonical content-word stems, paraphrase groups
//! folded together, resolved entities, number values, resolved dates), weighted by how
//! rare they are across documents. Candidate pairs come from blocking: only claims that
//! share one of their rarest keys, through posting lists of bounded length, are compared,
//! so the cost grows near-linearly with the number of claims. Pairs scoring above a
//! threshold are merged greedily, best first, into clusters that never hold two claims of
//! the same document. Every claim ends in exactly one cluster (singletons included).
//!
//! It does not understand paraphrase beyond the shared word stems and the paraphrase
//! groups of `src/data/synonyms.txt`.

use std::collections::{HashMap, HashSet};

use super::claims::lexicon;
use super::text::Doc;

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

/// Minimum similarity of two claims that are each other's best match between their two
/// documents.
const MUTUAL_THRESHOLD: f32 = 0.25;
/// Minimum similarity of any other pair of claims to be linked.
const STRONG_THRESHOLD: f32 = 0.45;
/// Minimum average similarity between the claims of two clusters to merge them, and how
/// many members of each are averaged over.
const AVERAGE_THRESHOLD: f32 = 0.15;
const AVERAGE_SAMPLE: usize = 8;
/// Keys held by more claims than this are too common to block on.
const MAX_POSTING: usize = 64;
/// How many of a claim's rarest keys it is blocked on.
const BLOCKING_KEYS: usize = 8;

/// The weighted key set of every claim.
pub struct ClaimKeys {
    pub refs: Vec<ClaimRef>,
    /// Per claim: sorted key ids.
    pub keys: Vec<Vec<u32>>,
    /// Per key: its weight (inverse document frequency).
    pub weight: Vec<f32>,
    /// Per key: the claims that hold it.
    pub postings: Vec<Vec<u32>>,
    /// Candidate pairs from blocking (`i < j`, different documents), with their similarity.
    pub pairs: Vec<(u32, u32, f32)>,
}

impl ClaimKeys {
    pub fn build(docs: &[Doc]) -> ClaimKeys {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut refs = Vec::new();
        let mut keys = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for (c, claim) in doc.claims.iter().enumerate() {
                let mut names: Vec<String> = lexicon::content_stems(doc.slice(claim.span))
                    .into_iter()
                    .filter(|s| !lexicon::is_speech_verb(s))
                    .map(|s| format!("w:{s}"))
                    .collect();
                names.extend(claim.entities.iter().map(|e| format!("e:{}", e.0)));
                names.extend(claim.numbers.iter().map(|&i| format!("n:{}", doc.numbers[i].value)));
                names
                    .extend(claim.dates.iter().filter_map(|&i| doc.dates[i].value).map(|v| format!("d:{v}")));
                let mut ks: Vec<u32> = names
                    .into_iter()
                    .map(|n| {
                        let next = ids.len() as u32;
                        *ids.entry(n).or_insert(next)
                    })
                    .collect();
                ks.sort_unstable();
                ks.dedup();
                refs.push(ClaimRef { doc: d, claim: c });
                keys.push(ks);
            }
        }
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); ids.len()];
        let mut doc_freq = vec![0u32; ids.len()];
        let mut last_doc = vec![usize::MAX; ids.len()];
        for (i, ks) in keys.iter().enumerate() {
            for &k in ks {
                postings[k as usize].push(i as u32);
                if last_doc[k as usize] != refs[i].doc {
                    last_doc[k as usize] = refs[i].doc;
                    doc_freq[k as usize] += 1;
                }
            }
        }
        let n = docs.len().max(1) as f32;
        let weight = doc_freq.iter().map(|&df| (n / df.max(1) as f32).ln() + 0.7).collect();
        let mut out = ClaimKeys { refs, keys, weight, postings, pairs: Vec::new() };
        out.pairs = out.blocked_pairs();
        out
    }

    /// Weighted cosine similarity of two claims' key sets.
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        let (ka, kb) = (&self.keys[a], &self.keys[b]);
        let (mut i, mut j, mut shared) = (0, 0, 0.0f32);
        while i < ka.len() && j < kb.len() {
            match ka[i].cmp(&kb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.weight[ka[i] as usize];
                    i += 1;
                    j += 1;
                }
            }
        }
        let total = |ks: &[u32]| ks.iter().map(|&k| self.weight[k as usize]).sum::<f32>();
        let norm = (total(ka) * total(kb)).sqrt();
        if norm == 0.0 {
            0.0
        } else {
            shared / norm
        }
    }

    /// Candidate pairs (i < j, different documents) from blocking, with their similarity.
    pub fn candidate_pairs(&self) -> &[(u32, u32, f32)] {
        &self.pairs
    }

    fn blocked_pairs(&self) -> Vec<(u32, u32, f32)> {
        let mut out = Vec::new();
        let mut seen: HashMap<u32, ()> = HashMap::new();
        for i in 0..self.keys.len() {
            let mut rare: Vec<u32> = self.keys[i]
                .iter()
                .copied()
                .filter(|&k| self.postings[k as usize].len() <= MAX_POSTING)
                .collect();
            rare.sort_by(|&a, &b| {
                self.postings[a as usize].len().cmp(&self.postings[b as usize].len()).then(a.cmp(&b))
            });
            seen.clear();
            for &k in rare.iter().take(BLOCKING_KEYS) {
                for &j in &self.postings[k as usize] {
                    if j as usize > i && self.refs[j as usize].doc != self.refs[i].doc {
                        seen.insert(j, ());
                    }
                }
            }
            let mut js: Vec<u32> = seen.keys().copied().collect();
            js.sort_unstable();
            for j in js {
                out.push((i as u32, j, self.similarity(i, j as usize)));
            }
        }
        out
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
        for (i, list) in per_claim.iter_mut().enumerate() {
            list.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
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

/// Groups the claims of all documents into clusters (`keys` is [`ClaimKeys::build`] of
/// the same documents).
pub fn align(docs: &[Doc], keys: &ClaimKeys) -> Vec<Cluster> {
    let n = keys.refs.len();
    let pairs = links(keys);
    // Union-find; each root keeps the sorted documents of its cluster.
    let mut parent: Vec<usize> = (0..n).collect();
    let mut doc_sets: Vec<HashSet<usize>> = keys.refs.iter().map(|r| HashSet::from([r.doc])).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    // Members of each root's cluster, for the average-link check.
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for (a, b, _) in pairs {
        let (ra, rb) = (root(&mut parent, a as usize), root(&mut parent, b as usize));
        let (small, large) = if doc_sets[ra].len() <= doc_sets[rb].len() { (ra, rb) } else { (rb, ra) };
        if ra == rb || doc_sets[small].iter().any(|d| doc_sets[large].contains(d)) {
            continue;
        }
        // Average link: the two clusters must be alike as a whole, not through one pair
        // (over at most `AVERAGE_SAMPLE` members of each, to bound the cost).
        let (ma, mb) = (&members[ra], &members[rb]);
        if ma.len() * mb.len() > 1 {
            let (sa, sb) = (&ma[..ma.len().min(AVERAGE_SAMPLE)], &mb[..mb.len().min(AVERAGE_SAMPLE)]);
            let total: f32 = sa.iter().flat_map(|&x| sb.iter().map(move |&y| keys.similarity(x, y))).sum();
            if total / ((sa.len() * sb.len()) as f32) < AVERAGE_THRESHOLD {
                continue;
            }
        }
        // The smaller cluster joins the larger, so each claim moves O(log n) times.
        let (keep, gone) = (large, small);
        parent[gone] = keep;
        let moved = std::mem::take(&mut doc_sets[gone]);
        doc_sets[keep].extend(moved);
        let moved = std::mem::take(&mut members[gone]);
        members[keep].extend(moved);
    }
    let mut groups: HashMap<usize, Vec<ClaimRef>> = HashMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(keys.refs[i]);
    }
    let mut clusters: Vec<Cluster> = groups
        .into_values()
        .map(|mut claims| {
            claims.sort();
            let summary = summary(docs, &claims);
            Cluster { claims, summary }
        })
        .collect();
    clusters.sort_by(|a, b| b.doc_count().cmp(&a.doc_count()).then_with(|| a.claims[0].cmp(&b.claims[0])));
    clusters
}

/// The pairs to link, best first: mutual best matches between two documents above
/// [`MUTUAL_THRESHOLD`], and any pair above [`STRONG_THRESHOLD`].
fn links(keys: &ClaimKeys) -> Vec<(u32, u32, f32)> {
    let pairs = keys.candidate_pairs();
    // Best similarity of each claim towards each other document.
    let mut best: HashMap<(u32, usize), f32> = HashMap::new();
    for &(a, b, s) in pairs {
        let (da, db) = (keys.refs[a as usize].doc, keys.refs[b as usize].doc);
        for (claim, other) in [(a, db), (b, da)] {
            let e = best.entry((claim, other)).or_insert(0.0);
            *e = e.max(s);
        }
    }
    let mut out: Vec<(u32, u32, f32)> = pairs
        .iter()
        .copied()
        .filter(|&(a, b, s)| {
            let (da, db) = (keys.refs[a as usize].doc, keys.refs[b as usize].doc);
            let mutual = s >= best[&(a, db)] && s >= best[&(b, da)];
            s >= STRONG_THRESHOLD || (mutual && s >= MUTUAL_THRESHOLD)
        })
        .collect();
    out.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    out
}

/// A short summary: the shortest claim of the cluster with at least six words, cut to
/// twenty words.
fn summary(docs: &[Doc], claims: &[ClaimRef]) -> String {
    let texts: Vec<&str> =
        claims.iter().map(|c| docs[c.doc].slice(docs[c.doc].claims[c.claim].span)).collect();
    let count = |t: &str| t.split_whitespace().count();
    let best = texts
        .iter()
        .copied()
        .filter(|t| count(t) >= 6)
        .min_by_key(|t| count(t))
        .or_else(|| texts.first().copied())
        .unwrap_or("");
    let words: Vec<&str> = best.split_whitespace().collect();
    if words.len() > 20 {
        format!("{} …", words[..20].join(" "))
    } else {
        words.join(" ")
    }
}
