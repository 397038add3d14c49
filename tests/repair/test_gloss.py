"""WordNet definition links (resources.parse_wordnet_glosses) and the candidates they add."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from byline.repair import RepairResourceError, RepairResources, load_repair_resources
from byline.repair.candidates import Candidate, generate
from byline.repair.resources import parse_wordnet_glosses
from byline.repair.scoring import derivation_score

# WordNet 3.0 data lines: offset lex_filenum ss_type w_cnt (word lex_id)* p_cnt | gloss
_DATA = {
    "noun": [
        "  1 licence header line, skipped",
        '00000001 05 n 01 meadow 0 000 | a field of grass kept for hay; "cows grazed in the meadow"',
        "00000002 05 n 01 grass 0 000 | green plants that animals eat",
        "00000003 15 n 01 Riverton 0 000 | a town in Ohio beside a meadow",
        "00000004 05 n 01 lantern 0 000 | a lamp carried to light the way",
    ],
    "verb": ["00000005 30 v 01 compare 0 000 | consider things as similar; be compared"],
    "adj": ["00000006 00 a 01 gloomy 0 000 | having the darkness of clouded skies"],
    "adv": [],
}
_INDEX = {
    "noun": ["meadow", "grass", "field", "hay", "plant", "animal", "town", "lamp", "way", "lantern"],
    "verb": ["compare", "consider", "eat", "carry", "light", "keep"],
    "adj": ["gloomy", "green", "similar", "dark"],
    "adv": [],
}
_ZIPF = {"a": 7.4, "of": 7.4, "for": 7.0, "the": 7.7, "be": 6.7, "as": 6.8, "to": 7.4}


def _wordnet(tmp_path: Path) -> Path:
    for pos, lines in _DATA.items():
        (tmp_path / f"data.{pos}").write_text("".join(f"{line}\n" for line in lines))
        index = "".join(f"{w} {pos[0]} 1 0 1 0 00000001\n" for w in _INDEX[pos])
        (tmp_path / f"index.{pos}").write_text(index)
    (tmp_path / "noun.exc").write_text("")
    (tmp_path / "verb.exc").write_text("kept keep\ncarried carry\n")
    (tmp_path / "adj.exc").write_text("")
    (tmp_path / "adv.exc").write_text("")
    return tmp_path


def test_a_word_is_linked_both_ways_to_the_content_words_of_its_definition(tmp_path: Path) -> None:
    links = parse_wordnet_glosses(_wordnet(tmp_path), _ZIPF)
    assert {"field", "grass", "hay", "keep"} <= links["meadow"]
    assert "meadow" in links["grass"] and "meadow" in links["hay"]  # symmetric
    assert "carry" in links["lantern"]  # an irregular form read through the exception list
    assert "plant" in links["grass"] and "animal" in links["grass"]  # "plants", "animals"


def test_examples_function_words_and_names_link_nothing(tmp_path: Path) -> None:
    links = parse_wordnet_glosses(_wordnet(tmp_path), _ZIPF)
    assert "cow" not in links["meadow"]  # only in the quoted example
    assert not {"a", "of", "for"} & links["meadow"]
    assert "riverton" not in links and "riverton" not in links["meadow"]  # a proper noun
    assert "ohio" not in links.get("town", set())


def test_unreadable_wordnet_data_is_a_clear_error(tmp_path: Path) -> None:
    folder = _wordnet(tmp_path)
    (folder / "data.adj").write_text("00000006 00 a zz gloomy | broken\n")
    with pytest.raises(RepairResourceError, match="WordNet"):
        parse_wordnet_glosses(folder, _ZIPF)


@pytest.fixture(scope="module")
def res() -> RepairResources:
    return load_repair_resources()


def test_a_definition_link_proposes_what_no_thesaurus_lists(res: RepairResources) -> None:
    # a spinner whose thesaurus put "meadow" for "grass" inside "grasshopper"
    assert "grass" not in res.synonyms("meadow") and "grass" in res.gloss["meadow"]
    found = {c.word: c for c in generate("meadowhopper", res)}
    assert found["grasshopper"].steps == 6
    # a whole token is never replaced by a word of its definition: that is a gloss, not a spin
    assert not any(c.steps == 6 for c in generate("meadow", res))


def test_a_definition_link_favours_the_closer_synonym(res: RepairResources) -> None:
    # a thesaurus pair also tied by a WordNet definition scores above the same pair without it
    head = next(h for h in sorted(res.synonyms("create")) if h in res.gloss.get("create", ()))
    cand = Candidate(head + "ing", "create", head, 1, False, 0)
    unlinked = replace(res, gloss={})
    assert derivation_score(cand, res) > derivation_score(cand, unlinked)
