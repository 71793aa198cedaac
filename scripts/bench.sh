#!/usr/bin/env bash
# make bench: Keydesk's performance table. Runs the Go benchmarks of the
# server and the desktop several times (BENCH_COUNT, default 3), prints the
# medians against their targets and writes them to build/bench/results.md
# (raw output beside it). Quote medians and ratios measured in one run:
# absolute times drift between machines and runs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

fence_node_modules
count=${BENCH_COUNT:-3}
out=build/bench
mkdir -p "$out"
raw=$out/raw.txt
: >"$raw"
command -v wrk >/dev/null || say "wrk is not installed (apt-get install wrk): the HTTP verify rows stay empty"

say "in-process verify"
go test -run '^$' -bench 'VerifyCached$' -benchmem -count "$count" ./backend/server | tee -a "$raw"

# Two replicas on one PostgreSQL for the revocation row, when it is there.
if command -v pg_ctlcluster >/dev/null; then
  scripts/postgres.sh start
  KEYDESK_BENCH_POSTGRES="$(scripts/postgres.sh dsn keydesk_bench)"
  export KEYDESK_BENCH_POSTGRES
fi
say "server over HTTP (verify vs bare handler, create, list of 100,000, revocation)"
go test -run '^$' -bench 'VerifyHTTP|CreateHTTP|List100k|Revocation' -benchtime 1x -count "$count" -timeout 60m ./backend/server | tee -a "$raw"
say "desktop cache (sync and reminder scan of 100,000 keys)"
go test -run '^$' -bench '100k$' -benchtime 1x -count "$count" -timeout 60m ./backend/desk | tee -a "$raw"

say "UI: sort and filter 10,000 keys (Playwright, performance marks)"
scripts/bench-ui.sh "$raw" || say "the UI benchmark failed: its rows stay empty"
if command -v xvfb-run >/dev/null; then
  say "desktop: cold start and idle memory vs a minimal Wails window (Xvfb)"
  scripts/bench-desktop.sh "$raw" || say "the desktop benchmark failed: its rows stay empty"
else
  say "xvfb-run is not installed: the desktop rows stay empty"
fi

echo
go run ./backend/cmd/benchtable -o "$out/results.md" <"$raw"
say "written to $out/results.md"
