#!/usr/bin/env bash
# Installs what is missing and runs every test: front-end type checks, then the Rust
# unit, integration, property and end-to-end tests (the real window, under Xvfb).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$RUNG_ROOT"
# No incremental cache: a cold build is as fast without it and target/ is several GiB
# smaller (a CI machine once ran out of disk in clippy).
export CARGO_INCREMENTAL=0

require_toolchains
install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
install_tauri_driver
install_cargo_deny
build_ui

echo "==> checking the front end (svelte-check) and its unit tests (vitest)"
npm --prefix ui run check --silent
npm --prefix ui run test --silent

echo "==> rustfmt and clippy"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings

echo "==> licences, banned crates and sources (cargo deny, deny.toml)"
# Every platform's crates, so the offline check sees the whole graph deny.toml targets.
cargo fetch --locked --quiet
cargo deny --offline check licenses bans sources
# The advisory database lives on GitHub; where it cannot be fetched, say so plainly.
if timeout 20 git ls-remote https://github.com/rustsec/advisory-db HEAD >/dev/null 2>&1; then
  echo "==> security advisories (cargo deny check advisories)"
  cargo deny check advisories
else
  echo "==> SKIPPED the advisory check: the RustSec database (github.com/rustsec/advisory-db) cannot be fetched from this machine"
fi

echo "==> cargo test"
export WEBKIT_DISABLE_DMABUF_RENDERER=1
# Every crate's tests (the workspace's default members: rung-core, rung-store, rung-team,
# rung-report and the app's integration tests); this also builds rung-store's
# examples/crash_writer, the process the crash test kills.
xvfb-run -a dbus-run-session -- cargo test --locked "$@"

echo "==> benches, once each as smoke tests (scripts/bench.sh measures)"
cargo test --locked --benches

echo "==> the .deb: built by the Tauri CLI (release), installed, started and removed"
bash scripts/package.sh
bash tests/package/deb.sh target/release/bundle/deb/Rung_0.1.0_amd64.deb
