#!/usr/bin/env bash
# Scores the CLI's report on every event under tests/fixtures/events with tools/score.py
# (the reference scorer). Usage: tools/score-all.sh [EVENT_NAME_SUBSTRING]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --bin crosscheck
out=${TMPDIR:-/tmp}/crosscheck-score.$$
mkdir -p "$out"
for dir in tests/fixtures/events/*/; do
  name=$(basename "$dir")
  [[ -n "${1:-}" && "$name" != *"$1"* ]] && continue
  files=$(python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); print("\n".join(sys.argv[2]+d["file"] for d in g["documents"]))' "$dir/gold.json" "$dir")
  # shellcheck disable=SC2086
  ./target/release/crosscheck analyze $files --format json > "$out/$name.json"
  echo "== $name"
  python3 tools/score.py "$dir/gold.json" "$out/$name.json" "$dir/dates.json"
done
rm -rf "$out"
