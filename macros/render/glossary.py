"""The glossary pages, generated from data/glossary.yaml (macros/core/glossary.py)."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..core.glossary import Term

# Runs of Japanese script (kana, CJK ideographs, the iteration mark and full-width forms), so that
# Japanese words inside English text are read with a Japanese voice: <span lang="ja">.
_JAPANESE = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e][\u3000-\u30ff\u3400-\u4dbf"
                       r"\u4e00-\u9fff\uff01-\uff5e・A-Za-z0-9]*")
_ITALIC = re.compile(r"\*([^*\s][^*]*)\*")


def inline(text: str, lang: str) -> Markup:
    """Escaped text; on English pages Japanese runs carry lang="ja". *word* becomes italic."""
    html = str(escape(text))
    if lang == "en":
        html = _JAPANESE.sub(lambda m: f'<span lang="ja">{m.group(0)}</span>', html)
    return Markup(_ITALIC.sub(r"<i>\1</i>", html))


def _hiragana(text: str) -> str:
    """Katakana as hiragana, so that readings sort in kana order whichever script they are written in."""
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


def _sort_key(term: Term, lang: str) -> str:
    return _hiragana(term.reading or term.ja) if lang == "ja" else term.en.strip('"').casefold()


def _heading(english: str) -> str:
    """A rendering as an entry heading: first letter capitalised (neuvola → Neuvola)."""
    return english[:1].upper() + english[1:]


def glossary_context(terms: tuple[Term, ...], lang: str) -> dict:
    """What the template needs: the explained terms in file order, and every term in reading/alphabetical order."""
    def view(t: Term) -> dict:
        return {"anchor": t.anchor, "ja": t.ja, "reading": t.reading, "en": t.en, "heading": _heading(t.en),
                "romaji": t.romaji,
                "definition": inline(t.definition.get(lang), lang) if t.definition else None}
    return {"explained": [view(t) for t in terms if t.definition],
            "all": [view(t) for t in sorted(terms, key=lambda t: _sort_key(t, lang))]}
