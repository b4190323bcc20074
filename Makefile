# b24gen: two commands do everything.
#
#   make generate   regenerate generated/ from specs/
#   make test       vet, test (with the fuzz seed corpora) and check that
#                   generated/ is current
#
# Corpus tests read the Bitrix24 docs tree from $(B24_DOCS) (default
# ../shared/b24-rest-docs) and skip when it is missing, unless CI=true.

GO ?= go
B24_DOCS ?= ../shared/b24-rest-docs
B24_DOCS_EN ?= ../shared/b24-rest-docs-en
export B24_DOCS B24_DOCS_EN

.PHONY: generate test vet fmt-check check-generated downstream interop bench fuzz

generate:
	$(GO) run ./cmd/b24gen generate -docs specs -out generated

# The whole-corpus tests build the whole API: go test's default 10
# minutes per package is too short on a loaded machine.
test: fmt-check vet check-generated downstream
	$(GO) test -timeout 30m ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out="$$(gofmt -l $$(git ls-files --cached --others --exclude-standard '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

check-generated:
	$(GO) run ./cmd/b24gen generate -docs specs -out generated -check

# The example downstream module: its committed output is current, its
# go:generate line (go tool b24gen -config b24gen.yaml) runs and changes
# nothing, and its code builds and passes its tests.
downstream:
	cd examples/downstream && $(GO) tool b24gen -config b24gen.yaml -check
	cd examples/downstream && $(GO) generate ./... && $(GO) vet ./... && $(GO) test ./...
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
		out="$$(git status --porcelain -- examples/downstream)"; \
		if [ -n "$$out" ]; then echo "go generate changed examples/downstream:"; echo "$$out"; exit 1; fi; \
	fi

# The OpenAPI export through other languages' tools (pinned): Redocly
# lint, openapi-typescript + tsc, oapi-codegen + go build. CI runs it.
interop:
	GO=$(GO) .ci/interop/run

# Benchmarks on the whole docs tree (B24_DOCS): the model, full
# generation, cold builds of the generated packages; and the runtime's.
# Then the model's time over goldmark's bare parse of the same pages,
# measured in the same process (BenchmarkModel's x-floor; target 1.5).
bench:
	@out=$$(mktemp); \
	{ $(GO) test -run '^$$' -bench . -benchmem -timeout 30m ./...; echo $$? > $$out.rc; } | tee $$out; \
	awk '/^BenchmarkModel\// { for (i = 2; i <= NF; i++) if ($$i == "x-floor") printf "model / goldmark floor, %s: %s×\n", $$1, $$(i-1) }' $$out; \
	rc=$$(cat $$out.rc); rm -f $$out $$out.rc; exit $$rc

# A short run of every fuzz target; their seed corpora already run in make test.
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./parser/yfm
	$(GO) test -run '^$$' -fuzz FuzzPage -fuzztime 30s ./parser
	$(GO) test -run '^$$' -fuzz FuzzIdent -fuzztime 30s ./internal/support/naming
	$(GO) test -run '^$$' -fuzz FuzzServe -fuzztime 30s ./b24/b24server
	$(GO) test -run '^$$' -fuzz FuzzBatchReferences -fuzztime 30s ./b24/b24server
	$(GO) test -run '^$$' -fuzz FuzzEvent -fuzztime 30s ./b24/b24event
	$(GO) test -run '^$$' -fuzz FuzzDecodeBudget -fuzztime 30s ./b24/internal/params
	$(GO) test -run '^$$' -fuzz FuzzFromJSON -fuzztime 30s ./internal/support/jsonyaml
	$(GO) test -run '^$$' -fuzz '^FuzzCellFastPath$$' -fuzztime 30s ./parser/yfm
	$(GO) test -run '^$$' -fuzz '^FuzzFold$$' -fuzztime 30s ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzPlainText$$' -fuzztime 30s ./analysis
	$(GO) test -run '^$$' -fuzz '^FuzzIndent$$' -fuzztime 30s ./internal/cli
