# sitrep: the project's checks and measurements.
GO ?= go
# A pipe fails when its first command does (test-faults filters go test).
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

.PHONY: build check check-postgres test test-faults test-kill200 vet fmt-check fuzz eval eval-incidents news10k bench bench-consolidate browser-test screenshots
build:
	$(GO) build -o bin/sitrep ./cmd/sitrep

# check is what CI runs (.ci/run) and the README's test command:
# formatting, vet, and every test with the race detector.
check: fmt-check vet test test-faults

test:
	$(GO) test -race -count=1 -timeout 30m ./...

# check-postgres is check with a throwaway PostgreSQL cluster
# (scripts/pg-test.sh; needs Debian's postgresql): the PostgreSQL store's
# tests, which skip without SITREP_TEST_POSTGRES, run too. .ci/run runs it.
check-postgres:
	scripts/pg-test.sh run $(MAKE) check

# test-faults kills ingests with SIGKILL, floods a server with 1,000
# logins, and runs the whole tamper campaign against verify (the race
# detector's run samples it); without the race detector, whose slowness
# would leave the child processes little to do between kills and make the
# memory figures meaningless.
test-faults:
	$(GO) test -count=1 -run 'SIGKILL|LoginFlood' ./internal/cli ./internal/store/sqlite
	$(GO) test -count=1 -run 'TamperCampaign' -v ./internal/custody | grep -E -A6 '^\s*--- FAIL|^(ok|FAIL)|tamper campaign:'

# test-kill200 is the long SIGKILL run: 200 kills over 2,000 documents
# (about 10 minutes here); test-faults runs 20 over 1,000.
test-kill200:
	SITREP_KILLS=200 SITREP_KILL_DOCS=2000 $(GO) test -count=1 -timeout 60m -run 'IngestSurvivesSIGKILL' -v ./internal/cli | grep -E -A6 '^\s*--- FAIL|^(ok|FAIL)|SIGKILL:'

vet:
	$(GO) vet ./...

# gofmt -l lists files whose formatting differs; the list must be empty.
fmt-check:
	@out=$$(gofmt -l .); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# fuzz runs every fuzz target in the module (each parser of outside input
# has one) for FUZZTIME each, and prints the inputs each executed; each
# must reach 100,000 in two minutes here (make fuzz FUZZTIME=2m). Inputs
# that find new paths are minimised for at most FUZZMIN runs: left at its
# default (a minute), minimising a seed of 25 kB (a PDF) takes the
# fuzzer's whole time.
FUZZTIME ?= 20s
FUZZMIN ?= 10x
fuzz:
	bash scripts/fuzz.sh $(FUZZTIME) $(FUZZMIN)

# eval scores extraction and annotation against ../shared (seeds, news and its
# thirds, GTD, MUC-4, TimeBank, LGL). The news and GTD figures have floors in
# internal/extract/testdata/floors.txt that make check enforces (TestEvalFloors).
eval: build
	bash scripts/eval.sh

# eval-incidents extracts and consolidates ../shared/evaldata/bench/news10k.jsonl.gz
# and prints, for ten incidents of 2025 the stream covers heavily, into how
# many incidents their reports fall, whether incidents mix them and where
# they are placed, and how many incidents sit in a national capital none of
# their reports names, in the file's order and in order of publication
# (internal/consolidate/news_test.go says how reports are judged).
eval-incidents:
	$(GO) test -run '^$$' -bench '^BenchmarkNews10kIncidents$$' -benchtime 1x -v ./internal/consolidate

# bench-consolidate times consolidating 100,000 and 1,000,000 generated
# events (internal/consolidate/bench_test.go); the target is a million in
# under a minute.
bench-consolidate:
	$(GO) test -run '^$$' -bench '^BenchmarkConsolidate(100k|1M)$$' -benchtime 1x -timeout 60m ./internal/consolidate

# news10k checks what extraction makes of ../shared/evaldata/bench/news10k.jsonl.gz
# (10,000 real articles): no range with low > high, no incident before 1900,
# at most 20 dated after publication and not planned, at most 20 with more
# than 10,000 killed; it prints the share of conflict:false articles with
# any incident.
news10k:
	NEWS10K=1 $(GO) test -count=1 -run '^TestNews10kFigures$$' -v ./internal/extract | grep -v '^=== RUN'

# bench measures batch extraction throughput on ../shared/evaldata/bench/news10k.jsonl.gz.
bench:
	$(GO) test -run '^$$' -bench '^BenchmarkNews10k$$' -benchtime 1x -timeout 30m ./internal/cli

# browser-test drives Debian's chromium (CHROMIUM=/path to use another)
# through `sitrep serve` with playwright-core and axe-core (pinned in
# test/browser/package-lock.json) over a corpus the test writes: the map,
# the incident table, the timeline, the dossier bound to the versions it
# shows, the network, the actor page, search, the review queue, the
# audit, live updates, keyboard use, WCAG 2.1 AA, a viewer's refused
# write, and the map with 100,000 incidents (PERF=0 skips that).
# `make screenshots` runs it and keeps the screenshots of each view in
# docs/screenshots/. test/browser/measure.mjs times the views over a
# corpus already ingested (see docs/web.md).
browser-test: test/browser/node_modules
	cd test/browser && node run.mjs

screenshots: test/browser/node_modules
	cd test/browser && SHOTS=../../docs/screenshots node run.mjs

test/browser/node_modules: test/browser/package.json test/browser/package-lock.json
	cd test/browser && npm ci --no-audit --no-fund
	@touch $@
