"""The coding stages, each a spaCy component in its own file, declared with spaCy in ``readout.nlp.factories``.

The whole coder is one spaCy pipeline: ``readout_text`` first (unwrapping and re-casing), ``readout_gazetteer``
before ``ner``, then ``readout_actors``, ``readout_when``, ``readout_where``, ``readout_events``,
``readout_linker`` (the trained pair classifier: events the rules missed between two actors) and, last,
``readout_scene`` (the document's day and place). Each reads and writes the Doc under ``doc._``; everything they write
survives ``Doc.to_bytes``, ``DocBin`` and ``nlp.pipe(n_process=N)`` (``readout.nlp.serialize``).

    >>> nlp = readout.nlp.pipeline()            # or spacy.load() of a directory it was saved to
    >>> doc = nlp("On May 3, 2024, Foreign Minister Wang Yi met with ...")
    >>> doc._.events
"""

from __future__ import annotations

from spacy.tokens import Doc

STAGES = ("readout_text", "readout_gazetteer", "readout_actors", "readout_when", "readout_where", "readout_events",
          "readout_linker", "readout_scene")

# What the Coder (or a user) may set on a Doc before the pipeline sees it: what is known of the document.
INPUTS = {
    "doc_date": None,  # the document's known date (YYYY-MM-DD)
    "publisher": None,  # the document's source ("kremlin.ru"): a government's own release, a headline's implied side
    "location": None,  # a place the document's metadata names ("Almaty, Kazakhstan"), which stands for a dateline
    "title_chars": 0,  # how many characters of title (and joiner) stand in front of the text
    "learned": None,  # people earlier documents introduced, by surname (readout.store.memory); dropped at the end
    "piece": False,  # the Doc is one piece of a longer document: the scene is set once over all of them
}
# What the stages write.
RESULTS = {
    "gazetteer": None,  # Gazetteer hits
    "actors": None,  # actor mentions
    "actor_at": None,  # token index -> mention
    "doc_when": None,  # the document's date as a When
    "dates": None,  # dated spans
    "places": None,  # placed spans
    "dateline": None,  # the place a dateline names
    "events": None,  # coded events
    "scene": None,  # on a piece of a longer document: what it shows of the scene (readout.nlp.scene.Seen)
}

for _name, _default in {**INPUTS, **RESULTS}.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def register() -> None:
    """Import every stage so that its factory is registered with spaCy, and the encoders of its results."""
    from readout.nlp import factories, serialize  # noqa: F401


def pipeline(name: str | None = None, knowledge: str | None = None):
    """The whole coder as a spaCy ``Language``: the pipeline ``name`` (default: the ``READOUT_PIPELINE`` setting or
    the installed English one) with readout's stages. ``knowledge``: a folder of tables that add to or override the
    built-in ones."""
    from readout.nlp.build import build_pipeline

    return build_pipeline(name, knowledge)
