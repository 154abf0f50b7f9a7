#!/usr/bin/env python3
"""Replays the clustering of src/analysis/align.rs in Python over dumped claim similarities, and
scores it like tools/score.py: for trying clustering rules on every event in seconds, without a
rebuild. A rule that helps here still has to be written in Rust and checked with
tools/score-all.sh (this replay mirrors `align::align` as of its writing; check that
`python3 tools/alignsim.py` prints the same figures as score-all.sh before trusting it).

usage: python3 tools/alignsim.py            # dumps (needs target/release/{crosscheck,
                                            # examples/aligndiag}) and prints the figures
In your own script: `from alignsim import *`, write `def rule(E, **kw) -> {claim: cluster}`
(start from `average_linkage`), and `show("name", run(rule, t=0.13))`.
"""
import collections
import itertools
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from score import doc_key, overlap  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
EVENTS_DIR = os.path.join(ROOT, "tests", "fixtures", "events")
CACHE = {}


def events():
    return sorted(e for e in os.listdir(EVENTS_DIR) if os.path.isfile(os.path.join(EVENTS_DIR, e, "gold.json")))


def load(ev):
    """The event's gold, report and every claim pair's similarity (from the release build)."""
    if ev in CACHE:
        return CACHE[ev]
    d = os.path.join(EVENTS_DIR, ev)
    gold = json.load(open(os.path.join(d, "gold.json"), encoding="utf-8"))
    files = [os.path.join(d, g["file"]) for g in gold["documents"]]
    bin_dir = os.path.join(ROOT, "target", "release")
    rep = json.loads(subprocess.run([os.path.join(bin_dir, "crosscheck"), "analyze", *files, "--format", "json"],
                                    capture_output=True, text=True).stdout)
    out = subprocess.run([os.path.join(bin_dir, "examples", "aligndiag"), *files, "--", "--pairs"],
                         capture_output=True, text=True, check=True).stdout
    claims = {int(c["id"][1:]): c for c in rep["claims"]}
    hit_of = {}
    for g in gold["claims"]:
        for doc, span in g["mentions"].items():
            hit_of[(g["id"], doc)] = [n for n, c in claims.items()
                                      if doc_key(c["doc"]) == doc_key(doc) and overlap(span, c["text"]) >= 0.6]
    sentence = {n: (c["doc"], c.get("sentence", c)["start"]) for n, c in claims.items()}
    CACHE[ev] = {"gold": gold, "claims": claims, "hit_of": hit_of, "doc": {n: c["doc"] for n, c in claims.items()},
                 "sentence": sentence,
                 "pairs": [json.loads(line) for line in out.splitlines()]}
    return CACHE[ev]


def score(E, cluster_of):
    """Link recall and precision of a clustering (claim number -> cluster), as tools/score.py."""
    pairs = linked = 0
    for g in E["gold"]["claims"]:
        for a, b in itertools.combinations(list(g["mentions"]), 2):
            pairs += 1
            ka = {cluster_of[c] for c in E["hit_of"][(g["id"], a)]}
            linked += bool(ka & {cluster_of[c] for c in E["hit_of"][(g["id"], b)]})
    gold_of = collections.defaultdict(set)
    for (gid, _), cs in E["hit_of"].items():
        for c in cs:
            gold_of[c].add(gid)
    members = collections.defaultdict(list)
    for c, k in cluster_of.items():
        if c in gold_of:
            members[k].append(c)
    predicted = good = 0
    for cs in members.values():
        for a, b in itertools.combinations(cs, 2):
            if E["doc"][a] != E["doc"][b]:
                predicted += 1
                good += bool(gold_of[a] & gold_of[b])
    return linked / pairs if pairs else 0.0, good / predicted if predicted else 0.0


def mutual_best(E, sim):
    """The pairs of `sim` whose claims are each the other's most similar in its document."""
    doc = E["doc"]
    best = {}
    for (x, y), s in sim.items():
        k = (x, doc[y])
        if k not in best or (s, -y) > (best[k][0], -best[k][1]):
            best[k] = (s, y)
    return {(x, y) for (x, y) in sim if best[(x, doc[y])][1] == y and best[(y, doc[x])][1] == x}


def average_linkage(E, t=0.125, same_penalty=0.45, repeat=0.32, non_mutual_t=0.2, min_pair=0.06,
                    max_candidates=16, sibling=1.0, attach_t=0.0625, attach_docs=3):
    """`align::align`: candidate pairs most similar first (only mutual best matches, or pairs at
    least `non_mutual_t` similar); each merges its claims' groups when their average similarity
    over all their claim pairs reaches `t` (a non-candidate pair counts 0, a pair of one
    document -`same_penalty`, or 0 when at least `repeat` similar, and two clauses of one
    sentence `sibling`); then the claims of groups
    of 3+ less alike than `t` on average to their group's claims of other documents leave, and
    the pairs are visited once more. Last, each claim left alone joins the cluster of at least
    `attach_docs` documents, none its own, that it is most alike on average, when that average
    reaches `attach_t` (of one document, only the most alike joins a cluster)."""
    doc, sentence = E["doc"], E["sentence"]
    sim, same_sim = {}, {}
    for i, j, s, cand, same in E["pairs"]:
        if same:
            same_sim[(i, j)] = same_sim[(j, i)] = s
        elif cand and s >= min_pair:
            sim[(i, j)] = sim[(j, i)] = s
    mutual = mutual_best(E, sim)
    order = sorted((-s, i, j) for (i, j), s in sim.items() if i < j and ((i, j) in mutual or s >= non_mutual_t))

    def merge(groups):
        parent = {c: k for k, g in groups.items() for c in g}

        def root(x):
            while parent[x] != x:
                x = parent[x]
            return x

        for _, i, j in order:
            a, b = root(i), root(j)
            if a == b:
                continue
            A, B = groups[a], groups[b]
            cross = [(x, y) for x in A for y in B if doc[x] != doc[y]]
            same = [(x, y) for x in A for y in B if doc[x] == doc[y]]
            siblings = [(x, y) for x, y in same if sentence[x] == sentence[y]]
            others = [(x, y) for x, y in same if sentence[x] != sentence[y]]
            unlike = [p for p in others if same_sim.get(p, 0.0) < repeat] if len(same) <= max_candidates else others
            n = min(len(cross), min(len(A), len(B)) * max_candidates) + len(same)
            total = sum(sim.get(p, 0.0) for p in cross) + sibling * len(siblings)
            if (total - same_penalty * len(unlike)) / n < t:
                continue
            keep, gone = (a, b) if len(A) >= len(B) else (b, a)
            groups[keep] += groups.pop(gone)
            parent[gone] = keep
        return groups

    groups = merge({c: [c] for c in E["claims"]})
    kept_groups = {}
    for g in groups.values():
        kept = []
        for x in g:
            others = [sim.get((x, y), 0.0) for y in g if doc[y] != doc[x]]
            if len(g) >= 3 and others and sum(others) / len(others) < t:
                kept_groups[x] = [x]
            else:
                kept.append(x)
        if kept:
            kept_groups[kept[0]] = kept
    groups = merge(kept_groups)
    joins = {}
    for x, g in sorted(groups.items()):
        if len(g) != 1:
            continue
        best = None
        for k in sorted({k for k, h in groups.items() for y in h if (x, y) in sim}):
            h = groups[k]
            if len({doc[y] for y in h}) < attach_docs or any(doc[y] == doc[x] for y in h):
                continue
            average = sum(sim.get((x, y), 0.0) for y in h) / len(h)
            if average >= attach_t and (best is None or average > best[0]):
                best = (average, k)
        if best and ((best[1], doc[x]) not in joins or best[0] > joins[(best[1], doc[x])][0]):
            joins[(best[1], doc[x])] = (best[0], x)
    for (k, _), (_, x) in sorted(joins.items()):
        groups[k].append(groups.pop(x)[0])
    return {c: k for k, g in groups.items() for c in g}


def run(rule, **kw):
    return [score(load(ev), rule(load(ev), **kw)) for ev in events()]


def show(name, results):
    print(f"{name:32} " + "  ".join(f"{r:.3f}/{p:.3f}" for r, p in results)
          + f"   min R {min(r for r, _ in results):.3f} min P {min(p for _, p in results):.3f}")


if __name__ == "__main__":
    print(" " * 33 + "  ".join(e[:11].ljust(11) for e in events()) + "   (link recall/precision)")
    show("align.rs (replayed)", run(average_linkage))
