"""Hostile content in every view of the explorer, in a real browser (Playwright driving Debian's chromium): documents
whose text, title, publisher and URL carry scripts, event handlers, ``javascript:`` URLs, CSS injection and a title of
200,000 characters, and a database whose stored values (actor codes and names, places, evidence, labels) were
overwritten with the same payloads, as another tool or a hostile knowledge table could leave them. Each view is
opened twice: as served (with its content security policy) and with the policy bypassed, so that the rendering
itself is what is tested. Nothing may execute, no markup may enter the page, and the payloads must show as text."""

from __future__ import annotations

import urllib.parse

import pytest
from sqlalchemy import text, update

from readout.store import schema as t
from readout.store.database import connect
from readout.store.ingest import ingest
from tests.test_store import REPORTS, write_jsonl

PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "\"><iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
    "javascript:window.__pwned='href'",
    ("<style>*{display:none!important}</style>"
     "<a style=\"position:fixed;inset:0\" href=\"javascript:window.__pwned='css'\">x</a>"),
    "<details open ontoggle=\"window.__pwned='details'\">",
    "{{constructor.constructor('window.__pwned=1')()}}",
]
HUGE_TITLE = ("<b onmouseover=\"window.__pwned='title'\">" + "Wang Yi met Murat Nurtleu. " * 8000)[:200_000]
DOCS = [
    {"id": "hostile-1", "date": "2025-06-12", "source": PAYLOADS[1], "url": PAYLOADS[4], "title": PAYLOADS[0],
     "text": f"{PAYLOADS[1]} Foreign Minister Wang Yi met Kazakh Foreign Minister Murat Nurtleu in Astana. "
             f"{PAYLOADS[2]}"},
    {"id": "hostile-2", "date": "2025-06-13", "source": PAYLOADS[5], "title": HUGE_TITLE,
     "text": f"Foreign Minister Wang Yi met Foreign Minister Murat Nurtleu in Almaty. {PAYLOADS[3]} {PAYLOADS[6]}"},
    {"id": PAYLOADS[2], "date": "2025-06-14", "source": "wire.example.com", "title": PAYLOADS[7],
     "text": "Kazakh President Kassym-Jomart Tokayev called Chinese President Xi Jinping on Saturday."},
]
EVIL_CODE = "<svg/onload=window.__pwned=1>"
DANGEROUS = "#main script, #main iframe, #main img, #main style, #main link, #main object, #main embed, #main details"
ON_ATTRIBUTES = ("[...document.querySelectorAll('*')]"
                 ".filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length")
WATCH = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"""


@pytest.fixture(scope="module")
def server(tmp_path_factory, coder):
    from readout.web import create_app
    from readout.web.background import serve_in_background

    folder = tmp_path_factory.mktemp("hostile-web")
    db = str(folder / "corpus.db")
    ingest([write_jsonl(folder / "docs.jsonl", [*REPORTS, *DOCS])], db, coder=coder)
    poison(db)
    base, srv = serve_in_background(create_app(db, coder=coder))
    assert srv.started
    yield base
    srv.should_exit = True


def poison(db: str) -> None:
    """Overwrite stored values that the views show with payloads, in every other row."""
    engine = connect(db)
    with engine.begin() as conn:
        conn.execute(update(t.events).where(t.events.c.id % 2 == 0)
                     .values(source_code=EVIL_CODE, place=PAYLOADS[0], plover_type=PAYLOADS[2]))
        # (the evidence that quotes a hostile document's own payloads stays, whichever ids the events got)
        conn.execute(update(t.evidence).where(t.evidence.c.id % 2 == 0, ~t.evidence.c.text.contains("onerror="))
                     .values(text=PAYLOADS[5]))
        conn.execute(update(t.actors).where(t.actors.c.id % 2 == 0)
                     .values(name=PAYLOADS[1], person=PAYLOADS[6], role=PAYLOADS[3]))
        conn.execute(text("UPDATE event_dyads SET source = :c WHERE event_id % 2 = 0"), {"c": EVIL_CODE})
    engine.dispose()


@pytest.fixture(scope="module", params=["as served", "policy bypassed"])
def page(request, server, chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        context = browser.new_context(bypass_csp=request.param == "policy bypassed")
        context.add_init_script(WATCH)
        pg = context.new_page()
        pg.errors, pg.dialogs = [], []
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        yield pg
        browser.close()


def fresh(page) -> None:
    """A new document for each view (a change of hash alone keeps the page, and what a payload might have set)."""
    page.goto("about:blank")
    page.errors.clear()
    page.dialogs.clear()


def executed_nothing(page) -> None:
    page.wait_for_timeout(250)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.__violations") == []  # no markup got far enough for the policy to block it
    assert not page.dialogs and not page.errors
    assert page.locator(DANGEROUS).count() == 0
    assert page.evaluate(ON_ATTRIBUTES) == 0
    assert page.locator("a[href^='javascript:' i], [style]").count() == 0


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


VIEWS = [
    ("events list", "#/events", "table#events", ["<script>", "onerror=", "<svg onload="]),
    ("events searched by a payload", "#/events?text=" + q(PAYLOADS[5][:20]), "table#events", ["<style>"]),
    ("events with a payload for a country", "#/events?country=" + q(PAYLOADS[1]), "p.error", ["onerror"]),
    ("a hostile document", "#/doc/hostile-1", ".doc .text", ["<script>window.__pwned", "<img src=x onerror="]),
    ("a document with a 200,000-character title", "#/doc/hostile-2", ".doc .text", ["<b onmouseover=", "<iframe"]),
    ("a document whose id is a payload", "#/doc/" + q(PAYLOADS[2]), ".doc .text", ["{{constructor"]),
    ("no such document, named by a payload", "#/doc/" + q(PAYLOADS[0]), "p.error", ["<script>"]),
    ("a dyad with a payload code", "#/dyad?source=" + q(EVIL_CODE) + "&target=KAZ", "#dyad-form", []),
    ("the network", "#/network?since=2025&until=2025&min=1", "#network-chart", []),
]


@pytest.mark.parametrize("name,route,ready,shown", VIEWS, ids=[v[0] for v in VIEWS])
def test_a_view_shows_payloads_as_text_and_executes_nothing(page, server, name, route, ready, shown):
    fresh(page)
    page.goto(server + "/" + route)
    page.wait_for_selector(ready, state="attached")
    page.wait_for_timeout(300)  # the view's data is in
    visible = page.locator("#main").inner_text()
    for piece in shown:
        assert piece in visible, f"{name}: {piece!r} should show as text"
    executed_nothing(page)
    for link in page.locator("#main a").all()[:30]:  # every link stays inside the app or its API
        href = link.get_attribute("href") or ""
        assert href.startswith(("#/", "/api/")), href


def test_a_pasted_hostile_text_is_coded_and_shown_as_text(page, server):
    fresh(page)
    page.goto(server + "/#/code")
    page.fill("textarea[name=text]", " ".join(PAYLOADS) + " Russia and China signed an agreement in Beijing.")
    page.fill("input[name=source]", PAYLOADS[4])
    page.click("#code-form button[type=submit]")
    page.wait_for_selector(".doc .hl-trigger")
    assert "<script>window.__pwned" in page.locator(".doc .text").inner_text()
    executed_nothing(page)
