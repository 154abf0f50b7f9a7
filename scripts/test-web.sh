#!/usr/bin/env bash
# Tests of the web app: its pure logic natively, the worker bridge and DOM helpers in
# headless Chromium (wasm-bindgen-test), then the release build with Trunk served under a
# sub-path and driven by Playwright (e2e/). Assumes the tools are installed
# (scripts/setup.sh: wasm32 target, Chromium + ChromeDriver, Trunk, wasm-bindgen-cli, npm ci).
# Screenshots of every view land in artifacts/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac
export PATH="$PWD/node_modules/.bin:$PATH"   # wasm-opt from npm's binaryen, if installed
export TRUNK_SKIP_VERSION_CHECK=true CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" CARGO_TERM_COLOR=never
step() { echo "== test-web: $* ($(date +%T))"; }

step "web state, highlighting and diff (native)"
cargo test --locked --features web --test web_state

step "worker bridge, storage, DOM helpers (wasm, headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --no-default-features --features web --test web

step "trunk build --release"
trunk build --release
for f in dist/*.wasm; do echo "  $(basename "$f"): $(gzip -9c "$f" | wc -c) bytes gzipped"; done

step "end-to-end (Playwright, dist/ served under /crosscheck/)"
npx playwright test
step "web tests passed"
