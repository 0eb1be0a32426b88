# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EDITOR := src/parlgraph/web/static/editor.js

.PHONY: run test lint typecheck install browser clean bench-build bench-compare bench-external

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The query page's SPARQL editor: CodeMirror 6 from the npm registry, bundled by esbuild.
$(EDITOR): frontend/package.json frontend/package-lock.json frontend/editor.mjs
	npm ci --prefix frontend --no-audit --no-fund --loglevel=error
	npm run --prefix frontend --silent build

install: $(STAMP) $(EDITOR)

# The browser tests drive Debian's Chromium (no browser download); install it when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

run: install
	$(BIN)/parlgraph build
	$(BIN)/parlgraph serve --host 127.0.0.1 --port 5000

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck browser $(EDITOR)
	$(BIN)/pytest

# Benchmarks (bench/, not tests). The peers compared with parlgraph live in a venv of their own,
# so that their dependencies never mix with parlgraph's.
QUESTIONS ?= 10000
PEERS := .bench-venv
$(PEERS)/.installed:
	$(PYTHON) -m venv $(PEERS)
	$(PEERS)/bin/pip install --quiet oxigraph 'rdflib-endpoint[cli]'
	touch $@

bench-build: install
	$(BIN)/python -m bench.build_archive --questions $(QUESTIONS) --verify

bench-compare: install $(PEERS)/.installed
	$(BIN)/python -m bench.compare_servers --questions $(QUESTIONS) --out bench/results-$(QUESTIONS).md

bench-external: install $(PEERS)/.installed
	$(BIN)/python -m bench.external_store --questions $(QUESTIONS)

clean:
	rm -rf $(VENV) $(PEERS)
