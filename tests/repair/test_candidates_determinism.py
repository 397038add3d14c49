"""A non-word's candidates are the same in every process, whatever its string hashing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, sys
from byline.repair import load_repair_resources
from byline.repair.candidates import generate
res = load_repair_resources()
out = {}
for word in sys.argv[1:]:
    out[word] = sorted((c.word, c.fragment, c.head, c.steps, c.pos) for c in generate(word, res))
print(json.dumps(out))
"""

# spun words of our own making: a swapped synonym inside a longer word, several explanations each
WORDS = ["assistanted", "helpered", "unassistable", "reassistance", "bigly"]


def _candidates(seed: int) -> dict[str, list[list[object]]]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *WORDS], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_candidates_do_not_depend_on_string_hashing() -> None:
    first = _candidates(1)
    assert sum(len(v) for v in first.values()) > 10  # the probe found explanations to compare
    for seed in (2, 3, 4):
        assert _candidates(seed) == first
