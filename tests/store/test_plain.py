"""The store's JSON form of the model: to_plain and from_plain give back what went in."""

from __future__ import annotations

import json

from byline.model import (
    CorpusAnalysis,
    DocAnalysis,
    Entity,
    Origin,
    Repair,
    Source,
    from_plain,
    to_plain,
)


def test_a_corpus_and_an_analysis_survive_the_round_trip_through_json():
    corpus = CorpusAnalysis(
        entities=[Entity("e:x", "ORG", "X", ["Xx"], [Source("k1", 0, 4)])],
        origins=[Origin(key="o:k1", documents=["k1", "k2"], root="k1")],
        mention_entities={"k1": ["e:x", None], "k2": []},
    )
    analysis = DocAnalysis("k1", repairs=[Repair(0, 4, "Smoe", "Some", 0.9, "thesaurus", ("Same", "Sum"))])
    for obj, cls in ((corpus, CorpusAnalysis), (analysis, DocAnalysis)):
        plain = json.loads(json.dumps(to_plain(obj)))
        back = from_plain(cls, plain)
        assert back == obj
        assert to_plain(back) == plain
    repair = from_plain(DocAnalysis, json.loads(json.dumps(to_plain(analysis)))).repairs[0]
    assert isinstance(repair, Repair) and repair.candidates == ("Same", "Sum"), "tuples come back as tuples"


def test_missing_fields_take_their_defaults_and_none_stays_none():
    back = from_plain(DocAnalysis, {"doc": "k9", "language": None})
    assert back == DocAnalysis("k9")
    assert from_plain(CorpusAnalysis, {"mention_entities": {"k": [None, "e:y"]}}).mention_entities == {
        "k": [None, "e:y"]
    }
