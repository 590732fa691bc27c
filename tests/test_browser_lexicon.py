"""In Chromium: a term's definition shows on hover, on focus and on tap, inside the viewport."""

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
    assert tip.is_visible()
    assert tip.inner_text() and inside_viewport(desktop, f"#{tip.get_attribute('id')}")
    assert paragraph.bounding_box() == before  # nothing shifts
    desktop.mouse.move(0, 0)
    assert tip.is_hidden()


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
