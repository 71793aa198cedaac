#!/usr/bin/env bash
# End-to-end: the built frontend in Debian's Chromium, driven by Playwright,
# against the real Go backend (app/webbridge).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

build_frontend_if_changed
say "building keydesk-web and keydesk"
go build -o build/bin/keydesk-web ./app/webbridge/cmd/keydesk-web
CGO_ENABLED=0 go build -o build/bin/keydesk ./backend/cmd/keydesk
say "playwright"
cd frontend
npx playwright test "$@"
