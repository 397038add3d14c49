# ruff: noqa: E501  (articles are prose, one sentence a line)
"""Small hand-written articles (a fictional event) for provenance tests."""

from __future__ import annotations

from byline.model import Document

ORIGINAL = """Harbour officials in Port Ellery said on Tuesday that the Maravel Shipping Company will pay a fine of $4.2m after a tanker spilled 3,750 barrels of diesel into the bay in June 2021.
The spill closed the Kestrel Point beaches for eleven weeks and killed an estimated 12,400 seabirds, according to the regional wildlife office.
Inspector Dalia Okonkwo, who led the inquiry, said the crew had ignored two alarms before the valve failed.
Maravel Shipping denied wrongdoing for months but agreed to the settlement after a court in Ellery County ordered it to release its maintenance logs.
The company must also fund a cleanup programme worth between $1.5m and $2m over the next five years.
Fishermen in the bay say their catches fell by 38% in the year after the spill and have not recovered.
A separate lawsuit brought by 214 fishing families is expected to reach trial in March 2024.
Environmental groups called the fine too small for a company that reported profits of $96m last year."""

REWRITE = """A shipping firm has agreed to a $4.2 million penalty over a diesel leak that fouled the waters off Port Ellery.
Maravel Shipping's tanker released some 3,750 barrels of fuel in June 2021, an accident that shut Kestrel Point beaches for nearly three months.
Wildlife officials estimate that about 12,400 seabirds died as a result of the leak.
According to inspector Dalia Okonkwo, crew members disregarded a pair of alarms before a valve gave way.
Under the deal, the firm will also pay $1.5 million to $2 million towards a five-year cleanup effort.
Local fishermen report that catches dropped 38% after the disaster, while 214 fishing families are pursuing their own case, due in court in March 2024."""

SUMMARY = """Maravel Shipping will pay $4.2m after 3,750 barrels of diesel spilled off Port Ellery in June 2021, killing some 12,400 seabirds. It will also fund a $1.5m-$2m cleanup, inspector Dalia Okonkwo's inquiry found."""

INDEPENDENT = """The bay around Port Ellery has a long history of shipping accidents, and a new study lists eleven of them since 1990.
Researchers at the Coastal Institute say the worst, in June 2021, involved a tanker operated by Maravel Shipping.
Their report focuses on the slow recovery of mussel beds, which cover only 61% of their former area, and on 27 species of fish surveyed each spring since 2009.
The authors recommend double-hulled vessels and a pilot requirement for every ship above 5,000 tonnes entering the harbour.
Local officials have welcomed the recommendations but say that the funding of $730,000 needed for new radar stations has not yet been found."""


def doc(key: str, text: str, published: str | None = None, site: str | None = None) -> Document:
    return Document(key=key, path=f"{key}.txt", text=text, published=published, site=site)
