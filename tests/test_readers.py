"""Input readers: HTML pages, RSS/Atom feeds, CSV/TSV tables, field mappings, gzip, folders and sniffing stdin.

Fast: no spaCy pipeline is loaded. Fixtures under tests/fixtures/readers are made-up readouts.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import sys

import pytest

from readout.errors import InputError, InputWarning
from readout.formats.readers import _read_stream, read, sniff
from readout.records import Document
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "readers"
PAGE = FIXTURES / "readout-page.html"
PARAGRAPHS = [
    "On 12 March 2024, the Foreign Minister held talks in the capital with the Foreign Minister of Norway, who is on "
    "an official visit.",
    "The Foreign Minister thanked his Norwegian counterpart for the support extended to the joint maritime research "
    "programme",
    "They agreed to coordinate their positions ahead of the next session of the General Assembly in New York.",
]


def split(items):
    """(documents, errors, warnings) of what a reader yielded."""
    items = list(items)
    docs = [i for i in items if isinstance(i, Document)]
    warnings = [i for i in items if isinstance(i, InputWarning)]
    errors = [i for i in items if isinstance(i, InputError) and not isinstance(i, InputWarning)]
    return docs, errors, warnings


def short_page(body: str, head: str = "<title>Readout</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# HTML


def test_html_page_main_text_without_boilerplate():
    docs, errors, _ = split(read(str(PAGE)))
    assert errors == [] and len(docs) == 1
    doc = docs[0]
    assert doc.id == "readout-page"
    assert doc.title == "Foreign Minister Holds Talks with Counterpart from Norway"
    assert doc.date == "2024-03-12"
    assert doc.url == "https://mfa.example.org/press/2024/03/talks-norway.html"
    assert doc.source == "Ministry of Foreign Affairs"
    paragraphs = doc.text.split("\n\n")
    for start in PARAGRAPHS:  # all three article paragraphs, whole, each its own paragraph
        assert any(p.startswith(start) or start in p for p in paragraphs), start
    assert paragraphs[-1].endswith("ahead of the next session of the General Assembly in New York.")
    assert sum(len(p.split()) > 40 for p in paragraphs) == 3
    for boilerplate in ("cookies", "Consular Services", "Contact Us", "Related readouts", "Chilean ambassador",
                        "Share this page", "Twitter", "Copyright", "Privacy policy", "Sitemap"):
        assert boilerplate not in doc.text, boilerplate


def test_short_readout_page_is_kept_whole_and_takes_the_date_argument():
    body = ("<nav><a href='/'>Home</a> | <a href='/press'>Press Room</a></nav>"
            "<div class='cookie-notice'>This site uses cookies.</div>"
            "<p>The Foreign Minister spoke by telephone with the Foreign Minister of Kenya on Tuesday.</p>"
            "<footer>Copyright 2024 Ministry</footer>")
    docs, errors, _ = split(_read_stream("call.html", io.BytesIO(short_page(body).encode()), "2024-06-04", "utf-8"))
    assert errors == []
    assert docs[0].text == "The Foreign Minister spoke by telephone with the Foreign Minister of Kenya on Tuesday."
    assert docs[0].date == "2024-06-04" and docs[0].url == "" and docs[0].title == "Readout"
    assert docs[0].id == "call" and docs[0].source == "call.html"


def test_html_page_with_only_boilerplate_is_one_error(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text(short_page("<header><div>Ministry of Foreign Affairs</div><nav><ul><li><a href='/'>Home</a></li>"
                               "<li><a href='/press'>Press</a></li></ul></nav></header>"
                               "<footer><p>Copyright 2024. All rights reserved.</p></footer>"))
    items = list(read(str(path)))
    assert [str(i) for i in items] == [f"{path}: no main text found in the HTML page"]


def test_html_declared_charset_is_used_when_the_bytes_are_not_utf8(tmp_path):
    page = short_page("<p>Le ministre a rencontré son homologue à Genève pour préparer le sommet.</p>",
                      head="<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
                           "<title>Rencontre à Genève</title>")
    path = tmp_path / "geneve.htm"
    path.write_bytes(page.encode("cp1252"))
    docs, errors, _ = split(read(str(path)))
    assert errors == []
    assert docs[0].text == "Le ministre a rencontré son homologue à Genève pour préparer le sommet."
    assert docs[0].title == "Rencontre à Genève"
    # the encoding argument is honoured as given (latin-1 reads these bytes the same)
    assert split(read(str(path), encoding="latin-1"))[0][0].text == docs[0].text
    # without a declared charset, the usual error
    bare = tmp_path / "bare.html"
    data = short_page("<p>Le ministre a rencontré son homologue.</p>").encode("cp1252")
    bare.write_bytes(data)
    assert [str(e) for e in read(str(bare))] == [f"{bare}: not utf-8 text: byte 0xe9 at offset {data.index(0xE9)}; "
                                                 "convert the file to UTF-8 or pass --encoding"]


def test_html_gz_and_stdin(monkeypatch, tmp_path):
    path = tmp_path / "talks.html.gz"
    path.write_bytes(gzip.compress(PAGE.read_bytes()))
    docs, errors, _ = split(read(str(path)))
    assert errors == [] and docs[0].id == "talks" and docs[0].date == "2024-03-12"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.read_bytes())))
    docs, errors, _ = split(read("-"))
    assert errors == [] and docs[0].id == "stdin" and docs[0].title.startswith("Foreign Minister Holds Talks")


# feeds


def test_rss2_entry_without_text_is_an_error_and_the_others_are_read():
    path = FIXTURES / "press-releases.rss"
    docs, errors, warnings = split(read(str(path)))
    assert [str(e) for e in errors] == [f"{path}:entry 2: no text: the entry has no content, summary or description"]
    assert warnings == []
    assert [d.id for d in docs] == ["mfa-2024-0211", "https://mfa.example.org/press/2024/02/call-kenya.html"]
    first = docs[0]
    assert first.title == "Foreign Minister receives the Ambassador of Chile"
    assert first.url == "https://mfa.example.org/press/2024/02/ambassador-chile.html"
    assert first.date == "2024-02-20" and docs[1].date == "2024-02-22"
    assert first.source == "Ministry of Foreign Affairs: Press Releases"
    assert first.text == ("The Foreign Minister received the Ambassador of Chile, who presented a copy of his "
                          "credentials.\n\nThe two discussed the fisheries agreement signed last year.")


def test_atom_content_markup_is_stripped():
    docs, errors, _ = split(read(str(FIXTURES / "statements.atom")))
    assert errors == [] and len(docs) == 2
    geneva, elections = docs
    assert geneva.text == ("The foreign ministers of Finland and Ghana met in Geneva on 16 May.\n\n"
                           "They agreed to open a joint consulate in Accra.\nTalks will continue in June.\n\n"
                           "Trade\n\nClimate")  # content, not summary; no script, no tags
    assert geneva.date == "2024-05-16"  # published, not updated
    assert geneva.id == "tag:spokesperson.example.net,2024:statement-0517"
    assert geneva.url == "https://spokesperson.example.net/statements/geneva-ministerial"
    assert elections.date == "2024-05-18"  # only updated
    assert elections.text == ("The spokesperson welcomed the peaceful conduct of the elections.\n\n"
                              "Observers from the regional organisation reported no serious irregularities.")
    assert {d.source for d in docs} == {"Office of the Spokesperson"}


def test_rss1_in_its_declared_encoding_and_a_date_argument_for_undated_entries():
    path = FIXTURES / "bulletin.rdf.xml"
    docs, errors, _ = split(read(str(path), date="2020-01-01"))
    assert errors == [] and len(docs) == 1
    assert docs[0].text.endswith("was led by Mr. José Núñez.")
    assert docs[0].date == "2023-11-08" and docs[0].id == "https://bulletin.example.com/2023/11/08/talks"
    undated = b"<rss version='2.0'><channel><link>https://news.example.com/feed</link><item>" \
              b"<description>Talks resumed.</description></item></channel></rss>"
    doc = list(_read_stream("u.rss", io.BytesIO(undated), "2020-01-01", "utf-8", "feed"))[0]
    assert (doc.date, doc.source, doc.id) == ("2020-01-01", "news.example.com", "u:1")


def test_a_file_that_is_not_a_feed_is_one_error(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_bytes(b"<?xml version='1.0'?>\n<rss>\n<channel>\x01</channel></rss>")
    assert [str(e) for e in read(str(path))] == [
        f"{path}: not a feed: not well-formed (invalid token) at line 3, column 9"]
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text("<?xml version='1.0'?><urlset><url><loc>https://example.org/</loc></url></urlset>")
    assert [str(e) for e in read(str(sitemap))] == [
        f"{sitemap}: no entries: not an RSS or Atom feed, or an empty one"]


# CSV and TSV


def test_csv_rows_with_line_numbers_of_multiline_records():
    path = FIXTURES / "readouts.csv"
    docs, errors, warnings = split(read(str(path)))
    assert [str(e) for e in errors] == [
        f"{path}:6: 6 cells but the header has 5 columns; is a quote missing or a delimiter in an unquoted cell?",
        f"{path}:7: no \"text\" field, or it is empty",
    ]
    assert [str(w) for w in warnings] == [
        f"{path}:8: unreadable date 'sometime in spring' (expected a calendar day, YYYY-MM-DD); coded without it "
        "(kept as meta.unread_date)"]
    assert [d.id for d in docs] == ["r1", "r2", "r5"]
    assert docs[1].text == ("The President arrived in Jakarta for a state visit.\n\nHe will meet the President of "
                            "Indonesia on Thursday, and the two leaders will sign a maritime agreement.")
    assert [d.date for d in docs] == ["2024-04-02", "2024-04-03", None]
    assert docs[0].title == "Call with Japan" and docs[0].meta == {"outlet": "Cabinet Office"}


def test_csv_field_mapping_gz_and_default_ids(tmp_path):
    path = tmp_path / "readouts.csv.gz"
    path.write_bytes(gzip.compress((FIXTURES / "readouts.csv").read_bytes()))
    docs, errors, _ = split(read(str(path), fields={"source": "outlet", "id": "title"}, date="2024-01-31"))
    assert len(errors) == 2 and errors[0].where == f"{path}:6"
    assert [d.id for d in docs] == ["Call with Japan", "Visit to Indonesia", "Talks in Cairo"]
    assert docs[0].source == "Cabinet Office" and docs[0].meta == {"id": "r1"}  # the shadowed column is kept
    assert docs[2].date is None  # an unreadable date is not replaced by the date argument
    table = tmp_path / "t.csv"
    table.write_bytes(b"\xef\xbb\xbfbody,when\r\n"  # a byte order mark, CRLF line ends
                      b"\"Talks in Rome.\r\nThey went well.\",\r\nTalks in Oslo.,2023-02-01\r\n")
    docs, errors, _ = split(read(str(table), fields={"text": "body", "date": "when"}, date="2023-01-01"))
    assert errors == []
    assert [(d.id, d.date, d.text) for d in docs] == [
        ("t.csv:2", "2023-01-01", "Talks in Rome.\r\nThey went well."), ("t.csv:4", "2023-02-01", "Talks in Oslo.")]


def test_tsv_with_mapping():
    fields = {"text": "body", "title": "headline", "date": "published_at"}
    docs, errors, _ = split(read(str(FIXTURES / "statements.tsv"), fields=fields))
    assert errors == []
    assert [(d.title, d.date, d.meta) for d in docs] == [
        ("Ministers meet in Brasilia", "2022-06-14", {"desk": "Americas"}),
        ("Sanctions condemned", "2022-06-15", {"desk": "Europe"})]
    assert docs[1].text == "Russia condemned the new sanctions announced by the European Union."
    assert docs[0].id == "statements.tsv:2"
    # without the mapping there is no text column: one error for the file
    items = list(read(str(FIXTURES / "statements.tsv")))
    assert len(items) == 1 and items[0].where == f"{FIXTURES / 'statements.tsv'}:1"
    assert "no 'text' column" in items[0].what and "headline, body, published_at, desk" in items[0].what


def test_csv_bad_bytes_big_cells_and_empty_tables(tmp_path):
    path = tmp_path / "mixed.csv"
    big = "The ministers met. " * 60_000  # over 1 MB, far above the csv module's default 128 KB limit
    path.write_bytes(b"text,title\n" + "Le ministre a rencontr\xe9.,a\n".encode("latin-1")
                     + f'"{big}",b\n'.encode() + b"Talks ended.,c\n")
    docs, errors, _ = split(read(str(path)))
    assert [str(e) for e in errors] == [
        f"{path}:2: not utf-8 text: byte 0xe9 in this row; convert the file to UTF-8 or pass --encoding"]
    assert [d.title for d in docs] == ["b", "c"] and len(docs[0].text) == len(big)
    assert split(read(str(path), encoding="latin-1"))[0][0].text == "Le ministre a rencontré."
    empty, header_only = tmp_path / "empty.csv", tmp_path / "header.csv"
    empty.write_text("")
    header_only.write_text("text,date\n")
    assert [str(e) for e in read(str(empty))] == [f"{empty}: empty file: no header row"]
    assert [str(e) for e in read(str(header_only))] == [f"{header_only}: no rows after the header"]


# JSONL field mapping


def test_jsonl_field_mapping(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [{"uuid": "a1", "body": "Japan and India held a strategic dialogue.", "published_at": "2023-09-08",
                "headline": "Dialogue", "link": "https://example.org/a1", "outlet": "Wire", "text": "teaser"},
               {"uuid": "a2", "text": "A teaser only."}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    fields = {"text": "body", "date": "published_at", "id": "uuid", "title": "headline", "url": "link",
              "source": "outlet"}
    docs, errors, _ = split(read(str(path), fields=fields))
    assert [str(e) for e in errors] == [f"{path}:2: no \"body\" field (mapped to \"text\"), or it is empty"]
    doc = docs[0]
    assert (doc.id, doc.text, doc.date, doc.title, doc.url, doc.source) == (
        "a1", "Japan and India held a strategic dialogue.", "2023-09-08", "Dialogue", "https://example.org/a1", "Wire")
    assert doc.meta == {"text": "teaser"}


def test_unknown_field_names_fail_at_once():
    with pytest.raises(ValueError, match="'body' is not a document field; the fields are text, id, title"):
        read("does-not-matter.csv", fields={"body": "text"})  # raised before any iteration
    with pytest.raises(ValueError, match="'text' must map to a key or column name"):
        read("x.jsonl", fields={"text": ""})


# dispatch


def test_folder_reads_every_kind_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("The two ministers met in Vienna.")
    shutil.copy(FIXTURES / "statements.atom", tmp_path / "b" / "c.atom")
    shutil.copy(PAGE, tmp_path / "b" / "d.htm")
    (tmp_path / "e.jsonl").write_text(json.dumps({"id": "e1", "text": "Peru recalled its ambassador."}) + "\n")
    (tmp_path / "f.tsv.gz").write_bytes(gzip.compress(b"text\tid\nChile protested.\tf1\n"))
    (tmp_path / "g.md").write_text("Kenya hosted the summit.")
    (tmp_path / "h.csv").write_text("id,text\nh1,Talks in Lima.\n")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")  # unknown suffix: not read in a folder
    (tmp_path / "z.xml").write_bytes((FIXTURES / "press-releases.rss").read_bytes())
    docs, errors, _ = split(read(str(tmp_path)))
    assert [d.id for d in docs] == [
        "a", "tag:spokesperson.example.net,2024:statement-0517", "tag:spokesperson.example.net,2024:statement-0518",
        "d", "e1", "f1", "g", "h1", "mfa-2024-0211", "https://mfa.example.org/press/2024/02/call-kenya.html"]
    assert [e.where for e in errors] == [f"{tmp_path / 'z.xml'}:entry 2"]


@pytest.mark.parametrize(("head", "kind"), [
    (b'\xef\xbb\xbf  {"text": "x"}', "jsonl"),
    (b"<?xml version='1.0'?>\n<rss version='2.0'><channel>", "feed"),
    (b"<?xml version='1.0'?><!-- a feed --><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
    (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>", "feed"),
    (b"\n<!DOCTYPE html>\n<html lang='en'><head>", "html"),
    (b"<HTML><BODY>The minister met <rss> readers</BODY>", "html"),  # the first telling tag decides
    (b"<feedback>not a feed</feedback>", "text"),
    (b"The minister said that <html> pages are read as text.", "text"),
    (b"President Biden met President Macron.", "text"),
])
def test_sniff(head, kind):
    assert sniff(head) == kind


def test_stdin_and_unknown_suffixes_are_sniffed(monkeypatch, tmp_path):
    rss = (FIXTURES / "press-releases.rss").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(rss)))
    docs, errors, _ = split(read("-"))
    assert len(docs) == 2 and errors[0].where == "<stdin>:entry 2"
    line = json.dumps({"text": "Talks resumed.", "date": "2024-02-02"}).encode()
    docs = list(_read_stream("<stdin>", io.BytesIO(line + b"\n"), None, "utf-8"))
    assert [(d.id, d.date) for d in docs] == [("<stdin>:1", "2024-02-02")]
    odd = tmp_path / "readout.page"
    odd.write_bytes(PAGE.read_bytes())
    assert [d.title for d in read(str(odd))] == ["Foreign Minister Holds Talks with Counterpart from Norway"]
    plain = tmp_path / "notes.dat"
    plain.write_text("<b>not markup</b> The ministers met.")
    assert [d.text for d in read(str(plain))] == ["<b>not markup</b> The ministers met."]
