# Targets match the README. Everything is idempotent: a second `make setup` does nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= tacitus.duckdb
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup index gazetteer run ingest test test-slow lint format eval bench clean web test-browser

setup: $(STAMP) index

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

index: $(STAMP)
	$(BIN)/tacitus index

# Rebuild the gazetteer from the installed packages (after upgrading them, say).
gazetteer: $(STAMP)
	$(BIN)/tacitus index --force

ingest: setup
	$(BIN)/tacitus ingest examples/ --db $(DB)

run: ingest
	$(BIN)/tacitus summary --db $(DB)
	$(BIN)/tacitus serve --db $(DB) --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/python -m pytest

# The slow tests include the Ray engine's: install the optional extra first (once).
test-slow: setup
	$(BIN)/python -c "import ray.data" 2>/dev/null || $(BIN)/python -m pip install -q -e '.[dev,ray]'
	$(BIN)/python -m pytest -m slow

lint: setup
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format src tests tools
	$(BIN)/ruff check --fix src tests tools

eval: setup
	$(BIN)/tacitus eval --json eval-results.json

bench: setup
	$(BIN)/tacitus bench --json bench-results.json

# The web page (docs/web.md): rebuild src/tacitus/api/static/ from web/ (commit the result).
WEB_DEPS     := web/node_modules/.package-lock.json
BROWSER_DEPS := tests/browser/node_modules/.package-lock.json

$(WEB_DEPS): web/package-lock.json
	cd web && npm ci --no-audit --no-fund

$(BROWSER_DEPS): tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund

web: $(WEB_DEPS)
	cd web && npm run build

# The page in Debian's chromium against `tacitus serve` over the sample (not part of `test`).
test-browser: setup $(WEB_DEPS) $(BROWSER_DEPS)
	bash tools/install-chromium.sh
	cd web && node build.mjs --check
	node tests/browser/run.mjs

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
