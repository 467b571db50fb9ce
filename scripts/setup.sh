# Shared set-up for scripts/run-app.sh and scripts/test.sh. Source it; it only
# installs what is missing, so running it again is cheap.
set -euo pipefail

RUNG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# To build the app (WebKitGTK and friends, for Tauri on Linux).
BUILD_PACKAGES=(pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev)
# To test it: a virtual display, a session bus, the WebKit WebDriver, PDF tools.
# PDFBox Preflight (PDF/A-1b) and its Java runtime, for the report tests.
# ImageMagick and x11-utils: screenshots of the X screen and finding the installed app's window.
# PostgreSQL (server and psql) and OpenSSL's CLI: team mode's tests start throwaway clusters,
# one with TLS only (crates/rung-team/tests/team/postgres.rs); gnome-keyring: a real Secret Service
# for the saved team password (team_keyring.rs).
TEST_PACKAGES=(xvfb xauth dbus webkit2gtk-driver poppler-utils qpdf procps imagemagick x11-utils
    postgresql postgresql-client openssl gnome-keyring strace util-linux
    default-jre-headless libpdfbox2-java libfontbox2-java libcommons-logging-java libactivation-java libjaxb-api-java)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}

require_toolchains() {
  command -v cargo >/dev/null || { echo "error: Rust is not installed. Install it from rustup and run this again." >&2; exit 1; }
  command -v npm >/dev/null || { echo "error: Node.js 20.19+ and npm are not installed. Install them and run this again." >&2; exit 1; }
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$node_major" -lt 20 ]; then
    echo "error: Node.js $(node --version) is too old for the front-end build; install Node.js 20.19 or newer." >&2
    exit 1
  fi
}

# The window embeds ui/dist, so the front end is built before cargo builds the app.
build_ui() {
  echo "==> building the front end (ui/)"
  npm --prefix "$RUNG_ROOT/ui" ci --no-audit --no-fund --loglevel=error
  npm --prefix "$RUNG_ROOT/ui" run build --silent
  # Scripts run by this one (package.sh) need not build it again.
  export RUNG_UI_BUILT=1
}

install_cargo_deny() {
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  if ! cargo deny --version >/dev/null 2>&1; then
    echo "==> cargo install cargo-deny"
    cargo install cargo-deny --version '^0.20' --locked
  fi
}

# The Tauri CLI comes from ui/package.json (@tauri-apps/cli, pinned), installed by build_ui.
tauri_cli() {
  "$RUNG_ROOT/ui/node_modules/.bin/tauri" "$@"
}

install_tauri_driver() {
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  if ! command -v tauri-driver >/dev/null; then
    echo "==> cargo install tauri-driver"
    cargo install tauri-driver --version '^2' --locked
  fi
}
