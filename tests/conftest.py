"""Shared fixtures: the project root, a helper to run a build, one strict build of the real site and one
of the project with a synthetic second edition, each made once per test run; the site's languages; which
tests run only on the engine's reference site; and how pytest-xdist shares the work between its workers."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from xdist.scheduler import LoadFileScheduling

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# A build's output depends on these variables: a test run builds as an unconfigured deployment does,
# whatever the shell or the CI runner has set, unless a test sets them itself.
UNSET_FOR_BUILDS = {"CONTACT_URL": "", "FEEDBACK_URL": "", "GITHUB_ACTIONS": ""}


def build_env(extra: dict | None = None) -> dict:
    env = {**os.environ, **UNSET_FOR_BUILDS, **(extra or {})}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    return env


def run_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder (the real one or a copy) into site_dir.

    Not --quiet: it silences warnings before strict mode counts them (mkdocs issue #4126). Run in a
    process forked from one that has MkDocs and the engine imported (tests/forked_builds.py).
    """
    from tests.forked_builds import mkdocs
    return mkdocs(["build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
                  cwd=project, env=build_env(env), timeout=300)


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the project (for builds with deliberately broken input)."""
    for name in ("mkdocs.yml", "package.json"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "data", "macros", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def copy_make_project(dest: Path) -> Path:
    """A throwaway copy that make can run in: the project and the files its Makefile reads.

    Callers skip the setup steps (make -o …), so nothing is installed into the copy.
    """
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    assert (ROOT / ".venv" / "bin" / "python").is_file(), ".venv is missing (run make setup)"
    copy_project(dest)
    for name in ("Makefile", "requirements.txt", "package-lock.json"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def shared_folder(tmp_path_factory) -> Path:
    """The run's temporary folder that every pytest-xdist worker sees (each has one of its own below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(tmp_path_factory, name: str, make) -> Path:
    """The folder `name`, made by make(folder) once per test run, whichever test asks first.

    Under pytest-xdist (`make test` runs one worker per core) the workers share it: the first to
    take the lock makes it in the run's common temporary folder, the others wait for it.
    """
    shared = shared_folder(tmp_path_factory)
    out, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            make(out)
            done.touch()
    return out


def town_copy(town: str, dest: Path) -> Path:
    """A synthetic town's own files (tests/towns/<town>), with this repository's engine and front-end
    packages linked in, as a shared engine would be."""
    shutil.copytree(ROOT / "tests" / "towns" / town, dest)
    for engine in ("macros", "overrides", "node_modules"):
        (dest / engine).symlink_to(ROOT / engine, target_is_directory=True)
    shutil.copy2(ROOT / "package.json", dest / "package.json")
    return dest


def strict_build(project: Path, site_dir: Path, env: dict | None = None) -> Path:
    """run_build that must succeed; the build's output is kept beside the site (build.log)."""
    result = run_build(project, site_dir, env)
    assert result.returncode == 0, result.stdout + result.stderr
    (site_dir.parent / f"{site_dir.name}.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return site_dir


def _site_languages() -> tuple[str, ...]:
    from macros.core.site import load_site
    return load_site(ROOT).languages


# The site's languages (data/site.yaml): tests that take a language are made for these only, and tests of
# the English pages are skipped on a Japanese-only site.
SITE_LANGUAGES = _site_languages()
needs_english = pytest.mark.skipif("en" not in SITE_LANGUAGES, reason="このサイトは日本語だけです（data/site.yaml "
                                   "languages） / the site is Japanese only (data/site.yaml languages)")
# Pages a Japanese-only site also has: every top-level page in docs/ of its languages, and the 404 page.
TOP_LEVEL_PAGES = len([md for md in (ROOT / "docs").glob("*.md")
                       if not md.name.endswith(".en.md") or "en" in SITE_LANGUAGES]) + 1


def published() -> bool:
    """Whether the site has published an edition (data/editions.yaml)."""
    from macros.core.register import read_register
    return any(e.published for e in read_register(ROOT).entries)


def site_env(extra: dict | None = None) -> dict:
    """The variables the site is built with for its tests (and `extra`). A new site whose only edition is
    still a draft has no published pages yet: its pages are tested as `make check` builds them, drafts
    shown, which is how they will be published."""
    return {**({} if published() else {"SHOW_DRAFTS": "true"}), **(extra or {})}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test run with the strict build (the variables of
    UNSET_FOR_BUILDS unset: no contact address, no workflow commands; site_env)."""
    return made_once(tmp_path_factory, "real", lambda out: strict_build(ROOT, out / "site", site_env())) / "site"


@pytest.fixture(scope="session")
def site_build_output(site: Path) -> str:
    """What the shared build of the real site printed."""
    return (site.parent / "site.log").read_text(encoding="utf-8")


SECOND_EDITION = "2025-02"


@pytest.fixture(scope="session")
def two_editions(tmp_path_factory) -> tuple[Path, Path]:
    """(project, site): a copy of the project with a published synthetic second edition
    (tests/synthetic_editions.py), built once per test run for the build and the browser tests."""
    from tests.synthetic_editions import add_edition

    def make(base: Path) -> None:
        (base / "project").mkdir()
        project = copy_project(base / "project")
        add_edition(project, SECOND_EDITION, 2023)
        strict_build(project, base / "site")

    base = made_once(tmp_path_factory, "two-editions", make)
    return base / "project", base / "site"


# --------------------------------------------------------------------------------------------
# The engine's reference site
# --------------------------------------------------------------------------------------------
# The engine is developed with one real site, its reference site. Some of its tests read that site's
# data and pages (its KPIs and their counts, its editions, its wording) rather than a synthetic town's
# (tests/towns/). They run only there: the reference site says it is one in tests/site/REFERENCE.md, and
# tests/site/ is a site's own (make new-site and make update-engine never copy it). On any other site,
# the files below are not collected and the tests marked reference_site are skipped, and the run's header
# says how many. Each test moved onto a synthetic town shortens this list.
REFERENCE_SITE = (ROOT / "tests" / "site" / "REFERENCE.md").is_file()
REFERENCE_SITE_FILES = frozenset({
    "tests/broken/test_broken.py", "tests/broken/test_catalogue.py",
    "tests/browser/test_budgets.py", "tests/browser/test_editions.py", "tests/browser/test_hostile_payloads.py",
    "tests/browser/test_kpi_filter.py", "tests/browser/test_kpi_layout.py", "tests/browser/test_print.py",
    "tests/browser/test_search.py", "tests/browser/test_search_recall.py",
    "tests/build/test_annotations.py", "tests/build/test_atomic_build.py", "tests/build/test_claims.py",
    "tests/build/test_content.py", "tests/build/test_downloads.py",
    "tests/build/test_editions.py", "tests/build/test_english_pages.py", "tests/build/test_escaping.py",
    "tests/build/test_kpi_anchors.py", "tests/build/test_preview.py", "tests/build/test_print_page.py",
    "tests/build/test_properdocs.py",
    "tests/build/test_terms.py",
    "tests/core/test_export.py", "tests/core/test_formula_text.py", "tests/core/test_glossary.py",
    "tests/core/test_report.py", "tests/core/test_validate.py", "tests/core/test_worked_examples.py",
    "tests/glue/test_search_view.py",
    "tests/render/test_charts.py", "tests/render/test_previous_edition.py", "tests/render/test_print_charts.py",
    "tests/render/test_renderer.py", "tests/render/test_site_words.py",
    "tests/tools/test_edition.py", "tests/tools/test_pr_summary.py", "tests/tools/test_sheet_export_text.py",
    "tests/tools/test_sheet_roundtrip.py", "tests/tools/test_staff_walk.py",
})
ON_REFERENCE_SITE_ONLY = ("エンジンの参照サイトのデータを読むテストです（tests/conftest.py） / reads the data of the engine's "
                          "reference site (tests/conftest.py)")


def pytest_ignore_collect(collection_path, config):
    """On a site other than the reference site, its files are not collected (they read its data on import)."""
    if REFERENCE_SITE:
        return None
    try:
        return collection_path.relative_to(ROOT).as_posix() in REFERENCE_SITE_FILES or None
    except ValueError:
        return None


def pytest_report_header(config):
    if not REFERENCE_SITE:
        return (f"このサイトはエンジンの参照サイトではないため、参照サイトのテスト {len(REFERENCE_SITE_FILES)} ファイルを除き、"
                f"reference_site の印のテストを飛ばします / not the engine's reference site: its {len(REFERENCE_SITE_FILES)} "
                "test files are left out and the tests marked reference_site skipped")
    return None


# --------------------------------------------------------------------------------------------
# The order in which pytest-xdist hands out the test files (`make test`: --dist loadfile
# --no-loadscope-reorder)
# --------------------------------------------------------------------------------------------
# A test file runs whole on one worker, so its module and session fixtures (the broken-input corpus,
# the page sweep) are made once there. The files measured slowest start first, so that none of them
# begins when the others are done; the rest follow as collected. (pytest-xdist 3.8's loadgroup, which
# could keep the page sweep's readers of several files on one worker, was seen to split a group between
# workers under pytest 9, so it is not used.)
SLOWEST_FIRST = (
    "tests/browser/test_pages.py",             # the page sweep: every page at both viewports (with SWEEP_READERS)
    "tests/broken/test_broken.py",             # a failing build per broken-input case
    "tests/browser/test_print.py",             # twelve pages printed to PDF
    "tests/build/test_preview.py",             # three `mkdocs serve` runs
    "tests/build/test_html_valid.py",          # the Nu checker (Java) on every page
    "tests/browser/test_kpi_layout.py",
    "tests/build/test_atomic_build.py",        # `make build` in a copy
    "tests/build/test_editions.py",            # a draft and a correction built
    "tests/browser/test_search_recall.py",
)


# The page sweep's readers (tests/browser/sweep.py): five files assert on what one sweep recorded. As
# separate files they could run on two workers, and each worker would sweep every page again (twice the
# CPU: the sweep is bound by it). They are one unit of work, given to one worker.
SWEEP_READERS = frozenset({
    "tests/browser/test_pages.py", "tests/browser/test_budgets.py", "tests/browser/test_content_security_policy.py",
    "tests/browser/test_layout_shift.py", "tests/browser/test_lazy_rendering.py",
})


class OneSweepScheduling(LoadFileScheduling):
    """--dist loadfile, with the page sweep's readers as one file. The scope of a test is pytest-xdist's
    LoadFileScheduling._split_scope, not a documented API: a reliance (MAINTAINERS.md; its test is in
    tests/glue/test_upstream.py)."""

    def _split_scope(self, nodeid: str) -> str:
        scope = super()._split_scope(nodeid)
        return SLOWEST_FIRST[0] if scope in SWEEP_READERS else scope


@pytest.hookimpl(optionalhook=True)   # pytest-xdist's hook: unknown when a run turns xdist off (-p no:xdist)
def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's hook for a scheduler of one's own: used for --dist loadfile (`make test`)."""
    return OneSweepScheduling(config, log) if config.getoption("dist") == "loadfile" else None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    if not REFERENCE_SITE:
        skip = pytest.mark.skip(reason=ON_REFERENCE_SITE_ONLY)
        for item in items:
            if item.get_closest_marker("reference_site"):
                item.add_marker(skip)
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))   # stable: otherwise as collected
