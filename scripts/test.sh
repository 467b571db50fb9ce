#!/usr/bin/env bash
# Installs what is missing and runs every test: front-end type checks, then the Rust
# unit, integration, property and end-to-end tests (the real window, under Xvfb).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$RUNG_ROOT"

require_toolchains
install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
install_tauri_driver
build_ui

echo "==> checking the front end (svelte-check)"
npm --prefix ui run check --silent

echo "==> rustfmt and clippy"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings

echo "==> cargo test"
export WEBKIT_DISABLE_DMABUF_RENDERER=1
# Library, app and integration tests; this also builds examples/crash_writer, the process
# the crash test kills.
xvfb-run -a dbus-run-session -- cargo test --locked "$@"

echo "==> benches, once each as smoke tests (scripts/bench.sh measures)"
cargo test --locked --benches
