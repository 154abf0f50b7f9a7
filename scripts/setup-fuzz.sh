#!/usr/bin/env bash
# Installs cargo-fuzz (from crates.io) when it is missing. Built unoptimised like the other
# tool installs (see shared/toolchain.md): it only orchestrates, its speed does not matter.
#
# There is no nightly toolchain here: scripts/fuzz.sh runs `cargo fuzz` on the stable
# toolchain with RUSTC_BOOTSTRAP=1, which unlocks the -Z flags cargo-fuzz passes to rustc.
set -euo pipefail

CARGO_FUZZ_VERSION="${CARGO_FUZZ_VERSION:-0.13.2}"

if cargo fuzz --version >/dev/null 2>&1; then
  echo "setup-fuzz: $(cargo fuzz --version) already installed"
  exit 0
fi

echo "setup-fuzz: installing cargo-fuzz ${CARGO_FUZZ_VERSION} (unoptimised build)"
CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true CARGO_INCREMENTAL=0 \
  cargo install --locked cargo-fuzz --version "${CARGO_FUZZ_VERSION}"
cargo fuzz --version
