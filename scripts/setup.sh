#!/usr/bin/env bash
# Sets up everything Crosscheck needs on a fresh machine (Debian 12, root, registries only:
# crates.io, Debian, npm). Idempotent: each step is skipped when the right version is there.
# See ../docs or ARCHITECTURE.md "Build and test" for why each tool is pinned.
#
#   scripts/setup.sh          rust target, Chromium + ChromeDriver, Trunk, wasm-bindgen-cli, npm packages
#   scripts/setup.sh --core   only what native tests need (nothing beyond cargo)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14   # 0.22 needs a newer rustc than this machine's
# wasm-bindgen-cli must equal the wasm-bindgen crate version in Cargo.lock (Cargo.toml pins it with =).
WB_VERSION=$(awk '$0=="name = \"wasm-bindgen\"" {getline; gsub(/[" ]/,""); sub("version=",""); print; exit}' Cargo.lock)

case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac
step() { echo "== setup: $* ($(date +%T))"; }

[ "${1:-}" = "--core" ] && { step "core only: nothing to install"; exit 0; }

step "rust target wasm32-unknown-unknown"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "Chromium + ChromeDriver (Debian)"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The tools only orchestrate the build: build them unoptimised (about 6 instead of 16 minutes).
tool_install() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=false \
  CARGO_PROFILE_RELEASE_STRIP=true CARGO_INCREMENTAL=0 cargo install "$@"
}

step "wasm-bindgen-cli $WB_VERSION"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ] \
   || [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $WB_VERSION" ]; then
  # Not --locked: its lockfile pins a crate version the registry here lacks.
  tool_install wasm-bindgen-cli --version "$WB_VERSION" --no-default-features
fi

step "trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  tool_install --locked trunk --version "$TRUNK_VERSION" --no-default-features --features rustls
fi

if [ -f scripts/setup-fuzz.sh ]; then
  step "cargo-fuzz"
  bash scripts/setup-fuzz.sh
fi

if [ -f package-lock.json ]; then
  step "npm ci (playwright-core; no browser download)"
  npm ci --no-audit --no-fund --loglevel=error
fi

step "cargo fetch"
cargo fetch --locked
step "done"
