"""Remakes docs/images/brief.png, the README's picture of the seed brief.

Usage, from the project root after `briefing build` (Debian's Chromium, as the browser
tests use): .venv/bin/python docs/screenshot.py [SITE_DIR]
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

BRIEF = "events/2018-07-10-islamabad-intel-chiefs-meeting/"
OUT = Path(__file__).resolve().parent / "images" / "brief.png"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main(site: Path) -> None:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page(viewport={"width": 1000, "height": 1100})
            page.goto(f"http://127.0.0.1:{server.server_port}/{BRIEF}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT))
            browser.close()
    finally:
        server.shutdown()
    # 64 colours keep the text sharp at about 75 KB (the README shows it on every visit).
    Image.open(OUT).convert("RGB").quantize(colors=64).save(OUT, optimize=True)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
