#!/usr/bin/env bash
# Runs the criterion benchmarks (optimised build) and prints their estimates.
# Results and HTML-free summaries land in target/criterion/.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$RUNG_ROOT"
require_toolchains
# sqlite3 is the floor the rating-save benchmark compares against.
install_packages sqlite3
# The benchmarks need only the domain library: no Tauri, no WebKit.
cargo bench --locked --no-default-features --bench ladder_import "$@"
cargo bench --locked --no-default-features --bench rating_save
