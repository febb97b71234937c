"""The dated list of officials, looked up: who held an office on a date, the one holder of a title with a surname
or a country, and what a listed person was on a date (in office, not yet, or a former official)."""

from __future__ import annotations

from readout.knowledge import Agent, KnowledgeBase
from readout.records import Actor


class Offices:
    """The officials of a knowledge base, indexed by name, by (country, role) and by first or last word."""

    def __init__(self, kb: KnowledgeBase):
        self.officials = kb.officials
        self.by_name: dict[str, list[int]] = {}
        self.by_office: dict[tuple[str, str], list[int]] = {}
        self.by_word: dict[str, list[int]] = {}  # first or last word of a listed name -> entries
        for i, off in enumerate(kb.officials):
            for n in (off.name, *off.aliases):
                self.by_name.setdefault(n.lower(), []).append(i)
            if off.role:
                self.by_office.setdefault((off.country, off.role), []).append(i)
            for word in {off.name.split()[0].lower(), off.name.split()[-1].lower()}:
                self.by_word.setdefault(word, []).append(i)
        self.head_of_state = kb.cue("head_of_state_role")
        self.monarchs = kb.cue("monarch_role")
        self.group_office_words = kb.cue("group_office_word")
        self.given_name_titles = kb.cue("given_name_title")

    def group_office(self, role: str, titles: list[str]) -> bool:
        """Whether a title (``role``, as the text's ``titles`` write it) is an office of a party or an armed group
        ("co-leader", "chairman", "RN president", "founder"): a capitalised "President" before a party leader's name is
        the state's office they hold."""
        word = role.split()[-1].lower()
        return word in self.group_office_words and (word != "president" or any(t[:1].islower() for t in titles))

    def given_name(self, name: str, title: str, first: bool, date: str | None) -> bool:
        """Whether a title NER kept at the start (``first``) of a name is the person's given name: "Amir Ali
        Hajizadeh", not "Amir Tamim bin Hamad Al Thani" (the list of officials knows an Emir by the rest)."""
        rest = name.split(None, 1)
        if not first or title not in self.given_name_titles or len(rest) < 2:
            return False
        return not any(self.officials[i].role in self.head_of_state for i in self.official(rest[1], date))

    def official(self, name: str, date: str | None) -> tuple[int, ...]:
        """The officials' list entries for a name: those whose term holds on ``date``; where none does, the person's
        latest term (which the caller reads for the country only: a role is not applied after it ended)."""
        found = self.by_name.get(name.lower(), [])
        dated = [i for i in found if self.officials[i].holds_on(date)]
        if dated or not found:
            return tuple(dated)
        ended = [i for i in found if not _after(self.officials[i].start, date)]
        if ended:  # the last office held before the date
            return (max(ended, key=lambda i: self.officials[i].end or "9999"),)
        return (min(found, key=lambda i: self.officials[i].start),)  # one not yet taken up

    def titled_surname(self, word: str, role: str, date: str, country: str | None) -> tuple[int, ...]:
        """The one listed person with this surname (or family name) who held ``role`` on ``date``: "Foreign Minister
        Wang" in 2022 is Wang Yi; nothing where two fit."""
        fits = {self.officials[i].name: i for i in self.by_word.get(word.lower(), ())
                if self.officials[i].role == role and self.officials[i].holds_on(date)
                and country in (None, self.officials[i].country)}
        return tuple(fits.values()) if len(fits) == 1 else ()

    def office_on(self, name: str, date: str | None) -> tuple[str | None, str | None, str | None, str]:
        """(country, sector, role, entry id) of a listed person on a date. Out of office, the role is gone and the
        sector is ELI (a former official, as CAMEO codes them)."""
        found = self.official(name, date)
        if not found:
            return None, None, None, ""
        off = self.officials[found[0]]
        if off.holds_on(date):
            return off.country, off.sector or None, off.role or None, off.id
        if _after(off.start, date):
            return off.country, None, None, off.id  # before taking office: not yet an official, nor a former one
        return off.country, "ELI", None, off.id

    def fill_holder(self, a: Actor, plural: bool, date: str | None) -> None:
        """A title with a country and no name is the one person who held that office on the document's date:
        "the President of Russia" in February 2022 is Vladimir Putin (from the dated list of officials)."""
        if a.person or not a.country or not a.role or plural:
            return
        roles = self.head_of_state if a.role == "Head of State" else {a.role}
        found = {self.officials[i].name: i for r in roles for i in self.by_office.get((a.country, r), ())
                 if self.officials[i].holds_on(date)}
        if len(found) == 1 and date:
            off = self.officials[next(iter(found.values()))]
            a.person, a.name = off.name, off.name
            a.role = off.role or a.role
            a.resolved_by = (a.resolved_by + "+" if a.resolved_by else "") + f"kb:{off.id}"

    def holds_office(self, country: str, agent: Agent) -> bool:
        """Whether a government can be the one a bare title means: "the King" in a White House readout is not the
        United States' (no king in its list of officials); "the President" is."""
        if "monarch" not in agent.flags:
            return True
        return any((country, r) in self.by_office for r in self.monarchs)


def _after(start: str, date: str | None) -> bool:
    """Whether a term that starts on ``start`` (a year, month or day) starts after ``date``."""
    return bool(date and start) and start > (date or "")[:len(start)]
