#!/usr/bin/env bash
# Sets up whatever is missing, then runs every test of Crosscheck. This is the README's test
# command, and what CI runs (.ci/run). Each stage prints a header with the time.
set -euo pipefail
cd "$(dirname "$0")/.."
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac
export CARGO_TERM_COLOR=never TRUNK_SKIP_VERSION_CHECK=true CHROMEDRIVER=/usr/bin/chromedriver
step() { echo; echo "== test: $* ($(date +%T))"; }

step "setup"
bash scripts/setup.sh

step "format"
cargo fmt --all -- --check

step "lint: clippy, natively (CLI, tests, benches) and for the web build"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --no-default-features --features web --target wasm32-unknown-unknown --lib --bins -- -D warnings

step "native tests (unit, data-driven cases, gold quality, CLI, properties, doc examples)"
cargo test --locked

step "bad input at full size: a 50 MB file (optimised, debug assertions on)"
cargo test --locked --profile hardening --test bad_input -- --ignored

step "the core alone, natively and for wasm32 (no web, no CLI crates)"
cargo build --locked --lib --no-default-features
cargo build --locked --lib --no-default-features --target wasm32-unknown-unknown

step "benches compile"
cargo check --locked --benches

if [ -f scripts/test-web.sh ]; then
  step "web: wasm tests in headless Chromium, release build, end-to-end"
  bash scripts/test-web.sh
fi

if [ -f scripts/fuzz.sh ]; then
  step "fuzz: a bounded run of every target"
  bash scripts/fuzz.sh
fi

step "all tests passed"
