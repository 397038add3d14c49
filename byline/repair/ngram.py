"""A trigram language model of English for ranking repairs: CMU Sphinx's generic US English
model (about 72k words, 2.0M bigrams, 1.7M trigrams), read through the ``pocketsphinx``
package, whose wheel ships it (nothing is downloaded). Lower-case words without punctuation
or digits (a speech model): an unknown history word backs off to a shorter history; an unknown
target word has no probability.

Cost: the model (~27 MB) is read once per process; a lookup is a trie walk, memoised.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from byline.repair.resources import RepairResourceError

_TO_LOG10 = math.log10(1.0001)  # sphinx log-math base
_UNKNOWN = -50.0  # below any real log10 probability: the target word is not in the model
_MEMO_LIMIT = 500_000  # memoised lookups before the memo is cleared (bounds its memory)


class TrigramModel:
    """log10 P(word | history) from a sphinx binary n-gram model."""

    def __init__(self, path: Path) -> None:
        from pocketsphinx import NGramModel, set_loglevel

        set_loglevel("ERROR")
        self.path = path
        try:
            self._lm = NGramModel.readfile(str(path))
        except (ValueError, RuntimeError) as exc:
            raise RepairResourceError(f"{path}: unreadable language model ({exc})") from exc
        self._memo: dict[tuple[str, ...], float | None] = {}

    def logp(self, word: str, *history: str) -> float | None:
        """log10 P(word | history) with the history oldest first; an empty string marks a
        boundary (the words before it are not used). None when ``word`` is unknown."""
        hist: list[str] = []
        for h in reversed(history):  # nearest first, up to the first boundary
            if not h:
                break
            hist.append(h)
        key = (word, *hist)
        if key in self._memo:
            return self._memo[key]
        value = self._lm.prob([word, *hist]) * _TO_LOG10
        got = None if value < _UNKNOWN else value
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = got
        return got


def model_path() -> Path:
    """The generic US English model inside the installed ``pocketsphinx`` package."""
    try:
        from pocketsphinx import get_model_path
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise RepairResourceError("pocketsphinx is not installed: its language model is needed") from exc
    path = Path(get_model_path()) / "en-us" / "en-us.lm.bin"
    if not path.exists():
        raise RepairResourceError(f"{path}: language model missing from the pocketsphinx package")
    return path


@lru_cache(maxsize=1)
def trigram_model() -> TrigramModel:
    """Once per process."""
    return TrigramModel(model_path())
