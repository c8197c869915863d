# Two commands for a fresh machine (see README.md):
#   make serve   set up, then build and serve the site with live preview
#   make test    set up, then run every test
SHELL := /bin/bash
PY := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the sitemap date comes from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: setup setup-python setup-node setup-browser setup-properdocs check check-pages build pdf serve test test-editor test-browser test-fast bench lock stamp sheet import-sheet new-edition given-edition publish-edition correct catalogue clean

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

# Debian's Chromium for the browser tests (no browser download tool works here), Java for the Nu checker.
setup-browser:
	@command -v chromium >/dev/null && command -v java >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium default-jre-headless >/dev/null)

# The check staff run before proposing a change, and the pull-request check runs: every edition, the
# draft included, built strictly into check-site/ (looked at, never deployed), so any mistake in any page
# or figure stops it with file:line; then each published edition's files against its fingerprint (only
# once its pages build: a broken edit is reported at its line, not as a change to the archive).
# Never --quiet: it hides warnings from strict mode too, so a broken link would pass (mkdocs issue #4126).
check-pages: setup
	rm -rf check-site
	SHOW_DRAFTS=true $(PY) -m mkdocs build --strict -d check-site

check: check-pages
	$(PY) -m macros.edition check
	@echo "check: OK（作成中の版も含めてすべての版を確かめました / every edition checked, drafts included: check-site/）"

# The site to deploy (published editions only), after the check. It is built into a temporary folder
# and swapped in only when the whole strict build succeeded, so a failed build never replaces a good site.
build: check
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

# One pytest worker per core (pytest-xdist); a test file stays on one worker, so a file's
# session fixtures (the broken-input corpus, a browser) are made once. PYTEST_WORKERS=0 runs serially.
PYTEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile

test: setup setup-browser setup-properdocs build
	$(PYTEST)

# The two halves of `make test`, run side by side by the pull-request check (.github/workflows/check.yml):
# what catches an editor's mistakes (unit, build and broken-input tests), and the browser tests.
test-editor: setup setup-properdocs build
	$(PYTEST) --ignore=tests/browser

test-browser: setup setup-browser build
	$(PYTEST) tests/browser

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

# After updating an English page, record which Japanese version it was translated from:
# make stamp PAGES="docs/editions/2025-02/strategy-1.en.md docs/editions/2025-02/index.en.md"
stamp: setup-python
	$(PY) -m macros.translations --stamp $(PAGES)

# The KPI workbook for the departments (guide/README.md §3): write it, and read the filled-in one back into data/.
SHEET ?= kpis.xlsx
sheet: setup-python
	$(PY) -m macros.sheet export "$(SHEET)"

import-sheet: setup-python
	$(PY) -m macros.sheet import "$(SHEET)"

# Next year's evaluation (guide/README.md §7): start it from the latest edition as a draft,
# e.g. make new-edition EDITION=2025-02 FY=2023; publish it when it is complete: make publish-edition EDITION=2025-02
# (the check first: a draft that does not build is never recorded as published; then every gap at once).
new-edition: setup-python
	$(PY) -m macros.edition new "$(EDITION)" --fy "$(FY)"

# An EDITION that is missing or not in data/editions.yaml is said at once, before the check's builds.
given-edition: setup-python
	$(PY) -m macros.edition fingerprint "$(EDITION)" >/dev/null

publish-edition: given-edition check
	$(PY) -m macros.edition publish "$(EDITION)"

# A correction to a published edition, once its pages build again (the fingerprint is what it records):
# make correct EDITION=2024-02 WHAT_JA="…" WHAT_EN="…" WHY_JA="…" WHY_EN="…" [DATE=2025-03-10]
correct: given-edition check-pages
	$(PY) -m macros.edition correct "$(EDITION)" --date "$(DATE)" \
	  --what-ja "$(WHAT_JA)" --what-en "$(WHAT_EN)" --why-ja "$(WHY_JA)" --why-en "$(WHY_EN)"

# The staff guide's catalogue of error messages, from the messages the code prints (guide/errors.md).
catalogue: setup
	$(PY) -m tests.broken.catalogue

clean:
	rm -rf site site.tmp site.old check-site .pytest_cache .venv-properdocs .venv-lock
