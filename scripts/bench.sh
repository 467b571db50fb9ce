#!/usr/bin/env bash
# Runs the criterion benchmarks (optimised build) and prints their estimates.
# Results and HTML-free summaries land in target/criterion/.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$RUNG_ROOT"
require_toolchains
# sqlite3 is the floor the rating-save benchmark compares against; Chromium is the
# route the report benchmark compares against.
install_packages sqlite3 chromium
# The benchmarks need only the domain library: no Tauri, no WebKit.
cargo bench --locked --no-default-features --bench ladder_import "$@"
cargo bench --locked --no-default-features --bench ladder_scaling
cargo bench --locked --no-default-features --bench ladder_shapes
cargo bench --locked --no-default-features --bench level_engine
cargo bench --locked --no-default-features --bench rating_save
cargo bench --locked --no-default-features --bench candidate_list
cargo bench --locked --no-default-features --bench archive_search
cargo bench --locked --no-default-features --bench report_pdf

# The round trip of one rating save in the real app window (WebDriver under Xvfb).
install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
install_tauri_driver
[ -f ui/dist/index.html ] || build_ui
WEBKIT_DISABLE_DMABUF_RENDERER=1 xvfb-run -a dbus-run-session -- \
  cargo test --locked --test integration bench_rating_save_round_trip -- --ignored --nocapture
