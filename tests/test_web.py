"""The explorer in a real browser: Playwright drives Debian's chromium against ``readout serve``'s app, run by
uvicorn on 127.0.0.1 over a SQLite file ingested by the real coder. Search, a document with its highlights and an
event's evidence, the dyad chart and the network drawn with data, a pasted text coded, and a hostile document that
executes nothing."""

from __future__ import annotations

import pytest

from readout.store.ingest import ingest
from tests.test_store import REPORTS, write_jsonl

HOSTILE = {"id": "hostile-1", "date": "2025-06-12", "source": "wire.example.com",
           "title": "<script>window.__pwned = 'title'</script>",
           "text": "<img src=x onerror=\"window.__pwned = 'img'\"> Foreign Minister Wang Yi met Kazakh Foreign "
                   "Minister Murat Nurtleu in Astana. <svg onload=\"window.__pwned = 'svg'\"></svg>"}


# more countries, China at the hub, so that the network has a layout to test
HUB = [{"id": f"hub-{k}", "date": f"2025-04-{10 + k}", "source": "wire.example.com", "title": f"Talks {k}",
        "text": f"On April {10 + k}, 2025, Chinese Foreign Minister Wang Yi met with {who} in Beijing."}
       for k, who in enumerate(["Russian Foreign Minister Sergey Lavrov", "French Foreign Minister Jean-Noel Barrot",
                                "Brazilian Foreign Minister Mauro Vieira", "German Foreign Minister Annalena Baerbock",
                                "South African Foreign Minister Ronald Lamola"])]


@pytest.fixture(scope="module")
def server(tmp_path_factory, coder):
    from readout.web import create_app
    from readout.web.background import serve_in_background

    folder = tmp_path_factory.mktemp("web")
    db = str(folder / "corpus.db")
    ingest([write_jsonl(folder / "reports.jsonl", [*REPORTS, *HUB, HOSTILE])], db, coder=coder)
    base, srv = serve_in_background(create_app(db, coder=coder))
    assert srv.started
    yield base
    srv.should_exit = True


@pytest.fixture(scope="module")
def page(server, chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        pg = browser.new_page()
        pg.errors = []
        pg.dialogs = []
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        yield pg
        browser.close()


def settled_rows(page, selector: str, tries: int = 100) -> int:
    """How many rows the selector finds once the count holds for two polls in a row (a list is replaced by a new
    one after a search: rows of the old one, then none, then the new). The page's policy forbids evaluated strings,
    so the polling is done from here."""
    last = -1
    for _ in range(tries):
        n = page.locator(selector).count()
        if n and n == last:
            return n
        last = n
        page.wait_for_timeout(100)
    return last


def test_search_lists_events_and_opens_a_document_with_highlights(page, server):
    page.goto(server + "/#/events")
    page.fill("input[name=country]", "KAZ")
    page.click("form#filters button[type=submit]")
    assert settled_rows(page, "table#events tbody tr") >= 2  # the filtered list, once it replaced the first one
    assert "KAZ" in page.locator("table#events").inner_text()
    page.locator("table#events a", has_text="document").first.click()
    page.wait_for_selector(".doc .text")
    for kind in ("actor", "trigger", "date", "place"):
        assert page.locator(f".doc .hl-{kind}").count() >= 1, kind
    assert page.locator(".doc .selected").count() == 0
    page.locator("#doc-events li").first.click()
    assert page.locator(".doc .selected").count() >= 1  # the chosen event's evidence is marked
    assert not page.errors


def first_cells(page, tries: int = 100) -> list[str]:
    """The date cells of the events table once it holds rows (polled from here, as ``settled_rows``)."""
    settled_rows(page, "table#events tbody tr", tries)
    return page.locator("table#events tbody tr td:first-child").all_text_contents()


def test_events_are_newest_first_sortable_with_modality_whole_evidence_and_an_empty_state(page, server):
    page.goto(server + "/#/events")
    dates = first_cells(page)
    assert dates == sorted(dates, reverse=True) and dates[0].startswith("2025-06")  # newest first by default
    assert page.locator("table#events td.modality").count() == len(dates)
    assert set(page.locator("table#events td.modality").all_text_contents()) <= {
        "asserted", "reported", "intended", "hypothetical", "negated"}
    evidence = page.locator("table#events td.evidence").all_text_contents()
    assert any("in Beijing." in e for e in evidence) and not any("…" in e for e in evidence)  # whole sentences
    page.locator("th a.sort[data-sort=date]").click()  # the date column again: oldest first
    for _ in range(100):
        dates = first_cells(page)
        if dates and dates[0].startswith("2025-03"):
            break
        page.wait_for_timeout(100)
    assert dates == sorted(dates) and dates[0] == "2025-03-03"
    page.goto(server + "/#/events?modality=negated&cameo=04")
    page.wait_for_selector("p.empty")
    assert "No events match" in page.locator("p.empty").inner_text()
    page.goto(server + "/#/doc/a-1")
    page.wait_for_selector(".doc h2")
    assert page.locator(".doc h2").inner_text() == "Wang Yi meets Murat Nurtleu"  # the title, not the file key
    assert not page.errors


def test_the_dyad_chart_has_a_time_axis_bars_and_a_goldstein_line(page, server):
    page.goto(server + "/#/dyad?source=CHN&target=KAZ&both=true")
    page.wait_for_selector("#dyad-chart .barlayer .point path")
    assert page.locator("#dyad-chart .barlayer .point").count() >= 2  # March and June 2025
    assert page.locator("#dyad-chart .scatterlayer .js-line").count() == 1  # the mean Goldstein line
    ticks = page.locator("#dyad-chart .xtick text").all_text_contents()
    # a time axis: its ticks name months that hold no events (April, May) between those that do, as a hand-drawn
    # chart that spaced only the periods it had could not
    assert len(ticks) >= 3 and any(t.startswith(("Apr", "May")) for t in ticks), ticks
    assert page.locator("#dyad-chart .ytick").count() >= 2 and page.locator("#dyad-chart .y2tick").count() >= 2
    assert not page.errors
    page.goto(server + "/#/dyad?source=CHN&target=KAZ&both=true&by=year")
    page.wait_for_selector("#dyad-chart .barlayer .point path")
    assert page.locator("#dyad-chart .barlayer .point").count() >= 1  # all of 2025 in one period
    bar = page.locator("#dyad-chart .barlayer .point path").first.bounding_box()
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)  # a bar opens the events behind it
    page.wait_for_selector("table#events")
    assert "source=CHN" in page.url and "since=2025" in page.url and "until=2025" in page.url


@pytest.mark.parametrize("view, message", [
    ("#/dyad?source=ZZQ&target=KAZ", "ZZQ"),  # an unknown country
    ("#/dyad?source=BRA&target=FRA&both=false", "No dated events between BRA and FRA"),
    ("#/dyad", "Choose two countries"),
    ("#/network?since=notadate", "notadate"),  # an unknown date
    ("#/network?since=1900&until=1901", "No events in that period"),
    ("#/network?min=0", "min_events"),  # refused by the API's own checks
    ("#/events?since=yesterdayish", "yesterdayish"),
    ("#/doc/no-such-document", "no document"),
])
def test_empty_and_bad_inputs_say_so_instead_of_a_blank_box(page, server, view, message):
    page.goto(server + "/" + view)
    page.wait_for_selector("main [role=alert], main [role=status]")
    said = page.locator("main [role=alert], main [role=status]").first.inner_text()
    assert message in said and "[object" not in said and "{" not in said, said


def test_the_network_draws_countries_and_their_ties(page, server):
    page.goto(server + "/#/network?since=2025&until=2025&min=1")
    page.wait_for_selector("#network-chart line.edge", state="attached")  # a level line has no height to "see"
    labels = page.locator("#network-chart text").all_text_contents()
    assert {"CHN", "KAZ", "RUS", "FRA", "BRA"} <= set(labels)
    circles = page.locator("#network-chart circle.node")
    nodes = [tuple(float(circles.nth(i).get_attribute(a)) for a in ("cx", "cy", "r")) for i in range(circles.count())]
    assert len(nodes) >= 5
    for i, (x, y, r) in enumerate(nodes):  # a force-directed layout: no country drawn over another
        for x2, y2, r2 in nodes[i + 1:]:
            assert ((x - x2) ** 2 + (y - y2) ** 2) ** 0.5 >= r + r2
    middle = [((x - 380) ** 2 + (y - 320) ** 2) ** 0.5 for x, y, _ in nodes]
    heaviest = max(range(len(nodes)), key=lambda i: nodes[i][2])  # the largest circle: China, at the hub
    assert all(middle[heaviest] < d for i, d in enumerate(middle) if i != heaviest)


def test_a_pasted_readout_is_coded_and_highlighted_without_storing(page, server):
    import json
    import urllib.request

    before = json.load(urllib.request.urlopen(server + "/api/health"))["documents"]
    page.goto(server + "/#/code")
    page.fill("textarea[name=text]", "Russia and China signed an agreement on gas supplies in Beijing on May 16, 2024.")
    page.click("#code-form button[type=submit]")
    page.wait_for_selector(".doc .hl-trigger")
    assert "057" in page.locator("#doc-events").inner_text()
    assert json.load(urllib.request.urlopen(server + "/api/health"))["documents"] == before


def test_a_hostile_document_executes_nothing(page, server):
    page.goto(server + "/#/doc/hostile-1")
    page.wait_for_selector(".doc .text")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert not page.dialogs and not page.errors
    assert page.locator(".doc img, .doc script, .doc .text svg").count() == 0
    assert "<img src=x onerror=" in page.locator(".doc .text[data-field=text]").inner_text()
    assert "<script>" in page.locator(".doc .text[data-field=title]").inner_text()
