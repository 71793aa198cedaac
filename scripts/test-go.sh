#!/usr/bin/env bash
# Go checks: vet, the whole test suite, and the keychain test against a real
# Secret Service (gnome-keyring in a private D-Bus session).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

fence_node_modules
say "go vet"
go vet ./...
say "go test"
go test -count=1 ./...

# 20 s of mixed traffic at concurrency 64 (make soak runs a minute).
say "soak test (20 s)"
KEYDESK_SOAK=20s go test -count=1 -run '^TestSoak$' -v ./backend/server/ | grep -E '^(--- |ok|FAIL|PASS)|soak_test'

# The server suite again, against a real PostgreSQL on loopback.
if command -v pg_ctlcluster >/dev/null; then
  say "server tests against PostgreSQL"
  scripts/postgres.sh start
  KEYDESK_TEST_POSTGRES="$(scripts/postgres.sh dsn keydesk_test)" go test -count=1 ./backend/server/ ./backend/cli/
else
  say "skipping the PostgreSQL run: PostgreSQL is not installed (apt-get install postgresql)"
fi

if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  say "keychain test against a real Secret Service"
  # A keyring of its own in a temporary data dir: gnome-keyring creates the
  # login collection unlocked with this password, whatever the machine has.
  keyring_home=$(mktemp -d)
  XDG_DATA_HOME=$keyring_home dbus-run-session -- bash -c '
    set -eo pipefail
    echo -n keydesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    KEYDESK_TEST_SECRET_SERVICE=1 go test -count=1 -run TestSecretService -v ./backend/secrets/ | grep -E "^(--- |ok|FAIL|PASS)"
  ' 2> >(grep -v "Failed to set fd limit" >&2)
  rm -rf "$keyring_home"
else
  say "skipping the Secret Service test: gnome-keyring or dbus is not installed"
fi
