#!/usr/bin/env bash
# Builds the installable package: a release build of Rung bundled as a .deb by the Tauri
# CLI (pinned in ui/package.json), at target/release/bundle/deb/Rung_<version>_amd64.deb.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$RUNG_ROOT"
require_toolchains
install_packages "${BUILD_PACKAGES[@]}"
[ -n "${RUNG_UI_BUILT:-}" ] || build_ui
tauri_cli build --ci --bundles deb -- --locked
echo "==> $(ls "$RUNG_ROOT"/target/release/bundle/deb/*.deb)"
