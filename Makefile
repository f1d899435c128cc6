# sitrep: the project's checks and measurements.
GO ?= go

.PHONY: build check test test-faults vet fmt-check fuzz eval eval-incidents bench bench-consolidate browser-test screenshots
build:
	$(GO) build -o bin/sitrep ./cmd/sitrep

# check is what CI runs (.ci/run) and the README's test command:
# formatting, vet, and every test with the race detector.
check: fmt-check vet test test-faults

test:
	$(GO) test -race -count=1 ./...

# test-faults kills ingests with SIGKILL; without the race detector, whose
# slowness would leave the child processes little to do between kills.
test-faults:
	$(GO) test -count=1 -run 'SIGKILL' ./internal/cli ./internal/store/sqlite

vet:
	$(GO) vet ./...

# gofmt -l lists files whose formatting differs; the list must be empty.
fmt-check:
	@out=$$(gofmt -l .); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# fuzz runs each input fuzz target for FUZZTIME (a short smoke run by default).
FUZZTIME ?= 20s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzText$$' -fuzztime $(FUZZTIME) ./internal/ingest
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeLine$$' -fuzztime $(FUZZTIME) ./internal/ingest
	$(GO) test -run '^$$' -fuzz '^FuzzLineReader$$' -fuzztime $(FUZZTIME) ./internal/ingest
	$(GO) test -run '^$$' -fuzz '^FuzzEventFilter$$' -fuzztime $(FUZZTIME) ./internal/server

# eval scores extraction and annotation against ../shared (seeds, GTD, MUC-4, TimeBank, LGL).
eval: build
	bash scripts/eval.sh

# eval-incidents extracts and consolidates ../shared/evaldata/bench/news10k.jsonl.gz
# and prints, for ten incidents of 2025 the stream covers heavily, into how
# many incidents their reports fall and whether incidents mix them
# (internal/consolidate/news_test.go says how reports are judged).
eval-incidents:
	$(GO) test -run '^$$' -bench '^BenchmarkNews10kIncidents$$' -benchtime 1x -v ./internal/consolidate

# bench measures batch extraction throughput on ../shared/evaldata/bench/news10k.jsonl.gz.
bench:
	$(GO) test -run '^$$' -bench '^BenchmarkNews10k$$' -benchtime 1x -timeout 30m ./internal/cli

# browser-test drives Debian's chromium (CHROMIUM=/path to use another)
# through `sitrep serve` with playwright-core (pinned in
# test/browser/package-lock.json): login, map filters, timeline brush,
# dossier, review history, actor network, search, upload, logout, a
# viewer's refused write, and the map with 100,000 incidents (PERF=0
# skips that). `make screenshots` runs it and keeps the screenshots of
# each view in docs/screenshots/.
browser-test: test/browser/node_modules
	cd test/browser && node run.mjs

screenshots: test/browser/node_modules
	cd test/browser && SHOTS=../../docs/screenshots node run.mjs

test/browser/node_modules: test/browser/package.json test/browser/package-lock.json
	cd test/browser && npm ci --no-audit --no-fund
	@touch $@
