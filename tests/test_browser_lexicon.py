"""In Chromium: a term's definition opens after a hover intent, on focus and on tap, beside its link."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conftest import opened

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page


@pytest.fixture
def desktop(browser: Browser, served: str) -> Iterator[Page]:
    with opened(browser, served + "index.html") as page:
        yield page


@pytest.fixture
def mobile(browser: Browser, served: str) -> Iterator[Page]:
    with opened(browser, served + "index.html", "mobile") as page:
        yield page


def inside_viewport(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return box is not None and box["x"] >= 0 and box["y"] >= 0 and (
        box["x"] + box["width"] <= size["width"]
    )


def test_definition_shows_on_hover_without_moving_the_text(desktop: Page) -> None:
    term = desktop.locator("article .glossary-term").first
    tip = term.locator(".glossary-tip")
    paragraph = term.locator("xpath=ancestor::p")
    before = paragraph.bounding_box()
    assert tip.is_hidden()
    term.locator("a").hover()
    tip.wait_for(state="visible", timeout=1000)
    assert tip.inner_text() and inside_viewport(desktop, f"#{tip.get_attribute('id')}")
    assert paragraph.bounding_box() == before  # nothing shifts
    desktop.mouse.move(0, 0)
    assert tip.is_hidden()


def test_a_pass_of_the_mouse_opens_nothing_a_hover_does(desktop: Page) -> None:
    """A hover intent: nothing on a 100 ms pass, the definition after 300–500 ms."""
    term = desktop.locator("article .glossary-term").nth(2)
    tip = term.locator(".glossary-tip")
    term.scroll_into_view_if_needed()
    box = term.locator("a").bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    desktop.mouse.move(*centre)
    desktop.wait_for_timeout(100)
    desktop.mouse.move(0, 0)
    desktop.wait_for_timeout(600)
    assert tip.is_hidden()
    desktop.mouse.move(*centre)
    desktop.wait_for_timeout(250)
    assert tip.is_hidden()
    tip.wait_for(state="visible", timeout=1000)  # due at 400 ms


def test_a_definition_never_covers_its_link(desktop: Page) -> None:
    """Below its link, or above when the window ends: beside it, inside the window."""
    for n in [0, 5]:
        term = desktop.locator("article .glossary-term").nth(n)
        link, tip = term.locator("a"), term.locator(".glossary-tip")
        # The link at the very bottom of the window: the definition goes above it.
        term.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().bottom - innerHeight + 4)")
        link.focus()
        a, t = link.bounding_box(), tip.bounding_box()
        assert t["y"] + t["height"] <= a["y"] or t["y"] >= a["y"] + a["height"], (a, t)
        assert t["y"] >= 0 and t["y"] + t["height"] <= desktop.viewport_size["height"]
        link.blur()
        assert tip.is_hidden()  # closed on blur


def test_definition_shows_on_focus_and_escape_closes_it(desktop: Page) -> None:
    term = desktop.locator("article .glossary-term").nth(3)
    tip = term.locator(".glossary-tip")
    link = term.locator("a")
    assert link.get_attribute("aria-describedby") == tip.get_attribute("id")
    link.focus()
    assert tip.is_visible()
    desktop.keyboard.press("Escape")
    assert tip.is_hidden()
    desktop.keyboard.press("Tab")
    desktop.keyboard.press("Shift+Tab")
    assert tip.is_visible()


def test_definition_shows_on_tap_and_a_second_tap_follows_the_link(mobile: Page) -> None:
    terms = mobile.locator("article .glossary-term")
    for n in range(terms.count()):  # every definition fits the small screen
        term = terms.nth(n)
        term.scroll_into_view_if_needed()
        term.locator("a").tap()
        tip = term.locator(".glossary-tip")
        assert tip.is_visible(), n
        assert inside_viewport(mobile, f"#{tip.get_attribute('id')}"), n
        tip.tap()  # a tap on the definition closes it
        assert tip.is_hidden(), n
    assert mobile.url.endswith("/index.html")
    term = terms.first
    term.scroll_into_view_if_needed()
    term.locator("a").tap()
    assert term.locator(".glossary-tip").is_visible()
    term.locator("a").tap()
    mobile.wait_for_url("**/lexique.html#term-*")


def test_search_excerpts_leave_out_the_definitions(desktop: Page, served: str) -> None:
    # The landing page's first definition, written next to its first link.
    definition = desktop.locator("article .glossary-tip").first.text_content()
    assert definition
    desktop.goto(served + "search.html?q=motivation")
    results = desktop.locator("#search-results li")
    results.first.wait_for()
    excerpts = " ".join(results.all_inner_texts())
    assert "motivation" in excerpts
    assert definition not in excerpts
