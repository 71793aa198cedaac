#!/usr/bin/env bash
# Smoke test of the real desktop binary: start it under Xvfb with a fresh
# data dir, wait for the "Keydesk" window, take a screenshot and check that
# the window painted the app (not a blank page).
# Usage: scripts/smoke-desktop.sh [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

shot=${1:-build/bin/smoke-desktop.png}
mkdir -p "$(dirname "$shot")"
scripts/build-desktop.sh
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

say "starting the desktop app under Xvfb"
export KEYDESK_HOME=$home KEYDESK_KEYRING=file KEYDESK_KEYRING_PASSWORD=smoke-test SHOT=$shot
xvfb-run -a -s "-screen 0 1280x860x24" bash -c '
  ./build/bin/keydesk-desktop >"$KEYDESK_HOME/app.log" 2>&1 & app=$!
  trap "kill $app 2>/dev/null; wait $app 2>/dev/null" EXIT
  if ! timeout 30 xdotool search --sync --onlyvisible --name "^Keydesk$" >/dev/null; then
    echo "no window titled Keydesk appeared"; cat "$KEYDESK_HOME/app.log"; exit 1
  fi
  # Wait until the page has painted: a blank window has a handful of colours.
  for i in $(seq 1 40); do
    import -window root "$SHOT"
    colours=$(convert "$SHOT" -format "%k" info:)
    [ "$colours" -gt 200 ] && break
    sleep 0.5
  done
  sleep 1; import -window root "$SHOT"
  colours=$(convert "$SHOT" -format "%k" info:)
  echo "screenshot $SHOT: $colours colours"
  if [ "$colours" -le 200 ]; then echo "the window looks blank"; cat "$KEYDESK_HOME/app.log"; exit 1; fi
  kill -0 $app || { echo "the app exited"; cat "$KEYDESK_HOME/app.log"; exit 1; }
'
for f in desk.db local-server.db; do
  [ -s "$home/$f" ] || die "the app did not create $f in KEYDESK_HOME"
done
say "desktop smoke test passed"
