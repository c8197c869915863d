"""The glossary (data/glossary.yaml): each Japanese term with its one English rendering.

The glossary pages are generated from it, and the terms test checks every English page
against it: a page whose Japanese counterpart uses a term must use one of the term's
renderings, and no English page may use a variant the glossary lists under `avoid`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, problem
from .loader import Marked, load_yaml
from .model import Source, Text
from .schema import check_schema
from .site import load_site

DISPLAY = "data/glossary.yaml"


@dataclass(frozen=True)
class Term:
    ja: str                   # the term as the report writes it
    reading: str              # its kana reading, shown on the Japanese page ("" when the term is its own reading)
    en: str                   # the one English rendering used on this site
    romaji: str               # the romanised reading, shown on the English page ("" for none)
    forms: tuple[str, ...]    # other accepted forms of the rendering (plural, short form)
    avoid: tuple[str, ...]    # variants that must not appear on any English page
    exact_case: bool          # renderings and forms must match with their capitals (e.g. "Geopark")
    definition: Text | None
    source: Source

    @property
    def renderings(self) -> tuple[str, ...]:
        return (self.en,) + self.forms

    @property
    def anchor(self) -> str:
        """A stable id for links, the same on both language pages: term-<rendering in lower case>
        (a Japanese-only site's term has no rendering: term-<the term>)."""
        if not self.en:
            return "term-" + "-".join(self.ja.split())
        return "term-" + (re.sub(r"[^a-z0-9]+", "-", self.en.lower()).strip("-") or "x")


def _phrase(text: str, exact_case: bool) -> re.Pattern:
    """A rendering or variant as a whole-word pattern; spaces match any run of white space."""
    body = r"\s+".join(re.escape(w) for w in text.split())
    start = r"(?<!\w)" if text[:1].isalnum() else ""
    end = r"(?![^\W\d])" if text[-1:].isalnum() else ""   # a figure may follow: FY2022
    return re.compile(start + body + end, 0 if exact_case else re.IGNORECASE)


def uses_rendering(term: Term, english: str) -> bool:
    return any(_phrase(r, term.exact_case).search(english) for r in term.renderings)


def avoided_in(term: Term, english: str) -> list[str]:
    """The avoided variants of the term found in an English text (always matched with their capitals)."""
    return [v for v in term.avoid if _phrase(v, True).search(english)]


def _fail(node: Marked, key: str, field: str, what_ja: str, what_en: str, fix_ja: str, fix_en: str) -> DataError:
    return DataError(DISPLAY, node.line_of(key), field, problem(what_ja, what_en, fix_ja, fix_en))


def _named(err: DataError, doc) -> DataError:
    """'[42].exact_case' → '商工会.exact_case': name the entry by its term, as editors know it."""
    m = re.match(r"\[(\d+)\]\.?(.*)", err.field)
    if m and int(m.group(1)) < len(doc) and isinstance(doc[int(m.group(1))], dict) and doc[int(m.group(1))].get("ja"):
        field = ".".join(x for x in (str(doc[int(m.group(1))]["ja"]), m.group(2)) if x)
        return DataError(err.file, err.line, field, err.problem)
    return err


def _term(entry: Marked) -> Term:
    ja, en = entry["ja"], entry.get("en", "")
    exact = bool(entry.get("exact_case", False))
    forms = tuple(entry.get("forms", ()))
    avoid = tuple(entry.get("avoid", ()))
    for i, variant in enumerate(avoid):
        if any(_phrase(variant, True).search(r) for r in (en,) + forms):
            raise DataError(DISPLAY, entry["avoid"].item_lines[i], f"{ja}.avoid", problem(
                f"避ける表記「{variant}」が採用する訳語「{en}」に含まれています",
                f"the avoided variant {variant!r} occurs in the chosen rendering {en!r}",
                "avoid から外すか、より長い表記にしてください",
                "remove it from avoid or make it a longer phrase"))
    definition = None
    if "definition" in entry:
        d = entry["definition"]
        definition = Text(" ".join(d["ja"].split()), " ".join(d.get("en", "").split()))
    return Term(ja, entry.get("reading", ""), en, entry.get("romaji", ""), forms, avoid, exact, definition,
                Source(DISPLAY, entry.line))


def load_glossary(root: Path) -> tuple[Term, ...]:
    """Load and check data/glossary.yaml. Raises DataError (one line) on an editor's mistake."""
    languages = load_site(root).languages
    if "en" not in languages and not (Path(root) / DISPLAY).is_file():
        return ()   # the glossary gives the English renderings: a Japanese-only site may have none
    doc = load_yaml(Path(root) / DISPLAY, DISPLAY)
    try:
        check_schema(doc, "glossary.schema.json", DISPLAY, languages)
    except DataError as err:
        raise _named(err, doc) from None
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for entry in doc:
        if entry["ja"] in seen:
            raise _fail(entry, "ja", f"{entry['ja']}.ja",
                        f"用語「{entry['ja']}」が2回あります（最初は {seen[entry['ja']]} 行目）",
                        f"the term {entry['ja']!r} appears twice (first on line {seen[entry['ja']]})",
                        "一つにまとめてください", "merge the two entries")
        seen[entry["ja"]] = entry.line
        terms.append(_term(entry))
    return tuple(terms)
