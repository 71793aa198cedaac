#!/usr/bin/env bash
# Desktop benchmark (issue 9, point 6): the real desktop binary against a
# minimal Wails window (backend/cmd/benchwindow) built with the same
# toolchain and tags, under Xvfb, alternating, BENCH_COUNT times each.
#   cold start: process spawn → the first paint the page reports in the
#     app's output ("keydesk: key table painted at T" once the key table
#     shows rows, with 10,000 cached keys; "benchwindow: painted at T" on the
#     minimal page). T is the page's first contentful paint in ms since the
#     epoch (Keydesk's only if it came after the rows were committed, else
#     when the marker ran: perfMarks.ts). The marker itself is printed after
#     the paint, when the page's queued work lets it (for Keydesk up to
#     100 ms later): the time it reaches the log would count that work too.
#   idle memory: after IDLE seconds (5), PSS summed over the process tree
#     (the Go process, WebKitWebProcess, WebKitNetworkProcess).
# Each start gets fresh XDG dirs (cold WebKit caches) and, for Keydesk, a
# fresh copy of a data dir seeded once with 10,000 keys.
# Prints go-test-bench lines (BenchmarkDesktopColdStart, BenchmarkDesktopMemory)
# and appends them to $1 when given.
# Usage: scripts/bench-desktop.sh [RAW_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

if [ "${1:-}" = --inner ]; then
  shift
  inner=1
else
  inner=
fi

# ---- under Xvfb: the measurements --------------------------------------
if [ -n "$inner" ]; then
  seeded=$1 lines=$2
  count=${BENCH_COUNT:-3} idle=${IDLE:-5}

  # The pids of a process and all its descendants.
  tree() {
    local p=$1 c
    echo "$p"
    for c in $(pgrep -P "$p" 2>/dev/null); do tree "$c"; done
  }
  # PSS of a process tree in kB.
  pss_kb() {
    local total=0 p v
    for p in "$@"; do
      v=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || true)
      total=$((total + ${v:-0}))
    done
    echo "$total"
  }
  names() {
    local p
    for p in "$@"; do cat "/proc/$p/comm" 2>/dev/null; done | sort | uniq -c | awk '{printf "%s%s×%s", sep, $2, $1; sep=" "}'
  }

  # run LABEL BINARY MARKER [SEEDED_HOME]: sets ms, kb, procs.
  run() {
    local label=$1 bin=$2 marker=$3 src=${4:-} dir log t0 t1 pid pids deadline
    dir=$(mktemp -d)
    mkdir -p "$dir/cache" "$dir/data" "$dir/config"
    [ -n "$src" ] && cp -a "$src" "$dir/home"
    log=$dir/out.log
    t0=$(date +%s%N)
    KEYDESK_HOME=$dir/home XDG_CACHE_HOME=$dir/cache XDG_DATA_HOME=$dir/data XDG_CONFIG_HOME=$dir/config \
      "$bin" >"$log" 2>&1 &
    pid=$!
    deadline=$((t0 + 60000000000))
    until grep -qF "$marker" "$log"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "$label exited before painting:" >&2; cat "$log" >&2; exit 1
      fi
      if [ "$(date +%s%N)" -gt "$deadline" ]; then
        echo "$label did not paint within 60 s:" >&2; cat "$log" >&2; kill "$pid"; exit 1
      fi
      sleep 0.005
    done
    t1=$(date +%s%N)
    painted=$(grep -F "$marker at " "$log" | head -1 | sed 's/.* at \([0-9]*\).*/\1/')
    if [ -n "$painted" ]; then
      ms=$((painted - t0 / 1000000))
    else
      ms=$(((t1 - t0) / 1000000))
    fi
    sleep "$idle"
    mapfile -t pids < <(tree "$pid")
    kb=$(pss_kb "${pids[@]}")
    procs=$(names "${pids[@]}")
    printf '%-9s cold start %5d ms (marker logged at %d ms), idle PSS %4d MB (%s)\n' \
      "$label" "$ms" $(((t1 - t0) / 1000000)) $((kb / 1024)) "$procs" >&2
    # The app first, then whatever of its tree outlives it.
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for p in "${pids[@]:1}"; do kill "$p" 2>/dev/null || true; done
    sleep 0.5
    rm -rf "$dir"
  }

  # One unmeasured start of each first: page cache and fontconfig warm for both.
  IDLE_SAVE=$idle idle=0
  run warmup ./build/bin/benchwindow "benchwindow: painted"
  run warmup ./build/bin/keydesk-desktop "keydesk: key table painted" "$seeded"
  idle=$IDLE_SAVE
  for i in $(seq 1 "$count"); do
    # Alternate which one starts first.
    if [ $((i % 2)) = 1 ]; then
      run minimal ./build/bin/benchwindow "benchwindow: painted"; mms=$ms mkb=$kb
      run keydesk ./build/bin/keydesk-desktop "keydesk: key table painted" "$seeded"; kms=$ms kkb=$kb
    else
      run keydesk ./build/bin/keydesk-desktop "keydesk: key table painted" "$seeded"; kms=$ms kkb=$kb
      run minimal ./build/bin/benchwindow "benchwindow: painted"; mms=$ms mkb=$kb
    fi
    awk -v k="$kms" -v m="$mms" 'BEGIN { printf "BenchmarkDesktopColdStart 1 %.0f ns/op %.3f ratio %d ms-keydesk %d ms-minimal\n", k * 1e6, k / m, k, m }' >>"$lines"
    awk -v k="$kkb" -v m="$mkb" 'BEGIN { printf "BenchmarkDesktopMemory 1 %.3f ratio %.1f MB-keydesk %.1f MB-minimal\n", k / m, k / 1024, m / 1024 }' >>"$lines"
  done
  exit 0
fi

# ---- outside: build, seed, start Xvfb -----------------------------------
out=${1:-}
need xvfb-run "xvfb (scripts/install-deps.sh)"
scripts/build-desktop.sh
tags=desktop,production
if ! pkg-config --exists webkit2gtk-4.0 2>/dev/null && pkg-config --exists webkit2gtk-4.1 2>/dev/null; then
  tags="$tags,webkit2_41"
fi
say "building build/bin/benchwindow (a minimal Wails window) and keydesk-seed"
go build -tags "$tags" -ldflags "-w -s" -o build/bin/benchwindow ./backend/cmd/benchwindow
go build -o build/bin/keydesk-seed ./backend/cmd/keydesk-seed

work=$(mktemp -d)
# Without a session bus, GTK starts one of its own for a window and leaves it
# behind (one dbus-daemon per pair of starts): those the run started go with it.
dbus_before=" $(pgrep -d ' ' -x dbus-daemon || true) "
leftover_buses() {
  local p
  for p in $(pgrep -x dbus-daemon || true); do
    case "$dbus_before" in *" $p "*) ;; *) [ "$(ps -o ppid= -p "$p" | tr -d ' ')" = 1 ] && kill "$p" 2>/dev/null || true ;; esac
  done
}
trap 'rm -rf "$work"; leftover_buses' EXIT
export KEYDESK_KEYRING=file KEYDESK_KEYRING_PASSWORD=bench
say "seeding a data dir with 10,000 keys"
./build/bin/keydesk-seed -home "$work/seeded" -n 10000
rm -f "$work/seeded"/*.lock "$work/seeded/keydesk-web.log"
: >"$work/lines"
say "cold start and idle memory under Xvfb: Keydesk vs a minimal Wails window, ${BENCH_COUNT:-3} times each"
xvfb-run -a -s "-screen 0 1280x860x24" bash scripts/bench-desktop.sh --inner "$work/seeded" "$work/lines"
cat "$work/lines"
[ -n "$out" ] && cat "$work/lines" >>"$out"
exit 0
