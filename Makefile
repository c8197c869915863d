# Two commands for a fresh machine (see README.md):
#   make serve   set up, then build and serve the site with live preview
#   make test    set up, then run every test
SHELL := /bin/bash
PY := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the sitemap date comes from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: setup setup-python setup-node setup-browser setup-properdocs build pdf serve test test-editor test-browser test-slow test-fast bench lock stamp sheet import-sheet new-edition publish-edition catalogue clean

setup: setup-python setup-node

# Every package is pinned with its hashes: pip refuses a file that differs from the one locked,
# and a dependency missing from the lock.
PIP_INSTALL := pip install --quiet --disable-pip-version-check --require-hashes

setup-python: .venv/.installed
.venv/.installed: requirements.txt
	python3 -m venv .venv
	.venv/bin/$(PIP_INSTALL) -r requirements.txt
	touch $@

# ProperDocs (the continuation of MkDocs 1.x) in an environment of its own: while it runs it answers
# every `mkdocs.*` import, so it must not sit beside the mkdocs that builds the published site.
setup-properdocs: .venv-properdocs/.installed
.venv-properdocs/.installed: requirements-properdocs.txt
	rm -rf .venv-properdocs && python3 -m venv .venv-properdocs
	.venv-properdocs/bin/$(PIP_INSTALL) -r requirements-properdocs.txt
	touch $@

setup-node: node_modules/.installed
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (no browser download tool works here), Java for the Nu checker,
# poppler-utils (pdftotext, pdfinfo) to read the printed pages.
setup-browser:
	@command -v chromium >/dev/null && command -v java >/dev/null && command -v pdftotext >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium default-jre-headless poppler-utils >/dev/null)

# Build into a temporary folder and swap it in only when the whole strict build succeeded,
# so a failed build never replaces a good site. Never --quiet: it hides warnings from strict mode
# too, so a broken link would be published (mkdocs issue #4126).
build: setup
	$(PY) -m macros.edition check
	rm -rf site.tmp
	$(PY) -m mkdocs build --strict -d site.tmp
	rm -rf site.old; if [ -d site ]; then mv site site.old; fi; mv site.tmp site; rm -rf site.old
	@echo "built site/ (PDF版は未作成：make pdf で作成します / the PDFs are not made: run make pdf)"

# The full report as a PDF per language, printed by Chromium into site/ (macros/tools/pdf.py).
# Without Chromium it says the PDFs were not made and succeeds; publishing passes PDF_FLAGS=--require.
pdf: build
	$(PY) -m macros.tools.pdf site/ $(PDF_FLAGS)

# The live preview shows draft editions too (with their 「作成中」/"Draft" banner); a deployed site never does.
serve: build
	SHOW_DRAFTS=true $(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

# One pytest worker per core (pytest-xdist); a test file stays on one worker, so a file's session
# fixtures (the broken-input corpus, the page sweep) are made once, and the slowest files start first
# (tests/conftest.py). PYTEST_WORKERS=0 runs serially.
PYTEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

test: setup setup-browser setup-properdocs build
	$(PYTEST)

# The three parts of `make test`, run side by side by the pull-request check (.github/workflows/check.yml):
# what catches an editor's mistakes (unit, build and broken-input tests), the browser tests, and the
# tests slow by design (marker `slow`: the ProperDocs comparison, a second build, the served preview).
test-editor: setup build
	$(PYTEST) --ignore=tests/browser -m "not slow"

test-browser: setup setup-browser build
	$(PYTEST) tests/browser -m "not slow"

test-slow: setup setup-properdocs build
	$(PYTEST) -m slow

test-fast: setup
	$(PY) -m pytest -q tests/core tests/render

bench: setup build
	$(PY) bench/run.py
	$(PY) bench/lighthouse.py site

# Pin requirements*.txt, with hashes, from requirements*.in (pip-tools' pip-compile, run in a throwaway
# environment). Existing pins are kept; a package added to a .in file gets the newest release that fits.
# To move a pin on: make lock LOCK_ARGS="--upgrade-package mkdocs-material". The .in files pin the
# direct dependencies exactly, so no resolver ever picks a pre-release (mkdocs 2.0 is one).
LOCK_ARGS ?=
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" .venv-lock/bin/pip-compile --quiet --generate-hashes \
	--strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(LOCK_ARGS)
lock:
	rm -rf .venv-lock && python3 -m venv .venv-lock
	.venv-lock/bin/$(PIP_INSTALL) -r requirements-lock.txt
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-properdocs.txt requirements-properdocs.in
	$(PIP_COMPILE) --allow-unsafe -o requirements-lock.txt requirements-lock.in
	rm -rf .venv-lock

# After updating an English page, record which Japanese version it was translated from.
stamp:
	$(PY) -m macros.translations --stamp $(PAGES)

# The KPI workbook for the departments (guide/編集の手引き.md): write it, and read the filled-in one back into data/.
SHEET ?= kpis.xlsx
sheet: setup-python
	$(PY) -m macros.sheet export $(SHEET)

import-sheet: setup-python
	$(PY) -m macros.sheet import $(SHEET)

# Next year's evaluation (README: 翌年度の評価を公開する): start it from the latest edition as a draft,
# e.g. make new-edition EDITION=2025-02 FY=2023; publish it when it is complete: make publish-edition EDITION=2025-02.
new-edition: setup-python
	$(PY) -m macros.edition new $(EDITION) --fy $(FY)

publish-edition: setup-python
	$(PY) -m macros.edition publish $(EDITION)

# The staff guide's catalogue of error messages, from the messages the code prints (guide/errors.md).
catalogue: setup
	$(PY) -m tests.broken.catalogue

clean:
	rm -rf site site.tmp site.old .pytest_cache .venv-properdocs .venv-lock
