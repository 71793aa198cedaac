#!/usr/bin/env bash
# Builds the desktop binary (frontend embedded) without the Wails CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

build_frontend_if_changed
tags=desktop,production
# Distributions that ship only WebKitGTK 4.1 (Ubuntu 24.04+) need Wails' tag.
if ! pkg-config --exists webkit2gtk-4.0 2>/dev/null && pkg-config --exists webkit2gtk-4.1 2>/dev/null; then
  tags="$tags,webkit2_41"
fi
say "building build/bin/keydesk-desktop"
go build -tags "$tags" -ldflags "-w -s" -o build/bin/keydesk-desktop .
