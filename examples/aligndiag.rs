//! Alignment diagnostic: the keys of some claims and the clustering similarity of each pair,
//! with the keys they share (claims numbered as in the JSON report: `c1`, `c2`, ...).
//!
//! usage: cargo run --release --example aligndiag -- FILES... -- c12 c40 c57
//!
//! With `--pairs` instead of claim ids, prints every claim pair's similarity as JSON lines
//! `[i, j, similarity, candidate, same_document]`; with `--keys`, every claim's keys and
//! weights as JSON (for experiments on the clustering outside the crate).
use std::collections::HashSet;

use crosscheck::analysis::{align::ClaimKeys, run, Format, Input, Options};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let inputs: Vec<Input> = args[..split]
        .iter()
        .map(|path| {
            let name = path.rsplit('/').next().unwrap_or(path);
            let id = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
            Input::new(id, text, Format::from_file_name(name))
        })
        .collect();
    let rest: Vec<&str> = args.iter().skip(split + 1).map(String::as_str).collect();
    let analysis = run(&inputs, &Options::default());
    let keys = ClaimKeys::build(&analysis.docs);
    let labelled = |i: usize| -> Vec<String> {
        keys.keys[i]
            .iter()
            .chain(&keys.phrases[i])
            .map(|&k| format!("{}:{:.1}", keys.key_label(k), keys.claim_weight[k as usize]))
            .collect()
    };
    let candidates: HashSet<(u32, u32)> = keys.candidate_pairs().iter().map(|p| (p.0, p.1)).collect();
    if rest.first() == Some(&"--pairs") {
        for i in 0..keys.refs.len() {
            for j in i + 1..keys.refs.len() {
                let s = keys.claim_similarity(i, j);
                if s > 0.0 {
                    let same = keys.refs[i].doc == keys.refs[j].doc;
                    let candidate = candidates.contains(&(i as u32, j as u32));
                    println!("[{}, {}, {s:.4}, {candidate}, {same}]", i + 1, j + 1);
                }
            }
        }
        return;
    }
    if rest.first() == Some(&"--keys") {
        let key = |k: u32, phrase: bool| {
            serde_json::json!([
                keys.key_label(k),
                keys.claim_weight[k as usize],
                keys.weight[k as usize],
                phrase
            ])
        };
        let claims: Vec<serde_json::Value> = (0..keys.refs.len())
            .map(|i| {
                let ks: Vec<_> = keys.keys[i].iter().map(|&k| key(k, false)).collect();
                let ph: Vec<_> = keys.phrases[i].iter().map(|&k| key(k, true)).collect();
                serde_json::json!({"id": i + 1, "doc": keys.refs[i].doc, "keys": ks, "phrases": ph})
            })
            .collect();
        let candidates: Vec<(u32, u32)> = keys.candidate_pairs().iter().map(|p| (p.0, p.1)).collect();
        println!("{}", serde_json::json!({"claims": claims, "candidates": candidates}));
        return;
    }
    let ids: Vec<usize> = rest
        .iter()
        .filter_map(|c| c.trim_start_matches('c').parse::<usize>().ok())
        .filter(|&n| n >= 1 && n <= keys.refs.len())
        .map(|n| n - 1)
        .collect();
    for &i in &ids {
        let r = keys.refs[i];
        let doc = &analysis.docs[r.doc];
        let text: String = doc.slice(doc.claims[r.claim].span).chars().take(90).collect();
        println!("c{} [{}] {text}\n    {}", i + 1, doc.id, labelled(i).join(" | "));
    }
    for (x, &i) in ids.iter().enumerate() {
        for &j in &ids[x + 1..] {
            let (lo, hi) = (i.min(j) as u32, i.max(j) as u32);
            let note = if keys.refs[i].doc == keys.refs[j].doc {
                " (same document)"
            } else if candidates.contains(&(lo, hi)) {
                ""
            } else {
                " (not a candidate)"
            };
            let theirs: HashSet<u32> = keys.keys[j].iter().chain(&keys.phrases[j]).copied().collect();
            let shared: Vec<String> = keys.keys[i]
                .iter()
                .chain(&keys.phrases[i])
                .filter(|k| theirs.contains(k))
                .map(|&k| format!("{}:{:.1}", keys.key_label(k), keys.claim_weight[k as usize]))
                .collect();
            println!("c{}~c{} {:.3}{note}: {}", i + 1, j + 1, keys.claim_similarity(i, j), shared.join(", "));
        }
    }
}
