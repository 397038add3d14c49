"""Chained spins: several non-words sharing one unknown fragment, solved together.

A spinner that replaced an inner word and then replaced part of the replacement leaves a
fragment that is no thesaurus entry; the same fragment then recurs in every word that held
the inner word. The one real word that, put in place of the shared fragment, turns all of
them into frequent words is the answer.

Cost: O(k^2 L^2) to find shared fragments among k unresolved non-words of length L, then
O(V k) for a vocabulary of V frequent words per fragment group (V ~ 30k, k small).
"""

from __future__ import annotations

from dataclasses import dataclass

from byline.repair.candidates import joins
from byline.repair.resources import RepairResources

MIN_SHARED = 5  # letters of the unknown fragment the chained non-words share
MIN_GROUP = 3  # non-words holding it: two could share a fragment by chance
VOCAB_ZIPF = 3.5  # head words tried in place of the fragment: frequent ones only
RESULT_ZIPF = 2.5  # every member must become a word at least this frequent


@dataclass(frozen=True)
class ChainSolution:
    fragment: str
    head: str
    words: dict[str, str]  # non-word -> repaired word
    runner_up: str | None


def _longest_common(a: str, b: str) -> str:
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def _shared_fragments(tokens: list[str], res: RepairResources) -> dict[str, list[str]]:
    groups: dict[str, set[str]] = {}
    for x, a in enumerate(tokens):
        for b in tokens[x + 1 :]:
            frag = _longest_common(a, b)
            if len(frag) >= MIN_SHARED and res.freq(frag) == 0.0:
                groups.setdefault(frag, set()).update((a, b))
    for frag in list(groups):  # every token holding the fragment belongs to its group
        groups[frag].update(t for t in tokens if frag in t)
    return {f: sorted(ts) for f, ts in groups.items() if len(ts) >= MIN_GROUP}


def solve_chains(tokens: list[str], res: RepairResources) -> list[ChainSolution]:
    """Solutions for groups of >= 3 non-words sharing a >= 5-letter unknown fragment, each
    accepted only when one head word makes every member a frequent word."""
    groups = _shared_fragments(sorted(set(tokens)), res)
    if not groups:
        return []
    vocab = [w for w, z in res.zipf.items() if z >= VOCAB_ZIPF and 2 <= len(w) <= 10]
    out: list[ChainSolution] = []
    for frag, members in groups.items():
        solved: list[tuple[float, str, dict[str, str]]] = []
        for head in vocab:
            words: dict[str, str] = {}
            total = 0.0
            for tok in members:
                i = tok.index(frag)
                got = next(
                    (w for w in joins(tok[:i], head, tok[i + len(frag) :]) if res.freq(w) >= RESULT_ZIPF),
                    None,
                )
                if got is None:
                    break
                words[tok] = got
                total += res.freq(got)
            else:
                solved.append((total, head, words))
        if not solved:
            continue
        solved.sort(key=lambda x: (-x[0], x[1]))
        total, head, words = solved[0]
        out.append(ChainSolution(frag, head, words, solved[1][1] if len(solved) > 1 else None))
    return out
