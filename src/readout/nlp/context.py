"""A group or title the text gives no country of its own ("the parliament", "prosecutors", "the foreign minister")
takes the one state its sentence names, or where its sentence names none, the one state the sentence before names:
"Sullivan and President Saied discussed a swift return to an elected parliament" is Tunisia's parliament. The
publisher's own state is set aside (a readout's "parliament" in a talk with Tunisia's president is Tunisia's; the
publisher's own bodies are named as such, or capitalised: "Congress"). Words that point beyond one state ("other
officials", "world leaders", "their officials", ``not_local`` in ``cues.tsv``; a number of governments: "the two
delegations") keep no country, as does a sentence naming two states. Where neither sentence nor a dateline gives one,
the state the document is about does: the one named, in the words of its own mentions, at least twice and twice as
often as any other (the publisher's set aside): "the junta" of a story on Myanmar's generals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from spacy.tokens import Doc

from readout.nlp.people import NAMED_BODY, Mention

ELSEWHERE = frozenset({"REF"})  # refugees and migrants belong to the state they left, rarely the one a sentence names
BORROWED = ("+back:", "+sentence", "+dateline")  # how a mention that took its country from another one says so
# a titled person of these sectors takes a state from the context
OFFICE_SECTORS = (None, "GOV", "MIL", "JUD", "LEG", "COP", "SPY", "PTY", "OPP")
FORMER = "ELI"  # a former official ("former transport minister S. Iswaran") too, whose title is no longer a role


def _by_sentence(doc: Doc, mentions: Sequence[Mention], pool: Collection[str]) -> dict[int, list[Mention]]:
    """The mentions whose country is in ``pool`` and their own words gave (not "the pirates" standing for the
    "Somali pirates" named before, nor a country this module gave), by the start of their sentence."""
    named: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.actor.country in pool and not any(w in m.actor.resolved_by for w in BORROWED):
            named.setdefault(doc[m.head].sent.start, []).append(m)
    return named


def sentence_countries(doc: Doc, mentions: Sequence[Mention], states: Collection[str], not_local: Collection[str],
                       publisher: str | None = None, organisations: Collection[str] = (),
                       filed: str | None = None, sides: Collection[str] = ()) -> None:
    """Give each unresolved group or title mention the one state named around it (see the module); an official of
    an organisation ("the secretary-general", sector IGO) the one organisation named around it."""
    named = _by_sentence(doc, mentions, {*states, *organisations})
    main = _main_state(named, states, publisher)
    for m in mentions:
        a = m.actor
        if m.kind not in ("agent", "unknown") or not a.sector or _elsewhere(doc, m) or a.country or a.person or \
                a.resolved_by.startswith(NAMED_BODY) or _beyond_one_state(doc, m, not_local, sides):
            continue  # an organisation no table knows takes a country only where its name gave a sector; one the
            # tables know with none is of no one state (Human Rights Watch, the Islamic State)
        pool = organisations if a.sector == "IGO" else states
        found = _around(doc, m, named, pool, publisher, *((None, None) if a.sector == "IGO" else (filed, main)))
        if found is not None:
            a.country = found[0]
            a.resolved_by += f"+{found[1]}:{a.country}"


def _elsewhere(doc: Doc, m: Mention) -> bool:
    """Refugees and migrants, of the state they left (not those displaced within one: "displaced residents")."""
    return m.actor.sector in ELSEWHERE and not any(t.lower_ == "displaced" for t in doc[m.start:m.end])


def _main_state(named: dict[int, list[Mention]], states: Collection[str],
                publisher: str | None) -> tuple[str, set[int]] | None:
    """The state a document is about: named by its mentions' own words at least twice and twice as often as any other
    state (the publisher's aside); with the sentences that name it."""
    counts = Counter(m.actor.country for ms in named.values() for m in ms if m.actor.country != publisher)
    ranked = counts.most_common(2)  # (an organisation named as often, the EU of a U.S.-EU summit, leaves none)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]) or \
            ranked[0][0] not in states:
        return None
    state = ranked[0][0] or ""
    return state, {start for start, ms in named.items() if any(m.actor.country == state for m in ms)}


def _around(doc: Doc, m: Mention, named: dict[int, list[Mention]], pool: Collection[str], publisher: str | None,
            filed: str | None, main: tuple[str, set[int]] | None = None) -> tuple[str, str] | None:
    """The one state of ``pool`` other than the publisher's that the mention's sentence names, else the sentence
    before, else the dateline's, else the document's main state (each of which also chooses among several states a
    sentence names; the main state only where a sentence other than the mention's own names it); with how it was
    found."""
    def states(start: int) -> set[str]:
        return {o.actor.country or "" for o in named.get(start, ()) if o is not m and o.actor.country in pool and
                o.actor.country != publisher}

    sent = doc[m.head].sent
    tries = [(states(sent.start), "sentence")]
    if sent.start > 0:
        tries.append((states(doc[sent.start - 1].sent.start), "sentence-before"))
    for here, how in tries:
        if len(here) == 1:
            return next(iter(here)), how
        if here:  # several states: the dateline's, else the document's, where it is one of them
            if filed in here:
                return filed, f"{how}+dateline"
            beyond = main is not None and main[0] in here and main[1] - {sent.start}
            return (main[0], f"{how}+document") if main and beyond else None
    if filed:
        return filed, "dateline"
    return (main[0], "document") if main else None


def _counterpart(doc: Doc, m: Mention, others: Sequence[Mention]) -> bool:
    """In a government's own release, a titled person whose sentence names another state only in other people
    ("Deputy Secretary Campbell met with Japanese Vice Foreign Minister Funakoshi", "... with the Ukrainian
    ambassador") is the publisher's side across the table from them, unless joined to one of them ("President Ruto
    and Prime Minister Mudavadi")."""
    if not others or any(o.kind != "person" and not o.actor.role for o in others):
        return False
    chain = {t.i for t in doc[m.head].conjuncts} | {doc[m.head].i}
    return not any(doc[o.head].i in chain or any(c.i in chain for c in doc[o.head].conjuncts) for o in others)


def _beyond_one_state(doc: Doc, m: Mention, not_local: Collection[str], sides: Collection[str] = ()) -> bool:
    """A mention that points beyond one state: "other officials", "people around the world", "the two delegations",
    or the sides of the text ("the leaders", ``sides``)."""
    head = doc[m.head]
    words = [t.lower_ for t in doc[m.start:m.end]]
    words += [c.lower_ for c in head.children if c.dep_ in ("amod", "det", "predet", "nummod", "poss", "quantmod")]
    words += [p.lower_ for c in head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    counted = any(c.dep_ == "nummod" for c in head.children)
    bare = head.tag_ == "NNS" and head.lower_ in sides and all(c.lower_ == "the" for c in head.children)
    return any(w in not_local for w in words) or (counted and m.actor.sector == "GOV") or bare


def titled_people(doc: Doc, mentions: Sequence[Mention], states: Collection[str], publisher: str | None,
                  filed: str | None = None) -> None:
    """A person with a title but no country ("Finance Minister Anton Siluanov", "Judge Williams"): the one state
    other than the publisher's their sentence names, else, in a government's own release, the publisher's, else as a
    group takes one (the sentence before, the dateline). In news, a person named bare whom no table knows ("ROME -
    Police arrested Matteo Messina Denaro"): the dateline's state. Later mentions of the same person take the same."""
    named = _by_sentence(doc, mentions, states)
    main = _main_state(named, states, publisher)
    given: dict[str, str] = {}
    for m in mentions:
        a = m.actor
        titled = (a.role and a.sector in OFFICE_SECTORS) or a.sector == FORMER
        if m.kind != "person" or a.country or not a.person or not (titled or publisher is None):
            continue
        if not titled:  # news: someone no table knows, named bare, is of where the story is filed (not of the
            if filed:  # state it is about: "The Zorblat Collective attacked Canada ... threatened Canada")
                a.country = filed
                a.resolved_by += f"+dateline:{a.country}"
                given[a.person] = a.country
            continue
        if publisher is None:
            found = _around(doc, m, named, states, None, filed, main)
        else:
            others = [o for o in named.get(doc[m.head].sent.start, ()) if o.actor.country != publisher]
            here = {o.actor.country or "" for o in others}
            found = None if len(here) > 1 else (publisher, "publisher") if not here or \
                _counterpart(doc, m, others) else (next(iter(here)), "sentence")
        if found is None:
            continue
        a.country, how = found
        a.resolved_by += f"+{how}:{a.country}"
        given[a.person] = a.country
    for m in mentions:
        if m.kind == "person" and not m.actor.country and m.actor.person in given:
            m.actor.country = given[m.actor.person]
            m.actor.resolved_by += f"+same-person:{m.actor.country}"
