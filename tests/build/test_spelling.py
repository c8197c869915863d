"""The English pages, names and labels use one spelling: British (organise, programme, centre, …).

Official English names of bodies keep their own spelling (Mine Rehabilitation Program Center):
the glossary's renderings are taken out of the text before it is checked.
"""
from __future__ import annotations

import re

import pytest

from macros.core.glossary import load_glossary
from tests.build.english import ROOT, data_pairs, interface_words, page_pairs

# American spelling → British spelling. Stems end where every inflection shares them.
US_TO_UK = {
    "program": "programme", "programs": "programmes", "center": "centre", "centers": "centres",
    "centered": "centred", "counselor": "counsellor", "counselors": "counsellors", "counseling": "counselling",
    "behavior": "behaviour", "color": "colour", "favor": "favour", "favorable": "favourable", "honor": "honour",
    "labor": "labour", "neighbor": "neighbour", "neighborhood": "neighbourhood", "harbor": "harbour",
    "rumor": "rumour", "flavor": "flavour", "endeavor": "endeavour", "vapor": "vapour",
    "traveler": "traveller", "travelers": "travellers", "traveling": "travelling", "traveled": "travelled",
    "canceled": "cancelled", "canceling": "cancelling", "labeled": "labelled", "labeling": "labelling",
    "modeled": "modelled", "modeling": "modelling", "enrollment": "enrolment", "fulfill": "fulfil",
    "skillful": "skilful", "defense": "defence", "offense": "offence", "gray": "grey", "aging": "ageing",
    "catalog": "catalogue", "theater": "theatre", "fiber": "fibre", "liter": "litre", "kilometer": "kilometre",
    "percent": "per cent", "analyze": "analyse", "analyzed": "analysed", "analyzing": "analysing",
    "paralyze": "paralyse", "practicing": "practising", "practiced": "practised", "jewelry": "jewellery",
    "maneuver": "manoeuvre", "pediatric": "paediatric", "pediatrics": "paediatrics",
    "gynecology": "gynaecology", "anemia": "anaemia", "estrogen": "oestrogen", "dependance": "dependence",
    "elevator": "lift", "elevators": "lifts", "specialty": "speciality", "specialties": "specialities",
    "artifact": "artefact", "artifacts": "artefacts", "home town": "hometown",
    "elementary": "primary",    # 小学校: primary school, as British English names the school
}
# -ize/-ization words: British spelling here uses -ise/-isation (organise, revitalisation).
_IZE = re.compile(r"\b([A-Za-z]{2,}?)(iz)(e|es|ed|ing|ation|ations|er|ers)\b")
_IZE_KEEP = {"size", "sizes", "sized", "sizing", "prize", "prizes", "seize", "seized", "seizes", "seizing",
             "capsize", "assize", "maize", "baize", "citizen", "citizens", "citizenship", "downsize", "oversize",
             "oversized", "outsize", "bite-size", "resize", "resized"}
_WORDS = re.compile(r"\b(" + "|".join(sorted(US_TO_UK, key=len, reverse=True)) + r")\b", re.IGNORECASE)

PROPER_NAMES = sorted({r for t in load_glossary(ROOT) for r in t.renderings}, key=len, reverse=True)


def american(text: str) -> list[str]:
    """American spellings in a text, each with its British form."""
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    found = [f"{m.group(0)} → {US_TO_UK[m.group(0).lower()]}" for m in _WORDS.finditer(text)]
    for m in _IZE.finditer(text):
        word = m.group(0)
        if word.lower() not in _IZE_KEEP and not word.lower().startswith(("siz", "priz", "seiz")):
            found.append(f"{word} → {m.group(1)}is{m.group(3)}")
    return found


@pytest.mark.parametrize("pair", page_pairs(), ids=lambda p: p.where)
def test_english_page_uses_british_spelling(pair):
    found = american(pair.en)
    assert not found, f"{pair.where}: " + ", ".join(found)


@pytest.mark.reference_site
def test_generated_names_and_labels_use_british_spelling():
    found = [f"{p.where}: {w}" for p in data_pairs() for w in american(p.en)]
    found += [f"macros/render/labels.py: {w}" for label in interface_words() for w in american(label)]
    assert not found, "\n".join(found)


@pytest.mark.reference_site
def test_the_check_finds_american_spellings_and_spares_british_ones_and_names():
    assert american("The program at the community center helped organize counselors.") == [
        "program → programme", "center → centre", "counselors → counsellors", "organize → organise"]
    assert american("The programme organised by the centre; a counsellor; its size; citizens.") == []
    assert american("the Mine Rehabilitation Program Center") == []


@pytest.mark.reference_site
def test_units_are_written_out_as_readers_say_them():
    """A table's 'Unit:' line is read as English: words, not an abbreviation ('companies etc.')."""
    units = [p for p in data_pairs() if p.where.startswith("data/units.yaml")]
    assert units
    found = [f"{p.where}: {p.en!r}" for p in units if re.search(r"\betc\b|\.$", p.en)]
    assert not found, "\n".join(found)
