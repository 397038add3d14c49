"""Gold answers for the spun seed (002): each non-word token and the word it replaced.

Worked out by reading the seed's siblings (000, 001, 003 rewrite the same BBC report) and the
substitution each token shows. ``right`` is the original word; ``also`` lists meaning-preserving
answers one reversal step away (the spinner swapped a whole word first, then part of it), which
the benchmark reports separately as "lenient". Names (Tocorón, Izquiel, Rísquez) are not gold:
they must be left alone.
"""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SPUN_SEED = "002"
CLEAN_SEEDS = ("000", "001", "003", "004")
SIBLINGS = ("000", "001", "003")  # rewrites of the same report: the spun seed's related texts

# token -> (right word, also acceptable)
GOLD: dict[str, tuple[str, tuple[str, ...]]] = {
    "Pdwellnt": ("President", ()),
    "sanciaccessiers": ("soldiers", ()),
    "someskinnyg": ("something", ()),
    "passhairs": ("crosshairs", ()),
    "dedwellr": ("deliver", ()),
    "originassociate": ("originally", ()),
    "adviseing": ("offering", ()),
    "adviseation": ("information", ()),
    "changeed": ("transformed", ("changed",)),
    "leistateive": ("leisure", ()),
    "ganciaccess": ("gold", ()),
    "transtardys": ("translates", ()),
    "tanciaccess": ("told", ()),
    "administerled": ("controlled", ()),
    "tightors": ("contractors", ()),
    "guideership": ("leadership", ()),
    "seizeping": ("kidnapping", ()),
    "ecombinency": ("emergency", ()),
    "createing": ("forming", ()),
    "triumphg": ("wing", ()),
    "journaenumerate": ("journalist", ()),
    "minusculeer": ("smaller", ()),
    "contrastd": ("compared", ()),
    "accengaged": ("accused", ()),
    "joind": ("involved", ()),
    "apass": ("across", ()),
    "pguided": ("invoked", ()),
    "finisheavoring": ("attempting", ("endeavoring",)),
    "menaceening": ("threatening", ()),
    "ofative": ("predatory", ("exploitative",)),
    "aobtainst": ("against", ()),
    "shelp": ("said", ()),
    "irstandard": ("irregular", ()),
    "straightforwardion": ("direction", ()),
    "proclaimd": ("declared", ()),
    "catebloody": ("category", ()),
    "indictd": ("charged", ()),
    "anciaccess": ("old", ()),
    "dwellnt": ("resident", ()),
    "combineions": ("connections", ()),
    "recurrenting": ("representing", ()),
    "sweightlessly": ("slightly", ()),
    "donaten": ("given", ()),
    "rulement": ("government", ()),
    "descfinishen": ("fallen", ()),
    "becaengage": ("because", ()),
    "sfinishing": ("sending", ()),
    "descfinishing": ("falling", ("descending",)),
    "presentantly": ("significantly", ("importantly",)),
}

NAMES = ("Tocorón", "Izquiel", "Rísquez")


def seed_path(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        raise FileNotFoundError(f"{SEEDS}: no seed {prefix}_*.txt")
    return found[0]


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")
