#!/usr/bin/env bash
# UI benchmark (issue 9, point 7): sorting and filtering the key table with
# 10,000 keys, in Debian's Chromium driven by Playwright, against the real Go
# backend (app/webbridge). Prints go-test-bench lines (BenchmarkUISort10k,
# BenchmarkUIFilter10k: the median of each round, BENCH_COUNT rounds) and
# appends them to $1 when given. Not part of `make test`.
# Usage: scripts/bench-ui.sh [RAW_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

out=${1:-}
build_frontend_if_changed
say "building keydesk-web and keydesk-seed"
go build -o build/bin/keydesk-web ./app/webbridge/cmd/keydesk-web
go build -o build/bin/keydesk-seed ./backend/cmd/keydesk-seed
home=$(mktemp -d)
lines=$(mktemp)
trap 'rm -rf "$home" "$lines"' EXIT
export KEYDESK_KEYRING=file KEYDESK_KEYRING_PASSWORD=bench
./build/bin/keydesk-seed -home "$home" -n 10000
say "playwright: sort and filter 10,000 keys"
(cd frontend && KEYDESK_PERF_HOME=$home KEYDESK_PERF_OUT=$lines BENCH_COUNT=${BENCH_COUNT:-3} \
  npx playwright test -c playwright.perf.config.ts)
cat "$lines"
[ -n "$out" ] && cat "$lines" >>"$out"
exit 0
