//! A Rust port of `tools/score.py`, the reference scorer, so the gold tests run under
//! `cargo test` with nothing but the repository. It scores a report (as JSON) against a
//! gold file and, optionally, a date key. Keep it in step with `tools/score.py`: the
//! `scorer_agrees_with_python` test in `tests/gold.rs` compares the two when python3 is there.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

const NAMED: [&str; 6] = ["PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT"];
const MAX_SPAN_WORDS: usize = 80;

static LEADING_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(the|president|prime minister|sir|mr\.?|mrs\.?|ms\.?|dr\.?)\s+").unwrap());
static NON_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\w]+").unwrap());
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").unwrap());

/// `norm` of score.py: fold accents and case, drop a leading title and a possessive.
pub fn norm(s: &str) -> String {
    let folded: String = s.nfkd().filter(|c| canonical_combining_class(*c) == 0).collect();
    let folded = folded.replace(['\u{2019}', '\u{2018}'], "'").to_lowercase();
    let trimmed = folded.trim();
    let s = LEADING_TITLE.replace(trimmed, "");
    let s = s.strip_suffix("'s").unwrap_or(&s);
    NON_WORD.replace_all(s, " ").trim().to_string()
}

fn words(s: &str) -> HashSet<String> {
    WORD.find_iter(&norm(s)).map(|m| m.as_str().to_string()).collect()
}

fn overlap(gold: &str, pred: &str) -> f64 {
    let (a, b) = (words(gold), words(pred));
    if a.is_empty() || b.is_empty() || WORD.find_iter(pred).count() > MAX_SPAN_WORDS {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / a.len().min(b.len()) as f64
}

fn doc_key(d: &str) -> String {
    if d.contains('/') || d.ends_with(".txt") || d.ends_with(".md") || d.ends_with(".html") {
        let last = d.rsplit('/').next().unwrap_or(d);
        last.rsplit_once('.').map(|(a, _)| a).unwrap_or(last).to_string()
    } else {
        d.to_string()
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn arr<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// The scores of one report, as `tools/score.py` computes them.
#[derive(Debug, Default, Clone)]
pub struct Scores {
    pub entity_f1: f64,
    pub entity_f1_typed: f64,
    pub entity_precision: f64,
    pub entity_recall: f64,
    pub alias_merge: Option<f64>,
    pub entities_missed: Vec<String>,
    pub claim_recall: Option<f64>,
    pub link_recall: Option<f64>,
    pub link_precision: Option<f64>,
    pub disagreement_precision: f64,
    pub disagreement_recall: f64,
    pub disagreement_high_recall: Option<f64>,
    pub disagreements_missed: Vec<String>,
    pub dates_found: Option<f64>,
    pub dates_right: Option<f64>,
    pub dates_wrong: Vec<String>,
}

struct PredEntity {
    label: String,
    names: HashSet<String>,
}

fn score_entities(gold: &Value, rep: &Value, out: &mut Scores) {
    let gold_named: Vec<&Value> =
        arr(gold, "entities").iter().filter(|g| NAMED.contains(&s(g, "type"))).collect();
    let pred: Vec<PredEntity> = arr(rep, "entities")
        .iter()
        .map(|e| {
            let mut names: HashSet<String> = HashSet::new();
            names.insert(s(e, "name").to_string());
            for a in arr(e, "aliases") {
                names.insert(a.as_str().unwrap_or("").to_string());
            }
            for m in arr(e, "mentions") {
                names.insert(s(m, "text").to_string());
            }
            PredEntity {
                label: s(e, "type").to_uppercase(),
                names: names.iter().map(|n| norm(n)).filter(|n| !n.is_empty()).collect(),
            }
        })
        .filter(|p| NAMED.contains(&p.label.as_str()))
        .collect();
    let gold_names = |g: &Value| -> HashSet<String> {
        arr(g, "aliases").iter().filter_map(Value::as_str).chain([s(g, "canonical")]).map(norm).collect()
    };
    let compatible = |g: &str, p: &str| match g {
        "GPE" | "LOC" => p == "GPE" || p == "LOC",
        _ => g == p,
    };
    let matches = |g: &Value, p: &PredEntity, typed: bool| {
        !gold_names(g).is_disjoint(&p.names) && (!typed || compatible(s(g, "type"), &p.label))
    };
    for typed in [false, true] {
        let tp_g = gold_named.iter().filter(|g| pred.iter().any(|p| matches(g, p, typed))).count();
        let tp_p =
            pred.iter().filter(|p| gold_named.iter().filter(|g| matches(g, p, typed)).count() == 1).count();
        let r = if gold_named.is_empty() { 0.0 } else { tp_g as f64 / gold_named.len() as f64 };
        let p = if pred.is_empty() { 0.0 } else { tp_p as f64 / pred.len() as f64 };
        if typed {
            out.entity_f1_typed = f1(p, r);
        } else {
            out.entity_f1 = f1(p, r);
            out.entity_precision = p;
            out.entity_recall = r;
        }
    }
    let multi: Vec<&&Value> = gold_named
        .iter()
        .filter(|g| {
            arr(g, "aliases").iter().filter_map(Value::as_str).map(norm).collect::<HashSet<_>>().len() > 1
        })
        .collect();
    let merged = multi
        .iter()
        .filter(|g| {
            let gn: HashSet<String> = arr(g, "aliases").iter().filter_map(Value::as_str).map(norm).collect();
            pred.iter().any(|p| {
                gn.is_subset(&p.names) && gold_named.iter().filter(|h| matches(h, p, false)).count() == 1
            })
        })
        .count();
    out.alias_merge = (!multi.is_empty()).then(|| merged as f64 / multi.len() as f64);
    let mut missed: Vec<String> = gold_named
        .iter()
        .filter(|g| !pred.iter().any(|p| matches(g, p, false)))
        .map(|g| s(g, "canonical").to_string())
        .collect();
    missed.sort();
    out.entities_missed = missed;
}

fn score_claims(gold: &Value, rep: &Value, out: &mut Scores) {
    struct Pred {
        id: String,
        doc: String,
        text: String,
    }
    let pred: Vec<Pred> = arr(rep, "claims")
        .iter()
        .map(|c| Pred {
            id: s(c, "id").to_string(),
            doc: doc_key(s(c, "doc")),
            text: s(c, "text").to_string(),
        })
        .collect();
    let mut by_doc: HashMap<&str, Vec<&Pred>> = HashMap::new();
    for c in &pred {
        by_doc.entry(c.doc.as_str()).or_default().push(c);
    }
    let (mut found, mut total) = (0usize, 0usize);
    let mut hit_of: HashMap<(String, String), BTreeSet<String>> = HashMap::new();
    for g in arr(gold, "claims") {
        let Some(mentions) = g.get("mentions").and_then(Value::as_object) else { continue };
        for (d, span) in mentions {
            total += 1;
            let span = span.as_str().unwrap_or("");
            let hits: BTreeSet<String> = by_doc
                .get(doc_key(d).as_str())
                .map(|cs| cs.iter().filter(|c| overlap(span, &c.text) >= 0.6).map(|c| c.id.clone()).collect())
                .unwrap_or_default();
            if !hits.is_empty() {
                found += 1;
                hit_of.insert((s(g, "id").to_string(), d.clone()), hits);
            }
        }
    }
    let mut cluster_of: HashMap<String, String> = HashMap::new();
    for k in arr(rep, "clusters") {
        for c in arr(k, "claims") {
            cluster_of.insert(c.as_str().unwrap_or("").to_string(), s(k, "id").to_string());
        }
    }
    let (mut pairs, mut linked) = (0usize, 0usize);
    let empty = BTreeSet::new();
    for g in arr(gold, "claims") {
        let Some(mentions) = g.get("mentions").and_then(Value::as_object) else { continue };
        let ds: Vec<&String> = mentions.keys().collect();
        let gid = s(g, "id").to_string();
        let clusters_of = |d: &String| -> HashSet<String> {
            hit_of
                .get(&(gid.clone(), d.clone()))
                .unwrap_or(&empty)
                .iter()
                .filter_map(|c| cluster_of.get(c).cloned())
                .collect()
        };
        for i in 0..ds.len() {
            for j in i + 1..ds.len() {
                pairs += 1;
                if !clusters_of(ds[i]).is_disjoint(&clusters_of(ds[j])) {
                    linked += 1;
                }
            }
        }
    }
    let mut gold_of: HashMap<String, HashSet<String>> = HashMap::new();
    for ((gid, _), cids) in &hit_of {
        for c in cids {
            gold_of.entry(c.clone()).or_default().insert(gid.clone());
        }
    }
    let doc_of: HashMap<&str, &str> = pred.iter().map(|c| (c.id.as_str(), c.doc.as_str())).collect();
    let (mut ppairs, mut pgood) = (0usize, 0usize);
    for k in arr(rep, "clusters") {
        let cs: Vec<&str> =
            arr(k, "claims").iter().filter_map(Value::as_str).filter(|c| gold_of.contains_key(*c)).collect();
        for i in 0..cs.len() {
            for j in i + 1..cs.len() {
                if doc_of.get(cs[i]) != doc_of.get(cs[j]) {
                    ppairs += 1;
                    if !gold_of[cs[i]].is_disjoint(&gold_of[cs[j]]) {
                        pgood += 1;
                    }
                }
            }
        }
    }
    out.claim_recall = (total > 0).then(|| found as f64 / total as f64);
    out.link_recall = (pairs > 0).then(|| linked as f64 / pairs as f64);
    out.link_precision = (ppairs > 0).then(|| pgood as f64 / ppairs as f64);
}

fn evidence_list(side: &Value) -> Vec<(String, String)> {
    match side.get("evidence") {
        Some(Value::Object(m)) => {
            m.iter().map(|(d, t)| (doc_key(d), t.as_str().unwrap_or("").to_string())).collect()
        }
        Some(Value::Array(v)) => v.iter().map(|e| (doc_key(s(e, "doc")), s(e, "text").to_string())).collect(),
        _ => Vec::new(),
    }
}

fn disagreement_matches(g: &Value, p: &Value) -> bool {
    let psides: Vec<Vec<(String, String)>> = arr(p, "sides").iter().map(evidence_list).collect();
    let side_hits = |gs: &Value| -> BTreeSet<usize> {
        let mut hits = BTreeSet::new();
        for (d, span) in evidence_list(gs) {
            for (i, ev) in psides.iter().enumerate() {
                if ev.iter().any(|(pd, pt)| *pd == d && overlap(&span, pt) >= 0.5) {
                    hits.insert(i);
                }
            }
        }
        hits
    };
    let gh: Vec<BTreeSet<usize>> = arr(g, "sides").iter().map(side_hits).collect();
    for i in 0..gh.len() {
        for j in i + 1..gh.len() {
            if gh[i].iter().any(|a| gh[j].iter().any(|b| a != b)) {
                return true;
            }
        }
    }
    false
}

fn score_disagreements(gold: &Value, rep: &Value, out: &mut Scores) {
    let gd = arr(gold, "disagreements");
    let pd = arr(rep, "disagreements");
    let matched_g: Vec<bool> = gd.iter().map(|g| pd.iter().any(|p| disagreement_matches(g, p))).collect();
    let matched_p = pd.iter().filter(|p| gd.iter().any(|g| disagreement_matches(g, p))).count();
    let high: Vec<usize> = (0..gd.len()).filter(|&i| s(&gd[i], "severity") == "high").collect();
    let high_m = high.iter().filter(|&&i| matched_g[i]).count();
    out.disagreement_recall =
        if gd.is_empty() { 0.0 } else { matched_g.iter().filter(|m| **m).count() as f64 / gd.len() as f64 };
    out.disagreement_precision = if pd.is_empty() { 0.0 } else { matched_p as f64 / pd.len() as f64 };
    out.disagreement_high_recall = (!high.is_empty()).then(|| high_m as f64 / high.len() as f64);
    out.disagreements_missed = gd
        .iter()
        .zip(&matched_g)
        .filter(|(_, m)| !**m)
        .map(|(g, _)| format!("{}: {}", s(g, "kind"), s(g, "topic")))
        .collect();
}

fn score_dates(key: &Value, rep: &Value, out: &mut Scores) {
    let mut mentions: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for e in arr(rep, "entities") {
        if s(e, "type").to_uppercase() != "DATE" {
            continue;
        }
        for m in arr(e, "mentions") {
            mentions.entry(doc_key(s(m, "doc"))).or_default().push(m);
        }
    }
    let items = arr(key, "dates");
    let (mut found, mut right) = (0usize, 0usize);
    for item in items {
        let (start, end) = (item["start"].as_u64().unwrap_or(0), item["end"].as_u64().unwrap_or(0));
        let cands: Vec<&&Value> = mentions
            .get(&doc_key(s(item, "doc")))
            .map(|ms| {
                ms.iter()
                    .filter(|m| {
                        let (ms, me) = (m["start"].as_u64(), m["end"].as_u64());
                        matches!((ms, me), (Some(a), Some(b)) if a < end && start < b)
                    })
                    .collect()
            })
            .unwrap_or_default();
        if cands.is_empty() {
            continue;
        }
        found += 1;
        let want = s(item, "value");
        let value_of = |m: &Value| match m.get("value") {
            Some(Value::String(v)) => v.clone(),
            Some(v) => v.to_string(),
            None => String::new(),
        };
        if cands.iter().any(|m| value_of(m) == want) {
            right += 1;
        } else {
            let got: Vec<String> = cands.iter().map(|m| value_of(m)).collect();
            out.dates_wrong.push(format!(
                "{}: {:?} -> {:?} (want {})",
                s(item, "doc"),
                s(item, "text"),
                got,
                want
            ));
        }
    }
    let n = items.len();
    out.dates_found = (n > 0).then(|| found as f64 / n as f64);
    out.dates_right = (n > 0).then(|| right as f64 / n as f64);
}

/// Scores `report` against `gold` (and `dates`, the date key, when given).
pub fn score(gold: &Value, report: &Value, dates: Option<&Value>) -> Scores {
    let mut out = Scores::default();
    score_entities(gold, report, &mut out);
    score_claims(gold, report, &mut out);
    score_disagreements(gold, report, &mut out);
    if let Some(key) = dates {
        score_dates(key, report, &mut out);
    }
    out
}
