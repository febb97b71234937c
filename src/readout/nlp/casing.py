"""Text written in one case: "china and russia signed an agreement", "RUSSIA CONDEMNS NATO DRILLS". spaCy's tagger,
parser and NER, and the name tables, lean on capitals, so before parsing each line written all in lower or all in
upper case is re-cased: sentence starts, "I", and every name and title the knowledge tables know take their usual
capitals ("china" -> "China", "prime minister kishida" -> "Prime Minister Kishida", "nato" -> "NATO").

Only the case of letters changes, never their number, so every character stays where it was and the spans of
events still index the original text.
"""

from __future__ import annotations

import re

from readout.knowledge import KnowledgeBase

WORD = re.compile(r"\w+(?:['’.-]\w+)*")
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|:\s+|^\W+)(\w)")
MIN_LETTERS = 12  # a line shorter than this ("NA", "USA") is left as it is


class Recaser:
    def __init__(self, kb: KnowledgeBase):
        self.names: dict[tuple[str, ...], list[str]] = {}
        phrases: list[str] = []
        for c in kb.countries.values():
            phrases.extend((c.name, *c.aliases, *c.demonyms, *c.capitals, *c.seats))
        for o in kb.organisations.values():
            phrases.extend((o.name, *o.aliases))
        for off in kb.officials:
            phrases.extend((off.name, *off.aliases))
        for n in kb.names:
            phrases.extend((n.name, *n.aliases))
        for a in kb.agents:
            if a.kind == "title":
                phrases.extend(p.lstrip("^") for p in a.phrases)
        for p in phrases:
            words = WORD.findall(p)
            if words and p[:1].isupper():  # a proper name or a title as written in running text
                self.names.setdefault(tuple(w.lower() for w in words), words)
        self.longest = max((len(k) for k in self.names), default=1)

    def __call__(self, text: str) -> str:
        lines = text.split("\n")
        marked = [_one_case(line) for line in lines]
        if not any(marked):
            return text
        return "\n".join(self.recase(line) if one else line for line, one in zip(lines, marked, strict=True))

    def recase(self, line: str) -> str:
        low = _lower(line)
        chars = list(low)
        words = list(WORD.finditer(low))
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                canonical = self.names.get(tuple(w.group() for w in words[i:i + n]))
                if canonical is not None:
                    for m, form in zip(words[i:i + n], canonical, strict=True):
                        if len(form) == m.end() - m.start():
                            chars[m.start():m.end()] = form
                    i += n
                    break
            else:
                i += 1
        for m in SENTENCE_START.finditer(low):
            chars[m.start(1)] = _upper(chars[m.start(1)])
        for m in re.finditer(r"\bi\b", low):
            chars[m.start()] = "I"
        return "".join(chars)


def _one_case(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return False
    return all(c.islower() for c in letters) or all(c.isupper() for c in letters)


def _lower(text: str) -> str:
    """Lower case, letter by letter, where that keeps the letter one character ("İ" stays)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _upper(c: str) -> str:
    return c.upper() if len(c.upper()) == 1 else c
