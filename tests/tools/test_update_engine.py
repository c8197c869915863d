"""make update-engine: a newer engine replaces the engine's files and never touches the site's own."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.tools.update_engine import ENGINE_PATHS, RECORD, UpdateError, engine_files, update, write_record

ROOT = Path(__file__).resolve().parents[2]


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _site(root: Path) -> Path:
    """A site as a new site's scaffold leaves it: the engine it was made with is recorded."""
    site = _tree(root, SITE)
    write_record(site, "scaffold")
    return site


SITE = {"mkdocs.yml": "site_name: 架空町\n", "data/site.yaml": "municipality: {ja: 架空町}\n",
        "docs/index.md": "# 架空町\n", "README.md": "架空町のサイト\n", "tests/site/test_own.py": "# the town's own\n",
        "macros/VERSION": "0.3.0\n", "macros/engine.py": "OLD = 1\n", "overrides/old.css": "a {}\n",
        "Makefile": "all:\n"}
CHANGELOG = ("# Changelog\n\n## 0.4.0\n\n- New engine.\n- **Migrate:** add data/site.yaml.\n\n"
             "## 0.3.0\n\n- Older.\n")
ENGINE = {"macros/VERSION": "0.4.0\n", "macros/engine.py": "NEW = 2\n", "macros/added.py": "X = 1\n",
          "Makefile": "all:\n\techo new\n", "CHANGELOG.md": CHANGELOG,
          # an engine's own example site, never copied into a town
          "data/site.yaml": "municipality: {ja: 美祢市}\n", "docs/index.md": "# 美祢市\n", "mkdocs.yml": "x: 1\n"}


def _site_snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and (p.relative_to(site).parts[0] in ("data", "docs", "mkdocs.yml", "README.md")
                                or p.relative_to(site).as_posix().startswith("tests/site/"))}


def test_an_update_replaces_the_engine_and_keeps_the_site(tmp_path):
    site, engine = _site(tmp_path / "site"), _tree(tmp_path / "engine", ENGINE)
    before = _site_snapshot(site)
    out = io.StringIO()
    assert update(site, str(engine), out=out) == 0
    assert _site_snapshot(site) == before
    assert (site / "macros/engine.py").read_text() == "NEW = 2\n" and (site / "macros/added.py").exists()
    assert not (site / "overrides/old.css").exists()
    record = json.loads((site / RECORD).read_text())
    assert record["version"] == "0.4.0" and record["files"] == engine_files(site)
    text = out.getvalue()
    assert "0.3.0 → 0.4.0" in text and "removed overrides/old.css" in text and "added   macros/added.py" in text
    assert "Migrate:** add data/site.yaml" in text and "Older." not in text


def test_an_engine_file_changed_by_hand_stops_the_update_and_nothing_changes(tmp_path):
    site, engine = _site(tmp_path / "site"), _tree(tmp_path / "engine", ENGINE)
    assert update(site, str(engine), out=io.StringIO()) == 0
    (site / "macros/engine.py").write_text("NEW = 2  # the town's own fix\n", encoding="utf-8")
    newer = _tree(tmp_path / "newer", {**ENGINE, "macros/VERSION": "0.5.0\n", "macros/engine.py": "NEWER = 3\n"})
    out = io.StringIO()
    assert update(site, str(newer), out=out) == 1
    assert "macros/engine.py" in out.getvalue()
    assert (site / "macros/engine.py").read_text() == "NEW = 2  # the town's own fix\n"
    assert json.loads((site / RECORD).read_text())["version"] == "0.4.0"
    assert update(site, str(newer), overwrite=True, out=io.StringIO()) == 0
    assert (site / "macros/engine.py").read_text() == "NEWER = 3\n"


def test_a_file_the_site_left_alone_is_updated_even_when_others_were_changed_elsewhere(tmp_path):
    """Only a file changed by hand AND changed by the newer engine is a conflict."""
    site, engine = _site(tmp_path / "site"), _tree(tmp_path / "engine", ENGINE)
    assert update(site, str(engine), out=io.StringIO()) == 0
    (site / "macros/added.py").write_text("X = 'local'\n", encoding="utf-8")   # the newer engine leaves it as is
    newer = _tree(tmp_path / "newer", {**ENGINE, "macros/VERSION": "0.5.0\n", "macros/engine.py": "NEWER = 3\n",
                                       "macros/added.py": "X = 1\n"})
    assert update(site, str(newer), out=io.StringIO()) == 1      # added.py would be undone: said, not done
    assert (site / "macros/added.py").read_text() == "X = 'local'\n"


def test_a_git_tag_is_taken_as_tagged(tmp_path):
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    engine = _tree(tmp_path / "engine", ENGINE)
    git = ["git", "-C", str(engine), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "0.4.0"], ["tag", "v0.4.0"]):
        subprocess.run(git + args, check=True)
    (engine / "macros/engine.py").write_text("UNRELEASED = 9\n", encoding="utf-8")
    subprocess.run(git + ["commit", "-qam", "after the tag"], check=True)
    site = _site(tmp_path / "site")
    out = io.StringIO()
    assert update(site, f"{engine}@v0.4.0", out=out) == 0
    assert (site / "macros/engine.py").read_text() == "NEW = 2\n"
    assert "@v0.4.0" in json.loads((site / RECORD).read_text())["source"]


def test_without_a_record_every_difference_is_asked_about_first(tmp_path):
    site, engine = _tree(tmp_path / "site", SITE), _tree(tmp_path / "engine", ENGINE)
    out = io.StringIO()
    assert update(site, str(engine), out=out) == 1
    assert f"there is no {RECORD}" in out.getvalue() and "macros/engine.py" in out.getvalue()
    assert (site / "macros/engine.py").read_text() == "OLD = 1\n" and not (site / RECORD).exists()
    assert update(site, str(engine), overwrite=True, out=io.StringIO()) == 0
    assert (site / "macros/engine.py").read_text() == "NEW = 2\n"


def test_an_unknown_source_is_one_line(tmp_path):
    site = _site(tmp_path / "site")
    with pytest.raises(UpdateError) as err:
        update(site, str(tmp_path / "nowhere") + "@v9", out=io.StringIO())
    assert "\n" not in str(err.value) and " / cannot fetch" in str(err.value)
    assert (site / "macros/engine.py").read_text() == "OLD = 1\n"


def test_this_engine_updates_a_copy_of_a_site_and_leaves_its_data_and_pages(tmp_path):
    """The real engine into a site made from it: every engine path arrives, data/ and docs/ are untouched."""
    site = tmp_path / "site"
    site.mkdir()
    for name in ("mkdocs.yml", "README.md"):
        shutil.copy2(ROOT / name, site / name)
    for name in ("macros", "overrides", "data", "docs"):
        shutil.copytree(ROOT / name, site / name, ignore=shutil.ignore_patterns("__pycache__"))
    write_record(site, "scaffold")
    (site / "docs/index.md").write_text("# 架空町\n", encoding="utf-8")
    before = _site_snapshot(site)
    assert update(site, str(ROOT), out=io.StringIO()) == 0
    assert _site_snapshot(site) == before
    installed = engine_files(site)
    assert installed == {p: h for p, h in engine_files(ROOT).items()}
    assert {p.split("/")[0] for p in installed} >= {"macros", "overrides", "Makefile", ".github"}
    assert all(any(p == e or p.startswith(e + "/") for e in ENGINE_PATHS) for p in installed)
