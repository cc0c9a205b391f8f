# kgraph: `make up` runs the whole system, `make test` runs every check. Both start from nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: help install jars up test lint typecheck unit clean

help:
	@echo "make up     - Neo4j + schema + load + API (Ctrl-C stops what it started)"
	@echo "make test   - ruff, mypy and pytest against a real Neo4j"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)

# Neo4j's jars from Maven Central, once (skipped when NEO4J_URI points at your own server).
jars: install
	@if [ -z "$$NEO4J_URI" ]; then $(BIN)/kgraph neo4j fetch; fi

up: jars
	$(BIN)/kgraph up

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest tests/unit

test: jars lint typecheck
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
