# Accord: `make run` serves the archive, `make test` runs the Go-only tests,
# `make check` is what CI runs (it installs what it needs when missing).

GO        ?= go
ADDR      ?= 127.0.0.1:8080
FUZZTIME  ?= 10s
export DEBIAN_FRONTEND := noninteractive

.PHONY: run build test check vet staticcheck race fuzz browser tools bench clean

run:
	$(GO) run ./cmd/accord serve --addr $(ADDR)

build:
	$(GO) build -trimpath -o bin/accord ./cmd/accord

test:
	$(GO) test ./...

check: vet staticcheck race fuzz browser

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

staticcheck:
	$(GO) tool staticcheck ./...

race:
	$(GO) test -race -count=1 ./...

# A short run of every fuzz target, so none of them rots.
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; done

# Real-browser tests: headless Chromium driven by chromedp.
browser: tools
	$(GO) test -tags browser -count=1 ./...

# Install what the checks need when it is missing (CI machines start bare).
tools:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
