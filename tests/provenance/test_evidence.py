# ruff: noqa: E501  (articles are prose, one sentence a line)
from byline.provenance.evidence import classify, doc_text, evidence
from byline.provenance.signature import document_signature
from provenance.provenance_articles import INDEPENDENT, ORIGINAL, REWRITE, SUMMARY, doc

# the original with words swapped for synonyms and parts of words replaced, as a spinner does
SPUN = """Harbour officials in Port Ellery stated on Tuesday that the Maravel Shipping Company will remunerate a penalty of $4.2m after a tanker spillt 3,750 barrels of diesel into the bay in June 2021.
The spill closed the Kestrel Point shores for eleven weeks and slayed an estimated 12,400 seabirds, according to the regional wildlife agency.
Inspector Dalia Okonkwo, who guided the enquiry, said the crew had disregarded two alarms before the valve flopped.
Maravel Shipping rejected wrongdoing for months but consented to the settlement after a tribunal in Ellery County commanded it to release its upkeep logs.
The company must also fund a tidying programme worth between $1.5m and $2m over the next five years.
Fishermen in the bay say their hauls fell by 38% in the year after the spill and have not convalesced.
A distinct lawsuit brought by 214 fishing households is anticipated to reach trial in March 2024.
Environmental assemblies called the fine too minuscule for a firm that reported gains of $96m last year."""

HEADER_COPY = (
    "Reprinted with permission | Coastal Daily\n" + ORIGINAL + "\nShare this story. All rights reserved."
)


def kind_of(child: str, parent: str) -> str | None:
    a_sig, b_sig = document_signature(doc("a", child)), document_signature(doc("b", parent))
    a, b = doc_text(child), doc_text(parent)
    found = classify(evidence(a_sig, a, b_sig, b, {}), a, b)
    return None if found is None else found[0]


def test_verbatim_copy_with_changed_boilerplate() -> None:
    assert kind_of(ORIGINAL, HEADER_COPY) == "verbatim"


def test_truncation_is_a_verbatim_copy_and_a_selection_a_summary() -> None:
    lines = ORIGINAL.split("\n")
    assert kind_of("\n".join(lines[:4]), ORIGINAL) == "verbatim"
    assert kind_of("\n".join(lines[0::3]), ORIGINAL) == "summary"


def test_spun_copy() -> None:
    assert kind_of(SPUN, ORIGINAL) == "spun"


def test_rewrite_and_summary() -> None:
    assert kind_of(REWRITE, ORIGINAL) == "summary" or kind_of(REWRITE, ORIGINAL) == "rewrite"
    assert kind_of(SUMMARY, ORIGINAL) == "summary"


def test_rewrite_of_similar_length_is_a_rewrite() -> None:
    assert kind_of(REWRITE + " " + REWRITE.split("\n")[0], ORIGINAL) == "rewrite"


def test_independent_report_sharing_a_date_and_names_is_not_a_derivation() -> None:
    assert kind_of(INDEPENDENT, ORIGINAL) is None


# another outlet's own report on the same settlement: the key figures and a similar lead, its own facts
SAME_EVENT_REPORT = """Maravel Shipping will pay $4.2m over the June 2021 spill of 3,750 barrels of diesel that killed some 12,400 seabirds near Port Ellery, harbour officials said on Tuesday.
The company's chief executive, Anton Reyes, told reporters in Oslo that 46 tankers in its fleet would get new valves by 2025 at a cost of $18.7m.
Shares in the firm rose 6.5% after the announcement, and analysts at Nordbank now expect a higher dividend.
The harbour authority said it would hire more inspectors and test every valve twice a year."""


def test_independent_report_sharing_the_key_figures_is_not_a_rewrite() -> None:
    assert kind_of(SAME_EVENT_REPORT, ORIGINAL) is None
