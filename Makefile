# Integrationsrådshåndbogen — the commands a newcomer needs. `make help` lists them.
# Needs only Python 3.11+ and git; everything else goes into a local virtual environment (.venv).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-runtime
STAMP_DEV := $(VENV)/.installed-dev
STAMP_PDF := $(VENV)/.installed-pdf
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help serve build pdf check test bench lighthouse portability clean

help: ## Show this list
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 eller nyere kræves (fandt %s)" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The project's own packages (registry/, rendering/) are installed in editable mode, so the
# hooks, macros and tests import them as they are in the working tree.
$(STAMP_RUN): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

$(STAMP_DEV): requirements.txt requirements-dev.txt requirements-pdf.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@ $(STAMP_RUN) $(STAMP_PDF)

$(STAMP_PDF): requirements-pdf.txt | $(STAMP_RUN)
	$(BIN)/python -m pip install --quiet -r requirements-pdf.txt
	@touch $@

serve: $(STAMP_RUN) ## Serve the site with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP_RUN) ## Strict build into site/
	$(BIN)/mkdocs build --strict --clean --site-dir site

# Separate from build, so that build and serve need nothing but Python (README: "PDF").
pdf: build $(STAMP_PDF) ## Build, then the handbook and the new secretary's pack as PDF into site/pdf/
	$(BIN)/python -m rendering.pdf site
	$(BIN)/python -m rendering.search_index site  # again: the PDF step wrote links into three pages

check: $(STAMP_RUN) ## Check the registry, the municipality list and every page; list every problem
	$(BIN)/python -m rendering.page_checks

# The W3C Nu HTML Checker for the tests (tests/test_html_validity.py): the npm package vnu-jar,
# a Java program, in .cache/vnu (needs Node.js 18+, npm and Java 11+; never in git).
VNU := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU):
	mkdir -p .cache/vnu
	npm install --prefix .cache/vnu --no-save --no-audit --no-fund --silent vnu-jar@26.9.27

test: $(STAMP_DEV) $(VNU) ## Run the whole test suite (build, registry, browser, accessibility, HTML)
	$(BIN)/python -m tests.preflight
	$(BIN)/python -m pytest

bench: $(STAMP_DEV) ## Measure build time and page weight against default Material
	$(BIN)/python -m scripts.bench

# Lighthouse, an npm package, in .cache/lighthouse (needs Node.js 18+ and npm; never in git).
# 12.2.3: Lighthouse 13 needs Node.js 22.
LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	mkdir -p .cache/lighthouse
	npm install --prefix .cache/lighthouse --no-save --no-audit --no-fund --silent lighthouse@12.2.3

lighthouse: build $(LIGHTHOUSE) ## Lighthouse mobile scores: front page and the three heaviest text pages
	$(BIN)/python -m scripts.lighthouse $(LIGHTHOUSE)

# Zensical in its own environment under .cache/ (never needed for serve, build or test).
ZENSICAL_VENV := .cache/zensical-venv
$(ZENSICAL_VENV)/.installed: requirements-zensical.txt pyproject.toml
	rm -rf $(ZENSICAL_VENV)
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet -r requirements-zensical.txt
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --no-deps -e .
	@touch $@

portability: $(STAMP_RUN) $(ZENSICAL_VENV)/.installed ## Build a copy with Zensical; report pages built and what blocks the rest
	$(BIN)/python -m scripts.portability $(ZENSICAL_VENV)/bin/zensical

clean: ## Remove build output and the virtual environment
	rm -rf site .venv .pytest_cache
