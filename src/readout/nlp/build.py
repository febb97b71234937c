"""Making the pipeline, and the Doc of a Document with what is known of it set as the stages' inputs."""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from readout.errors import PipelineMissing, ReadoutError
from readout.nlp import factories  # noqa: F401  (registers the stages and the encoders of their results)
from readout.nlp.attributes import speed_up
from readout.records import Document
from readout.settings import pipeline_name

ABBREVIATED_PAIR = r"(?<=[A-Z]\.)[-\u2013\u2014](?=[A-Z])"  # "U.S.-China": a hyphen between an abbreviation and a name
MAX_CHARS = 50_000  # a longer document is coded in pieces of at most this many characters (readout.coder): the
# parser's memory grows with the length of a Doc (about 3 kB a character), so a piece of 50,000 costs about 160 MB


def build_pipeline(name: str | None = None, knowledge: str | None = None) -> Language:
    """Load the spaCy pipeline ``name`` and add readout's stages to it: the text stage first, the gazetteer before
    NER, the rest after it, the scene last. ``name`` may also be a directory a readout pipeline was saved to (with
    ``nlp.to_disk``): it is loaded as it was saved."""
    name = name or pipeline_name()
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as err:
        raise PipelineMissing(name) from err
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    if "readout_events" in nlp.pipe_names:  # a saved readout pipeline: it codes with the tables it was saved with
        if knowledge:
            raise ReadoutError(f"{name} is a saved readout pipeline, which codes with the knowledge tables it was "
                               "saved with: give no knowledge folder (or save it again with one)")
        return nlp
    split_abbreviated_pairs(nlp)
    speed_up(nlp)  # spaCy's attribute ruler and lemmatizer, working over arrays: the same annotation, faster
    cfg = {"knowledge": knowledge}
    nlp.add_pipe("readout_text", first=True, config=cfg)
    nlp.add_pipe("readout_gazetteer", before="ner" if "ner" in nlp.pipe_names else None, config=cfg)
    for stage in ("readout_actors", "readout_when", "readout_where", "readout_events", "readout_linker",
                  "readout_scene"):
        nlp.add_pipe(stage, config=cfg)
    return nlp


def split_abbreviated_pairs(nlp: Language) -> None:
    """Make the tokenizer split a hyphen after an abbreviation's full stop: "U.S.-China talks" names two states, as
    "US-China talks" does (spaCy's own infixes split a hyphen only between letters). A pipeline saved with
    ``nlp.to_disk`` keeps the rule."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    pattern = getattr(getattr(tokenizer.infix_finditer, "__self__", None), "pattern", None)
    if not isinstance(pattern, str) or ABBREVIATED_PAIR in pattern:
        return
    tokenizer.infix_finditer = re.compile(f"{pattern}|{ABBREVIATED_PAIR}").finditer


def joined(document: Document, text: str | None = None, title: bool = True) -> tuple[str, int]:
    """The text the pipeline reads for ``document`` (or for ``text``, a piece of it): its title in front, as a
    sentence of its own, where the text does not begin with it (``title``). Returns the text and how many characters
    of title (and joiner) stand in front."""
    text = document.text if text is None else text
    head = (document.title or "").replace("\n", " ").replace("\r", " ")  # offsets stay those of the title
    if not (title and head.strip() and not document.text.lstrip().startswith(head.strip())):
        return text, 0
    joiner = "\n\n" if "\n\n" in document.text else "\n"
    if head.rstrip()[-1] not in ".!?:":
        joiner = "." + joiner  # the title is a sentence of its own
    return head + joiner + text, len(head) + len(joiner)


def doc_for(nlp: Language, document: Document | str, text: str | None = None, title: bool = True,
            piece: bool = False) -> Doc:
    """The Doc the pipeline codes for ``document``: its text (or ``text``, a piece of it) with its title in front
    (``title``: where the text does not begin with it; spans after it still index the text, see
    ``readout.coder``), and the document's date, source and location set as inputs. ``piece``: the Doc is one
    piece of a longer document."""
    if isinstance(document, str):
        document = Document(text=document)
    text, title_chars = joined(document, text, title)
    doc = nlp.make_doc(text)
    doc._.title_chars = title_chars
    doc._.doc_date = document.date
    doc._.publisher = document.source or document.url or None
    location = (document.meta or {}).get("location")
    doc._.location = location if isinstance(location, str) else None
    doc._.piece = piece
    return doc
