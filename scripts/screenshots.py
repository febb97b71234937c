"""Screenshots of every view of the explorer, taken from the real page: the app served by uvicorn on 127.0.0.1 over
a corpus database, driven by Playwright in Debian's chromium.

    .venv/bin/python scripts/screenshots.py --db /tmp/bench/bench.db [--out docs/screenshots]

Writes events.png, document.png, dyad.png, network.png and code.png.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="a corpus database (readout ingest)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--chromium", default=os.environ.get("READOUT_CHROMIUM") or shutil.which("chromium"))
    ap.add_argument("--document", default="kremlin-577", help="the document to show (default kremlin-577)")
    ap.add_argument("--example", type=Path, default=ROOT / "examples" / "readout-helsinki-2024-05-16.txt")
    args = ap.parse_args()
    if not args.chromium:
        print("no chromium: run scripts/chromium.sh", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from readout.web import create_app
    from readout.web.background import serve_in_background

    base, server = serve_in_background(create_app(args.db))
    base += "/"
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 860})

        def shot(name: str, hash_: str, ready: str) -> None:
            page.goto(base + hash_)
            page.wait_for_selector(ready, state="attached")
            page.wait_for_timeout(300)
            page.screenshot(path=str(args.out / f"{name}.png"))
            print(f"{args.out / name}.png")

        shot("events", "#/events?country=TJK&cameo=04", "table#events tbody tr")
        page.goto(base + "#/doc/" + args.document)
        page.wait_for_selector(".doc .text")
        page.locator("#doc-events li").first.click()
        page.wait_for_timeout(300)
        page.screenshot(path=str(args.out / "document.png"))
        print(f"{args.out / 'document'}.png")
        shot("dyad", "#/dyad?source=USA&target=RUS&both=true&by=year", "#dyad-chart .barlayer .point path")
        shot("network", "#/network?since=2022-01&until=2022-12&min=8", "#network-chart line.edge")
        page.goto(base + "#/code")
        page.fill("textarea[name=text]", args.example.read_text(encoding="utf-8"))
        page.fill("input[name=date]", "2024-05-16")
        page.click("#code-form button[type=submit]")
        page.wait_for_selector(".doc .hl-trigger")
        page.locator("#doc-events li").first.click()
        page.wait_for_timeout(300)
        page.screenshot(path=str(args.out / "code.png"))
        print(f"{args.out / 'code'}.png")
        browser.close()
    server.should_exit = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
