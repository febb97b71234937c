"""The Coder on its own: batches, long documents cut into pieces, titles, the pipeline it records."""

from __future__ import annotations

from readout import coder as coder_module
from readout.coder import split_text
from readout.records import Document

PARAGRAPH = ("On March 3, 2023, Secretary of State Antony Blinken met with Foreign Minister Subrahmanyam Jaishankar "
             "of India in New Delhi. Blinken condemned Russia's attacks on Ukraine's energy grid.\n\n")


def test_split_text_cuts_at_paragraphs_and_covers_everything():
    text = PARAGRAPH * 50
    pieces = split_text(text, limit=1000)
    assert all(len(p) <= 1000 for _, p in pieces)
    assert "".join(p for _, p in pieces) == text
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])


def test_long_document_is_coded_in_pieces_with_spans_in_the_whole_text(coder, monkeypatch):
    text = PARAGRAPH * 12
    monkeypatch.setattr(coder_module, "MAX_CHARS", 700)
    assert len(split_text(text)) > 3
    coded = coder.code(Document(text=text, id="long"))
    assert coded.when.start == "2023-03-03"
    visits = [e for e in coded.events if e.cameo == "042"]
    assert len(visits) == 1, "the same meeting in every piece is one event"
    assert [a.country for a in visits[0].target] == ["IND"] and visits[0].where.country == "IND"
    assert len(visits[0].evidence) == 12
    for x in visits[0].evidence:
        assert text[x.trigger[0]:x.trigger[1]] == "met"
    critic = [e for e in coded.events if e.cameo == "111"]
    assert critic and {a.country for a in critic[0].target} == {"RUS"}
    attacks = [e for e in coded.events if e.cameo == "190"]
    assert attacks and attacks[0].source[0].country == "RUS" and attacks[0].target[0].country == "UKR"


def test_long_documents_among_short_ones_keep_their_order_and_results(coder, monkeypatch):
    short = Document(text="President Joe Biden met with President Emmanuel Macron of France in Rome.", id="s",
                     date="2021-10-29")
    alone = coder.code(Document(text=PARAGRAPH * 3, id="alone"))
    monkeypatch.setattr(coder_module, "MAX_CHARS", 700)
    docs = [short, Document(text=PARAGRAPH * 3, id="long"), Document(text=short.text, id="s2", date="2021-10-29")]
    coded = list(coder.code_many(docs))
    assert [c.document.id for c in coded] == ["s", "long", "s2"]
    assert [e.cameo for e in coded[0].events] == [e.cameo for e in coded[2].events] and coded[0].events
    # in pieces or whole, the same facts between the same countries
    facts = {(e.cameo, tuple(e.dyads())) for e in coded[1].events}
    assert facts == {(e.cameo, tuple(e.dyads())) for e in alone.events} and facts


def test_batches_keep_order_and_record_the_pipeline(coder):
    docs = [Document(text=f"President Joe Biden met with President Emmanuel Macron of France in Rome. ({i})",
                     id=str(i), date="2021-10-29") for i in range(7)]
    coded = list(coder.code_many(docs))
    assert [c.document.id for c in coded] == [str(i) for i in range(7)]
    assert all(c.pipeline.startswith("en_core_web_sm") for c in coded)
    assert all(c.events and c.events[0].cameo == "044" for c in coded)


def test_title_is_coded_with_the_publisher_as_its_implied_side(coder):
    doc = Document(text="The two leaders discussed bilateral trade.", title="Telephone conversation with President "
                   "of Finland Sauli Niinisto", source="kremlin.ru", date="2022-01-21", id="k")
    coded = coder.code(doc)
    calls = [e for e in coded.events if e.cameo == "041"]
    assert calls and calls[0].source[0].country == "RUS" and calls[0].target[0].country == "FIN"
    assert calls[0].evidence[0].field == "title"
    span = calls[0].evidence[0].trigger
    assert doc.title[span[0]:span[1]] == "conversation"


def test_spacys_own_processes_code_as_one_process_does(coder):
    from readout.coder import Coder
    from readout.records import Actor

    memory = {"markarova": Actor(text="Oksana Markarova", name="Oksana Markarova", person="Oksana Markarova",
                                 country="UKR", sector="GOV", resolved_by="store:Oksana Markarova@m-1,2022-03-01")}
    docs = [Document(text="Markarova thanked the Secretary for the support of the United States.", id="m",
                     date="2022-03-08"),
            Document(text="Telephone conversation with President of Finland Sauli Niinisto. The two leaders "
                     "discussed trade.", id="k", source="kremlin.ru", date="2022-01-21", title="Call with Finland"),
            *[Document(text=f"President Joe Biden met with President Emmanuel Macron of France in Rome. ({i})",
                       id=str(i), date="2021-10-29") for i in range(5)]]
    coder.learned = memory
    try:
        alone = [c.to_dict() for c in coder.code_many(docs)]
    finally:
        coder.learned = {}
    forked = Coder(n_process=2, batch_size=2)
    forked.learned = memory
    together = [c.to_dict() for c in forked.code_many(docs)]
    assert together == alone
    marka = [a for a in alone[0]["actors"] if a["text"] == "Markarova"]
    assert marka and marka[0]["resolved_by"].startswith("store:Oksana Markarova")  # the memory travelled
    assert [e["cameo"] for e in alone[1]["events"]][:1] == ["041"]
