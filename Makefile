# Targets match the README. Everything is idempotent: a second `make setup` does nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= tacitus.duckdb
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup index gazetteer run ingest test test-slow lint format eval bench clean

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

test-slow: setup
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

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
