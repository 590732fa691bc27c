"""Draw the link preview card, docs/_static/og-card.png (1200 × 630), from og_card.html.

    .venv/bin/python tools/og_card.py

Uses Debian's Chromium (found on PATH) through Playwright, like the browser
tests. The PNG is checked in: the site's build needs no browser.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
CARD = HERE.parent / "docs" / "_static" / "og-card.png"


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=["--headless=new", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.goto((HERE / "og_card.html").as_uri())
        page.screenshot(path=CARD, clip={"x": 0, "y": 0, "width": 1200, "height": 630})
        browser.close()
    print(CARD)


if __name__ == "__main__":
    main()
