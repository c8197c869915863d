"""The English text readers get, paired with its Japanese original: every page source and every data name.

Used by the terms test and the spelling test. Page sources are read as written (no build needed):
front matter, macro calls, HTML comments and Japanese inserted with lang="ja" are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.core.glossary import load_glossary
from macros.core.report import load_report
from macros.render.labels import _LABELS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_JA_SPAN = re.compile(r'<span lang="ja">.*?</span>', re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


@dataclass(frozen=True)
class Pair:
    where: str   # docs/strategy-1.en.md, or data/editions/2024-02/strategies/strategy-1.yaml:12 (1-1-1-1 name)
    ja: str
    en: str
    defines: str = ""   # a glossary definition: the term it defines (which it need not repeat)


def prose(markdown: str) -> str:
    """The words of a page source, without what is not English prose."""
    text = _FRONT_MATTER.sub("", markdown)
    for pattern in (_MACRO, _COMMENT, _JA_SPAN):
        text = pattern.sub(" ", text)
    return _LINK_TARGET.sub("]", text)


def page_pairs() -> list[Pair]:
    out = []
    for en in sorted(DOCS.rglob("*.en.md")):
        ja = en.with_name(en.name.removesuffix(".en.md") + ".md")
        out.append(Pair(en.relative_to(ROOT).as_posix(), prose(ja.read_text(encoding="utf-8")),
                        prose(en.read_text(encoding="utf-8"))))
    return out


def data_pairs() -> list[Pair]:
    """Every generated English text: names and titles of strategies, policies, measures and KPIs, KPI notes,
    units, report metadata, and the glossary's definitions."""
    report = load_report(ROOT).report
    out = []
    for s in report.strategies:
        out.append(Pair(f"{s.source.file}:{s.source.line} ({s.id} title)", s.title.ja, s.title.en))
        for i in s.all_items():
            out.append(Pair(f"{i.source.file}:{i.source.line} ({i.id} title)", i.title.ja, i.title.en))
            for k in i.kpis:
                out.append(Pair(f"{k.source.file}:{k.source.line} ({k.id} name)", k.name.ja, k.name.en))
                out += [Pair(f"{k.source.file}:{k.source.line} ({k.id} note)", n.text.ja, n.text.en)
                        for n in k.notes]
    out += [Pair(f"data/units.yaml ({u.ja})", u.ja, u.en) for u in report.units.values()]
    meta = report.meta
    out += [Pair(f"data/editions/2024-02/report.yaml ({f})", getattr(meta, f).ja, getattr(meta, f).en)
            for f in ("title", "publisher", "published")]
    out += [Pair(f"{t.source.file}:{t.source.line} ({t.ja} definition)", t.definition.ja, t.definition.en, t.ja)
            for t in load_glossary(ROOT) if t.definition]
    return out


def interface_words() -> list[str]:
    """The English interface labels (macros/render/labels.py)."""
    return [v for v in _LABELS["en"].values() if isinstance(v, str)]
