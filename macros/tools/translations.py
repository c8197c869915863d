"""Translation freshness: each English page records the hash of the Japanese page it was translated from.

`make stamp PAGES=docs/x.en.md` records the current hash after a translation is updated.
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


def _not_an_english_page(arg: str) -> str | None:
    """Why `arg` cannot be stamped (one line, ja / en), or None."""
    path = Path(arg)
    if not arg.endswith(".en.md") or not path.is_file():
        return (f"{arg}: PAGES: 英語のページ「{arg}」がありません — PAGES=docs/editions/2025-02/strategy-1.en.md のように、"
                f"英語のページ（.en.md）のファイル名を書いてください / there is no English page {arg!r} — "
                "give English pages (.en.md), e.g. PAGES=docs/editions/2025-02/strategy-1.en.md")
    if not path.with_name(path.name[:-6] + ".md").is_file():
        return (f"{arg}: PAGES: 対応する日本語のページがありません — 日本語のページと同じフォルダの英語のページを書いてください"
                f" / {arg!r} has no Japanese page beside it — give an English page next to its Japanese page")
    return None


def main(argv: list[str] | None = None) -> None:
    """make stamp PAGES="a.en.md b.en.md": every page is checked before any is stamped."""
    pages = sys.argv[1:] if argv is None else argv
    if pages[:1] == ["--stamp"]:
        pages = pages[1:]
    problems = [p for p in (_not_an_english_page(a) for a in pages) if p] if pages else [
        "PAGES: 英語のページが書かれていません — make stamp PAGES=docs/editions/2025-02/strategy-1.en.md のように書いてください"
        " / no pages given — run e.g. make stamp PAGES=docs/editions/2025-02/strategy-1.en.md"]
    if problems:
        sys.exit("\n".join(problems))
    for a in pages:
        stamp(Path(a))
        print(f"翻訳の印を更新しました / stamped {a}")


if __name__ == "__main__":
    main()
