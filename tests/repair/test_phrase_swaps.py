"""Whole-word swaps the language model alone undoes (tortured.phrase_swaps), and when it may."""

from __future__ import annotations

from functools import partial

import pytest

from byline.model import Repair
from byline.repair import RepairResources, load_repair_resources, repair_document
from byline.repair.document import _contexts
from byline.repair.tokens import tokenize
from byline.repair.tortured import phrase_swaps


@pytest.fixture(scope="module")
def res() -> RepairResources:
    return load_repair_resources()


def _swaps(text: str, res: RepairResources, blocked: list[tuple[int, int]] | None = None) -> list[Repair]:
    toks = tokenize(text)
    return phrase_swaps(text, toks, res, partial(_contexts, text, toks), blocked or [])


def test_a_tortured_phrase_is_undone_at_low_confidence(res: RepairResources) -> None:
    text = "Doctors said she was diagnosed with bosom cancer in the spring."
    (rep,) = _swaps(text, res)
    assert (rep.text, rep.replacement, rep.method) == ("bosom", "breast", "tortured")
    assert rep.confidence < 0.6
    (rep,) = _swaps("Officers said the man was placed under apprehension after the raid.", res)
    assert rep.replacement == "arrest"


def test_ordinary_wording_is_left_alone(res: RepairResources) -> None:
    for text in (
        "The council will hold a public meeting on the new road next week.",
        "The bank raised its interest rates again on the same day.",
        "The minister said the city would get more money for the new hospital wing.",
    ):
        assert _swaps(text, res) == [], text


def test_names_one_sided_context_and_blocked_spans_stop_it(res: RepairResources) -> None:
    assert _swaps("Doctors said Ms Okafor had bosom cancer in the spring.", res) == []  # a name beside it
    assert _swaps("Doctors found bosom, cancer and more in the spring.", res) == []  # cut off by commas
    text = "Doctors said she was diagnosed with bosom cancer in the spring."
    start = text.index("bosom")
    assert _swaps(text, res, [(start, start + 5)]) == []


SPUN = (  # clearly spun: non-words the thesaurus explains (said, residents, smaller, descended)
    "The mayor shelp on Tuesday that 4,500 dwellnts of the town were evacuated. Firefighters "
    "fought the blaze for three days, the fire chief shelp, and the minusculeer villages were "
    "spared. One resident was diagnosed with bosom cancer after years near the old plant, a "
    "doctor shelp, while the smoke descfinishen over the valley."
)


def test_only_a_visibly_spun_document_gets_phrase_swaps(res: RepairResources) -> None:
    clean = "One resident was diagnosed with bosom cancer after years near the old plant, a doctor said."
    assert not [r for r in repair_document(clean, res).repairs if r.method == "tortured"]
    spun = repair_document(SPUN, res)
    assert ("bosom", "breast") in {(r.text, r.replacement) for r in spun.repairs if r.method == "tortured"}
