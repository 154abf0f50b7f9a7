#!/usr/bin/env bash
# Fuzzes the core with cargo-fuzz (libFuzzer) on the stable toolchain.
#
#   scripts/fuzz.sh                      bounded run for the test command: every target for
#                                        FUZZ_SECONDS (default 20) seconds, about 60 s in all
#   scripts/fuzz.sh long SECONDS [T...]  a long campaign: each target (default: all) for
#                                        SECONDS, one job at a time; logs in fuzz/logs/
#
# Targets: analyze (the whole pipeline), dates (the date resolver), html (the HTML reducer).
# A crash stops the run with its input saved under fuzz/artifacts/<target>/. Keep it as a
# regression: copy it to fuzz/regressions/<target>/ (tests/regressions.rs replays it), fix
# the bug, and rerun. See docs/hardening.md.
#
# Environment: FUZZ_SECONDS (bounded run, per target), FUZZ_SANITIZER (default none: the code
# is safe Rust, the sanitizer would only slow it down; `address` works too), FUZZ_MAX_LEN,
# FUZZ_TRACE_COMPARES (default 1; 0 builds without libFuzzer's comparison tracing, 2-3x more
# executions per second for the same checks, at some cost in how fast new branches are found:
# used for the long campaigns once the corpus is grown, see docs/hardening.md).
set -euo pipefail
cd "$(dirname "$0")/.."
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac

# cargo-fuzz passes -Z flags (sanitizer coverage) to rustc; there is no nightly here.
export RUSTC_BOOTSTRAP=1
TARGETS=(analyze dates html)
SANITIZER="${FUZZ_SANITIZER:-none}"
MAX_LEN="${FUZZ_MAX_LEN:-4096}"
BUILD=(-s "$SANITIZER")
[ "${FUZZ_TRACE_COMPARES:-1}" = 0 ] && BUILD+=(--no-trace-compares)

mode="${1:-short}"
case "$mode" in
  short) seconds="${FUZZ_SECONDS:-20}"; targets=("${TARGETS[@]}") ;;
  long)
    seconds="${2:?usage: scripts/fuzz.sh long SECONDS [TARGET...]}"
    shift 2
    if [ $# -gt 0 ]; then targets=("$@"); else targets=("${TARGETS[@]}"); fi
    ;;
  *) echo "usage: scripts/fuzz.sh [short | long SECONDS [TARGET...]]" >&2; exit 2 ;;
esac

bash scripts/setup-fuzz.sh

# Seed corpora (git-ignored), made once from the fixture articles and fuzz/seeds/.
seed() {
  local target=$1 dir=fuzz/corpus/$1
  [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return 0
  mkdir -p "$dir"
  local f n=0
  case "$target" in
    analyze)
      # 3 header bytes (formats, flags, reference date), then documents split by NUL: the
      # start of three articles of one event, about 1 KB in all. Small seeds keep the full
      # pipeline fast (its cost grows with the input); libFuzzer grows them up to -max_len.
      for event in tests/fixtures/events/*/; do
        for header in '\000\005\012' '\125\001\012' '\252\004\000' '\000\007\003'; do
          n=$((n + 1))
          {
            printf "$header"
            for f in $(ls "$event"*.txt | head -3); do head -c 330 "$f"; printf '\000'; done
          } >"$dir/seed-$n"
        done
      done
      ;;
    dates)
      # 2 header bytes (reference date, publication override), then one text.
      for f in tests/fixtures/events/*/*.txt; do
        n=$((n + 1))
        { printf '\005\001'; head -c 3000 "$f"; } >"$dir/seed-$n"
      done
      ;;
    html) cp fuzz/seeds/html/* "$dir"/ ;;
  esac
}

dict_of() {
  case "$1" in
    html) echo fuzz/dicts/html.dict ;;
    *) echo fuzz/dicts/text.dict ;;
  esac
}

echo "fuzz: building the targets (${BUILD[*]})"
(cd fuzz && cargo fuzz build "${BUILD[@]}")

mkdir -p fuzz/logs
status=0
for t in "${targets[@]}"; do
  seed "$t"
  log="fuzz/logs/$t-$(date -u +%Y%m%dT%H%M%SZ).log"
  echo "fuzz: $t for ${seconds}s (log: $log)"
  set +e
  (cd fuzz && cargo fuzz run "${BUILD[@]}" "$t" "corpus/$t" -- \
    -max_total_time="$seconds" -max_len="$MAX_LEN" -timeout=20 -rss_limit_mb=4096 \
    -dict="../$(dict_of "$t")" -print_final_stats=1) >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  echo "fuzz: $t: ${runs:-?} executions, exit $rc"
  if [ "$rc" -ne 0 ]; then
    status=1
    tail -n 40 "$log"
    echo "fuzz: $t FAILED. The input is under fuzz/artifacts/$t/: copy it to fuzz/regressions/$t/" >&2
  fi
done
exit "$status"
