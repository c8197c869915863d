"""The site's own settings (data/site.yaml): the municipality, languages, plan levels, status scheme, file names.

This is the one place the engine learns which town it publishes; nothing municipal is written in macros/.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, problem
from .loader import load_yaml
from .model import Text
from .schema import check_schema
from .status_schemes import DEFAULT, Scheme, scheme_from

DISPLAY = "data/site.yaml"


@dataclass(frozen=True)
class Site:
    municipality: Text
    languages: tuple[str, ...]       # ("ja",) or ("ja", "en"); Japanese always first
    levels: tuple[Text, ...]         # the plan's levels above the KPIs, from the top (1 to 3)
    status_scheme: dict              # the `status:` mapping as written
    pdf_name: str                    # PDFs are published as <pdf_name>-<lang>.pdf
    scheme: Scheme = DEFAULT         # the status scheme the `status:` block chooses
    # How each level names its items in headings ({name} {n} {id}, LABEL_FIELDS); None: the engine's words
    level_labels: tuple[Text | None, ...] = ()

    @property
    def bilingual(self) -> bool:
        return "en" in self.languages


def _text(doc: dict, languages: tuple[str, ...], field: str, line: int) -> Text:
    if "en" in languages and "en" not in doc:
        raise DataError(DISPLAY, line, field,
                        problem("英語（en）がありません", "the English (en) is missing",
                                "英語版を公開するときは en も書いてください",
                                "write the en text too, since the site is published in English"))
    return Text(doc["ja"], doc.get("en", ""))


# What a level's label may say of an item: the level's name, the item's number, its whole id (1-2-3).
LABEL_FIELDS = ("name", "n", "id")


def level_label(level: dict, i: int, line: int, display: str = DISPLAY) -> Text | None:
    """A level's `label:`, its placeholders checked (an unknown one would stop every page's heading);
    `display`: the file it is read from (data/site.yaml, or the answers of make new-site)."""
    label = level.get("label")
    if label is None:
        return None
    for lang, text in label.items():
        try:
            wrong = [f"{{{f}}}" for _, f, _, _ in string.Formatter().parse(text) if f is not None and f not in LABEL_FIELDS]
        except ValueError:   # a brace not closed, or "}" alone
            wrong = ["{ }"]
        if wrong:
            raise DataError(display, line, f"levels[{i}].label.{lang}", problem(
                f"「{wrong[0]}」は使えません", f"{wrong[0]} cannot be used",
                "波括弧は {name}（階層の名前）・{n}（項目の番号）・{id}（1-2-3 のような番号）にだけ使ってください",
                "use braces only in {name} (the level's name), {n} (the item's number) and {id} (its whole id, as 1-2-3)"))
    return Text(label["ja"], label.get("en", ""))


def load_site(root: Path) -> Site:
    doc = load_yaml(Path(root) / DISPLAY, DISPLAY)
    check_schema(doc, "site.schema.json", DISPLAY)
    languages = tuple(doc["languages"])
    levels = tuple(_text(level, languages, f"levels[{i}]", doc["levels"].item_lines[i])
                   for i, level in enumerate(doc["levels"]))
    labels = tuple(level_label(level, i, doc["levels"].item_lines[i]) for i, level in enumerate(doc["levels"]))
    return Site(municipality=_text(doc["municipality"], languages, "municipality", doc.line_of("municipality")),
                languages=languages, levels=levels, status_scheme=dict(doc["status"]),
                pdf_name=doc["files"]["pdf"], scheme=scheme_from(doc["status"]),
                level_labels=labels)
