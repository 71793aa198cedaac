#!/usr/bin/env bash
# Runs every Go fuzz target (func FuzzXxx in a _test.go file under backend/)
# for FUZZTIME each (default 10s). The corpus the fuzzer grows is kept in the
# Go cache ($(go env GOCACHE)/fuzz), so each run goes on from the last; a
# failing input is written to testdata/fuzz/<Target>/ beside the test, where
# every `go test` runs it again: commit it with the fix.
#   scripts/fuzz.sh                  every target
#   FUZZTIME=1m scripts/fuzz.sh      longer
#   scripts/fuzz.sh FuzzEndpoints    the targets named
#   FUZZ_SAVE=1 scripts/fuzz.sh      also copy the grown corpus into testdata/fuzz,
#                                    to commit it as seeds every `go test` runs
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

fuzztime=${FUZZTIME:-10s}
count() { if [ -d "$1" ]; then find "$1" -type f | wc -l; else echo 0; fi; }
only=" $* "
failed=()
start=$(date +%s)
while IFS=: read -r file target; do
  [ "$only" = "  " ] || [[ "$only" == *" $target "* ]] || continue
  dir=$(dirname "$file")
  say "fuzz $target ($dir, $fuzztime)"
  corpus="$dir/testdata/fuzz/$target"
  before=$(count "$corpus")
  log=$(mktemp)
  t0=$(date +%s)
  if go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "./$dir" >"$log" 2>&1; then
    echo "  $(grep 'fuzz: elapsed' "$log" | tail -n 1 | sed 's/^fuzz: //') — $(( $(date +%s) - t0 )) s with the build"
  elif grep -q 'context deadline exceeded' "$log" && [ "$(count "$corpus")" = "$before" ]; then
    # Go 1.26's fuzz coordinator can report its own -fuzztime deadline as a
    # failure, with no failing input (go.dev/issue/75804, fixed in 1.27).
    echo "  (the fuzzer's known end-of-time race, no failing input: counted as passed)"
  else
    cat "$log"
    failed+=("$target")
  fi
  rm -f "$log"
  if [ "${FUZZ_SAVE:-}" = 1 ]; then
    cache="$(go env GOCACHE)/fuzz/$(go list "./$dir")/$target"
    if [ -d "$cache" ]; then
      mkdir -p "$corpus"
      cp -n "$cache"/* "$corpus"/
    fi
  fi
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' backend | sed 's/func //' | sort -u)

say "fuzzing took $(( $(date +%s) - start )) s"
if [ ${#failed[@]} -gt 0 ]; then
  die "fuzz targets failed: ${failed[*]} (the failing inputs are in testdata/fuzz/)"
fi
