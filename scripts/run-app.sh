#!/usr/bin/env bash
# Installs what is missing, builds the front end, and opens Rung on the embedded
# default ladder. Extra arguments go to the app (e.g. `ladder show data/ladders/...`).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$RUNG_ROOT"

require_toolchains
install_packages "${BUILD_PACKAGES[@]}"
build_ui

export WEBKIT_DISABLE_DMABUF_RENDERER=1
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$#" -eq 0 ]; then
  echo "==> no display: starting Rung under a virtual display (xvfb); close it with Ctrl+C"
  install_packages xvfb xauth dbus
  exec xvfb-run -a dbus-run-session -- cargo run --locked -- "$@"
fi
exec cargo run --locked -- "$@"
