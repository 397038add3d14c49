"""The model's attribute ruler, compiled to array operations: the same annotations, faster.

spaCy's ``AttributeRuler`` (the English models' tag map and morphology exceptions) runs a
``Matcher`` that tries every one of its ~180 patterns at every token: about a tenth of the
whole parse of a news article. Its patterns are plain token conditions (a tag, a lowercase
form, a dependency label, whitespace), so the same matches are array comparisons over the
document's attribute columns. ``compile_ruler`` reads the rules from the loaded model (nothing
about any model is written here) and gives ``None`` when a pattern uses anything else
(operators, sets, other attributes): the model's own component then stays.

Semantics kept from spaCy: every rule matches against the document as the earlier components
left it; the rules then apply in the order they were added, a later rule overwriting what an
earlier one set (``AttributeRuler.match`` sorts by rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IDS, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# Token conditions the compiled form reads (the pattern's key -> the attribute column).
READABLE = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "DEP": DEP, "POS": POS, "IS_SPACE": IS_SPACE}
# Attributes a rule may set: plain token fields that ``Doc.from_array`` writes as the ruler does
# (``set_token_attrs``: on the token; none of them is a lexeme attribute).
WRITABLE = (POS, TAG, DEP, LEMMA, MORPH)

COMPILED_NAME = "byline_attribute_rules"


@dataclass(frozen=True)
class _Condition:
    """One token condition: the column read and what it must hold (a value, one of a set,
    none of a set, or a string matching a regular expression)."""

    column: int
    kind: str  # "eq", "in", "not_in" or "regex"
    value: int = 0
    values: np.ndarray | None = None
    pattern: re.Pattern[str] | None = None

    def test(self, column: np.ndarray, strings: object) -> np.ndarray:
        if self.kind == "eq":
            return column == self.value
        if self.kind in ("in", "not_in"):
            assert self.values is not None
            inside = np.isin(column, self.values)
            return inside if self.kind == "in" else ~inside
        assert self.pattern is not None
        unique = np.unique(column)  # each distinct string once, as the Matcher's regex sees it
        keep = [h for h in unique.tolist() if self.pattern.search(strings[h])]  # type: ignore[index]
        return np.isin(column, np.array(keep, dtype=np.uint64))


@dataclass(frozen=True)
class _Rule:
    patterns: tuple[tuple[tuple[_Condition, ...], ...], ...]  # per pattern, per token: its conditions
    needed: tuple[tuple[tuple[int, int], ...], ...]  # per pattern: the (column, value) its tokens require
    index: int  # which token of a match gets the attributes (spaCy's index, may be negative)
    sets: tuple[tuple[int, int], ...]  # (column of WRITABLE, value)


@dataclass(frozen=True)
class CompiledRules:
    """A ruler's rules as columns and values; ``apply`` annotates a ``Doc`` in place."""

    read: tuple[int, ...]  # attribute ids read, in column order
    rules: tuple[_Rule, ...]

    def apply(self, doc: Doc) -> Doc:
        """O(R x N) array comparisons for R rules over N tokens, then one ``from_array``."""
        n = len(doc)
        if n == 0:
            return doc
        cols = doc.to_array(list(self.read))
        if cols.ndim == 1:
            cols = cols.reshape(n, 1)
        values = doc.to_array(list(WRITABLE))
        present = [set(np.unique(cols[:, k]).tolist()) for k in range(cols.shape[1])]
        hits: list[tuple[np.ndarray, _Rule]] = []
        for rule in self.rules:  # every match is found on the document as it came in
            for pattern, needed in zip(rule.patterns, rule.needed, strict=True):
                length = len(pattern)
                if length > n or any(value not in present[column] for column, value in needed):
                    continue  # a value the pattern requires is nowhere in the document
                starts = n - length + 1
                mask = np.ones(starts, dtype=bool)
                for offset, conditions in enumerate(pattern):
                    for condition in conditions:
                        mask &= condition.test(
                            cols[offset : offset + starts, condition.column], doc.vocab.strings
                        )
                found = np.flatnonzero(mask)
                if found.size:
                    hits.append((found + (rule.index if rule.index >= 0 else length + rule.index), rule))
        if not hits:
            return doc
        for where, rule in hits:  # rules in the order they were added: later ones win
            for column, value in rule.sets:
                values[where, column] = value
        doc.from_array(list(WRITABLE), values)  # type: ignore[arg-type]  # uint64, as to_array gave it
        return doc


def _condition(vocab: Any, column: int, key: str, value: object) -> _Condition | None:
    """A pattern's condition on one attribute, or None when the compiled form cannot say it."""
    if key == "IS_SPACE":
        return _Condition(column, "eq", int(value)) if isinstance(value, bool) else None
    if isinstance(value, str):
        return _Condition(column, "eq", int(vocab.strings.add(value)))
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((op, arg),) = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
        hashes = np.array([vocab.strings.add(a) for a in arg], dtype=np.uint64)
        return _Condition(column, op.lower(), values=hashes)
    if op == "REGEX" and isinstance(arg, str):
        return _Condition(column, "regex", pattern=re.compile(arg))
    return None


def compile_ruler(ruler: AttributeRuler) -> CompiledRules | None:
    """The ruler's rules in compiled form, or None when any rule needs the ``Matcher``."""
    read: list[int] = []
    rules: list[_Rule] = []
    writable = {attr: k for k, attr in enumerate(WRITABLE)}
    for i, attrs in enumerate(ruler.attrs):
        found = ruler.matcher.get(str(i))
        if found is None:
            return None
        patterns: list[tuple[tuple[_Condition, ...], ...]] = []
        for pattern in found[1]:
            tokens: list[tuple[_Condition, ...]] = []
            for token in pattern:
                conditions: list[_Condition] = []
                for raw_key, raw_value in token.items():
                    key = str(raw_key).upper()
                    if key not in READABLE:
                        return None  # an operator ("OP"), another attribute
                    if READABLE[key] not in read:
                        read.append(READABLE[key])
                    condition = _condition(ruler.vocab, read.index(READABLE[key]), key, raw_value)
                    if condition is None:
                        return None
                    conditions.append(condition)
                if not conditions:
                    return None  # a wildcard token: rare, left to the Matcher
                tokens.append(tuple(conditions))
            if not tokens:
                return None
            patterns.append(tuple(tokens))
        index = ruler.indices[i]
        if any(not -len(p) <= index < len(p) for p in patterns):
            return None  # spaCy raises on these; keep its behaviour
        sets: list[tuple[int, int]] = []
        for attr, value in attrs.items():
            attr_id = IDS.get(attr, attr) if isinstance(attr, str) else attr
            if attr_id not in writable or not isinstance(value, int):
                return None
            sets.append((writable[attr_id], value))
        needed = tuple(
            tuple((c.column, c.value) for token in p for c in token if c.kind == "eq") for p in patterns
        )
        rules.append(_Rule(tuple(patterns), needed, index, tuple(sets)))
    if not read:
        return None
    return CompiledRules(tuple(read), tuple(rules))


class CompiledAttributeRuler:
    """A pipeline component applying ``CompiledRules`` (set after ``replace_pipe``)."""

    def __init__(self) -> None:
        self.rules: CompiledRules | None = None

    def __call__(self, doc: Doc) -> Doc:
        assert self.rules is not None, "compiled attribute rules not set"
        return self.rules.apply(doc)


@Language.factory(COMPILED_NAME)
def make_compiled_attribute_ruler(nlp: Language, name: str) -> CompiledAttributeRuler:
    return CompiledAttributeRuler()


def compile_in_place(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's attribute ruler by its compiled form (same name, same place);
    False, and the pipeline unchanged, when there is none or it cannot be compiled."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    rules = compile_ruler(ruler)
    if rules is None:
        return False
    nlp.replace_pipe(name, COMPILED_NAME)
    component = nlp.get_pipe(name)
    assert isinstance(component, CompiledAttributeRuler)
    component.rules = rules
    return True
