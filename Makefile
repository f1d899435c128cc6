# sitrep: the project's checks and measurements.
GO ?= go

.PHONY: build check test vet fmt-check eval bench
build:
	$(GO) build -o bin/sitrep ./cmd/sitrep

# check is what CI runs (.ci/run): formatting, vet, and every test with the race detector.
check: fmt-check vet test

test:
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# eval scores extraction and annotation against ../shared (seeds, GTD, MUC-4, TimeBank, LGL).
eval: build
	bash scripts/eval.sh

# bench measures extraction throughput on ../shared/evaldata/bench/news10k.jsonl.gz.
bench:
	$(GO) test -run '^$$' -bench 'BenchmarkNews10k' -benchtime 1x -timeout 30m ./internal/cli
