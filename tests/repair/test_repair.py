"""Spun-text repair: the spun seed, morphology, what must never be touched, alignment, offsets."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS
from tests_support import ecbplus_texts

from byline.model import TextView
from byline.repair import RepairResources, load_repair_resources, repair_document
from byline.repair.align import sentence_copy
from byline.repair.candidates import generate, joins
from byline.repair.context import context_prior, related_context, stem
from byline.repair.realword import regional_variant
from byline.repair.tokens import url_spans

# A sample of the spun seed's non-words and the words they replaced (worked out from its
# siblings 000/001/003; the full list is bench/repair_gold.py, measured by bench/repair_eval.py).
SEED_SAMPLE = {
    "Pdwellnt": "President",
    "sanciaccessiers": "soldiers",
    "someskinnyg": "something",
    "dedwellr": "deliver",
    "originassociate": "originally",
    "adviseation": "information",
    "transtardys": "translates",
    "guideership": "leadership",
    "ecombinency": "emergency",
    "journaenumerate": "journalist",
    "menaceening": "threatening",
    "aobtainst": "against",
    "shelp": "said",
    "catebloody": "category",
    "donaten": "given",
    "descfinishen": "fallen",
    "createing": "forming",  # a definition link breaks the tie with another synonym
    "sweightlessly": "slightly",  # only a definition links the pair
}


@pytest.fixture(scope="module")
def res() -> RepairResources:
    return load_repair_resources()


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_spun_seed_sample_repaired_to_the_right_words(res: RepairResources) -> None:
    text = _seed("002")
    out = repair_document(text, res)
    by_span = {(r.start, r.end): r for r in out.repairs}
    checked = 0
    for m in re.finditer(r"[^\W\d_]+", text):
        if m.group() in SEED_SAMPLE:
            rep = by_span.get((m.start(), m.end()))
            assert rep is not None, f"{m.group()} at {m.start()} not repaired"
            assert rep.replacement == SEED_SAMPLE[m.group()], (m.group(), rep)
            checked += 1
    assert checked >= len(SEED_SAMPLE)
    assert out.spin_score > 0.5


def test_spun_seed_names_left_alone(res: RepairResources) -> None:
    text = _seed("002")
    out = repair_document(text, res)
    touched = {r.text for r in out.repairs}
    for name in ("Tocorón", "Izquiel", "Rísquez", "Guerrero", "Aragua", "Maduro", "ICE", "ELN"):
        assert not any(name in t for t in touched), name


def test_clean_seeds_are_not_repaired(res: RepairResources) -> None:
    for prefix in ("000", "001", "003", "004"):
        out = repair_document(_seed(prefix), res)
        assert out.repairs == [], (prefix, out.repairs)
        assert out.spin_score < 0.1, prefix


def test_glued_suffixes_are_fixed() -> None:
    assert "changed" in list(joins("", "change", "ed"))
    assert "proclaimed" in list(joins("", "proclaim", "d"))
    assert "stopping" in list(joins("", "stop", "ing"))


@pytest.mark.parametrize(
    ("nonword", "expected"),
    [("changeed", "changed"), ("proclaimd", "proclaimed"), ("indictd", "indicted"), ("joind", "joined")],
)
def test_morphology_candidates(res: RepairResources, nonword: str, expected: str) -> None:
    words = {c.word for c in generate(nonword, res)}
    assert expected in words


def test_substring_reversal_and_chain(res: RepairResources) -> None:
    words = {c.word: c for c in generate("dwellnt", res)}  # "reside" -> "dwell" inside "resident"
    assert "resident" in words
    assert words["resident"].head == "reside"
    fallen = {c.word for c in generate("descfinishen", res)}  # fall -> descend, then end -> finish
    assert "fallen" in fallen


def test_no_repairs_on_names_accents_acronyms_numbers_spanish(res: RepairResources) -> None:
    text = (
        "Senator Ketsoyan met Rísquez and the NATO envoy in Tocorón on Tuesday. The “pranes” ran "
        "block 3B for the 4,500 inmates, cobrando vacuna a los comerciantes, according to Izquiel. "
        "The OSCE said the Zapatistas and the ELN agreed in Caracas."
    )
    out = repair_document(text, res)
    assert out.repairs == []


def test_clean_ecbplus_sample_has_near_zero_repairs(res: RepairResources) -> None:
    texts = ecbplus_texts(150)
    words = sum(len(t.split()) for t in texts)
    repairs = sum(len(repair_document(t, res).repairs) for t in texts)
    assert words > 30_000
    assert repairs * 10_000 / words <= 1.0, repairs


SPUN_OPENING = (
    "The mayor shelp on Tuesday that 4,500 dwellnts of the town were evacuated. Firefighters "
    "fought the blaze for three days, the fire chief shelp, and the minusculeer villages were spared. "
)


def test_a_prefixed_spin_is_repaired_in_a_spun_text_but_a_coinage_is_not(res: RepairResources) -> None:
    # "un" + a synonym of "punished": a spin the context confirms; "re" + "inked": a coinage
    # whose candidate ("resigned") cannot be shown to read better than "inked" itself
    spun = repair_document(SPUN_OPENING + "The prosecutor said the arsonists would not go unadmonished.", res)
    assert {r.text: r.replacement for r in spun.repairs}["unadmonished"] == "unpunished"
    coined = repair_document(SPUN_OPENING + "Overnight the old printers were reinked by the clerks.", res)
    assert "reinked" not in {r.text for r in coined.repairs}
    clean = repair_document("The prosecutor said the arsonists would not go unadmonished.", res)
    assert clean.repairs == []  # a text showing no spinning: a coinage at most, flagged


def test_alignment_with_a_copy(res: RepairResources) -> None:
    orig = "The mayor said the contract killing shocked residents of the old town, who moved there in 1998."
    spun = (
        "The mayor shelp the tight finishing shocked dwellnts of the ancient town, who moved there in 1998."
    )
    out = repair_document(spun, res, copy_text=orig)
    got = {r.text: r for r in out.repairs}
    assert got["shelp"].replacement == "said" and got["shelp"].method == "alignment"
    assert got["tight"].replacement == "contract" and got["finishing"].replacement == "killing"
    assert got["dwellnts"].replacement == "residents"
    assert TextView.from_repairs(spun, out.repairs).text == orig


CLEAN = "The agency said the council approved the new budget after a long debate in the capital."
SPUN = "The agency shelp the committee approved the new budget after a long debate in the capitalness."


def test_a_visibly_cleaner_copy_undoes_real_word_swaps(res: RepairResources) -> None:
    # where the texts differ, the document shows two non-words and the copy none: the copy's
    # "council" is taken although "committee" reads as well to the language model
    out = repair_document(SPUN, res, copy_text=CLEAN)
    assert {r.text: r.replacement for r in out.repairs}["committee"] == "council"


def test_a_clean_document_keeps_its_words_against_a_spun_copy(res: RepairResources) -> None:
    assert repair_document(CLEAN, res, copy_text=SPUN).repairs == []


# three copies of one report, each spun at a different spot, the original not in the corpus
COPY_A = "The agency said the board approved the new budget after a long debate in the capital."
COPY_B = "The agency said the committee approved the fresh budget after a long debate in the capital."
COPY_C = "The agency said the committee approved the new budget after a lengthy debate in the capital."


def test_a_second_copy_votes_for_the_original_wording(res: RepairResources) -> None:
    alone = repair_document(COPY_A, res, copy_text=COPY_B)
    assert alone.repairs == []  # one spun copy against another: no side is the better witness
    voted = repair_document(COPY_A, res, copy_text=COPY_B, other_copies=[COPY_C])
    got = {r.text: r.replacement for r in voted.repairs}
    assert got == {"board": "committee"}  # two copies against one; "new" keeps its vote
    other = repair_document(COPY_C, res, copy_text=COPY_B, other_copies=[COPY_A])
    assert {r.text: r.replacement for r in other.repairs} == {"lengthy": "long"}


# (ours, aligned copy, other copies, repairs expected)
ALIGNMENT_CASES = {
    # ours swapped "quickly", the copy "approved": one differing stretch, but the third copy sides
    # with the copy on the first word and with us on the second, so each word is judged alone
    "adjacent differences, word by word": (
        "The regional council rapidly approved the new budget on Friday after a long debate.",
        "The regional council quickly sanctioned the new budget on Friday after a long debate.",
        ["The regional council quickly approved the new budget on Friday after a long debate."],
        {"rapidly": "quickly"},
    ),
    # all three differ at one spot: no majority, so the language model picks among the words the
    # copies hold, and the other copy's "heavy" beats both spun ones
    "a third copy's synonym reads best": (
        "Forecasters warned that hefty rain would reach the coast by the evening.",
        "Forecasters warned that weighty rain would reach the coast by the evening.",
        ["Forecasters warned that heavy rain would reach the coast by the evening."],
        {"hefty": "heavy"},
    ),
    # three words at one spot, and ours is no synonym of the copy's: the other copy's word is a
    # synonym of both, the original each spinner swapped its own way
    "the one synonym of all the others": (
        "The coastguard towed the damaged barge into the harbour before dawn.",
        "The coastguard towed the damaged vessel into the harbour before dawn.",
        ["The coastguard towed the damaged ship into the harbour before dawn."],
        {"barge": "ship"},
    ),
    # ours and the copy hold two words that are no synonyms of each other: both were swapped,
    # and the original is among the synonyms they share ("treatment" reads best)
    "two swaps at one spot, the synonym they share": (
        "Doctors said the injured driver would need medical direction for several weeks.",
        "Doctors said the injured driver would need medical tending for several weeks.",
        [],
        {"direction": "treatment"},
    ),
    # "voyage" against the copy's "crossing": the model alone hesitates, but our text says
    # "crossing" elsewhere, so that word is the article's own; our "crossing" is kept, as the
    # copy's text uses it too
    "the other side's vocabulary": (
        "The ferry left the harbour at dawn with forty passengers aboard. "
        "The voyage usually takes two hours, but the wind was strong. "
        "The crossing was the first since the storm closed the port.",
        "The ferry left the harbour at dawn with forty passengers aboard. "
        "The crossing usually takes two hours, but the wind was strong. "
        "The passage was the first since the storm closed the port.",
        [],
        {"voyage": "crossing"},
    ),
    # a lower-case non-word and a sentence-initial swap side by side form one stretch
    "case compared pair by pair": (
        "He was sent back to prisxyzon. Demise sentences are rare in the state, officials said.",
        "He was sent back to prison. Death sentences are rare in the state, officials said.",
        [],
        {"prisxyzon": "prison", "Demise": "Death"},
    ),
    # "labourers" is no thesaurus synonym of "workers", but it sits beside a non-word in the one
    # differing stretch, and the copy is visibly the cleaner side
    "a non-word marks its stretch spun": (
        "Police questioned the warelodge labourers on Tuesday about the missing crates.",
        "Police questioned the warehouse workers on Tuesday about the missing crates.",
        [],
        {"warelodge": "warehouse", "labourers": "workers"},
    ),
}


@pytest.mark.parametrize("case", ALIGNMENT_CASES)
def test_alignment_judges_each_differing_word(res: RepairResources, case: str) -> None:
    ours, copy, others, expected = ALIGNMENT_CASES[case]
    out = repair_document(ours, res, copy_text=copy, other_copies=others)
    assert {r.text: r.replacement for r in out.repairs} == expected


def test_a_non_word_is_not_given_the_copys_own_swap(res: RepairResources) -> None:
    # the copy swapped "warehouse" for "storehouse" where ours glued "lodge" inside it: no
    # substring reversal of "warelodge" gives "storehouse", so the thesaurus answers instead
    ours = "Police questioned the warelodge workers on Tuesday about the missing crates, the dwellnts shelp."
    copy = "Police questioned the storehouse workers on Tuesday about the missing crates, the residents said."
    got = {r.text: r.replacement for r in repair_document(ours, res, copy_text=copy).repairs}
    assert got == {"warelodge": "warehouse", "dwellnts": "residents", "shelp": "said"}


def test_the_original_keeps_its_words_beside_its_spun_copy(res: RepairResources) -> None:
    # aligned with its spun copy, the original is the side without non-words: the copy's
    # "building" is its own swap, though the model reads it better
    orig = (
        "The harbour board approved the plan to rebuild the old restaurant on the pier, and "
        "residents of the smaller villages said the warehouse would stay open."
    )
    spun = (
        "The harbour board approved the plan to rebuild the old building on the pier, and "
        "dwellnts of the minusculeer villages shelp the warelodge would stay open."
    )
    assert repair_document(orig, res, copy_text=spun).repairs == []
    back = {r.text: r.replacement for r in repair_document(spun, res, copy_text=orig).repairs}
    assert back["building"] == "restaurant" and back["shelp"] == "said"


def test_a_lone_reworded_word_is_an_editors_not_a_spinners(res: RepairResources) -> None:
    # two wire copies say "closed" where ours says "shut": one such difference in some eighty
    # words is an editor's rewording (spinning is dense), so even their majority changes nothing
    ours = (
        "The regional council met on Monday to discuss the flooding that shut the main road for "
        "three days. Residents of the smaller villages said the water rose faster than in any "
        "storm they remembered, and the mayor said the council would ask the national government "
        "for emergency funds. Engineers will inspect the old bridge next week, and the road should "
        "reopen by Friday if the inspection finds no damage to its supports. Schools in the valley "
        "stay open, the education office said."
    )
    copy = ours.replace("shut the main", "closed the main")
    assert repair_document(ours, res, copy_text=copy, other_copies=[copy]).repairs == []


def test_a_rare_word_the_cleaner_copy_holds_too_is_kept(res: RepairResources) -> None:
    # "seismologic" is unknown to the word list, but the clean copy has it at the same spot
    original = (
        "The seismologic office said the quake struck at dawn, and residents of the smaller "
        "villages said the damage was light."
    )
    ours = (
        "The seismologic office shelp the quake struck at dawn, and dwellnts of the minusculeer "
        "villages shelp the damage was light."
    )
    out = repair_document(ours, res, copy_text=original)
    assert {r.text for r in out.repairs} == {"shelp", "dwellnts", "minusculeer"}


def test_alignment_leaves_a_rewrites_legitimate_edits(res: RepairResources) -> None:
    orig = "Police arrested two men on Friday after a long chase through the harbour district."
    rewrite = "Police arrested two suspects on Friday after a short chase through the harbour district."
    out = repair_document(rewrite, res, copy_text=orig)
    assert all(r.text != "short" for r in out.repairs)


def test_url_spans_cover_addresses_not_the_sentences_citing_them() -> None:
    text = (
        "http: / / news. example. com / 2019 / june / 04 / harbour - fire\n"
        "The harbour master told Example.com. The fire spread - fast - at night.\n"
        "Files sit under a / b / c here."
    )
    got = [text[s:e] for s, e in url_spans(text)]
    assert got == [
        "http: / / news. example. com / 2019 / june / 04 / harbour - fire",
        "Example.com.",
        "a / b / c",
    ]


def test_alignment_repairs_a_sentence_that_cites_a_website(res: RepairResources) -> None:
    orig = "The harbour master told Example.com that the fire destroyed four warehouses on Tuesday."
    spun = "The harbour master told Example.com that the fire demolished four storehouses on Tuesday."
    out = repair_document(spun, res, copy_text=orig)
    assert ("demolished", "destroyed") in {(r.text, r.replacement) for r in out.repairs}
    assert all(r.text not in ("Example", "com") for r in out.repairs)


def test_protected_spans_are_never_touched(res: RepairResources) -> None:
    text = "The Pdwellnt of the club shelp the deal was done."
    start = text.index("Pdwellnt")
    out = repair_document(text, res, protected=[(start, start + len("Pdwellnt"))])
    assert all(r.start >= start + len("Pdwellnt") or r.end <= start for r in out.repairs)
    assert any(r.text == "shelp" for r in out.repairs)


def test_repairs_do_not_overlap(res: RepairResources) -> None:
    text = _seed("002")
    for copy in (None, _seed("000")):
        out = repair_document(text, res, copy_text=copy)
        spans = [(r.start, r.end) for r in out.repairs]
        assert spans == sorted(spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
        for r in out.repairs:
            assert text[r.start : r.end] == r.text


def test_text_view_maps_repaired_spans_back(res: RepairResources) -> None:
    text = _seed("002")
    out = repair_document(text, res)
    view = TextView.from_repairs(text, out.repairs)
    phrase = "Venezuelan President Nicolas Maduro"
    v_start = view.text.index(phrase)
    o_start, o_end = view.to_original(v_start, v_start + len(phrase))
    assert text[o_start:o_end] == "Venezuelan Pdwellnt Nicolas Maduro"
    name_at = view.text.index("Nicolas Maduro")
    o_name = view.to_original(name_at, name_at + len("Nicolas Maduro"))
    assert text[o_name[0] : o_name[1]] == "Nicolas Maduro"


def test_extraction_on_repaired_spun_seed_finds_people_and_figures(res: RepairResources) -> None:
    from byline.extract import analyze_document, load_nlp
    from byline.model import Document

    text = _seed("002")
    view = TextView.from_repairs(text, repair_document(text, res).repairs)
    found = analyze_document(Document(key="002", path="002", text=text), load_nlp(), view)
    people = {m.text for m in found.mentions if m.label == "PERSON"}
    assert {"Nicolas Maduro", "Donald Trump", "Joe Biden"} <= people
    assert not any("Pdwellnt" in p for p in people)
    units = {(c.value.amount, c.value.unit) for c in found.claims if c.value.type == "quantity"}
    assert (11000.0, "soldier") in units
    for m in found.mentions:  # offsets point into the original text
        assert 0 <= m.start < m.end <= len(text)


# --- related-document context (rewrites of the same report) ---

SIBLINGS = ("000", "001", "003")  # rewrites of the report the spun seed copies; 004 is independent
# Non-words whose right word only the siblings' vocabulary settles (the thesaurus alone errs).
CONTEXT_SAMPLE = {"joind": "involved", "administerled": "controlled", "contrastd": "compared"}


def test_context_settles_choices_the_thesaurus_cannot(res: RepairResources) -> None:
    text = _seed("002")
    plain = {(r.start, r.end): r for r in repair_document(text, res).repairs}
    out = repair_document(text, res, context_texts=[_seed(p) for p in SIBLINGS])
    by_span = {(r.start, r.end): r for r in out.repairs}
    checked = 0
    for m in re.finditer(r"[^\W\d_]+", text):
        want = CONTEXT_SAMPLE.get(m.group()) or SEED_SAMPLE.get(m.group())
        if want is None:
            continue
        rep = by_span.get((m.start(), m.end()))
        assert rep is not None and rep.replacement == want, (m.group(), rep)
        if m.group() in CONTEXT_SAMPLE:
            before = plain.get((m.start(), m.end()))
            assert before is None or before.replacement != want, "the sample should need the context"
        checked += 1
    assert checked >= len(SEED_SAMPLE) + len(CONTEXT_SAMPLE)
    touched = {r.text for r in out.repairs}
    assert not any(n in t for t in touched for n in ("Tocorón", "Izquiel", "Rísquez", "Maduro"))


def test_clean_seed_with_siblings_as_context_gets_no_repairs(res: RepairResources) -> None:
    for prefix in ("000", "001", "003"):
        others = [_seed(p) for p in ("000", "001", "002", "003") if p != prefix]
        out = repair_document(_seed(prefix), res, context_texts=others)
        assert out.repairs == [], (prefix, out.repairs)


def test_clean_ecbplus_with_a_related_article_as_context_is_not_repaired(res: RepairResources) -> None:
    texts = ecbplus_texts(60)
    words = sum(len(t.split()) for t in texts)
    repairs = sum(
        len(repair_document(t, res, context_texts=[texts[i - 1]]).repairs) for i, t in enumerate(texts)
    )
    assert repairs * 10_000 / words <= 1.0, repairs


SPUN_NEWS = (
    "The mayor shelp on Tuesday that 4,500 dwellnts of the ancient town near Lake Varno were evacuated. "
    "Firefighters fought the blaze for three days, the fire chief shelp, and the minusculeer villages were "
    "spared. Officials told people to stay indoors while the smoke descfinishen over the valley."
)
RELATED_NEWS = (
    "Some 4,500 residents of the old town near Lake Varno were evacuated, the mayor said on Tuesday. "
    "Smoke settled over the valley."
)


def test_real_word_swap_repaired_from_a_related_sentence(res: RepairResources) -> None:
    alone = repair_document(SPUN_NEWS, res)
    assert not any(r.text == "ancient" for r in alone.repairs)  # a real word: nothing to go on
    out = repair_document(SPUN_NEWS, res, context_texts=[RELATED_NEWS])
    got = {r.text: r for r in out.repairs}
    assert got["ancient"].replacement == "old" and got["ancient"].method == "context"
    assert got["ancient"].confidence < 0.85  # below alignment's
    assert "spared" not in got and "valley" not in got


def test_real_word_swaps_need_a_spun_document(res: RepairResources) -> None:
    clean = "The mayor said on Tuesday that 4,500 people of the ancient town near Lake Varno were evacuated."
    out = repair_document(clean, res, context_texts=[RELATED_NEWS])
    assert out.repairs == []


def test_context_candidates_come_from_the_related_words(res: RepairResources) -> None:
    from byline.repair.context import candidate_forms, context_candidates, related_context

    ctx = related_context(["The firm was involved in a long dispute over the contract."])
    words = {c.word for c in context_candidates("joind", res, candidate_forms(ctx, res))}
    assert "involved" in words
    assert "dispute" not in words  # no shared affix, no thesaurus link


# --- aligned slots (a related sentence keeping the words around an edit) ---


def test_find_slots_aligns_on_both_sides_and_ignores_function_word_matches() -> None:
    from byline.repair.slots import build_slot_index, find_slots

    related = [["the", "board", "approved", "the", "harbour", "expansion", "plan", "on", "monday"]]
    index = build_slot_index(related, lambda w: len(w) > 3)

    def weight(w: str) -> float:
        return 1.0 if len(w) > 3 else 0.3

    slots = find_slots(index, ["the", "board"], ["the", "harbour", "expansion"], weight)
    assert slots and slots[0].word == "approved" and slots[0].strength > 0.8
    assert find_slots(index, ["of", "the"], ["in", "a"], weight) == []  # function words only


def test_slot_settles_a_two_level_spin(res: RepairResources) -> None:
    related = "On Saturday the governor invoked the emergency powers act to close the harbour district."
    spun = "On Saturday the governor pguided the emergency powers act to close the harbour district."
    plain = {r.text: r.replacement for r in repair_document(spun, res).repairs}
    got = {r.text: r for r in repair_document(spun, res, context_texts=[related]).repairs}
    assert plain.get("pguided") != "invoked"  # the thesaurus alone cannot get there
    assert got["pguided"].replacement == "invoked"


def test_real_word_swap_repaired_from_an_aligned_slot(res: RepairResources) -> None:
    related = (
        "Firefighters battled the blaze near the old harbour for three days before rain arrived. "
        "On Monday, as the mayor told reporters, the city council approved the harbour plan."
    )  # the sentence retold, not kept: no copy to align with, but the same slot "the _ council"
    spun = (
        "Firefighters battled the blaze near the old harbour for three days before rain arrived. "
        "The mayor shelp the metropolis council approved the harbour plan on Monday. "
        "The dwellnts were minusculeer in number, and the fire chief shelp the descfinishen walls were safe."
    )
    out = repair_document(spun, res, context_texts=[related])
    got = {r.text: r for r in out.repairs}
    assert got["metropolis"].replacement == "city" and got["metropolis"].method == "context"
    assert "battled" not in got and "harbour" not in got and "council" not in got
    assert "metropolis" not in {r.text for r in repair_document(spun, res).repairs}


def test_sentence_copy_puts_in_the_related_texts_kept_sentences() -> None:
    ours = (
        "Rescue teams searched the flooded valley on Sunday. "
        "Officials said the dam had held despite the heavy rain overnight. "
        "Schools stay shut."
    )
    summary = (
        "Officials said the dam had held despite the hefty rain overnight. "
        "Nobody was hurt, the regional governor told a news conference."
    )
    got = sentence_copy(ours, [summary])
    assert got == ours.replace("heavy rain", "hefty rain")
    assert sentence_copy(ours, ["Nobody was hurt, the regional governor told a news conference."]) is None


def test_a_sentence_a_related_text_kept_is_aligned_word_by_word(res: RepairResources) -> None:
    # a summary kept one sentence, spun its own way at another spot: our swap "lawful" meets the
    # summary's original "legal", and its swap "conflict" meets our original "battle"
    ours = (
        "The lawful battle over the new port lasted four years, the shipping company shelp. "
        "Work on the dwellnts of the minusculeer island begins in March."
    )
    summary = "The legal conflict over the new port lasted four years, the shipping company said."
    out = repair_document(ours, res, context_texts=[summary])
    got = {r.text: (r.replacement, r.method) for r in out.repairs}
    assert got["lawful"] == ("legal", "alignment")
    assert "battle" not in got


def test_kept_sentences_of_a_text_showing_no_spinning_are_an_editors(res: RepairResources) -> None:
    # the related text kept our first sentence but changed one word: with no non-word anywhere,
    # that difference is an editor's, and our word stays
    ours = (
        "The regional council sanctioned the new budget after a long debate on Tuesday, officials "
        "said. Schools reopen next week."
    )
    related = "The regional council approved the new budget after a long debate on Tuesday, officials said."
    assert repair_document(ours, res, context_texts=[related]).repairs == []


def test_regional_spellings_are_an_editors_change(res: RepairResources) -> None:
    assert regional_variant("jewellery", "jewelry") and regional_variant("centre", "center")
    assert regional_variant("mobilise", "mobilize") and regional_variant("favourite", "favorite")
    assert not regional_variant("four", "for") and not regional_variant("million", "zillion")
    ours = "Thieves took the jewellery, the shop's minusculeer owner shelp, and fled towards the harbour."
    copy = "Thieves took the jewelry, the shop's smaller owner said, and fled towards the harbour."
    got = {r.text: r.replacement for r in repair_document(ours, res, copy_text=copy).repairs}
    assert got == {"minusculeer": "smaller", "shelp": "said"}


def test_related_texts_support_a_derivation_of_the_candidate(res: RepairResources) -> None:
    # the rewrite says "comparatively", the spun text needs "compared": one stem, so support
    related = related_context(["Comparatively few ferries sailed that winter, the harbour office said."])
    assert stem("compared") == stem("comparatively")
    assert context_prior(related, "compared", []) > 0.0
    assert context_prior(related, "contrasted", []) == 0.0
