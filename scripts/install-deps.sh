#!/usr/bin/env bash
# Installs what Keydesk needs to build, run and test, skipping whatever is
# already there, so a second run takes a second. Debian/Ubuntu; on other
# systems it says what to install and stops.
#   scripts/install-deps.sh            everything for `make run` and `make test`
#   scripts/install-deps.sh --no-wails  without the Wails CLI (CI, tests)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

want_wails=1
[ "${1:-}" = "--no-wails" ] && want_wails=0

# System packages: GTK + WebKitGTK for the window, Xvfb/xdotool/ImageMagick
# for the smoke test, Chromium for Playwright, gnome-keyring + dbus for the
# Secret Service test, PostgreSQL for the server suite.
packages=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.0-dev
  xvfb xauth xdotool imagemagick chromium gnome-keyring dbus dbus-x11 libsecret-tools
  postgresql fonts-dejavu-core wrk)
missing=()
if command -v dpkg >/dev/null; then
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing system packages: ${missing[*]}"
    sudo_ apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  case "$(uname -s)" in
    Darwin) say "macOS: install Go ${GO_VERSION_MIN}+, Node 20+ and Xcode command line tools (xcode-select --install); see README" ;;
    *) say "not a Debian/Ubuntu system: install the packages listed in README (Prerequisites) by hand" ;;
  esac
fi

need go "Go ${GO_VERSION_MIN}+ (https://go.dev/dl/)"
need node "Node.js 20+"
need npm "npm"

if [ "$want_wails" = 1 ] && ! wails_ok; then
  say "installing the Wails CLI ${WAILS_VERSION}"
  go install "github.com/wailsapp/wails/v2/cmd/wails@${WAILS_VERSION}"
fi

npm_ci_if_changed
