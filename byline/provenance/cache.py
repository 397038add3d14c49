"""Alignments kept between builds, so that a grown corpus aligns only the pairs it has not seen.

A pair's sentence alignment (and each side's word count and English share, which ``classify``
reads) depends on the two documents' texts alone, and a document's key is the hash of its
text: a stored alignment stays right for as long as the code that made it. Everything that
depends on the corpus (IDF weights, the claim comparison, the classification) is recomputed
each build. The store keeps the pairs the last build evaluated, so the cache stays O(candidate
pairs) and never grows past the corpus.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field

from byline.provenance.evidence import Alignment, TextStats

# Bump when align(), doc_text() or the text statistics change their output: stored alignments
# made by other code are then ignored (and replaced at the end of the next build).
ALIGNMENT_VERSION = 1
STORE_NAME = "provenance-alignments"  # the store's corpus-level slot holding the cache


@dataclass
class AlignmentCache:
    """Alignments by (shorter document, other document), and the text statistics of each
    document aligned; ``used`` collects what this build looked up or made (what is saved)."""

    pairs: dict[tuple[str, str], Alignment] = field(default_factory=dict)
    stats: dict[str, TextStats] = field(default_factory=dict)
    used: dict[tuple[str, str], Alignment] = field(default_factory=dict)
    hits: int = 0

    def get(self, a: str, b: str) -> tuple[Alignment, TextStats, TextStats] | None:
        found = self.pairs.get((a, b))
        if found is None or a not in self.stats or b not in self.stats:
            return None
        self.hits += 1
        self.used[(a, b)] = found
        return found, self.stats[a], self.stats[b]

    def put(self, a: str, b: str, alignment: Alignment, a_stats: TextStats, b_stats: TextStats) -> None:
        self.used[(a, b)] = alignment
        self.stats[a], self.stats[b] = a_stats, b_stats

    def dumps(self) -> str:
        """The pairs used this build, as JSON (floats round-trip exactly). O(pairs)."""
        keys = sorted({k for pair in self.used for k in pair})
        return json.dumps(
            {
                "version": ALIGNMENT_VERSION,
                "pairs": [[a, b, *dataclasses.astuple(al)] for (a, b), al in sorted(self.used.items())],
                "stats": {k: [self.stats[k].words, self.stats[k].english] for k in keys},
            }
        )

    @classmethod
    def loads(cls, payload: str | None) -> AlignmentCache:
        """The cache saved by ``dumps``; empty when absent, unreadable or of another version."""
        if not payload:
            return cls()
        try:
            data = json.loads(payload)
            if data.get("version") != ALIGNMENT_VERSION:
                return cls()
            pairs = {(row[0], row[1]): Alignment(*row[2:]) for row in data["pairs"]}
            stats = {k: TextStats(int(w), float(e)) for k, (w, e) in data["stats"].items()}
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return cls()
        return cls(pairs, stats)
