"""The same corpus gives a byte-identical result: any input order, any process, any hash seed."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import random
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from reconcile.reconcile_helpers import Corpus, day, named, qty

from byline.model import DocAnalysis, to_plain
from byline.reconcile import ReconcileResult, reconcile

M = 1_000_000
STORIES = {"copy0": "s1", "copy1": "s1", "copy2": "s1", "copy3": "s1", "other": "s1", "explainer": "s2"}


def _corpus() -> Corpus:
    """A small corpus touching every rule: merges, ranges, dates, denial, entities, events."""
    c = Corpus(entities={"Gang": "e1", "Boss": "e2", "Prison": "e3", "Caracas": "e4", "Chile": "e5"})
    for i in range(4):
        d = c.doc(f"copy{i}", origin="o1")
        d.claim("Gang", "members", qty(5000, approx=i % 2 == 0, unit="members"))
        d.claim("Gang", "annual profits", qty(low=10 * M, high=15 * M, currency="USD"))
        d.claim("Prison", "soldiers deployed", qty(11000, unit="soldiers"))
        d.claim("Boss", "escaped", day("2012") if i < 2 else day("2012-05"))
        d.event("2023-09", f"soldiers stormed the prison ({i})", ("Prison",))
        d.relation("Boss", "leader_of", "Gang")
        if i < 2:  # one figure under two subjects in one story: linked by ``facts``
            d.claim("Boss", "bounty", qty(5 * M, currency="USD"))
    x = c.doc("explainer", origin="o2")
    x.claim("Prison", "deployed troops", qty(11000))
    x.claim("Gang", "membership", qty(2500, approx=True))
    x.claim("Boss", "escape", day("2013"))
    x.claim("Boss", "escape", day("2012"), negated=True)
    x.claim("Boss", "born in", named("Caracas"))
    x.claim("Gang", "reward", qty(5 * M, currency="GBP"))
    x.claim(None, "population", qty(770_000, approx=True))
    x.event("2023-09-20", "army retook the prison", ("Prison", "Gang"))
    x.relation("Gang", "operates_in", "Chile")
    y = c.doc("other", origin="o3")
    y.claim("Boss", "born in", named("Chile"))
    y.claim("Gang", "reward", qty(5 * M, currency="USD"))
    y.claim(None, "population", qty(770_000))
    return c


def _dump(result: ReconcileResult) -> bytes:
    return json.dumps(to_plain(result), sort_keys=True).encode("utf-8")


def _shuffled(analyses: list[DocAnalysis], seed: int) -> list[DocAnalysis]:
    rng = random.Random(seed)
    out = []
    for a in analyses:
        claims, events, relations = list(a.claims), list(a.events), list(a.relations)
        rng.shuffle(claims)
        rng.shuffle(events)
        rng.shuffle(relations)
        out.append(dataclasses.replace(a, claims=claims, events=events, relations=relations))
    rng.shuffle(out)
    return out


def test_the_corpus_exercises_conflicts_and_merges() -> None:
    result = reconcile(*_corpus().inputs(), doc_story=STORIES)
    (reward,) = [c for c in result.claims if c.value.currency == "USD" and c.value.amount == 5 * M]
    assert reward.support.documents == 3  # "Boss | bounty" twice and "Gang | reward" once
    statuses = {c.status for c in result.claims}
    assert statuses == {"contested", "corroborated", "single-origin"}
    assert any(c.support.documents > 1 for c in result.claims)
    assert len(result.events) == 1 and len(result.relations) == 2


def test_shuffled_inputs_give_identical_output() -> None:
    analyses, keys, origins = _corpus().inputs()
    expected = _dump(reconcile(analyses, keys, origins, doc_story=STORIES))
    for seed in range(20):
        shuffled = reconcile(_shuffled(analyses, seed), keys, origins, doc_story=STORIES)
        assert _dump(shuffled) == expected, seed


def test_worker_processes_give_identical_output() -> None:
    analyses, keys, origins = _corpus().inputs()
    expected = _dump(reconcile(analyses, keys, origins, doc_story=STORIES))
    jobs = [(_shuffled(analyses, seed), keys, origins) for seed in range(4)]
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        outputs = list(pool.map(partial(reconcile, doc_story=STORIES), *zip(*jobs, strict=True)))
    assert all(_dump(out) == expected for out in outputs)


def test_other_hash_seeds_give_identical_output(tmp_path: Path) -> None:
    """Set iteration order changes with PYTHONHASHSEED; the output must not."""
    analyses, keys, origins = _corpus().inputs()
    payload = tmp_path / "input.json"
    payload.write_text(
        json.dumps({"analyses": to_plain(analyses), "keys": keys, "origins": origins, "stories": STORIES})
    )
    script = (
        "import json, sys\n"
        "from byline.model import DocAnalysis, from_plain, to_plain\n"
        "from byline.reconcile import reconcile\n"
        "data = json.load(open(sys.argv[1]))\n"
        "analyses = [from_plain(DocAnalysis, a) for a in data['analyses']]\n"
        "result = reconcile(analyses, data['keys'], data['origins'], doc_story=data['stories'])\n"
        "sys.stdout.write(json.dumps(to_plain(result), sort_keys=True))\n"
    )
    expected = _dump(reconcile(analyses, keys, origins, doc_story=STORIES))
    for hash_seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", script, str(payload)], env=env, capture_output=True, check=True
        ).stdout
        assert out == expected, hash_seed
