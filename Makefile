# Keydesk. The two commands for a fresh machine:
#   make run    install what is missing, build, open the app on the Local workspace
#   make test   every test: Go, frontend, end to end, desktop smoke test
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin

.PHONY: run test deps build cli bindings frontend test-go test-frontend test-e2e test-smoke screenshots clean

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

test: test-go test-frontend test-e2e test-smoke

test-go:
	scripts/test-go.sh

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
	for f in offline rotate-dialog secret-dialog; do \
	  cp frontend/test-results/screenshots/$$f.png build/screenshots/; done
	scripts/smoke-desktop.sh build/screenshots/desktop.png

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html frontend/test-results
