# ML System Design Handbook: the one entry point for people and CI.
# `make help` lists the targets. `make serve` and `make test` set everything up
# on a fresh machine (a virtual environment from requirements.lock; for tests,
# Debian's chromium and poppler-utils, and axe-core and Lighthouse from
# package-lock.json with npm).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-lock
ADDR   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

NODE_STAMP := node_modules/.installed-lock

.PHONY: help venv serve build check test test-fast linkcheck linkcheck-external benchmark quality diagrams pdf chapter-pdfs epub offline flashcards browser-deps node-deps vendor lock clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	cp requirements.lock $(STAMP)

venv: $(STAMP) ## Create .venv from requirements.lock (only when the lock changed)

serve: $(STAMP) ## Serve the site locally and rebuild on edits to docs, diagrams, data, hooks
	@echo "Serving the handbook at http://$(ADDR)/handbook/ (Ctrl+C to stop)"
	HANDBOOK_PRINT_PAGE=false HANDBOOK_INCREMENTAL=1 $(BIN)/mkdocs serve --dirty --strict --dev-addr $(ADDR)

build: $(STAMP) ## Build the site into site/ with --strict
	$(BIN)/mkdocs build --strict --site-dir site

check: $(STAMP) ## Fast: content checks without a build, then a strict build
	$(BIN)/python scripts/check_handbook.py
	$(BIN)/mkdocs build --strict --site-dir site

browser-deps: ## Install Debian chromium, poppler-utils, npm and Java when missing (as root)
	@bash scripts/ensure_browser.sh

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	cp package-lock.json $(NODE_STAMP)

node-deps: browser-deps $(NODE_STAMP) ## Install axe-core and Lighthouse from package-lock.json (tests and `make quality` only)

test: $(STAMP) browser-deps node-deps ## Run every test: unit, fixtures, builds, links, real browser, accessibility
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## Run the tests that need no browser
	$(BIN)/python -m pytest -m "not browser"

diagrams: $(STAMP) browser-deps ## Render new and changed diagrams to SVG snapshots (commit them)
	$(BIN)/python scripts/snapshot_diagrams.py

# The site the PDFs are printed from: their covers name the last commit as the edition.
EDITION_BUILD = HANDBOOK_EDITION="$$(git log -1 --format='%cs, commit %h' 2>/dev/null || date +%F)" $(BIN)/mkdocs build --strict --site-dir site

pdf: $(STAMP) browser-deps ## Build ml-system-design-handbook.pdf and the cheat-sheets PDF
	$(EDITION_BUILD)
	$(BIN)/python scripts/build_pdf.py --site site --output ml-system-design-handbook.pdf
	$(BIN)/python scripts/build_pdf.py --site site --only cheat-sheets --output ml-system-design-handbook-cheat-sheets.pdf

chapter-pdfs: $(STAMP) browser-deps ## One PDF per framework step and case study, into build/chapters/
	$(EDITION_BUILD)
	rm -rf build/chapters
	$(BIN)/python scripts/build_chapter_pdfs.py --site site --output-dir build/chapters

epub: $(STAMP) ## Build ml-system-design-handbook.epub (EPUB 3, from the print page) and check it
	$(EDITION_BUILD)
	$(BIN)/python scripts/build_epub.py --site site --output ml-system-design-handbook.epub

flashcards: $(STAMP) ## Write the flashcards as an Anki deck and a CSV (from every question and term)
	$(BIN)/python scripts/flashcards.py

offline: $(STAMP) ## Build ml-system-design-handbook-offline.zip, a copy that opens from disk
	rm -rf build/offline && mkdir -p build
	HANDBOOK_OFFLINE=true $(BIN)/mkdocs build --strict --config-file mkdocs-offline.yml --site-dir build/offline/ml-system-design-handbook
	rm -f ml-system-design-handbook-offline.zip ml-system-design-handbook-flashcards.*
	cd build/offline && ../../$(BIN)/python -m zipfile -c ../../ml-system-design-handbook-offline.zip ml-system-design-handbook
	@echo "ml-system-design-handbook-offline.zip: unzip it and open ml-system-design-handbook/index.html"

linkcheck: build ## Check every link (linkchecker) and every anchor of the built site
	$(BIN)/python scripts/linkcheck.py site

linkcheck-external: $(STAMP) ## Check every external URL (bibliography, pages, mkdocs.yml); needs the network
	$(BIN)/python scripts/external_links.py --report build/external-links.md

benchmark: $(STAMP) browser-deps ## Measure builds with and without hooks, the check script, and both PDFs
	$(BIN)/python scripts/benchmark.py --pdf

quality: $(STAMP) node-deps ## Lighthouse, bytes, build and serve times per page kind; writes build/quality/
	$(BIN)/python scripts/quality_benchmark.py

vendor: $(STAMP) ## Refresh Mermaid, KaTeX, panzoom and the diagram font from the npm registry (needs npm)
	$(BIN)/python scripts/vendor_assets.py

lock: ## Re-resolve requirements.in into requirements.lock
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Exact versions of every Python dependency (direct and transitive)."; \
	  echo "# Regenerate: make lock   (after changing requirements.in)"; \
	  build/lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock

clean: ## Remove build outputs (keeps .venv)
	rm -rf site build .pytest_cache ml-system-design-handbook*.pdf ml-system-design-handbook.epub ml-system-design-handbook-offline.zip ml-system-design-handbook-flashcards.*
