#!/usr/bin/env bash
# Measures Rung side by side with what a person would otherwise have, in one run, and
# prints one performance table (markdown, with the machine it ran on) at the end; each
# bench also prints its own detail above. Release builds throughout: the app and its .deb
# (Tauri CLI), and a bare Tauri hello-world (benches/hello) with the same release profile.
# Takes ~25 minutes from cold on 2 cores (two release builds, and the app's crate rebuilt
# twice for the in-window save); speed is never asserted.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$RUNG_ROOT"
require_toolchains
# sqlite3 and Chromium are what the rating save and the PDF are compared with; xwd reads
# the X screen for the start-up benchmark; jq reads criterion's estimates.
install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" sqlite3 chromium x11-apps jq
install_tauri_driver
build_ui

echo "==> release builds: Rung and its .deb, and the bare Tauri window"
bash scripts/package.sh
cargo build --release --locked --manifest-path benches/hello/Cargo.toml --target-dir target
export RUNG_BIN="$RUNG_ROOT/target/release/rung"
export HELLO_BIN="$RUNG_ROOT/target/release/hello"
export RUNG_DEB="$RUNG_ROOT/target/release/bundle/deb/Rung_0.1.0_amd64.deb"

export RUNG_BENCH_TABLE="$RUNG_ROOT/target/bench-table.tsv"
: >"$RUNG_BENCH_TABLE"

echo "==> start-up, memory and size against hello-world (Xvfb)"
xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- \
  cargo bench --locked --no-default-features --bench startup

# The benchmarks below need only the domain library: no Tauri, no WebKit.
cargo bench --locked --no-default-features --bench ladder_import
cargo bench --locked --no-default-features --bench ladder_scaling
cargo bench --locked --no-default-features --bench ladder_shapes
cargo bench --locked --no-default-features --bench level_engine
cargo bench --locked --no-default-features --bench rating_save
cargo bench --locked --no-default-features --bench candidate_list
cargo bench --locked --no-default-features --bench archive_search
cargo bench --locked --no-default-features --bench report_pdf

echo "==> team mode on a throwaway PostgreSQL: 50 clients pushing at once, a fresh laptop pulling 10,000 candidates"
cargo bench --locked --bench team_sync

echo "==> one rating save in the release app's window (WebDriver under Xvfb)"
# The save timings are a test seam only a benchmark build of the front end has
# (ui/src/lib/saveTimings.ts): the release app is rebuilt with it for this run, then
# without it again (the .deb above never had it).
npm --prefix ui run build --silent -- --mode bench
tauri_cli build --ci --no-bundle -- --locked
RUNG_E2E_APP="$RUNG_BIN" WEBKIT_DISABLE_DMABUF_RENDERER=1 xvfb-run -a dbus-run-session -- \
  cargo test --locked --test integration bench_rating_save_round_trip -- --ignored --nocapture
npm --prefix ui run build --silent
tauri_cli build --ci --no-bundle -- --locked

# A criterion benchmark's median, by its name, as a table row.
criterion_row() {
  local id="$1" what="$2" estimates median
  estimates="$(grep -l --include=benchmark.json -r "\"full_id\":\"$id\"" target/criterion | grep /new/ | head -1)"
  [ -n "$estimates" ] || { echo "no criterion result for '$id'" >&2; return 1; }
  median="$(jq '.median.point_estimate' "$(dirname "$estimates")/estimates.json")"
  printf '%s\t%s\t\t\n' "$what" "$(awk -v ns="$median" 'BEGIN { if (ns < 1e6) printf "%.0f µs", ns / 1e3; else printf "%.2f ms", ns / 1e6 }')" >>"$RUNG_BENCH_TABLE"
}
criterion_row "seed document, load from disk" "Seed ladder import (support-roles.md from disk), median"
criterion_row "recommendation + agreement, 8 interviewers × 80 characteristics" \
  "Level recommendation + agreement, 8 interviewers × 80 characteristics, median"

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
memory="$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo
echo "## Performance ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD))"
echo
echo "Measured by \`bash scripts/bench.sh\` on $(nproc) cores of $cpu, $memory, $(. /etc/os-release && echo "$PRETTY_NAME"), Xvfb; release builds."
echo
echo "| What | Rung | Baseline, same run | Comparison |"
echo "| --- | ---: | ---: | --- |"
# awk, not `read`: a tab is whitespace to `read`, which would merge empty columns.
awk -F'\t' '{ printf "| %s | %s | %s | %s |\n", $1, $2, ($3 == "" ? "—" : $3), $4 }' "$RUNG_BENCH_TABLE"
