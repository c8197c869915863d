# Two commands for a fresh machine (see README.md):
#   make serve   set up, then build and serve the site with live preview
#   make test    set up, then run every test
SHELL := /bin/bash
PY := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the sitemap date comes from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

# Values given to make (make new-edition EDITION=2025-02 FY=2023) reach a command only through the
# environment, quoted: "$$EDITION", never $(EDITION). Make pastes $(X) into the command before the shell
# reads it, so a value with a space, a quote or a ";" would split or run; "$$X" is always one argument.
# Each value is taken literally (a dollar sign in it is not one of make's references), checked against its form
# NAME_FORM with $(call check,NAME,example) before it is used, and a list is read into a bash array.
# A new target's value follows the same pattern: add it to VALUES, give it a NAME_FORM, check it.
SHEET ?= kpis.xlsx
LOCK_ARGS ?=
PYTEST_WORKERS ?= auto
VALUES := SHEET EDITION FY PAGES PDF_FLAGS LOCK_ARGS PYTEST_WORKERS DATE WHAT_JA WHAT_EN WHY_JA WHY_EN FROM OVERWRITE DIR ANSWERS EXAMPLE
$(foreach name,$(VALUES),$(eval override $(name) := $$(value $(name))))
export $(VALUES)
SHEET_FORM := ^[^-].*\.xlsx$$
EDITION_FORM := ^[0-9]{4}-[0-9]{2}$$
FY_FORM := ^[0-9]{4}$$
PAGES_FORM := ^( *[^ -][^ ]*\.md)* *$$
PDF_FLAGS_FORM := ^(--require)?$$
LOCK_ARGS_FORM := ^( *--upgrade(-package [A-Za-z0-9._-]+)?)* *$$
PYTEST_WORKERS_FORM := ^(auto|[0-9]+)$$
DATE_FORM := ^([0-9]{4}-[0-9]{2}-[0-9]{2})?$$
# The newer engine: a folder or a git URL, with @tag if wanted (one argument; never an option).
FROM_FORM := ^[^-[:cntrl:][:space:]][^[:cntrl:][:space:]]*$$
OVERWRITE_FORM := ^(yes)?$$
# A new site's folder and its answers file (make new-site): paths, never options.
DIR_FORM := ^[^-[:cntrl:]][^[:cntrl:]]*$$
ANSWERS_FORM := ^[^-[:cntrl:]][^[:cntrl:]]*\.ya?ml$$
EXAMPLE_FORM := ^(yes)?$$
# The texts of a correction: any one line (they reach the command quoted; the tool says which is missing).
WHAT_JA_FORM := ^[^[:cntrl:]]*$$
WHAT_EN_FORM := ^[^[:cntrl:]]*$$
WHY_JA_FORM := ^[^[:cntrl:]]*$$
WHY_EN_FORM := ^[^[:cntrl:]]*$$
# $(call check,NAME,example): stop with one line, in Japanese and English, unless $$NAME has the form NAME_FORM
# (a value that is not given at all is named as missing).
check = form='$($(1)_FORM)'; [[ $$$(1) =~ $$form ]] || { v=$${$(1)//$$'\n'/ }; [[ -n $$v ]] || { echo "make: $(1): 値が指定されていません — 例: $(1)=$(2) のように指定してください / $(1) is not given — give it like $(1)=$(2)" >&2; exit 2; }; echo "make: $(1): 「$$v」は使えない値です（形式 $$form） — 例: $(1)=$(2) のように指定してください / '$$v' is not a valid $(1) (form $$form) — give it like $(1)=$(2)" >&2; exit 2; }

.PHONY: setup setup-python setup-node setup-browser setup-properdocs check check-pages build pdf serve test test-editor test-browser test-slow test-fast bench lock stamp sheet import-sheet new-edition given-edition publish-edition correct correct-values update-engine new-site plan-sheet catalogue clean

setup: setup-python setup-node

# Every package is pinned with its hashes: pip refuses a file that differs from the one locked,
# and a dependency missing from the lock.
PIP_INSTALL := pip install --quiet --disable-pip-version-check --require-hashes
# The project's own package (pyproject.toml), editable: MkDocs finds its plugin by entry point. Built by
# the setuptools pinned in requirements.txt (no download), and without dependencies (those are pinned).
PIP_INSTALL_PROJECT := pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .

setup-python: .venv/.installed
.venv/.installed: requirements.txt pyproject.toml
	python3 -m venv .venv
	.venv/bin/$(PIP_INSTALL) -r requirements.txt
	.venv/bin/$(PIP_INSTALL_PROJECT)
	touch $@

# ProperDocs (the continuation of MkDocs 1.x) in an environment of its own: while it runs it answers
# every `mkdocs.*` import, so it must not sit beside the mkdocs that builds the published site.
setup-properdocs: .venv-properdocs/.installed
.venv-properdocs/.installed: requirements-properdocs.txt pyproject.toml
	rm -rf .venv-properdocs && python3 -m venv .venv-properdocs
	.venv-properdocs/bin/$(PIP_INSTALL) -r requirements-properdocs.txt
	.venv-properdocs/bin/$(PIP_INSTALL_PROJECT)
	touch $@

# No package's install script runs (--ignore-scripts, and .npmrc for any other npm command): the only one,
# vnu-jar's postinstall, downloads a Java runtime without a checksum when none is found. Java comes
# from Debian (setup-browser); vnu.jar itself is in the package.
setup-node: node_modules/.installed
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (no browser download tool works here), Java for the Nu checker,
# poppler-utils (pdftotext, pdfinfo) to read the printed pages.
setup-browser:
	@command -v chromium >/dev/null && command -v java >/dev/null && command -v pdftotext >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium default-jre-headless poppler-utils >/dev/null)

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
	@$(call check,PDF_FLAGS,--require)
	$(PY) -m macros.tools.pdf site/ $${PDF_FLAGS:+"$$PDF_FLAGS"}

# The live preview shows draft editions too (with their 「作成中」/"Draft" banner); a deployed site never does.
# It follows the check (every edition, drafts included), not the deploy build: a new site's only edition is
# a draft, which the deploy build refuses to publish.
serve: check
	SHOW_DRAFTS=true $(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

# One pytest worker per core (pytest-xdist); a test file stays on one worker, so a file's session
# fixtures (the broken-input corpus, the page sweep) are made once, and the slowest files start first
# (tests/conftest.py). PYTEST_WORKERS=0 runs serially. The tests come after the check (every edition, drafts
# included), not the deploy build: the tests build the site to deploy themselves, and a new site whose only
# edition is still a draft has none yet.
PYTEST := $(call check,PYTEST_WORKERS,auto); $(PY) -m pytest -q -n "$$PYTEST_WORKERS" --dist loadfile --no-loadscope-reorder

test: setup setup-browser setup-properdocs check
	$(PYTEST)

# The three parts of `make test`, run side by side by the pull-request check (.github/workflows/check.yml):
# what catches an editor's mistakes (unit, build and broken-input tests), the browser tests, and the
# tests slow by design (marker `slow`: the ProperDocs comparison, a second build, the served preview).
test-editor: setup check
	$(PYTEST) --ignore=tests/browser -m "not slow"

test-browser: setup setup-browser check
	$(PYTEST) tests/browser -m "not slow"

test-slow: setup setup-properdocs check
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
PIP_COMPILE = read -ra lock_args <<< "$$LOCK_ARGS"; CUSTOM_COMPILE_COMMAND="make lock" .venv-lock/bin/pip-compile \
	--quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
	"$${lock_args[@]}"
lock:
	@$(call check,LOCK_ARGS,'--upgrade-package mkdocs-material')
	rm -rf .venv-lock && python3 -m venv .venv-lock
	.venv-lock/bin/$(PIP_INSTALL) -r requirements-lock.txt
	$(PIP_COMPILE) --allow-unsafe -o requirements.txt requirements.in
	$(PIP_COMPILE) --allow-unsafe -o requirements-properdocs.txt requirements-properdocs.in
	$(PIP_COMPILE) --allow-unsafe -o requirements-lock.txt requirements-lock.in
	rm -rf .venv-lock

# After updating an English page, record which Japanese version it was translated from.
# make stamp PAGES="docs/editions/2025-02/strategy-1.en.md docs/editions/2025-02/index.en.md"
stamp: setup-python
	@$(call check,PAGES,docs/data.en.md)
	read -ra pages <<< "$$PAGES"; $(PY) -m macros.translations --stamp "$${pages[@]}"

# The KPI workbook for the departments (guide/README.md §3): write it, and read the filled-in one back into data/.
sheet: setup-python
	@$(call check,SHEET,kpis.xlsx)
	$(PY) -m macros.sheet export "$$SHEET"

import-sheet: setup-python
	@$(call check,SHEET,kpis.xlsx)
	$(PY) -m macros.sheet import "$$SHEET"

# Next year's evaluation (guide/README.md §7): start it from the latest edition as a draft,
# e.g. make new-edition EDITION=2025-02 FY=2023; publish it when it is complete: make publish-edition EDITION=2025-02
# (the check first: a draft that does not build is never recorded as published; then every gap at once).
new-edition: setup-python
	@$(call check,EDITION,2025-02); $(call check,FY,2023)
	$(PY) -m macros.edition new "$$EDITION" --fy "$$FY"

# An EDITION that is missing or not in data/editions.yaml is said at once, before the check's builds.
given-edition: setup-python
	@$(call check,EDITION,2025-02)
	$(PY) -m macros.edition fingerprint "$$EDITION" >/dev/null

publish-edition: given-edition check
	$(PY) -m macros.edition publish "$$EDITION"

# A correction to a published edition, once its pages build again (the fingerprint is what it records):
# make correct EDITION=2024-02 WHAT_JA="…" WHAT_EN="…" WHY_JA="…" WHY_EN="…" [DATE=2025-03-10]
correct: correct-values given-edition check-pages
	$(PY) -m macros.edition correct "$$EDITION" --date "$$DATE" \
	  --what-ja "$$WHAT_JA" --what-en "$$WHAT_EN" --why-ja "$$WHY_JA" --why-en "$$WHY_EN"

correct-values:
	@$(call check,DATE,2025-03-10); $(call check,WHAT_JA,誤記の訂正); $(call check,WHAT_EN,typo); \
	  $(call check,WHY_JA,原表の誤り); $(call check,WHY_EN,a misprint)

# A newer engine into this site, without a merge: make update-engine FROM=../engine@v0.5.0 (or a git URL@tag).
# It never touches data/ or docs/, stops without changing anything when an engine file was changed here by
# hand (OVERWRITE=yes replaces it), and prints what changed and what to migrate (CHANGELOG.md).
update-engine: setup-python
	@$(call check,FROM,../engine@v0.5.0); $(call check,OVERWRITE,yes)
	flags=(); [[ $$OVERWRITE != yes ]] || flags=(--overwrite); $(PY) -m macros.tools.update_engine "$$FROM" "$${flags[@]}"

# A site for another municipality (guide/new-site.md): the KPI-definition workbook the answers name, empty or
# with the example's rows (make plan-sheet ANSWERS=answers.yaml [EXAMPLE=yes]), then the new site's folder
# with this engine in it (make new-site DIR=../kaku-town ANSWERS=answers.yaml).
plan-sheet: setup-python
	@$(call check,ANSWERS,answers.yaml); $(call check,EXAMPLE,yes)
	flags=(); [[ $$EXAMPLE != yes ]] || flags=(--example); $(PY) -m macros.tools.plan_sheet "$$ANSWERS" "$${flags[@]}"

new-site: setup-python
	@$(call check,DIR,../kaku-town); $(call check,ANSWERS,answers.yaml)
	$(PY) -m macros.tools.new_site "$$DIR" "$$ANSWERS"

# The staff guide's catalogue of error messages, from the messages the code prints (guide/errors.md).
catalogue: setup
	$(PY) -m tests.broken.catalogue

clean:
	rm -rf site site.tmp site.old check-site .pytest_cache .venv-properdocs .venv-lock
