"""`make update-engine FROM=<folder or git URL>[@tag]`: take a newer engine into a site, without a merge.

A site is the engine (the paths in ENGINE_PATHS: macros/, overrides/, the Makefile, the workflows, the
pins, the staff guide) plus the site's own files (data/, docs/, mkdocs.yml, README.md), which this never
reads or writes. The engine's files are replaced by the newer engine's, files the newer engine no longer
has are removed, and `.engine.json` records the version, the source and a hash of every engine file as
installed, so that the next update can tell an engine file the site changed by hand from one it left alone.

Nothing is lost: when an engine file was changed by hand since the last update (or, on a site's first
update, differs from the newer engine in a way the update would undo), the update lists those files and
changes nothing, unless the site's maintainer says OVERWRITE=yes. The CHANGELOG's entries between the two
versions, with their migration steps, are printed at the end.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The engine: what every site shares. Everything else (data/, docs/, mkdocs.yml, README.md, tests/site/)
# belongs to the site.
ENGINE_PATHS = ("macros", "overrides", "tests", "bench", "guide", "Makefile", ".github/workflows", ".ci",
                "pyproject.toml", "pytest.ini", "requirements.in", "requirements.txt",
                "requirements-lock.in", "requirements-lock.txt", "requirements-properdocs.in",
                "requirements-properdocs.txt", "package.json", "package-lock.json", ".npmrc",
                "CHANGELOG.md", "MAINTAINERS.md", "DECISIONS.md", "SECURITY.md")
# Inside the engine's paths, what a site keeps as its own.
SITE_OWNED = ("tests/site",)
RECORD = ".engine.json"
VERSION_FILE = "macros/VERSION"
_SKIP = re.compile(r"(^|/)(__pycache__|\.pytest_cache)(/|$)|\.pyc$")


class UpdateError(Exception):
    """One line, in Japanese and English, for the maintainer running the update."""


def _fail(ja: str, en: str) -> UpdateError:
    return UpdateError(f"update-engine: {ja} / {en}")


def engine_files(root: Path) -> dict[str, str]:
    """Every engine file under root, as posix path → sha256 of its bytes."""
    files = {}
    for name in ENGINE_PATHS:
        top = root / name
        paths = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else []
        for path in paths:
            rel = path.relative_to(root).as_posix()
            if _SKIP.search(rel) or any(rel == s or rel.startswith(s + "/") for s in SITE_OWNED):
                continue
            files[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def version_of(root: Path) -> str:
    path = root / VERSION_FILE
    return path.read_text(encoding="utf-8").strip() if path.is_file() else "unknown"


def _split_source(source: str) -> tuple[str, str | None]:
    """'URL@tag' → (URL, tag). An '@' inside the URL's user part (git@host:…) is not a tag."""
    head, sep, tag = source.rpartition("@")
    if sep and tag and "/" not in tag and ":" not in tag and not head.endswith(("git", "ssh://git")):
        return head, tag
    return source, None


def fetch(source: str, into: Path) -> tuple[Path, str]:
    """The newer engine as a folder: a local folder as it is, or a git clone of a URL, folder or tag."""
    location, tag = _split_source(source)
    folder = Path(location)
    if tag is None and folder.is_dir():
        return folder, location
    try:
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", *(["--branch", tag] if tag else []),
                        location, str(into)], check=True, capture_output=True, text=True, timeout=600)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, FileNotFoundError) as err:
        detail = " ".join(str(getattr(err, "stderr", "") or err).split())[:200]
        raise _fail(f"「{source}」を取得できません（{detail}）— フォルダか git の URL、タグを確かめてください",
                    f"cannot fetch {source!r} ({detail}) — check the folder, git URL or tag") from None
    commit = subprocess.run(["git", "-C", str(into), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    return into, f"{location}@{tag or 'HEAD'} ({commit[:12]})"


def changelog_between(new_root: Path, old: str, new: str) -> str:
    """The CHANGELOG entries (## <version> headings) newer than `old`, up to and including `new`."""
    path = new_root / "CHANGELOG.md"
    if not path.is_file():
        return ""
    entries = re.split(r"(?m)^(?=## )", path.read_text(encoding="utf-8"))
    kept = []
    for entry in entries:
        m = re.match(r"## \[?(\d+(?:\.\d+)*)", entry)
        if not m:
            continue
        if m.group(1) == old:
            break
        kept.append(entry.strip())
    return "\n\n".join(kept)


def plan(site: Path, new_root: Path) -> tuple[dict[str, list[str]], list[str]]:
    """What the update would do (added, changed, removed) and the engine files changed by hand."""
    have, want = engine_files(site), engine_files(new_root)
    record_path = site / RECORD
    installed = json.loads(record_path.read_text(encoding="utf-8"))["files"] if record_path.is_file() else None
    changes = {"added": sorted(set(want) - set(have)),
               "changed": sorted(p for p in set(want) & set(have) if want[p] != have[p]),
               "removed": sorted(set(have) - set(want))}
    if installed is None:
        # First update: no record of what was installed, so any difference could be a change by hand.
        by_hand = changes["changed"] + changes["removed"]
    else:
        by_hand = sorted(p for p in set(have) if installed.get(p) != have[p]
                         and (p in changes["changed"] or p in changes["removed"]))
    return changes, by_hand


def write_record(site: Path, source: str) -> None:
    """Record the engine as installed in the site now (also written by a new site's scaffold)."""
    record = {"version": version_of(site), "source": source, "files": engine_files(site)}
    (site / RECORD).write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                               encoding="utf-8")


def update(site: Path, source: str, overwrite: bool = False, out=sys.stdout) -> int:
    site = site.resolve()
    if not (site / "mkdocs.yml").is_file() or not (site / "data").is_dir():
        raise _fail(f"{site} はサイトのフォルダではありません（mkdocs.yml と data/ がありません）",
                    f"{site} is not a site folder (no mkdocs.yml and data/)")
    with tempfile.TemporaryDirectory(prefix="engine-") as tmp:
        new_root, described = fetch(source, Path(tmp) / "engine")
        if not (new_root / "macros").is_dir():
            raise _fail(f"「{source}」にエンジン（macros/）がありません", f"{source!r} holds no engine (no macros/)")
        if new_root.resolve() == site:
            raise _fail("更新元がこのサイト自身です", "the source is this site itself")
        changes, by_hand = plan(site, new_root)
        if by_hand and not overwrite:
            if (site / RECORD).is_file():
                print("update-engine: 次のエンジンのファイルはこのサイトで変更されています。何も変更していません。"
                      "変更を data/・docs/ に移すか git で確かめてから、OVERWRITE=yes で上書きしてください / "
                      "these engine files were changed in this site; nothing was changed. Move the change into "
                      "data/ or docs/, or check it in git, then run again with OVERWRITE=yes:", file=out)
            else:
                print(f"update-engine: {RECORD} がないため、次のファイルがこのサイトで変更されたかどうか分かりません。"
                      "何も変更していません。git で確かめてから、OVERWRITE=yes で上書きしてください / "
                      f"there is no {RECORD}, so whether these files were changed in this site is unknown; nothing "
                      "was changed. Check them in git, then run again with OVERWRITE=yes:", file=out)
            for path in by_hand:
                print(f"  {path}", file=out)
            return 1
        old_version, new_version = version_of(site), version_of(new_root)
        for path in changes["removed"]:
            (site / path).unlink()
        for path in changes["added"] + changes["changed"]:
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(new_root / path, site / path)
        write_record(site, described)
        notes = changelog_between(new_root, old_version, new_version)
    print(f"update-engine: {old_version} → {new_version} ({described}): "
          f"{len(changes['added'])} added, {len(changes['changed'])} changed, {len(changes['removed'])} removed; "
          "data/ と docs/ は変更していません / data/ and docs/ were not touched", file=out)
    for kind in ("added", "changed", "removed"):
        for path in changes[kind]:
            print(f"  {kind:7} {path}", file=out)
    if notes:
        print("\n変更点と移行の手順 / What changed and what to migrate (CHANGELOG.md):\n\n" + notes, file=out)
    print("\n次に make check でサイトを確かめてください / next, check the site with make check", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="update-engine", description=__doc__.splitlines()[0])
    parser.add_argument("source", help="the newer engine: a folder, or a git URL or folder, with @tag")
    parser.add_argument("--site", default=".", help="the site to update (default: this folder)")
    parser.add_argument("--overwrite", action="store_true", help="replace engine files changed by hand")
    args = parser.parse_args(argv)
    try:
        return update(Path(args.site), args.source, args.overwrite)
    except UpdateError as err:
        print(err, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
