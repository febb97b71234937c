import json

from readout.records import Actor, CodedDocument, Document, Event, Evidence, Place, When, expand_dyads


def sample() -> CodedDocument:
    wang = Actor(text="Foreign Minister Wang Yi", name="Wang Yi", country="CHN", sector="GOV", role="Foreign Minister",
                 titles=["Foreign Minister"], person="Wang Yi", span=(10, 34), resolved_by="kb:wang-yi")
    tjk = Actor(text="Tajikistan", name="Tajikistan", country="TJK", span=(50, 60), resolved_by="kb:country:TJK")
    event = Event(
        source=[wang], target=[tjk], cameo="044", plover_type="CONSULT", plover_mode="third-party",
        contexts=["diplomatic", "trade"], when=When("2025-04-25", "2025-04-25", "day", "April 25, 2025", (3, 17)),
        where=Place(name="Almaty", country="KAZ", lat=43.25, lon=76.91, geonames_id=1526384, text="Almaty",
                    span=(70, 76)),
        modality="asserted", mutual=True, attributed_to=wang,
        evidence=[Evidence(sentence=(0, 80), trigger=(35, 38), rule="meet.verb", text="... met ...")],
        values={"areas": ["trade"], "partnership": "strategic partnership"},
    )
    doc = Document(text="x" * 80, id="d1", title="t", url="u", source="s", date="2025-04-25", meta={"kind": "r"})
    return CodedDocument(document=doc, events=[event], actors=[wang, tjk], when=event.when,
                         pipeline="en_core_web_sm-3.8.0", readout_version="0.1.0")


def test_coded_document_round_trips_through_json():
    original = sample()
    text = original.to_json()
    again = CodedDocument.from_json(text)
    assert again == original
    assert json.loads(again.to_json()) == json.loads(text)


def test_the_record_written_in_pieces_is_the_record_written_whole():
    from dataclasses import replace

    original = sample()
    empty = replace(original, events=[], actors=[], when=None)
    for coded in (original, empty):
        assert "".join(coded.json_pieces()) == coded.to_json()
    assert len(list(original.json_pieces())) == 4 + len(original.events) + len(original.actors)


def test_derived_fields_come_from_the_code():
    d = sample().to_dict()["events"][0]
    assert d["root"] == "04"
    assert d["quad_class"] == 1
    assert d["goldstein"] == 2.5  # CAMEO 044 on the Goldstein scale
    assert d["source"][0]["code"] == "CHNGOV"


def test_document_keeps_unknown_fields_in_meta():
    doc = Document.from_dict({"text": "t", "id": "k", "kind": "readout", "location": "Moscow"})
    assert doc.meta == {"kind": "readout", "location": "Moscow"}


def test_dyads_expand_compound_and_mutual_actors():
    assert expand_dyads(["CHN", "TJK"], ["CHN", "TJK"]) == [("CHN", "TJK"), ("TJK", "CHN")]
    assert expand_dyads(["CHN"], ["TJK"], mutual=True) == [("CHN", "TJK"), ("TJK", "CHN")]
    assert expand_dyads(["CHN", "TJK"], ["SCO"]) == [("CHN", "SCO"), ("TJK", "SCO")]
    assert expand_dyads(["CHN"], [None]) == [("CHN", "---")]
