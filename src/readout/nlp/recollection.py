"""What a document remembers of a person it has named, for its later mentions: the surname as written, the given
name where the family name comes first, middle names, and the roles the person was named with."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from readout.records import Actor


def remember(actor: Actor, surname: str, name: str, roles: set[str | None], memory: dict[str, Actor],
             family_name_first: Collection[str], title_roles: Mapping[str, str]) -> None:
    """What later mentions of a person may call them by: the surname as written, the given name and middle names
    of the full ``name``, roles (``title_roles``: a title's word -> the role it stands for)."""
    memory.setdefault(surname, actor)
    given = name.split()[0].lower()
    if actor.country in family_name_first and given != surname:
        memory.setdefault(given, actor)  # "Yang Jiechi" is later "Director Yang"
    words = name.split()
    for middle in words[1:-1]:  # "Moussa Faki Mahamat" is later "Chairperson Faki"
        if middle[:1].isupper() and len(middle) > 2:
            memory.setdefault(middle.lower(), actor)
    if given != surname:
        memory.setdefault("given:" + given, actor)  # "Retno Marsudi" is later "Foreign Minister Retno"
    for r in {r for r in roles if r}:
        memory.setdefault("role:" + r, actor)
        word = r.split(" of ")[0].lower()  # "Chairperson of the African Union Commission": "the Chairperson"
        if word in title_roles:  # "King" (the list's word) is later "the King" (Head of State)
            memory.setdefault("role:" + title_roles[word], actor)
