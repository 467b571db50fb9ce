#!/usr/bin/env bash
# The .deb as a person gets it: its metadata, an install with dpkg, the installed CLI and
# window, nothing left behind by the uninstall. Run by scripts/test.sh after `tauri build`;
# needs root (or sudo), Xvfb and the app's runtime libraries, and for the check of what the
# installed window serves, cargo and tauri-driver (scripts/test.sh installs both).
#   bash tests/package/deb.sh target/release/bundle/deb/Rung_0.1.0_amd64.deb
set -euo pipefail
deb="$(realpath "$1")"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
screens="$root/target/e2e-screens"
mkdir -p "$screens"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# What the package says about itself.
package="$(dpkg-deb --field "$deb" Package)"
[ "$package" = rung ] || fail "package is named '$package', expected rung"
depends="$(dpkg-deb --field "$deb" Depends)"
for library in libwebkit2gtk-4.1-0 libgtk-3-0; do
  grep -q "$library" <<<"$depends" || fail "Depends ($depends) lacks $library"
done
pass "package rung $(dpkg-deb --field "$deb" Version), depends on $depends"

contents="$(dpkg-deb --contents "$deb" | awk '{print $6}')"
for path in usr/bin/rung usr/share/applications/Rung.desktop; do
  grep -qx "$path" <<<"$contents" || fail "the package lacks $path"
done
for size in 16 24 32 48 64 128 256 512; do
  grep -q "^usr/share/icons/hicolor/${size}x${size}/apps/rung.png$" <<<"$contents" \
    || fail "no ${size}x${size} icon in the package"
done
desktop="$(dpkg-deb --fsys-tarfile "$deb" | tar -xO usr/share/applications/Rung.desktop)"
for line in "Exec=rung" "Icon=rung" "Name=Rung" "Type=Application" "Categories=Office;"; do
  grep -q "^$line" <<<"$desktop" || fail "the desktop entry lacks '$line': $desktop"
done
pass "desktop entry and icons at 16–512 px"

# The release binary carries no test seam (the dialog answer is for debug builds only).
binary_in_package="$(mktemp -d)"
dpkg-deb --extract "$deb" "$binary_in_package"
if grep -qa "RUNG_TEST_DIALOG_ANSWER" "$binary_in_package/usr/bin/rung"; then
  fail "the release binary knows the test-only dialog answer"
fi
rm -rf "$binary_in_package"
pass "no test seam in the release binary"

cleanup() { as_root dpkg --purge rung >/dev/null 2>&1 || true; rm -rf "${data_dir:-}"; }
trap cleanup EXIT
as_root dpkg -i "$deb" >/dev/null
[ "$(command -v rung)" = /usr/bin/rung ] || fail "rung is not on PATH after install"
version="$(rung --version)"
[ "$version" = "rung 0.1.0" ] || fail "rung --version printed '$version'"
status=0; check="$(rung ladder check)" || status=$?
[ "$status" -ne 1 ] || fail "the embedded ladder does not import: $check"
grep -q '"Support Roles"' <<<"$check" || fail "ladder check printed: $check"
pass "installed: $version; ladder check: ${check%%$'\n'*}"

# The installed app serves its window no test seam. Its assets are embedded in the binary
# compressed, so a grep of the binary could not tell: the window test reads back every
# script and style sheet the installed app's page loaded (tests/integration/e2e_release_assets.rs).
seam_test=e2e_release_assets::the_front_end_the_app_serves_carries_no_test_seam
seam_log="$(mktemp)"
if ! (cd "$root" && RUNG_E2E_APP=/usr/bin/rung WEBKIT_DISABLE_DMABUF_RENDERER=1 xvfb-run -a dbus-run-session -- \
  cargo test --locked --test integration -- --exact "$seam_test") >"$seam_log" 2>&1; then
  cat "$seam_log" >&2
  fail "the installed app serves a test seam (or its assets could not be read back)"
fi
grep -q "test result: ok. 1 passed" "$seam_log" || { cat "$seam_log" >&2; fail "the test seam check did not run"; }
rm -f "$seam_log"
pass "no test seam in what the installed app serves"

# The installed app opens its window on a fresh data folder.
data_dir="$(mktemp -d)"
export data_dir
WEBKIT_DISABLE_DMABUF_RENDERER=1 xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- bash -c '
  rung --data-dir "$data_dir" & app=$!
  for _ in $(seq 1 100); do
    if xwininfo -root -tree | grep -q "\"Rung\": "; then break; fi
    sleep 0.2
  done
  xwininfo -root -tree | grep "\"Rung\": " || { kill $app; echo "no window titled Rung" >&2; exit 1; }
  sleep 3 # let it paint, for the screenshot
  import -window root "'"$screens"'/installed-app.png"
  kill $app; wait $app || true
' || fail "the installed app did not open its window"
[ -f "$data_dir/rung.db" ] || fail "the app created no database in its data folder"
pass "the installed app opened its window (target/e2e-screens/installed-app.png)"

as_root dpkg --purge rung >/dev/null
[ ! -e /usr/bin/rung ] || fail "/usr/bin/rung is left after removal"
[ ! -e /usr/share/applications/Rung.desktop ] || fail "the desktop entry is left after removal"
pass "removed cleanly"
