"""A long document's actor mentions, packed (readout.packed): every mention reads back as the Actor it was, in order,
and a long text coded in pieces keeps its mentions packed."""

from __future__ import annotations

import pytest

from readout.packed import PackedActors
from readout.records import Actor

ACTORS = [
    Actor(text="Foreign Minister Wang Yi", name="Wang Yi", country="CHN", sector="GOV", role="Foreign Minister",
          titles=("Foreign Minister",), person="Wang Yi", span=(10, 34), resolved_by="kb:wang-yi"),
    Actor(text="Tajikistan", name="Tajikistan", country="TJK", span=(50, 60), resolved_by="kb:country:TJK"),
    Actor(text="Foreign Minister Wang Yi", name="Wang Yi", country="CHN", sector="GOV", role="Foreign Minister",
          titles=("Foreign Minister",), person="Wang Yi", span=(900, 924), resolved_by="kb:wang-yi"),
    Actor(text="Talks", span=None, field="title"),
]


def test_every_mention_reads_back_as_it_was_in_order():
    packed = PackedActors(ACTORS)
    assert len(packed) == 4 and list(packed) == ACTORS and packed == ACTORS
    assert packed[-1] == ACTORS[-1] and packed[1:3] == ACTORS[1:3]
    assert repr(packed) == "PackedActors(4 mentions of 3 actors)"  # the two Wang Yi mentions share one entry
    with pytest.raises(IndexError):
        packed[4]
    packed.append(ACTORS[1])
    assert packed[4] == ACTORS[1] and packed != ACTORS


def test_a_long_text_keeps_its_mentions_packed_and_writes_them_all(coder):
    from readout.coder import MAX_CHARS
    from readout.records import CodedDocument, Document

    sentence = "Foreign Minister Wang Yi met Tajik Foreign Minister Sirojiddin Muhriddin in Almaty on Friday.\n\n"
    text = sentence * (MAX_CHARS // len(sentence) * 2 + 3)
    coded = coder.code(Document(text=text, id="long", date="2025-04-25"))
    assert isinstance(coded.actors, PackedActors)
    per_sentence = len(coder.code(Document(text=sentence, date="2025-04-25")).actors)
    assert len(coded.actors) == per_sentence * text.count("Almaty")  # pieces cut at paragraph ends lose none
    last = coded.actors[-1]
    assert last.span is not None and text[last.span[0]:last.span[1]] == last.text  # spans index the whole text
    again = CodedDocument.from_json("".join(coded.json_pieces()))
    assert again.actors == coded.actors
