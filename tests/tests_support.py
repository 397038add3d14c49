"""Helpers for tests that need real text: ECB+ articles from the shared data."""

from __future__ import annotations

import json

from conftest import ECBPLUS


def ecbplus_texts(n: int, min_words: int = 150) -> list[str]:
    """The first ``n`` distinct ECB+ articles with at least ``min_words`` words."""
    out: list[str] = []
    seen: set[str] = set()
    with ECBPLUS.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            if len(text.split()) >= min_words and text not in seen:
                seen.add(text)
                out.append(text)
                if len(out) == n:
                    break
    return out
