#!/usr/bin/env bash
# Runs the criterion benchmarks (optimised build) and prints their estimates.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$RUNG_ROOT"
require_toolchains
install_packages "${BUILD_PACKAGES[@]}"
[ -f ui/dist/index.html ] || build_ui
cargo bench --locked --bench ladder_import "$@"
