//! Cross-document alignment, specified by `tests/cases/align.json`: short articles in,
//! the claims that must share a cluster and the traps that must not, out. Claims are
//! named by snippets of their surface text.

use crosscheck::analysis::{self, Analysis, Format, Input, Options};
use serde_json::Value;

fn run(docs: &[(String, String)]) -> Analysis {
    let inputs: Vec<Input> =
        docs.iter().map(|(id, text)| Input::new(id.clone(), text.clone(), Format::Text)).collect();
    analysis::run(&inputs, &Options::default())
}

/// The cluster index of the one claim whose text contains `snippet`.
fn cluster_of(a: &Analysis, snippet: &str) -> Result<usize, String> {
    let mut found = Vec::new();
    for (k, cluster) in a.clusters.iter().enumerate() {
        for c in &cluster.claims {
            let doc = &a.docs[c.doc];
            if doc.slice(doc.claims[c.claim].span).contains(snippet) {
                found.push(k);
            }
        }
    }
    match found.as_slice() {
        [k] => Ok(*k),
        [] => Err(format!("no claim contains {snippet:?}")),
        _ => Err(format!("several claims contain {snippet:?}")),
    }
}

/// Each cluster as the sorted texts of its claims, for comparing two runs.
fn cluster_texts(a: &Analysis) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = a
        .clusters
        .iter()
        .map(|k| {
            let mut texts: Vec<String> = k
                .claims
                .iter()
                .map(|c| {
                    format!(
                        "{}: {}",
                        a.docs[c.doc].id,
                        a.docs[c.doc].slice(a.docs[c.doc].claims[c.claim].span)
                    )
                })
                .collect();
            texts.sort();
            texts
        })
        .collect();
    out.sort();
    out
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect()
}

#[test]
fn alignment_cases() {
    let cases: Value = serde_json::from_str(include_str!("cases/align.json")).unwrap();
    let mut failures = Vec::new();
    for case in cases["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let docs: Vec<(String, String)> = case["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["id"].as_str().unwrap().to_string(), d["text"].as_str().unwrap().to_string()))
            .collect();
        let a = run(&docs);
        for group in case["together"].as_array().unwrap() {
            let found: Result<Vec<usize>, String> =
                strings(group).iter().map(|s| cluster_of(&a, s)).collect();
            match found {
                Err(e) => failures.push(format!("{name}: {e}")),
                Ok(ks) if ks.iter().any(|k| *k != ks[0]) => {
                    failures.push(format!("{name}: {:?} should share a cluster", strings(group)))
                }
                Ok(_) => {}
            }
        }
        for pair in case["apart"].as_array().unwrap() {
            let pair = strings(pair);
            match (cluster_of(&a, pair[0]), cluster_of(&a, pair[1])) {
                (Ok(x), Ok(y)) if x == y => failures.push(format!("{name}: {pair:?} should be apart")),
                (Err(e), _) | (_, Err(e)) => failures.push(format!("{name}: {e}")),
                _ => {}
            }
        }
        // The same clusters whatever the order the articles come in.
        let mut reversed = docs.clone();
        reversed.reverse();
        if cluster_texts(&run(&reversed)) != cluster_texts(&a) {
            failures.push(format!("{name}: the clusters depend on the order of the articles"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Blocking bounds the comparisons: a thousand copies of the same sentence (the worst
/// case for posting lists) still give a bounded number of candidate pairs per claim.
#[test]
fn candidate_pairs_grow_linearly_with_claims() {
    let docs: Vec<(String, String)> = (0..1000)
        .map(|i| {
            (
                format!("copy-{i:04}"),
                "The regional council approved the new harbour budget of 40 million on Monday.".to_string(),
            )
        })
        .collect();
    let a = run(&docs);
    let keys = analysis::align::ClaimKeys::build(&a.docs);
    let claims = keys.refs.len();
    assert_eq!(claims, 1000);
    assert!(
        keys.candidate_pairs().len() <= 32 * claims,
        "{} candidate pairs for {claims} claims",
        keys.candidate_pairs().len()
    );
    // The copies still find one another: one cluster.
    assert_eq!(a.clusters.len(), 1, "{} clusters", a.clusters.len());
}

/// Empty documents, documents without claims and a lone claim align without panicking.
#[test]
fn degenerate_inputs() {
    for docs in [
        vec![],
        vec![("a".to_string(), String::new())],
        vec![("a".to_string(), "Hi.".to_string()), ("b".to_string(), "🙂 🙂 🙂".to_string())],
        vec![(
            "a".to_string(),
            "The council approved the harbour budget of 40 million on Monday.".to_string(),
        )],
    ] {
        let a = run(&docs);
        let claims: usize = a.docs.iter().map(|d| d.claims.len()).sum();
        assert_eq!(a.clusters.iter().map(|k| k.claims.len()).sum::<usize>(), claims);
    }
}

/// A period keys by its length in whole months, whatever the unit it is given in: "180
/// days" and "six months" share that key; "three months" does not.
#[test]
fn periods_in_days_and_months_share_a_key() {
    let docs = [
        ("a", "The court has 180 days to rule on the appeal."),
        ("b", "The court has six months to rule on the appeal."),
        ("c", "The inquiry into the port will last three months."),
    ];
    let a = run(&docs.map(|(id, text)| (id.to_string(), text.to_string())));
    let keys = analysis::align::ClaimKeys::build(&a.docs);
    let labels = |i: usize| -> Vec<String> { keys.keys[i].iter().map(|&k| keys.key_label(k)).collect() };
    assert!(labels(0).contains(&"6 months".to_string()), "{:?}", labels(0));
    assert!(labels(1).contains(&"6 months".to_string()), "{:?}", labels(1));
    assert!(!labels(2).contains(&"6 months".to_string()), "{:?}", labels(2));
    assert!(labels(2).contains(&"3 months".to_string()), "{:?}", labels(2));
}
