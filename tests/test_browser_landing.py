"""In Chromium: the landing page's first screen, and the headings' one link control."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conftest import DEVICES, opened

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PAGES = ["index", "grille-de-lecture", "leviers", "lexique"]


def bottom(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["y"] + box["height"]


@pytest.mark.parametrize("device", DEVICES)
def test_the_promise_and_the_call_to_action_are_in_the_first_screen(
    browser: Browser, served: str, device: str
) -> None:
    with opened(browser, served + "index.html", device) as page:
        height = page.viewport_size["height"]
        cta = page.get_by_role("link", name="Parlons de votre projet")
        assert cta.get_attribute("href").startswith("mailto:")
        for selector in ["article h1", "section.landing > h1 + p", ".site-cta"]:
            assert page.locator(selector).first.is_visible()
            assert bottom(page, selector) <= height, selector
        # The search is not the first thing seen; the pitch button waits at the end.
        search = page.locator(".sidebar-search")
        if search.is_visible():  # on a wide screen, below the pages
            assert search.bounding_box()["y"] > page.locator(".sidebar-tree").bounding_box()["y"]
        assert page.locator(".sharing-copy-pitch").bounding_box()["y"] > 2 * height
        # No "Suivant" at the foot, the other pages one click away.
        assert page.locator(".related-pages a.next-page").count() == 0
        hrefs = page.locator("article a").evaluate_all("links => links.map(a => a.pathname)")
        assert {f"/{p}.html" for p in PAGES[1:]} <= set(hrefs)


# A heading's (or a term's) text lines and its button's box: the button shares a line
# with the text, and the heading is no taller than both (no empty band).
HEADING_BOXES = """h => {
    const texts = [...h.childNodes].filter(n => n.nodeType === Node.TEXT_NODE && n.data.trim());
    const range = document.createRange();
    range.setStart(texts[0], 0);
    range.setEnd(texts.at(-1), texts.at(-1).length);
    const lines = [...range.getClientRects()].map(r => ({top: r.top, bottom: r.bottom}));
    const b = h.querySelector("button").getBoundingClientRect();
    const box = h.getBoundingClientRect();
    return {lines, button: {top: b.top, bottom: b.bottom, left: b.left}, top: box.top,
            bottom: box.bottom, controls: h.querySelectorAll("a, button").length};
}"""


@pytest.mark.parametrize("page_name", PAGES)
def test_each_heading_keeps_its_one_control_beside_its_text_on_a_phone(
    browser: Browser, served: str, page_name: str
) -> None:
    with opened(browser, served + f"{page_name}.html", "mobile") as page:
        headings = page.locator("article :is(h2, h3, dl.glossary > dt)")
        assert headings.count() > 0
        for n in range(headings.count()):
            heading = headings.nth(n)
            boxes = heading.evaluate(HEADING_BOXES)
            text = heading.inner_text()
            assert boxes["controls"] == 1, text
            button, lines = boxes["button"], boxes["lines"]
            assert any(line["top"] < button["bottom"] and button["top"] < line["bottom"]
                       for line in lines), f"{page_name}: the button of {text!r} is on a line of its own"
            # As tall as its text and its button, and no taller.
            used = (max(button["bottom"], *(line["bottom"] for line in lines))
                    - min(button["top"], *(line["top"] for line in lines)))
            assert boxes["bottom"] - boxes["top"] <= used + 4, f"{page_name}: {text!r}"
