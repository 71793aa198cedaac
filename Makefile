# Keydesk. The two commands for a fresh machine:
#   make run    install what is missing, build, open the app on the Local workspace
#   make test   every test: Go, frontend, end to end, desktop smoke test
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin

.PHONY: run test deps build cli bindings frontend test-go test-frontend test-e2e test-smoke screenshots bench clean soak fuzz

run: deps bindings build
	./build/bin/keydesk-desktop

deps:
	scripts/install-deps.sh

# Regenerates frontend/wailsjs from the bound Go facades (needs the Wails CLI).
bindings:
	. scripts/lib.sh && wails generate module

build:
	scripts/build-desktop.sh

# The pure-Go server and CLI.
cli:
	CGO_ENABLED=0 go build -o build/bin/keydesk ./backend/cmd/keydesk

frontend:
	. scripts/lib.sh && npm_ci_if_changed && build_frontend_if_changed

test: test-go fuzz test-frontend test-e2e test-smoke

test-go:
	scripts/test-go.sh

# One minute of mixed traffic at concurrency 64 against one server: no 5xx,
# every answer right, memory flat (make test runs it for 20 s).
soak:
	KEYDESK_SOAK=$${KEYDESK_SOAK:-60s} go test -count=1 -timeout 30m -run '^TestSoak$$' -v ./backend/server/

# Every Go fuzz target for FUZZTIME each (10s; make fuzz FUZZTIME=5m).
fuzz:
	scripts/fuzz.sh

test-frontend:
	. scripts/lib.sh && npm_ci_if_changed
	cd frontend && npm run typecheck && npm run lint && npm test

test-e2e:
	. scripts/lib.sh && npm_ci_if_changed
	scripts/test-e2e.sh

test-smoke:
	scripts/smoke-desktop.sh

# Refreshes the README's screenshots from a run of the app (end to end and
# the desktop smoke test).
screenshots: test-e2e
	for f in offline rotate-dialog secret-dialog profiles overview; do \
	  cp frontend/test-results/screenshots/$$f.png build/screenshots/; done
	scripts/smoke-desktop.sh build/screenshots/desktop.png

# The performance table (README, Performance): medians of several runs.
bench:
	scripts/bench.sh

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html frontend/test-results
