"""The Coder: Documents in, CodedDocuments out, in batches, with one spaCy pipeline per process. It does no I/O."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from readout import __version__
from readout.errors import PipelineMissing
from readout.knowledge import load
from readout.nlp import register
from readout.nlp.casing import Recaser
from readout.nlp.gatherings import gatherings
from readout.nlp.merging import merge_events
from readout.nlp.placing import OPENING, RECENT_DAYS, days_before, opening_place, set_the_scene
from readout.nlp.transfer import pack_inputs, unpack_results
from readout.nlp.where import geocoder
from readout.records import Actor, CodedDocument, Document, Place, When
from readout.settings import pipeline_name

MAX_CHARS = 200_000  # a longer document is coded in pieces of at most this many characters


def build_pipeline(name: str | None = None, knowledge: str | None = None) -> Language:
    """Load the spaCy pipeline ``name`` and add readout's stages to it (the gazetteer before NER)."""
    register()
    name = name or pipeline_name()
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as err:
        raise PipelineMissing(name) from err
    nlp.max_length = MAX_CHARS + 1
    cfg = {"knowledge": knowledge}
    before = "ner" if "ner" in nlp.pipe_names else None
    nlp.add_pipe("readout_gazetteer", before=before, config=cfg)
    nlp.add_pipe("readout_actors", config=cfg)
    nlp.add_pipe("readout_when")
    nlp.add_pipe("readout_where", config=cfg)
    nlp.add_pipe("readout_events", config=cfg)
    return nlp


class Coder:
    """Codes Documents into CodedDocuments.

    Args:
        pipeline: name of the spaCy pipeline (default: the ``READOUT_PIPELINE`` setting or the installed English one).
        knowledge: a folder of knowledge tables to use instead of the package's own.
        batch_size: documents per ``nlp.pipe`` batch.
        n_process: processes spaCy's own ``nlp.pipe`` codes in (each a fork of this one; results travel pickled,
            ``readout.nlp.transfer``). Dask workers (``readout.cluster``) scale further, across machines too.
    """

    def __init__(self, pipeline: str | None = None, knowledge: str | None = None, batch_size: int = 32,
                 n_process: int = 1):
        self.nlp = build_pipeline(pipeline, knowledge)
        self.n_process = max(1, n_process)
        if self.n_process > 1:
            self.nlp.add_pipe("readout_unpack", first=True)
            self.nlp.add_pipe("readout_pack", last=True)
        self.knowledge = knowledge
        meta = self.nlp.meta
        self.pipeline = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
        self.batch_size = batch_size
        # people earlier documents introduced, by surname (lower case): filled by the store as it ingests
        self.learned: Any = {}
        self.kb = load(knowledge)
        gathered = gatherings(knowledge)
        self.at_gathering = partial(gathered.at, geocode=geocoder(knowledge).lookup)
        self.gathering_on = partial(gathered.on, geocode=geocoder(knowledge).lookup)
        self.recase = Recaser(self.kb)

    def code(self, document: Document | str, date: str | None = None) -> CodedDocument:
        """Code one document (or a text)."""
        if isinstance(document, str):
            document = Document(text=document, date=date)
        elif date and not document.date:
            document.date = date
        return next(iter(self.code_many([document])))

    def code_many(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        """Code documents in batches, in order. The title is coded too (its evidence says ``field="title"``); a very
        long text is coded in pieces, cut at paragraph ends."""

        def pieces() -> Iterator[tuple[Doc, tuple[Document, int, int, int, int]]]:
            for d in documents:
                chunks: list[tuple[int, str]] = split_text(d.text)
                title = (d.title or "").replace("\n", " ").replace("\r", " ")  # offsets stay those of d.title
                head = 0  # characters of title (and joiner) in front of the first piece
                if title.strip() and not d.text.lstrip().startswith(title.strip()):
                    joiner = ("\n\n" if "\n\n" in d.text else "\n")
                    if title.rstrip()[-1] not in ".!?:":
                        joiner = "." + joiner  # the title is a sentence of its own
                    offset0, first = chunks[0]
                    chunks[0] = (offset0, title + joiner + first)
                    head = len(title) + len(joiner)
                for k, (offset, text) in enumerate(chunks):
                    lead = head if k == 0 else 0
                    yield self.make_doc(text, d, lead), (d, offset, k, len(chunks), lead)

        geo = None
        dateline = opening = None
        dated = False
        parts: list[CodedDocument] = []
        for doc, (document, offset, k, n, head) in self.nlp.pipe(pieces(), as_tuples=True, batch_size=self.batch_size,
                                                                 n_process=self.n_process):
            if self.n_process > 1:
                unpack_results(doc)
            part = self.result(doc, document)
            if head:
                _split_title(part, head)
            elif offset:
                _shift(part, offset)
            parts.append(part)
            dateline = dateline or doc._.dateline
            dated = dated or _dates_its_day(doc)
            if k == 0:
                opening = opening_place(doc, self.kb.cue("gathering")) or \
                    (self.gathering_on(doc.text[:OPENING], document.date) if document.date else None)
            if k == n - 1:
                whole = _combine(parts)
                location = (document.meta or {}).get("location")
                fallback = None
                if isinstance(location, str) and location.strip() and location.strip().upper() != "NA":
                    geo = geo or geocoder(self.knowledge)
                    fallback = geo.lookup(location.split(",")[0].strip())
                whole.events = set_the_scene(whole.events, whole.when, fallback or dateline, self.home(document),
                                             self.at_gathering, opening, dated)
                yield whole
                parts, dateline, opening, dated = [], None, None, False

    def home(self, document: Document) -> Place | None:
        """The country of the government that publishes the document, if it is a known one."""
        found = self.kb.publisher(document.source or document.url or "") if (document.source or document.url) else None
        country = self.kb.countries.get(found["country"]) if found else None
        return Place(name=country.name, country=country.iso3) if country else None

    def make_doc(self, text: str, document: Document, title_chars: int = 0) -> Doc:
        unwrapped = unwrap(text)
        recased = self.recase(unwrapped)
        doc = self.nlp.make_doc(recased)
        if recased != unwrapped:
            doc.user_data["readout_original"] = unwrapped
        doc._.title_chars = title_chars
        noting = getattr(self.learned, "for_document", None)  # readout.store.memory.Noting
        doc._.learned = noting(document) if noting else self.learned
        if self.n_process > 1:  # what this text could look up, to travel to the process that codes it
            lowered = recased.lower()
            memory = getattr(self.learned, "memory", self.learned) or {}
            doc._.learned = {k: v for k, v in memory.items() if k in lowered}
            pack_inputs(doc)
        doc._.doc_date = document.date
        doc._.publisher = document.source or document.url or None
        return doc

    def result(self, doc: Doc, document: Document) -> CodedDocument:
        actors: list[Actor] = [m.actor for m in doc._.actors or []]
        return CodedDocument(document=document, events=doc._.events or [], actors=actors, when=doc._.doc_when,
                             pipeline=self.pipeline, readout_version=__version__)


ODD_SPACES = re.compile("[\u00a0\u2007\u2009\u202f\u200a\u200b\u200e\u200f\ufeff\t]")
WRAPPED = re.compile(r"(?<=[^\n]{40})\n(?=[^\n\s])")


def unwrap(text: str) -> str:
    """The text as the parser should see it, every character where it was (spans index the original): no-break
    and thin spaces, zero-width spaces and direction marks as plain spaces, and, in a hard-wrapped text (most
    lines 50 to 100 characters long), the line breaks inside a paragraph as spaces, so that "President\nBiden" is
    one name."""
    text = ODD_SPACES.sub(" ", text)
    lines = [len(line) for line in text.split("\n") if line.strip()]
    if len(lines) >= 4 and sum(50 <= n <= 100 for n in lines) >= 0.6 * len(lines):
        text = WRAPPED.sub(" ", text)
    return text


def _dates_its_day(doc: Doc) -> bool:
    """The text dates something on its day or in the week before: its own date in its words, "today", "on Monday",
    "on March 3"."""
    if doc._.doc_when is not None and doc._.doc_when.text:
        return True
    if doc._.doc_when is None:
        return False
    return any(w.precision == "day" and -1 <= days_before(w, doc._.doc_when) <= RECENT_DAYS
               for _, _, w in doc._.dates or [])


def _combine(parts: list[CodedDocument]) -> CodedDocument:
    """One CodedDocument from the pieces of a long document: events merged across pieces."""
    if len(parts) == 1:
        return parts[0]
    whole = parts[0]
    whole.when = next((p.when for p in parts if p.when and p.when.text), None) or whole.when
    events = [e for p in parts for e in p.events]
    if whole.when is not None:
        for e in events:
            if e.when is None and e.modality in ("asserted", "intended"):
                e.when = When(whole.when.start, whole.when.end, whole.when.precision, whole.when.text, whole.when.span)
    whole.events = merge_events(events)
    whole.actors = [a for p in parts for a in p.actors]
    return whole


def split_text(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """Cut a text into pieces of at most ``limit`` (default ``MAX_CHARS``) characters, at paragraph (else line, else
    space) ends. Returns (offset, piece) pairs."""
    limit = limit or MAX_CHARS
    if len(text) <= limit:
        return [(0, text)]
    out = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, start + limit // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        out.append((start, text[start:end]))
        start = end
    return out


def _split_title(coded: CodedDocument, head: int) -> None:
    """The first piece was coded with the title in front: spans inside the title stay title offsets (evidence says
    ``field="title"``), spans after it move back to the text's offsets."""
    for e in coded.events:
        for x in e.evidence:
            if x.trigger[0] < head:
                x.field = "title"
                x.sentence = (x.sentence[0], min(x.sentence[1], len(coded.document.title)))
    for a in {id(a): a for a in _all_actors(coded)}.values():
        if a.span is not None and a.span[0] < head:
            a.field = "title"
    _remap(coded, lambda span: (span[0] - head, span[1] - head) if span[0] >= head else span)


def _all_actors(coded: CodedDocument) -> list[Actor]:
    out = list(coded.actors)
    for e in coded.events:
        out += [*e.source, *e.target, *([e.attributed_to] if e.attributed_to else [])]
    return out


def _shift(coded: CodedDocument, offset: int) -> None:
    """Move character spans of a piece's results to the whole document's offsets."""
    _remap(coded, lambda span: (span[0] + offset, span[1] + offset))


def _remap(coded: CodedDocument, change: Callable[[tuple[int, int]], tuple[int, int]]) -> None:
    """Apply ``change`` to every character span in ``coded``, once per object (events share actors, dates and
    evidence)."""
    seen: set[int] = set()

    def fix(obj, *attrs: str) -> None:
        if obj is None or id(obj) in seen:
            return
        seen.add(id(obj))
        for attr in attrs:
            span = getattr(obj, attr)
            if span is not None:
                setattr(obj, attr, change(span))

    for a in coded.actors:
        fix(a, "span")
    fix(coded.when, "span")
    for e in coded.events:
        for x in e.evidence:
            fix(x, "sentence", "trigger")
        for a in (*e.source, *e.target, e.attributed_to):
            fix(a, "span")
        fix(e.when, "span")
        fix(e.where, "span")
