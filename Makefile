# Klantbeleving — the two commands a newcomer needs: `make serve` and `make test`.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup serve build check test test-unit test-build test-browser chromium vnu lint clean bench site-diff bench-instructions bench-breakdown lighthouse

setup: $(STAMP)

# (Re)create the virtualenv when the pinned requirements or the project metadata change.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

serve: setup
	KLANTBELEVING_DRAFTS=1 $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

check: setup
	$(BIN)/klantbeleving check

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
# CHROMIUM_PATH may point at another Chromium build (e.g. Chrome on a hosted CI runner).
chromium:
	@if [ -n "$$CHROMIUM_PATH" ] && [ -x "$$CHROMIUM_PATH" ]; then echo "chromium: $$CHROMIUM_PATH"; \
	elif [ -x /usr/bin/chromium ]; then echo "chromium: $$(/usr/bin/chromium --version 2>/dev/null | head -1)"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Chromium ontbreekt: installeer het met 'sudo apt-get install chromium'" >&2; exit 1; fi

# The Nu Html Checker (vnu.jar from the npm registry, pinned in tests/vnu) and the Java it runs on.
VNU_JAR := tests/vnu/node_modules/vnu-jar/build/dist/vnu.jar
vnu: $(VNU_JAR)
	@if command -v java >/dev/null; then echo "java: $$(java -version 2>&1 | head -1)"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else echo "Java ontbreekt: installeer het met 'sudo apt-get install default-jre-headless'" >&2; exit 1; fi

$(VNU_JAR): tests/vnu/package.json tests/vnu/package-lock.json
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; } \
	  || { echo "npm ontbreekt: installeer Node.js en npm" >&2; exit 1; }
	cd tests/vnu && npm ci --no-audit --no-fund --silent
	touch $@

test: setup chromium vnu
	$(BIN)/ruff check hooks tests
	$(BIN)/mypy
	$(BIN)/python -m pytest tests -q

test-unit: setup
	$(BIN)/python -m pytest tests/unit -q

test-build: setup vnu
	$(BIN)/python -m pytest tests/build -q

test-browser: setup chromium
	$(BIN)/python -m pytest tests/browser -q

lint: setup
	$(BIN)/ruff check hooks tests
	$(BIN)/mypy

clean:
	rm -rf site .pytest_cache .cache

# Benchmark (not part of `make test`): hooks vs plain Material, 200/2,000 letters, 20/300 terms;
# term linking at 20 and 300 terms; unknown [[x]] links at two sizes; inputs that must stay linear
# (a long book paragraph, many unknown [[x]]) at two sizes; search: Pagefind with our dialog vs
# Material's lunr (bytes and ms to the first results, indexing time). See tests/bench/README.md.
bench: setup chromium
	$(BIN)/python -m tests.bench.bench_build
	$(BIN)/python -m tests.bench.bench_termlink
	$(BIN)/python -m tests.bench.bench_unknown_links
	$(BIN)/python -m tests.bench.bench_hostile
	$(BIN)/python -m tests.bench.bench_search

# The real site built at REV (default HEAD) and from the working tree, HTML compared.
REV ?= HEAD
site-diff: setup
	$(BIN)/python -m tests.tools.site_diff $(REV) .

# The same comparison in instructions (valgrind's callgrind): not disturbed by a busy machine.
# LETTERS=2000 for the large corpus, TERMS=300 for the big glossary.
LETTERS ?= 200
TERMS ?= 20
bench-instructions: setup
	command -v valgrind >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }
	$(BIN)/python -m tests.bench.bench_build --instructions $(LETTERS) --terms $(TERMS)

# Where the hooked build spends its time, phase by phase, next to plain Material (not in `make test`).
bench-breakdown: setup
	$(BIN)/python -m tests.bench.bench_breakdown

# Lighthouse (mobile preset) on six page types, Debian's Chromium; not part of `make test`.
lighthouse: setup chromium
	cd tests/lighthouse && npm install --no-audit --no-fund --silent
	$(BIN)/python tests/lighthouse/run.py
