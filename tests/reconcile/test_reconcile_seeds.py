"""The seeds' key figures, reconciled from hand-built per-document claims.

Extraction is not involved: each claim below is what a correct extractor should find in that
seed (anchored at the real offsets of its sentence), phrased the way the seed phrases it. Seeds
000-003 retell one report (one origin); 004 is an independent explainer (its own origin).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reconcile.reconcile_helpers import day, qty

from byline.model import DocAnalysis, DocClaim, DocEvent, Mention, Value
from byline.reconcile import ReconcileResult, reconcile

M = 1_000_000
GANG, PRISON, BOSS = "Tren de Aragua", "Tocorón", "Guerrero Flores"
ENTITIES = {GANG: "e-gang", PRISON: "e-prison", BOSS: "e-boss"}
ORIGINS = {"000": "o-report", "001": "o-report", "002": "o-report", "003": "o-report", "004": "o-explainer"}

# seed -> (subject, predicate, anchor in the sentence, value)
CLAIMS: dict[str, list[tuple[str, str, str, Value]]] = {
    "000": [
        (GANG, "members", "5,000 members", qty(5000, approx=True, unit="members")),
        (GANG, "annual profits", "$10-15 million", qty(low=10 * M, high=15 * M, currency="USD")),
        (PRISON, "soldiers deployed", "11,000 soldiers", qty(11000, unit="soldiers")),
        (BOSS, "reward", "$5 million reward", qty(5 * M, currency="USD")),
        (GANG, "identified members", "100 identified", qty(100, approx=True)),
    ],
    "001": [
        (GANG, "members", "5,000 members", qty(5000, approx=True, unit="members")),
        (GANG, "annual income", "$15 million", qty(low=10 * M, high=15 * M, currency="USD", approx=True)),
        (PRISON, "deployed soldiers", "11,000 soldiers", qty(11000, unit="soldiers")),
        (BOSS, "reward", "$5 million reward", qty(5 * M, currency="USD")),
        (BOSS, "escaped", "in 2012", day("2012")),
        (GANG, "active members", "100 considered", qty(100)),
    ],
    "002": [
        (GANG, "members", "5,000 members", qty(5000, unit="members")),
        (GANG, "membership", "half that figure", qty(2500, approx=True)),
        (GANG, "annual profits", "$10m and $15m", qty(low=10e6, high=15e6, currency="USD")),
        (PRISON, "troops deployed", "11,000", qty(11000)),  # the unit noun came out spun
        (BOSS, "reward", "reward of $5m", qty(5e6, currency="USD")),
        (BOSS, "escape", "escaped in 2012", day("2012")),
    ],
    "003": [
        (GANG, "members", "5,000 members", qty(5000, approx=True, unit="member")),
        (GANG, "annual profit", "$10 million to $15 million", qty(low=10 * M, high=15 * M, currency="USD")),
        (PRISON, "soldiers deployed", "11,000 soldiers", qty(11000, unit="soldier")),
        (BOSS, "reward", "$5 million reward", qty(5 * M, currency="USD")),
    ],
    "004": [
        (PRISON, "deployed soldiers", "11,000 soldiers", qty(11000, unit="soldiers")),
    ],
}
RAID_ANCHORS = {"000": "11,000", "001": "11,000", "002": "11,000", "003": "11,000", "004": "11,000"}


def _sentence(text: str, anchor: str, path: Path) -> tuple[int, int]:
    at = text.find(anchor)
    assert at >= 0, f"{path.name}: anchor {anchor!r} not found"
    starts = [m.end() for m in re.finditer(r"[.!?]\s+|\n", text[:at])]
    start = starts[-1] if starts else 0
    end_match = re.search(r"[.!?](?=\s|$)|\n", text[at:])
    end = at + end_match.end() if end_match else len(text)
    return start, end


def _analysis(path: Path) -> tuple[DocAnalysis, list[str | None]]:
    text = path.read_text(encoding="utf-8")
    seed = path.name[:3]
    mentions: list[Mention] = []
    for name in (GANG, PRISON, BOSS):
        at = text.find(name)
        if at >= 0:
            mentions.append(Mention(at, at + len(name), name, "ORG"))
    index = {m.text: i for i, m in enumerate(mentions)}
    claims = []
    for subject, predicate, anchor, value in CLAIMS[seed]:
        start, end = _sentence(text, anchor, path)
        contrasted = anchor.endswith("that figure")  # as extraction marks a figure relative to another
        sentence = text[start:end]
        claims.append(DocClaim(index[subject], predicate, value, start, end, sentence, contrasted=contrasted))
    start, end = _sentence(text, RAID_ANCHORS[seed], path)
    summary = f"soldiers retook {PRISON} ({seed})"  # our own words, one phrasing per seed
    events = [DocEvent("2023-09", "month", summary, start, end, (index[PRISON],))]
    analysis = DocAnalysis(doc=path.stem, mentions=mentions, claims=claims, events=events)
    return analysis, [ENTITIES[m.text] for m in mentions]


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> tuple[list[DocAnalysis], dict[str, list[str | None]], dict[str, str]]:
    paths = sorted(seeds_dir.glob("*.txt"))
    assert [p.name[:3] for p in paths] == sorted(CLAIMS), "the five seeds are expected"
    analyses, keys = [], {}
    for path in paths:
        analysis, mention_keys = _analysis(path)
        analyses.append(analysis)
        keys[analysis.doc] = mention_keys
    origins = {p.stem: ORIGINS[p.name[:3]] for p in paths}
    return analyses, keys, origins


@pytest.fixture(scope="module")
def result(seeds: tuple[list[DocAnalysis], dict[str, list[str | None]], dict[str, str]]) -> ReconcileResult:
    # the retellings are one story, the explainer another (as provenance groups them)
    stories = {
        doc: ("s-report" if origin == "o-report" else "s-explainer") for doc, origin in seeds[2].items()
    }
    return reconcile(*seeds, doc_story=stories)


def _figure(result: ReconcileResult, **fields: float) -> list:
    return [c for c in result.claims if all(getattr(c.value, k) == v for k, v in fields.items())]


def test_each_key_figure_appears_once(result: ReconcileResult) -> None:
    for fields in ({"amount": 5000}, {"low": 10 * M}, {"amount": 11000}, {"amount": 5 * M}, {"date": "2012"}):
        assert len(_figure(result, **fields)) == 1, fields


@pytest.mark.parametrize(
    ("fields", "documents", "origins", "status"),
    [
        ({"amount": 5000}, 4, 1, "contested"),
        ({"low": 10 * M, "high": 15 * M}, 4, 1, "single-origin"),
        ({"amount": 11000}, 5, 2, "corroborated"),
        ({"amount": 5 * M}, 4, 1, "single-origin"),
        ({"date": "2012"}, 2, 1, "single-origin"),
    ],
)
def test_support_of_key_figures(
    result: ReconcileResult, fields: dict[str, float], documents: int, origins: int, status: str
) -> None:
    (claim,) = _figure(result, **fields)
    assert (claim.support.documents, claim.support.origins) == (documents, origins)
    assert claim.status == status


def test_the_membership_conflict_is_flagged(result: ReconcileResult) -> None:
    (members,) = _figure(result, amount=5000)
    (half,) = _figure(result, amount=2500)
    assert members.conflicts == [half.key]
    assert half.conflicts == [members.key]
    assert half.support.documents == 1 and half.sources[0].doc.startswith("002")


def test_member_subsets_do_not_conflict_with_the_membership(result: ReconcileResult) -> None:
    subsets = _figure(result, amount=100)
    assert len(subsets) == 2  # "identified" and "active" members: different predicates
    assert all(not c.conflicts for c in subsets)


def test_sources_point_at_the_stating_sentence(result: ReconcileResult, seeds_dir: Path) -> None:
    (soldiers,) = _figure(result, amount=11000)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt")}
    for source in soldiers.sources:
        assert "11,000" in texts[source.doc][source.start : source.end]
    assert (
        soldiers.text == texts[soldiers.sources[0].doc][soldiers.sources[0].start : soldiers.sources[0].end]
    )


def test_the_raid_is_one_event_with_two_origins(result: ReconcileResult) -> None:
    (raid,) = result.events
    assert (raid.support.documents, raid.support.origins) == (5, 2)
    assert raid.entities == ["e-prison"]
