"""Every English text uses the glossary's one rendering of each term (data/glossary.yaml).

A text fails when it uses a variant the glossary says to avoid, or when its Japanese original
contains a term and the English uses none of that term's renderings.
"""
from __future__ import annotations

import pytest

from macros.core.glossary import avoided_in, load_glossary, uses_rendering
from tests.build.english import ROOT, Pair, data_pairs, page_pairs

TERMS = load_glossary(ROOT)
PAIRS = page_pairs() + data_pairs()


def _squeeze(japanese: str) -> str:
    """Japanese without spaces: the report writes both ソサエティ5.0 and ソサエティ 5.0."""
    return "".join(japanese.split())


def problems(pair: Pair) -> list[str]:
    out = []
    for term in TERMS:
        for variant in avoided_in(term, pair.en):
            out.append(f"{pair.where}: uses {variant!r}; the glossary renders {term.ja} as {term.en!r}")
        defined_here = pair.defines and (pair.defines in term.ja or term.ja in pair.defines)
        if _squeeze(term.ja) in _squeeze(pair.ja) and not defined_here and not uses_rendering(term, pair.en):
            out.append(f"{pair.where}: the Japanese says {term.ja}, the English never says "
                       f"{' / '.join(repr(r) for r in term.renderings)}")
    return out


@pytest.mark.parametrize("pair", page_pairs(), ids=lambda p: p.where)
def test_english_page_uses_the_glossary_terms(pair):
    assert not problems(pair), "\n".join(problems(pair))


def test_generated_names_use_the_glossary_terms():
    found = [p for pair in data_pairs() for p in problems(pair)]
    assert not found, "\n".join(found)


def test_the_check_finds_an_avoided_variant_and_a_missing_rendering():
    bad = Pair("example", "県央連携都市圏域と商工会", "the central Yamaguchi partnership and the Chamber of Commerce")
    found = " ".join(problems(bad))
    assert "'central Yamaguchi partnership'" in found
    assert "'Chamber of Commerce'" in found
    assert "the English never says 'Society of Commerce and Industry'" in found


def test_a_capitalised_rendering_must_keep_its_capitals():
    geopark = next(t for t in TERMS if t.ja == "ジオパーク")
    assert uses_rendering(geopark, "the Mine-Akiyoshidai Karst Plateau Geopark")
    assert not uses_rendering(geopark, "geopark activities")
    assert avoided_in(geopark, "geopark activities") == ["geopark"]
