"""The attribute ruler and the lemmatizer of the spaCy pipeline, doing spaCy's own work over the Doc's arrays
instead of token by token: the same annotation in a fraction of the time (``benchmarks/stages.py``; the two were
a seventh of the coder's time).

- ``FastAttributeRuler`` is spaCy's ``AttributeRuler`` (tag to part of speech and morphology, and its exceptions)
  with ``match`` replaced: its patterns are matched over the arrays at once instead of by spaCy's Matcher, giving
  the same matches. Setting the attributes, saving and loading are spaCy's own. Patterns of a kind it does not know
  (an operator, an attribute other than TAG, LOWER, DEP and IS_SPACE) are matched by spaCy's Matcher.
- ``FastLemmatizer`` is spaCy's English lemmatizer, whose rules give a lemma from the word, its part of speech and
  its morphology alone: it works each such key out once (by spaCy's own rules), looks the key up from the arrays
  for every other token, and sets the lemmas at once.
"""

from __future__ import annotations

import re
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # the attributes a pattern may test, as Doc array columns
ARRAY = [TAG, LOWER, DEP, IS_SPACE]


class Unsupported(Exception):
    """A pattern this matcher does not compile."""


class FastAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler, matching its patterns over the Doc's arrays (``match``)."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._compiled: list[tuple[int, int, list[list[list[tuple[int, str, Any]]]]]] | None = None
        self._regex: dict[tuple[str, int], bool] = {}

    def add(self, patterns: Any, attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._compiled = None  # compiled again on the next match

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule, match id, start, end) of every match, sorted as spaCy's ruler sorts them."""
        rules = self._rules()
        if rules is None:
            return super().match(doc)
        n = len(doc)
        if n == 0:
            return []
        cols = doc.to_array(ARRAY).reshape(n, len(ARRAY))
        present = [set(np.unique(cols[:, c]).tolist()) for c in range(len(ARRAY))]  # the values the Doc holds
        found: set[tuple[int, int, int, int]] = set()
        for rule, key, patterns in rules:
            for pattern in patterns:
                width = len(pattern)
                if width > n or not all(_possible(token, present) for token in pattern):
                    continue
                hit = np.ones(n - width + 1, dtype=bool)
                for k, token in enumerate(pattern):
                    hit &= self._mask(doc, cols, token)[k:n - width + 1 + k]
                found.update((rule, key, int(s), int(s) + width) for s in np.flatnonzero(hit))
        return sorted(found)

    def _mask(self, doc: Doc, cols: np.ndarray, token: list[tuple[int, str, Any]]) -> np.ndarray:
        mask = np.ones(len(cols), dtype=bool)
        for col, op, value in token:
            values = cols[:, col]
            if op == "==":
                mask &= values == value
            elif op == "IN":
                mask &= np.isin(values, value)
            elif op == "NOT_IN":
                mask &= ~np.isin(values, value)
            else:  # REGEX, searched in the string, as spaCy's Matcher does
                mask &= np.fromiter((self._search(value, int(h), doc) for h in values), dtype=bool, count=len(values))
        return mask

    def _search(self, pattern: re.Pattern[str], value: int, doc: Doc) -> bool:
        key = (pattern.pattern, value)
        if key not in self._regex:
            self._regex[key] = bool(pattern.search(doc.vocab.strings[value]))  # an unset value reads as ""
        return self._regex[key]

    def _rules(self) -> list[tuple[int, int, list[list[list[tuple[int, str, Any]]]]]] | None:
        """Every rule's patterns compiled to column tests; None where one is of a kind this does not know."""
        if self._compiled is None:
            try:
                keys = [self.vocab.strings.add(str(rule)) for rule in range(len(self.attrs))]
                self._compiled = [(rule, key, [[self._token(t) for t in pattern]
                                               for pattern in self.matcher.get(key)[1]])
                                  for rule, key in enumerate(keys)]
            except Unsupported:
                self._compiled = []
        return self._compiled or None

    def _token(self, spec: dict[str, Any]) -> list[tuple[int, str, Any]]:
        tests: list[tuple[int, str, Any]] = []
        for attr, value in spec.items():
            col = COLUMNS.get(attr)
            if col is None:
                raise Unsupported(attr)
            if attr == "IS_SPACE":
                if not isinstance(value, bool):
                    raise Unsupported(value)
                tests.append((col, "==", int(value)))
            elif isinstance(value, str):
                tests.append((col, "==", self.vocab.strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1:
                op, arg = next(iter(value.items()))
                if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
                    tests.append((col, op, np.array([self.vocab.strings.add(a) for a in arg], dtype=np.uint64)))
                elif op == "REGEX" and isinstance(arg, str):
                    tests.append((col, "REGEX", re.compile(arg)))
                else:
                    raise Unsupported(op)
            else:
                raise Unsupported(value)
        return tests


def _possible(token: list[tuple[int, str, Any]], present: list[set[int]]) -> bool:
    """Whether a token pattern can match at all: each value it requires is in the Doc (a quick test that spares
    the rules for words and tags a Doc lacks)."""
    for col, op, value in token:
        if op == "==" and value not in present[col]:
            return False
        if op == "IN" and not present[col].intersection(value.tolist()):
            return False
    return True


@Language.factory("readout_attribute_ruler", default_config={"validate": False, "scorer": {
    "@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Any) -> FastAttributeRuler:
    """spaCy's attribute ruler with its patterns matched over the Doc's arrays (``FastAttributeRuler``)."""
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


class FastLemmatizer(EnglishLemmatizer):
    """spaCy's English lemmatizer, each (word, part of speech, morphology) worked out once by its rules, looked up
    from the Doc's arrays and the lemmas set at once (rule mode; other modes are spaCy's own)."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._known: dict[tuple[int, int, int], int] = {}  # (word, POS, morphology) -> the id of its lemma
        self._known_from: Any = None  # the lookups those lemmas were worked out from

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        if self._known_from is not self.lookups:  # worked out from other tables: forget
            self._known, self._known_from = {}, self.lookups
        known = self._known
        cols = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = cols[:, 3].copy()
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(cols.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)  # spaCy's own key: the word, its part of speech, its morphology
            found = known.get(key)
            if found is None:
                found = strings.add(self.lemmatize(doc[i])[0])  # worked out by spaCy's rules
                if pos:  # what the rules give depends on the key alone (a token with no POS is warned of each time)
                    known[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))
        return doc


@Language.factory("readout_lemmatizer", assigns=["token.lemma"], default_config={
    "model": None, "mode": "rule", "overwrite": False, "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}})
def make_lemmatizer(nlp: Language, model: Any, name: str, mode: str, overwrite: bool, scorer: Any) -> FastLemmatizer:
    """spaCy's English lemmatizer with its lemmas looked up and set over the Doc's arrays (``FastLemmatizer``)."""
    return FastLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


def speed_up(nlp: Language) -> None:
    """Put a ``FastAttributeRuler`` with the same patterns in place of the pipeline's attribute ruler, and a
    ``FastLemmatizer`` with the same tables in place of its English lemmatizer."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler) and not isinstance(ruler, FastAttributeRuler):
        patterns = ruler.patterns
        fast = nlp.replace_pipe("attribute_ruler", "readout_attribute_ruler")
        assert isinstance(fast, FastAttributeRuler)
        fast.add_patterns(patterns)
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if type(lemmatizer) is EnglishLemmatizer and lemmatizer.mode == "rule":
        settings = {"mode": lemmatizer.mode, "overwrite": lemmatizer.overwrite}
        quick = nlp.replace_pipe("lemmatizer", "readout_lemmatizer", config=settings)
        assert isinstance(quick, FastLemmatizer)
        quick.lookups = lemmatizer.lookups
