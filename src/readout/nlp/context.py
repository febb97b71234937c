"""A group or title the text gives no country ("the parliament", "prosecutors", "the foreign minister") takes the
one state its sentence names: "Sullivan and President Saied discussed a swift return to an elected parliament" is
Tunisia's parliament. Where the sentence names the publisher's own state and one other, the other (a readout's
"parliament" in a talk with Tunisia's president is Tunisia's; the publisher's own bodies are named as such). Words
that point beyond one state ("other governments", "world leaders", "their officials", "the two delegations",
``not_local`` in ``cues.tsv``) keep no country, as does a sentence naming two states or none."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Doc

from readout.nlp.people import Mention

ELSEWHERE = frozenset({"REF"})  # refugees and migrants belong to the state they left, rarely the one a sentence names


def sentence_countries(doc: Doc, mentions: Sequence[Mention], states: Collection[str], not_local: Collection[str],
                       publisher: str | None = None) -> None:
    """Give each unresolved group or title mention the one state named elsewhere in its sentence (see the module)."""
    named: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.actor.country in states:
            named.setdefault(doc[m.head].sent.start, []).append(m)
    for m in mentions:
        a = m.actor
        if m.kind != "agent" or a.country or a.person or a.sector in ELSEWHERE or _beyond_one_state(doc, m, not_local):
            continue
        others = {o.actor.country or "" for o in named.get(doc[m.head].sent.start, ()) if o is not m}
        others.discard(publisher or "")
        if len(others) == 1:
            a.country = others.pop()
            a.resolved_by += f"+sentence:{a.country}"


def _beyond_one_state(doc: Doc, m: Mention, not_local: Collection[str]) -> bool:
    head = doc[m.head]
    words = [t.lower_ for t in doc[m.start:m.end]]
    words += [c.lower_ for c in head.children if c.dep_ in ("amod", "det", "predet", "nummod", "poss", "quantmod")]
    return any(w in not_local for w in words) or any(c.dep_ == "nummod" for c in head.children)
