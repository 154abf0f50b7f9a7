#!/usr/bin/env bash
# Builds the release web app and measures it (scripts/bench-web.cjs): gzipped size of every
# .wasm in dist/ and the time from page load to the first analysed example in headless Chromium;
# or, with `big`, the page with a big analysis (N articles dropped at once: each view, typing).
#   scripts/bench-web.sh [runs]                  set NO_BUILD=1 to measure the existing dist/
#   scripts/bench-web.sh big [runs] [articles]
set -euo pipefail
cd "$(dirname "$0")/.."
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac
export PATH="$PWD/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
[ "${NO_BUILD:-0}" = 1 ] || trunk build --release
node scripts/bench-web.cjs "${@:-5}"
