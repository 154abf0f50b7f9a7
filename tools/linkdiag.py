#!/usr/bin/env python3
"""Why cross-document claim links are missed or wrong: a diagnostic over the CLI's JSON report.

usage: linkdiag.py GOLD.json REPORT.json [--bad] [--quiet] [--explain]

For each gold claim with a missed pair of mentions, prints how its mentions are matched
(predicted claim, its cluster, its text); then, with --bad, each cluster that links claims of
different gold claims. Counts the same way as tools/score.py (overlap >= 0.6 of the shorter).
With --explain, also prints the keys of the claims of each missed gold claim and the
similarity and shared keys of each pair (needs `cargo build --release --example aligndiag`;
the articles are the gold file's documents, next to it).

  tools/score-all.sh does not keep its reports; to make one:
  ./target/release/crosscheck analyze tests/fixtures/events/seeds/*.txt --format json > /tmp/r.json
  python3 tools/linkdiag.py tests/fixtures/events/seeds/gold.json /tmp/r.json --bad --explain
"""
import itertools
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from score import doc_key, overlap  # noqa: E402


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    gold = json.load(open(args[0], encoding="utf-8"))
    rep = json.load(open(args[1], encoding="utf-8"))
    quiet = "--quiet" in sys.argv
    claims = {c["id"]: c for c in rep["claims"]}
    by_doc = {}
    for c in rep["claims"]:
        by_doc.setdefault(doc_key(c["doc"]), []).append(c)
    cluster_of = {cid: k["id"] for k in rep["clusters"] for cid in k["claims"]}
    size = {k["id"]: len(k["claims"]) for k in rep["clusters"]}
    hit_of = {}
    for g in gold["claims"]:
        for d, span in g["mentions"].items():
            hit_of[(g["id"], d)] = [c["id"] for c in by_doc.get(doc_key(d), []) if overlap(span, c["text"]) >= 0.6]
    reasons = {"no claim": 0, "split": 0}
    missed_total = pairs_total = 0
    for g in gold["claims"]:
        ds = list(g["mentions"])
        missed = []
        for a, b in itertools.combinations(ds, 2):
            pairs_total += 1
            ka = {cluster_of[c] for c in hit_of[(g["id"], a)]}
            kb = {cluster_of[c] for c in hit_of[(g["id"], b)]}
            if ka & kb:
                continue
            missed.append((a, b))
            reasons["no claim" if not ka or not kb else "split"] += 1
        missed_total += len(missed)
        if not missed or quiet:
            continue
        print(f'\n## {g["id"]} missed {len(missed)}/{len(ds) * (len(ds) - 1) // 2}: {g["summary"]}')
        for d in ds:
            hits = hit_of[(g["id"], d)]
            if not hits:
                print(f'  {d[:8]} NO CLAIM   gold: {g["mentions"][d][:110]}')
            for c in hits:
                k = cluster_of[c]
                print(f'  {d[:8]} {c:>5} {k:>5}({size[k]:>2}) {claims[c]["text"][:120]}')
        if "--explain" in sys.argv:
            ids = sorted({c for d in ds for c in hit_of[(g["id"], d)]}, key=lambda c: int(c[1:]))
            root = os.path.dirname(os.path.abspath(args[0]))
            files = [os.path.join(root, d["file"]) for d in gold["documents"]]
            tool = os.path.join(os.path.dirname(__file__), "..", "target", "release", "examples", "aligndiag")
            out = subprocess.run([tool, *files, "--", *ids], capture_output=True, text=True, check=True).stdout
            print("\n".join("    " + line for line in out.splitlines()))
    print(f"\nmissed {missed_total}/{pairs_total} pairs: {reasons}")
    if "--bad" in sys.argv:
        gold_of = {}
        for (gid, _d), cids in hit_of.items():
            for c in cids:
                gold_of.setdefault(c, set()).add(gid)
        bad_total = 0
        for k in rep["clusters"]:
            cs = [c for c in k["claims"] if c in gold_of]
            bad = [(a, b) for a, b in itertools.combinations(cs, 2)
                   if claims[a]["doc"] != claims[b]["doc"] and not gold_of[a] & gold_of[b]]
            if not bad:
                continue
            bad_total += len(bad)
            print(f'\n!! {k["id"]} {len(bad)} wrong pairs')
            for c in k["claims"]:
                print(f'  {claims[c]["doc"][:8]} {c:>5} {",".join(sorted(gold_of.get(c, {"-"}))):>10} {claims[c]["text"][:110]}')
        print(f"\nwrong pairs: {bad_total}")


if __name__ == "__main__":
    main()
