# Shared by the scripts: versions, PATH and small helpers.
# shellcheck shell=bash
WAILS_VERSION=v2.16.0
GO_VERSION_MIN=1.26
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "$1 is missing: install $2"; }
sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

wails_ok() {
  command -v wails >/dev/null && wails version 2>/dev/null | grep -q "${WAILS_VERSION}"
}

# npm ci only when package-lock.json changed since the last install.
npm_ci_if_changed() {
  local stamp=frontend/node_modules/.keydesk-lock-hash
  local hash
  hash=$(sha256sum frontend/package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
    say "installing npm packages"
    (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
    echo "$hash" > "$stamp"
  fi
  fence_node_modules
}

# Some npm packages ship .go files; a go.mod in node_modules makes it a
# module of its own, so `go vet ./...` and `go test ./...` skip it.
fence_node_modules() {
  if [ -d frontend/node_modules ] && [ ! -f frontend/node_modules/go.mod ]; then
    printf 'module ignore\n' > frontend/node_modules/go.mod
  fi
}

# Builds the frontend when a source file is newer than the last build.
build_frontend_if_changed() {
  if [ ! -f frontend/dist/index.html ] || [ -n "$(find frontend/src frontend/public frontend/index.html frontend/package-lock.json frontend/vite.config.ts frontend/wailsjs -newer frontend/dist/index.html -print -quit)" ]; then
    say "building the frontend"
    # The build is dated when it starts, not when it ends: a source saved
    # while it ran is newer than it, so the next call builds again rather
    # than keep a bundle made from half of an edit.
    local started
    started=$(mktemp)
    (cd frontend && npm run build --silent)
    touch -r "$started" frontend/dist/index.html
    rm -f "$started"
  fi
}
