"""The pipeline as byline loads it (the compiled attribute ruler, numpy's BLAS) gives exactly
the annotations of the model as spaCy loads it."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from byline.extract.attribute_rules import (
    COMPILED_NAME,
    CompiledAttributeRuler,
    compile_in_place,
    compile_ruler,
)
from byline.extract.nlp import NEWLINE_SENTENCES, load_nlp

REPO = Path(__file__).resolve().parents[2]

OUR_TEXTS = [
    "The ministry said on Tuesday that 14 people had died, though it isn't clear whether more were hurt.",
    "I'd say you're wrong: they've gone, and we'll see. Won't you come? Nothin' doin', he said.",
    "Port workers in Valdora struck on Monday.\n\nMayor Tomas Berg met them at 9:15 p.m.  \n",
    "U.S. officials -- who declined to be named -- said the $2.5 million deal was 'dead'.",
    "",
    "   \n\t ",
]


def _annotations(doc: Doc) -> list[tuple[str, ...]]:
    return [
        (t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i), t.ent_type_, t.ent_iob_) for t in doc
    ]


def _texts() -> list[str]:
    texts = list(OUR_TEXTS)
    for folder in (REPO / "examples", REPO.parent / "shared" / "seeds"):
        texts += [
            p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.suffix in (".txt", ".md")
        ]
    return texts


def test_the_default_model_runs_the_compiled_ruler() -> None:
    nlp = load_nlp()
    assert isinstance(nlp.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert nlp.pipe_names.index("attribute_ruler") == nlp.pipe_names.index("parser") + 1


def _uses_blis(nlp: spacy.language.Language) -> set[bool]:
    return {n.ops.use_blis for _, p in nlp.pipeline if getattr(p, "model", None) for n in p.model.walk()}


def test_same_annotations_as_the_model_loaded_by_spacy() -> None:
    texts = _texts()
    assert len(texts) > 10  # examples and seeds were found
    nlp = load_nlp()
    # the same pipeline as load_nlp's, with spaCy's own ruler
    reference = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    for name in reference.pipe_names:
        if name not in nlp.pipe_names:
            reference.disable_pipe(name)
    reference.add_pipe(NEWLINE_SENTENCES, before="parser")
    assert reference.pipe_names == nlp.pipe_names
    assert isinstance(reference.get_pipe("attribute_ruler"), AttributeRuler)
    assert _uses_blis(reference) == {True}  # thinc's default
    assert False in _uses_blis(nlp)  # byline's layers use numpy's BLAS
    tokens = 0
    for got, want in zip(nlp.pipe(texts), reference.pipe(texts), strict=True):
        assert _annotations(got) == _annotations(want)
        tokens += len(got)
    assert tokens > 5000


def _blank_with_ruler() -> tuple[spacy.language.Language, AttributeRuler]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return nlp, ruler


def test_rule_order_sets_and_regexes_match_spacy() -> None:
    nlp, ruler = _blank_with_ruler()
    ruler.add([[{"LOWER": "the"}]], {"POS": "DET", "LEMMA": "the"})
    ruler.add([[{"LOWER": {"IN": ["cat", "dog"]}}]], {"POS": "NOUN"})
    ruler.add(
        [[{"LOWER": "the"}, {"LOWER": "cat"}]], {"LEMMA": "feline", "POS": "PROPN"}, index=-1
    )  # later wins
    ruler.add([[{"LOWER": {"REGEX": "^sa[tw]$"}}]], {"POS": "VERB", "MORPH": "Tense=Past"})
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"LOWER": {"NOT_IN": ["the", "cat", "dog", "sat", "saw", "mat", " "]}}]], {"POS": "ADP"})
    text = "The cat sat on the mat  and the dog saw the cat"
    want = _annotations(nlp(text))
    rules = compile_ruler(ruler)
    assert rules is not None
    assert compile_in_place(nlp) and isinstance(nlp.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    got = nlp(text)
    assert _annotations(got) == want
    assert [t.lemma_ for t in got][:2] == ["the", "feline"]
    assert (
        [t.pos_ for t in got][:2] == ["DET", "PROPN"] and got[-1].pos_ == "PROPN" and got[-4].pos_ == "NOUN"
    )
    assert got[2].pos_ == "VERB" and str(got[2].morph) == "Tense=Past"
    assert got[3].pos_ == "ADP"


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "the", "OP": "?"}, {"LOWER": "cat"}],  # an operator
        [{"LENGTH": 3}],  # an attribute the compiled form does not read
        [{}],  # a wildcard token
        [{"LOWER": {">=": 3}}],  # a comparison
    ],
)
def test_patterns_it_cannot_say_leave_spacys_ruler(pattern: list[dict]) -> None:
    nlp, ruler = _blank_with_ruler()
    ruler.add([[{"LOWER": "the"}]], {"POS": "DET"})
    ruler.add([pattern], {"POS": "NOUN"})
    assert compile_ruler(ruler) is None
    assert not compile_in_place(nlp)
    assert nlp.get_pipe("attribute_ruler") is ruler
    assert COMPILED_NAME not in nlp.pipe_names


def test_an_attribute_it_cannot_write_leaves_spacys_ruler() -> None:
    nlp, ruler = _blank_with_ruler()
    ruler.add([[{"LOWER": "the"}]], {"NORM": "da"})  # NORM is also a lexeme field: not compiled
    assert compile_ruler(ruler) is None


def test_thincs_blis_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYLINE_BLAS", "blis")
    assert _uses_blis(load_nlp.__wrapped__()) == {True}
