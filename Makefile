# Accord: `make run` serves the archive, `make test` runs the Go-only tests,
# `make check` is what CI runs (it installs what it needs when missing).

GO        ?= go
ADDR      ?= 127.0.0.1:8080
export DEBIAN_FRONTEND := noninteractive

# Checkers from the npm registry, pinned, installed on first use.
NPM_DIR := .cache/npm
AXE := $(NPM_DIR)/node_modules/axe-core/axe.min.js
VNU := $(NPM_DIR)/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: run build test check vet staticcheck race fuzz browser tools bench bench-smoke bench-tools clean loadtest relevance

run:
	$(GO) run ./cmd/accord serve --addr $(ADDR)

build:
	$(GO) build -trimpath -o bin/accord ./cmd/accord

# Every go test has a -timeout sized to its target, above what it needs on
# two busy cores: a hung test fails with its name and the goroutines' stacks
# instead of holding the run for go test's default 10 minutes. Tests that
# start a server bound it more tightly themselves (internal/testenv).
test:
	$(GO) test -timeout 5m ./...

# Under check (and browser), a test whose external tool is missing fails
# rather than skips (internal/testenv: ACCORD_REQUIRE_TOOLS, as CI=true).
# The installs come first, one at a time (apt-get holds a lock); then the
# checks run side by side, CHECK_JOBS at once, each one's output printed
# whole when it ends: the browser tests mostly wait on Chromium while the
# race tests keep the cores busy. The longest start first. Two at once, not
# more: everything else is CPU-bound, and a third job only slows the
# browser tests, whose servers are stopped as hung after serveTimeout.
CHECK_JOBS ?= 2
check: export ACCORD_REQUIRE_TOOLS := 1
check: tools bench-tools $(AXE) $(VNU)
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) --output-sync=target race browser fuzz staticcheck vet bench-smoke

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

staticcheck:
	$(GO) tool staticcheck ./...

# go test's own vet (a few of vet's analyzers) is off here and under fuzz:
# `make vet` runs all of them over the same packages.
race:
	$(GO) test -race -vet=off -count=1 -timeout 15m ./...

# A short run of every fuzz target, so none of them rots: about ten seconds
# each on two cores, set as a number of executions. Not as a duration: when
# -fuzztime is a duration, Go 1.26's fuzz coordinator can report its own
# deadline as a failure ("context deadline exceeded", no failing input
# written) if a worker is mid-call as the time runs out. A target not listed
# gets FUZZ_EXECS_DEFAULT. FUZZTIME=5m (or 1000000x) overrides them all.
FUZZ_EXECS := FuzzApply=200000 FuzzImportRoundTrip=40000 FuzzParse=60000 \
	FuzzPlainFrontMatter=250000 FuzzSearch=10000 FuzzRouter=20000 FuzzSearchPage=20000
FUZZ_EXECS_DEFAULT := 10000
FUZZ_TIMEOUT ?= 10m
# An input found interesting is minimized in at most this many runs of the
# target (Go's default is a minute, which a short run can spend on one
# input). A count, not a duration: fuzzing stops while an input is
# minimized, and on busy cores a few seconds for each of dozens of new
# inputs was most of the run; the executions above are what find bugs.
FUZZ_MINIMIZE ?= 200x
# The targets are found in the sources (func FuzzX(f *testing.F) in a
# _test.go file), not with go test -list, which builds and links a test
# binary for every package only to list them.
FUZZ_TARGETS = git grep --untracked -o '^func Fuzz[A-Za-z0-9_]*(f \*testing\.F)' -- '*_test.go' | \
	sed -E 's|^(([^:]*)/)?[^/:]*:func (Fuzz[A-Za-z0-9_]*).*|./\2 \3|' | sort -u
fuzz:
	@set -e; targets=$$($(FUZZ_TARGETS)); \
	  test -n "$$targets" || { echo "make fuzz: no fuzz targets found (is this a git checkout?)"; exit 1; }; \
	  echo "$$targets" | while read pkg f; do \
	    n=$$(echo " $(FUZZ_EXECS) " | sed -n "s/.* $$f=\([0-9]*\) .*/\1/p"); \
	    t=$${FUZZTIME:-$${n:-$(FUZZ_EXECS_DEFAULT)}x}; \
	    echo "fuzz $$pkg $$f ($$t)"; $(GO) test -vet=off -timeout $(FUZZ_TIMEOUT) -run '^$$' -fuzz "^$$f$$" -fuzztime $$t -fuzzminimizetime $(FUZZ_MINIMIZE) $$pkg; \
	  done

# Real-browser tests: headless Chromium driven by chromedp, with axe-core
# (accessibility) injected into the pages and the Nu HTML Checker (validity).
# Plain `go test ./...` starts no browser: these tests carry the build tag.
# Only they run here, the tests of the files built with the tag alone, in
# their packages: every other test runs under race.
BROWSER_FILES = $(shell git grep --untracked -l '^//go:build browser$$' -- '*_test.go')
BROWSER_TESTS = $(sort $(shell sed -n 's/^func \(Test[A-Za-z0-9_]*\)(t \*testing\.T).*/\1/p' $(BROWSER_FILES) /dev/null))
empty :=
space := $(empty) $(empty)
browser: export ACCORD_REQUIRE_TOOLS := 1
browser: tools $(AXE) $(VNU)
	@test -n "$(BROWSER_TESTS)" || { echo "make browser: no tests found in files with //go:build browser"; exit 1; }
	ACCORD_AXE=$(abspath $(AXE)) ACCORD_VNU=$(abspath $(VNU)) $(GO) test -tags browser -count=1 -timeout 15m \
	  -run '^($(subst $(space),|,$(BROWSER_TESTS)))$$' $(sort $(patsubst %/,./%,$(dir $(BROWSER_FILES))))

# Install what the checks need when it is missing (CI machines start bare).
APT_INSTALL = { apt-get update -qq && apt-get install -y -qq $(1) >/dev/null; }
tools:
	@command -v chromium >/dev/null 2>&1 || $(call APT_INSTALL,chromium)
	@command -v java >/dev/null 2>&1 || $(call APT_INSTALL,default-jre-headless)
	@command -v npm >/dev/null 2>&1 || $(call APT_INSTALL,npm)
	@command -v xmllint >/dev/null 2>&1 || $(call APT_INSTALL,libxml2-utils)
	@command -v pandoc >/dev/null 2>&1 || $(call APT_INSTALL,pandoc)
	@test -f /usr/share/citation-style-language/styles/apa.csl || $(call APT_INSTALL,citation-style-language-styles)

$(AXE) $(VNU) &: | tools
	npm install --no-audit --no-fund --silent --prefix $(NPM_DIR) axe-core@4.14.1 vnu-jar@26.9.27

# The performance report: Accord beside nginx (pages) and SQLite
# FTS5 (search) on a 100,000-clause synthetic corpus, one table out, then
# the top of a CPU profile of the searches. bench-smoke is the same harness
# with tiny sizes and one-second runs, judging no target, so it never rots.
# BENCH_ARGS picks measures and keeps the corpus, e.g.
# make bench BENCH_ARGS="-only start,search -corpus $PWD/.cache/bench/corpus"
# -scale 10000,100000,1000000 measures the growth table instead, one corpus
# per size kept under -corpus, and writes growth.txt and growth.svg here.
BENCH_DIR := .cache/bench
BENCH = $(GO) test -v -tags bench -run '^TestReport$$' -count=1 -timeout $(BENCH_TIMEOUT) ./internal/bench -args
BENCH_TIMEOUT = 100m
bench: bench-tools
	@mkdir -p $(BENCH_DIR)
	$(BENCH) -searchprofile $(abspath $(BENCH_DIR))/search.pprof -out $(abspath $(BENCH_DIR)) $(BENCH_ARGS)
	$(GO) tool pprof -top -nodecount 25 $(BENCH_DIR)/search.pprof 2>/dev/null | sed -n '1,35p'
	@echo "A treaty of 1,500 provisions: parse, index, document page, provision page, data files (targets: page < 50 ms, provision page < 5 ms)"
	$(GO) test -run '^$$' -bench 'ParseTree|BuildTree|TreeDocumentPage|TreeProvisionPage|TreePrerender|TreeAkomaNtoso|TreeJSON|TreeText' -benchtime 20x ./internal/content ./internal/search ./internal/web ./internal/formats

bench-smoke: BENCH_TIMEOUT = 10m
bench-smoke: bench-tools
	$(BENCH) -smoke

bench-tools:
	@command -v nginx >/dev/null 2>&1 || $(call APT_INSTALL,nginx)
	@command -v wrk >/dev/null 2>&1 || $(call APT_INSTALL,wrk)

clean:
	rm -rf bin

# The relevance harness: the judged queries of testdata/relevance over
# content/ and its documents, for Accord and for SQLite FTS5 on the same
# units: nDCG@10, MRR@10, recall@10 and the queries that found nothing.
# make test runs Accord's half and fails under a floor.
relevance:
	$(GO) test -v -tags bench -run '^TestRelevance$$' -count=1 ./internal/bench

# A bounded load on a real server over loopback: document, clause and search
# pages, slow clients trickling their headers throughout, and wrk on a clause
# page (installed when missing). It prints requests/s, p50/p99 latency, errors
# by kind and the server's memory, and fails on any 5xx or socket error.
# Then the storm: 16 clients sending costly searches to 100,000 synthetic
# clauses (kept in LOADTEST_STORM, the index beside it) while a one-word
# search and a clause page are measured; it fails on a 5xx other than 503
# with Retry-After, or a cheap request over 50 ms at p99.
LOADTEST_DURATION ?= 20s
LOADTEST_CONNS    ?= 64
LOADTEST_SLOW     ?= 200
LOADTEST_STORM    ?= $(abspath .cache/loadtest/storm)
loadtest: build
	@command -v wrk >/dev/null 2>&1 || $(call APT_INSTALL,wrk)
	$(GO) run ./internal/loadtest/cmd/loadtest -server bin/accord \
	  -duration $(LOADTEST_DURATION) -conns $(LOADTEST_CONNS) -slow $(LOADTEST_SLOW) -storm $(LOADTEST_STORM)
