"""The coding stages, each a spaCy component in its own file, registered by name with ``@Language.factory``.

Order in the pipeline: ``readout_gazetteer`` (before ``ner``), then ``readout_actors``, ``readout_when``,
``readout_where`` and ``readout_events`` after it. Each writes its results onto the Doc under ``doc._``.
"""

from __future__ import annotations

from spacy.tokens import Doc

STAGES = ("readout_gazetteer", "readout_actors", "readout_when", "readout_where", "readout_events")

for _name, _default in (
    ("doc_date", None),  # input: the document's known date (YYYY-MM-DD) or None
    ("publisher", None),  # input: the source of the document ("kremlin.ru"), for events a headline implies
    ("title_chars", 0),  # input: how many characters of title (and joiner) stand in front of the text
    ("learned", None),  # input: people earlier documents introduced, by surname (readout.store.memory)
    ("gazetteer", None),  # Gazetteer hits
    ("actors", None),  # actor mentions
    ("actor_at", None),  # token index -> mention
    ("doc_when", None),  # the document's date as a When
    ("dates", None),  # dated spans
    ("places", None),  # placed spans
    ("dateline", None),  # the place a dateline names
    ("events", None),  # coded events
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def register() -> None:
    """Import every stage so that its factory is registered with spaCy."""
    from readout.nlp import actors, events, gazetteer, transfer, when, where  # noqa: F401
