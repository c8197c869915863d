"""Translation freshness: each English page records the hash of the Japanese page it was translated from.

`python -m macros.translations --stamp docs/x.en.md` records the current hash after a translation is updated.
"""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

KEY = "translated_from"
_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.S)


def source_hash(ja_path: Path) -> str:
    text = ja_path.read_text(encoding="utf-8").replace("\r\n", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def recorded_hash(en_path: Path) -> str | None:
    m = _FRONT.match(en_path.read_text(encoding="utf-8"))
    if not m:
        return None
    found = re.search(rf"^{KEY}:\s*\"?([0-9a-f]+)\"?\s*$", m.group(1), re.M)
    return found.group(1) if found else None


def pairs(docs: Path) -> list[tuple[Path, Path]]:
    """(ja, en) page pairs; en may not exist."""
    return [(ja, ja.with_name(ja.name[:-3] + ".en.md")) for ja in sorted(docs.rglob("*.md"))
            if not ja.name.endswith(".en.md")]


def missing(docs: Path) -> list[Path]:
    return [ja for ja, en in pairs(docs) if not en.exists()]


def orphans(docs: Path) -> list[Path]:
    return [en for en in sorted(docs.rglob("*.en.md")) if not en.with_name(en.name[:-6] + ".md").exists()]


def stale(docs: Path) -> list[Path]:
    return [en for ja, en in pairs(docs) if en.exists() and recorded_hash(en) != source_hash(ja)]


def without_stamp(text: str) -> str:
    """An English page with no record of its translation: stale until it is translated and stamped."""
    return re.sub(rf"^{KEY}:.*\n", "", text, count=1, flags=re.M)


def stamp(en_path: Path) -> None:
    ja = en_path.with_name(en_path.name[:-6] + ".md")
    text = en_path.read_text(encoding="utf-8")
    line = f"{KEY}: {source_hash(ja)}"
    m = _FRONT.match(text)
    if not m:
        text = f"---\n{line}\n---\n\n{text}"
    elif re.search(rf"^{KEY}:.*$", m.group(1), re.M):
        text = re.sub(rf"^{KEY}:.*$", line, text, count=1, flags=re.M)
    else:
        text = text.replace("---\n", f"---\n{line}\n", 1)
    en_path.write_text(text, encoding="utf-8")


def main() -> None:
    args = sys.argv[1:]
    if args[:1] != ["--stamp"] or len(args) < 2:
        sys.exit("usage: python -m macros.translations --stamp docs/page.en.md [...]")
    for a in args[1:]:
        stamp(Path(a))
        print(f"stamped {a}")


if __name__ == "__main__":
    main()
