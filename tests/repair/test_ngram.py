"""The trigram language model that ranks repair candidates (byline.repair.ngram, scoring)."""

from __future__ import annotations

from pathlib import Path

import pytest

from byline.repair import RepairResourceError, RepairResources, load_repair_resources
from byline.repair.document import _contexts
from byline.repair.ngram import TrigramModel, model_path, trigram_model
from byline.repair.scoring import Context, context_score
from byline.repair.tokens import tokenize


@pytest.fixture(scope="module")
def lm() -> TrigramModel:
    return trigram_model()


@pytest.fixture(scope="module")
def res() -> RepairResources:
    return load_repair_resources()


def test_a_non_word_has_no_probability_and_an_unknown_neighbour_is_skipped(lm: TrigramModel) -> None:
    assert lm.logp("sherrifed") is None
    said = lm.logp("said")
    assert said is not None and -4.0 < said < -1.0
    assert lm.logp("said", "sherrifed") == said  # unknown history: the unigram


def test_history_stops_at_a_boundary(lm: TrigramModel) -> None:
    # "" stands for punctuation or a sentence edge: the words before it are not history
    assert lm.logp("minister", "the", "", "prime") == lm.logp("minister", "prime")
    assert lm.logp("minister", "the", "prime") != lm.logp("minister", "prime")


def test_a_collocation_outranks_a_rare_pairing(lm: TrigramModel) -> None:
    close, odd = lm.logp("members", "gang"), lm.logp("crowd", "gang")
    assert close is not None and odd is not None and close > odd + 2


def test_the_word_two_places_after_decides(res: RepairResources) -> None:
    # "___ the charges" and "___ the meeting": the next word alone cannot tell them apart
    def best(ctx: Context) -> str:
        return max(("denied", "attended"), key=lambda w: context_score(res, w, [ctx]))

    assert best(Context("", "the", "", "charges")) == "denied"
    assert best(Context("", "the", "", "meeting")) == "attended"


def test_an_unknown_candidate_scores_below_a_known_one_of_equal_frequency(res: RepairResources) -> None:
    known = context_score(res, "said", [Context("police", "the")])
    unknown = context_score(res, "sherrifed", [Context("police", "the")])
    assert unknown < known - 3


def test_a_name_the_model_does_not_know_reads_as_a_pronoun(res: RepairResources) -> None:
    # the verb's fit shows only past the name: "declared <name> a protected port"
    text = "The ministry also declared Kestrelvik de Ostrander a protected port on Monday."
    tokens = tokenize(text)
    ctx = _contexts(text, tokens, 3)
    assert ctx == Context("also", "it", "ministry", "a")  # the particle "de" stays in the name
    fit = {w: context_score(res, w, [ctx]) for w in ("declared", "directed", "involved")}
    assert max(fit, key=fit.__getitem__) == "declared"
    # a known capitalised word mid-sentence is read as itself
    other = "Officials in Sydney also said the port reopened."
    assert _contexts(other, tokenize(other), 1).next == "sydney"


def test_a_missing_or_broken_model_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pocketsphinx

    monkeypatch.setattr(pocketsphinx, "get_model_path", lambda: str(tmp_path))
    with pytest.raises(RepairResourceError, match="en-us.lm.bin: language model missing"):
        model_path()
    broken = tmp_path / "broken.lm.bin"
    broken.write_bytes(b"not a language model")
    with pytest.raises(RepairResourceError, match="broken.lm.bin: unreadable language model"):
        TrigramModel(broken)
