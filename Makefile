# Two commands for a fresh machine (see README.md):
#   make serve   set up, then build and serve the site with live preview
#   make test    set up, then run every test
SHELL := /bin/bash
PY := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the sitemap date comes from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: setup setup-python setup-node setup-browser build serve test test-editor test-browser test-fast bench lock stamp clean

setup: setup-python setup-node

setup-python: .venv/.installed
.venv/.installed: requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check --no-deps -r requirements.txt
	touch $@

setup-node: node_modules/.installed
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (no browser download tool works here), Java for the Nu checker.
setup-browser:
	@command -v chromium >/dev/null && command -v java >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium default-jre-headless >/dev/null)

# Build into a temporary folder and swap it in only when the whole strict build succeeded,
# so a failed build never replaces a good site. Never --quiet: it hides warnings from strict mode
# too, so a broken link would be published (mkdocs issue #4126).
build: setup
	rm -rf site.tmp
	$(PY) -m mkdocs build --strict -d site.tmp
	rm -rf site.old; if [ -d site ]; then mv site site.old; fi; mv site.tmp site; rm -rf site.old
	@echo "built site/"

serve: build
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

# One pytest worker per core (pytest-xdist); a test file stays on one worker, so a file's
# session fixtures (the broken-input corpus, a browser) are made once. PYTEST_WORKERS=0 runs serially.
PYTEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile

test: setup setup-browser build
	$(PYTEST)

# The two halves of `make test`, run side by side by the pull-request check (.github/workflows/check.yml):
# what catches an editor's mistakes (unit, build and broken-input tests), and the browser tests.
test-editor: setup build
	$(PYTEST) --ignore=tests/browser

test-browser: setup setup-browser build
	$(PYTEST) tests/browser

test-fast: setup
	$(PY) -m pytest -q tests/core tests/render

bench: setup build
	$(PY) bench/run.py
	$(PY) bench/lighthouse.py site

# Regenerate the exact pins from requirements.in (never lets a resolver pick mkdocs 2 pre-releases).
lock:
	rm -rf .venv-lock && python3 -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	(echo "# Generated from requirements.in by 'make lock'. Every package pinned exactly."; .venv-lock/bin/pip freeze) > requirements.txt
	rm -rf .venv-lock

# After updating an English page, record which Japanese version it was translated from.
stamp:
	$(PY) -m macros.translations --stamp $(PAGES)

clean:
	rm -rf site site.tmp site.old .pytest_cache
