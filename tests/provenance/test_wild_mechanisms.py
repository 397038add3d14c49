"""The mechanisms for real copies (issue 15), each on text written for this test: fused sentences,
boilerplate-wrapped reprints, translations with locale numbers, ordered retellings, language,
direction by corroboration, and absurd numbers."""

from __future__ import annotations

from byline.model import Document
from byline.provenance import build_provenance, document_signature
from byline.provenance.evidence import align, doc_text, ordered_share
from byline.provenance.fingerprint import claim_features, number_features
from byline.provenance.graph import Link, choose_root, reorient
from byline.provenance.language import detect_language
from byline.textkit import sentences

STORY = [
    "A footbridge over the Tarnel river in the town of Varnholt collapsed on Tuesday evening, "
    "sending 14 pedestrians into the water, the regional fire service said.",
    "Rescuers pulled 11 people from the river within the first hour, and three were still missing "
    "on Wednesday morning, according to fire chief Odile Brannsek.",
    "The 62-metre bridge had been closed for repairs in 2019 and reopened only last spring after "
    "an inspection that cost 480,000 euros.",
    "Witnesses described a loud crack before the central span gave way beneath a group of "
    "commuters walking home from the station.",
    "Mayor Piet Lauwendaal called the collapse a tragedy and promised an independent inquiry "
    "into the maintenance contract.",
    "Divers from two neighbouring districts joined the search, which was slowed by strong "
    "currents and debris from the broken deck.",
    "The regional government said it would inspect all 37 bridges of the same design within the next month.",
    "Families of the missing gathered at a sports hall near the river, where counsellors and "
    "volunteers handed out blankets and hot drinks.",
]
ORIGINAL = "\n".join(STORY)


def doc(key: str, text: str) -> Document:
    return Document(key=key, path=f"{key}.txt", text=text)


def provenance(texts: dict[str, str]) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """document -> origin key, and (child, parent) -> kind."""
    docs = [doc(k, t) for k, t in texts.items()]
    result = build_provenance(docs, {d.key: document_signature(d) for d in docs})
    origin = {d: o.key for o in result.origins for d in o.documents}
    return origin, {(d.doc, d.parent): d.kind for d in result.derivations}


def test_fused_sentences_are_split_at_a_lost_paragraph_break() -> None:
    assert sentences("Divers searched the river.The mayor came at noon.") == [
        "Divers searched the river.",
        "The mayor came at noon.",
    ]
    assert sentences("He moved to the U.S.The rest followed.") == ["He moved to the U.S.The rest followed."]


def test_a_reprint_with_fused_sentences_is_a_verbatim_copy() -> None:
    fused = "".join(STORY)  # every paragraph break lost in scraping
    origin, kinds = provenance({"orig": ORIGINAL, "fused": fused})
    assert origin["orig"] == origin["fused"]
    assert set(kinds.values()) == {"verbatim"}


def test_a_boilerplate_wrapped_reprint_of_another_revision_is_found_by_its_passages() -> None:
    # another revision on a cluttered page: half the sentences kept, each glued to a caption or
    # page furniture (no sentence break between them), the rest of the page unrelated
    furniture = [
        "Home Regional Weather Sign in Subscribe for 1 euro a week Photo gallery Rescue boats on the water",
        "Advertisement Story continues below Most read today",
        "Caption: divers at work on Wednesday, picture by our staff photographer",
        "Share on social media Copy link Print this page",
    ]
    unrelated = (
        "Trending now: the city council votes on the new parking plan next week. Local football "
        "club signs a young striker from abroad. Storm warnings issued for the coast this weekend. "
        "Recipe of the day: a summer salad with goat cheese and walnuts. Letters to the editor on "
        "the school holiday dates. Cinema listings for the week ahead, with three premieres."
    )
    kept = [STORY[0], STORY[2], STORY[4], STORY[5]]
    wrapped = "\n".join(f"{junk} {sentence}" for junk, sentence in zip(furniture, kept, strict=True))
    wrapped += "\n" + unrelated
    al = align(doc_text(ORIGINAL), doc_text(wrapped))
    assert al.runs >= 3 and al.containment >= 0.3
    origin, kinds = provenance({"orig": ORIGINAL, "wrapped": wrapped})
    assert origin["orig"] == origin["wrapped"]
    assert set(kinds.values()) == {"verbatim"}


INDEPENDENT = "\n".join(
    [
        "Three people remain missing after a bridge collapse in Varnholt, officials said on Wednesday.",
        "The regional government said it would inspect all 37 bridges of the same design within "
        "the next month.",
        "Local residents had complained about cracks in the walkway for years, said Tomas Vell, who "
        "runs a bakery beside the river.",
        "The fire service said 14 people were on the bridge when it failed, and 11 were rescued.",
        "Engineers from the national roads agency arrived on Wednesday afternoon to examine the "
        "remains of the structure, and the public prosecutor opened an investigation.",
        "Mayor Piet Lauwendaal declared a day of mourning and cancelled the town's summer festival.",
    ]
)


def test_an_independent_report_sharing_one_passage_and_the_facts_stays_apart() -> None:
    al = align(doc_text(INDEPENDENT), doc_text(ORIGINAL))
    assert al.runs <= 1
    origin, kinds = provenance({"orig": ORIGINAL, "indep": INDEPENDENT})
    assert origin["orig"] != origin["indep"]
    assert not kinds


SUMMARY = "\n".join(
    [
        "A footbridge in Varnholt collapsed on Tuesday and 14 pedestrians fell into the Tarnel river.",
        "Rescuers saved 11 people within an hour; three remained missing, said fire chief Odile Brannsek.",
        "The 62-metre bridge had reopened last spring after repairs and an inspection.",
        "Mayor Piet Lauwendaal promised an independent inquiry into the maintenance contract.",
        "All 37 bridges of the same design will be inspected within a month.",
    ]
)
SAME_FACTS_OTHER_ORDER = "\n".join(
    [
        "All 37 bridges of the same design will be inspected within a month, the region said.",
        "Mayor Piet Lauwendaal promised an independent inquiry into the maintenance contract.",
        "The 62-metre bridge had reopened last spring after repairs and an inspection.",
        "Rescuers saved 11 people within an hour; three remained missing, said fire chief Odile Brannsek.",
        "A footbridge in Varnholt collapsed on Tuesday and 14 pedestrians fell into the Tarnel river.",
    ]
)


def test_a_summary_retells_in_its_source_order_and_a_reordered_report_does_not() -> None:
    original = doc_text(ORIGINAL)
    in_order = ordered_share(doc_text(SUMMARY), original)
    reordered = ordered_share(doc_text(SAME_FACTS_OTHER_ORDER), original)
    assert in_order >= 0.9
    assert reordered <= 0.4


SPANISH = "\n".join(
    [
        "Un puente peatonal sobre el río Tarnel en la ciudad de Varnholt se derrumbó el martes por la "
        "noche y 14 peatones cayeron al agua, informó el servicio regional de bomberos.",
        "Los rescatistas sacaron a 11 personas del río en la primera hora y tres seguían "
        "desaparecidas el miércoles por la mañana, según la jefa de bomberos Odile Brannsek.",
        "El puente de 62 metros había sido cerrado por reparaciones en 2019 y reabierto la primavera "
        "pasada tras una inspección que costó 480.000 euros.",
        "El alcalde Piet Lauwendaal calificó el derrumbe de tragedia y prometió una investigación "
        "independiente.",
        "El gobierno regional dijo que inspeccionará los 37 puentes del mismo diseño durante el próximo mes.",
    ]
)


def test_locale_numbers_are_read_as_the_same_values() -> None:
    es = number_features("Más de mil casas, 11.000 voluntarios y 1,5 millones de euros; 20 por ciento.", "es")
    en = number_features("More than 1,000 homes, 11,000 volunteers and 1.5 million euros; 20 per cent.", "en")
    for value in ("n:1000", "n:11000", "n:1500000", "n:20|%"):
        assert value in es and value in en
    de = number_features("Rund 3,5 Mio. Euro und 11.000 Soldaten", "de")
    assert "n:3500000" in de and "n:11000" in de


def test_a_translated_article_is_a_translation_of_its_source() -> None:
    assert detect_language(SPANISH) == "es"
    assert detect_language(ORIGINAL) == "en"
    assert claim_features(SPANISH, "es")["n:480000"] > 0
    origin, kinds = provenance({"orig": ORIGINAL, "es": SPANISH})
    assert origin["orig"] == origin["es"]
    assert kinds == {("es", "orig"): "translation"}


def test_a_report_in_another_language_with_the_figures_in_another_order_is_no_translation() -> None:
    other = "\n".join(
        [
            "El gobierno regional revisará 37 puentes tras el accidente de Varnholt.",
            "La estructura, de 62 metros, costó 480.000 euros en reparaciones, según la prensa local.",
            "Un total de 14 personas cayeron al río; 11 fueron rescatadas.",
            "Los vecinos denunciaron grietas desde hace años, dijo un panadero de la zona.",
        ]
    )
    origin, kinds = provenance({"orig": ORIGINAL, "other": other})
    assert origin["orig"] != origin["other"]
    assert not kinds


def test_language_of_short_or_empty_text_is_unknown() -> None:
    assert detect_language("12 34 56") is None
    assert detect_language("Der Bürgermeister versprach eine unabhängige Untersuchung des Vertrags.") == "de"


def test_the_corroborated_text_is_the_parent_and_the_root() -> None:
    # a reprint carries the original as it stands; a round trip of it is unique
    links = [
        Link("reprint", "orig", "verbatim", 0.95, "length", copied=0.9),
        Link("orig", "roundtrip", "spun", 0.8, "length", copied=0.3),  # weakly oriented the wrong way
        Link("reprint", "roundtrip", "spun", 0.8, "key", copied=0.3),
    ]
    fixed = reorient(links)
    assert {(ln.child, ln.parent) for ln in fixed if "roundtrip" in (ln.child, ln.parent)} == {
        ("roundtrip", "orig"),
        ("roundtrip", "reprint"),
    }
    sigs = {
        k: document_signature(doc(k, ORIGINAL if k != "roundtrip" else SUMMARY)) for k in links_keys(links)
    }
    assert choose_root(sorted(sigs), links, sigs) != "roundtrip"


def links_keys(links: list[Link]) -> set[str]:
    return {k for ln in links for k in (ln.child, ln.parent)}


def test_a_number_beyond_float_range_is_no_claim_and_no_failure() -> None:
    huge = "1" + "0" * 309  # about 1e309: float() gives inf
    text = f"The ledger showed {huge} units and {huge} billion more, and 4,500 staff."
    feats = claim_features(text)
    assert "n:4500" in feats
    assert all("inf" not in f for f in feats)
    document_signature(doc("huge", text))  # raised OverflowError before


def test_shared_quotes_are_no_shared_passages() -> None:
    # two reporters at one press conference: the same three statements, their own narration
    quotes = [
        "“We will not rest until every family knows what happened on that bridge,”",
        "“The inspection report from last spring will be published in full this week,”",
        "“Our divers are working in very dangerous currents and we ask people to stay away,”",
    ]
    first = " ".join(
        [
            f"{quotes[0]} the mayor told reporters at the town hall.",
            f"Asked about the repairs, he added: {quotes[1]} and promised answers.",
            f"The fire chief appealed to onlookers. {quotes[2]} she said.",
        ]
    )
    second = " ".join(
        [
            f"Speaking outside the council building, Lauwendaal said: {quotes[0]}",
            f"He was pressed on maintenance. {quotes[1]} he said, without giving a date.",
            f"Brannsek described the search as perilous: {quotes[2]}",
        ]
    )
    a, b = doc_text(first), doc_text(second)
    al = align(a, b)
    assert al.shared_shingles >= 12  # the quotes are shared word for word ...
    assert al.runs == 0  # ... but they are nobody's narration
