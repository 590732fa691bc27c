"""In Chromium: the copy buttons fill the clipboard, targets show, the landing page prints on one page."""

from __future__ import annotations

import json
import re
import shutil
import sys
from typing import TYPE_CHECKING

import pytest

from conftest import DEVICES, REPO, opened, serve

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, BrowserContext, Page

CLIPBOARD = ["clipboard-read", "clipboard-write"]


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(**DEVICES["desktop"], permissions=CLIPBOARD)
    yield context
    context.close()


def opacity(page: Page, selector: str) -> float:
    return float(page.locator(selector).evaluate("e => getComputedStyle(e).opacity"))


def test_copy_link_puts_the_absolute_url_on_the_clipboard(context: BrowserContext, served: str) -> None:
    page = context.new_page()
    page.goto(served + "leviers.html")
    button = page.locator("h2 .sharing-copy").first
    status = page.locator(".sharing-status")
    assert status.get_attribute("role") == "status" and status.inner_text() == ""
    assert opacity(page, "h2 .sharing-copy >> nth=0") == 0  # until hover or focus
    button.hover()
    assert opacity(page, "h2 .sharing-copy >> nth=0") == 1
    button.click()
    status.filter(has_text="Lien copié").wait_for()
    # No public address: the address the page is served from (any port).
    assert page.evaluate("navigator.clipboard.readText()") == f"{served}leviers.html#levier-apprentissage"


def test_copy_link_works_from_the_keyboard(context: BrowserContext, served: str) -> None:
    page = context.new_page()
    page.goto(served + "lexique.html")
    button = page.locator("dt .sharing-copy").first
    button.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # focused by the keyboard: :focus-visible
    assert page.evaluate("document.activeElement.dataset.url") == button.get_attribute("data-url")
    assert opacity(page, "dt .sharing-copy >> nth=0") == 1
    outline = button.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    page.locator(".sharing-status", has_text="Lien copié").wait_for()
    url = page.evaluate("navigator.clipboard.readText()")
    assert re.fullmatch(rf"{re.escape(served)}lexique\.html#term-[\w-]+", url)


def test_copy_pitch_puts_text_and_html_on_the_clipboard(
    context: BrowserContext, served: str, site: Path
) -> None:
    page = context.new_page()
    page.goto(served + "index.html")
    page.get_by_role("button", name="Copier son texte").click()
    page.locator(".sharing-status", has_text="Texte copié").wait_for()
    copied = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        const read = async (type) => (await item.getType(type)).text();
        return {types: item.types, text: await read("text/plain"), html: await read("text/html")};
    }""")
    pitch = json.loads((site / "_static" / "pitch.json").read_text(encoding="utf-8"))
    assert set(copied["types"]) >= {"text/plain", "text/html"}
    assert copied["text"] == pitch["text"].replace("{site}/", served)
    assert copied["text"].startswith("Coaching tech pour des projets logiciels qui durent")
    assert f'href="{served}grille-de-lecture.html#dynamiques"' in copied["html"]
    assert f"Le site\u00a0: {served}\n" in copied["text"] and "{site}" not in copied["text"]
    assert "<script" not in copied["html"] and "class=" not in copied["html"]


def test_copy_buttons_are_always_shown_on_touch_screens(browser: Browser, served: str) -> None:
    with opened(browser, served + "lexique.html", "mobile") as page:
        assert page.evaluate("matchMedia('(hover: none)').matches")
        assert opacity(page, "dt .sharing-copy >> nth=0") == 1
        box = page.locator("dt .sharing-copy").first.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24  # a finger's target


def test_nothing_in_the_page_shifts_while_it_loads(context: BrowserContext, served: str) -> None:
    """The buttons are in the HTML from the start: the text never moves for them.

    (furo's own theme toggle, outside the article, shifts by a hair: not ours.)
    """
    page = context.new_page()
    page.add_init_script("""
        window.shifts = [];
        new PerformanceObserver((list) => {
            for (const entry of list.getEntries())
                for (const source of entry.sources)
                    window.shifts.push(source.node && source.node.closest
                        ? source.node.closest("article") !== null : true);
        }).observe({type: "layout-shift", buffered: true});
    """)
    for path in ["index.html", "lexique.html"]:
        page.goto(served + path, wait_until="networkidle")
        page.wait_for_timeout(300)
        assert page.evaluate("window.shifts.filter(Boolean).length") == 0, path


@pytest.mark.parametrize(("path", "selector"), [
    ("index.html#situation", "#situation > h2"),
    ("lexique.html#term-Energie", "#term-Energie"),
])
def test_the_target_of_a_link_is_highlighted(context: BrowserContext, served: str,
                                             path: str, selector: str) -> None:
    page = context.new_page()
    page.goto(served + path)
    background = page.locator(selector).evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    other = page.locator("#lecture > h2, #term-Apprentissage").first
    assert other.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_landing_page_prints_on_one_a4_page_with_its_links_spelled_out(
    context: BrowserContext, served: str
) -> None:
    page = context.new_page()
    page.goto(served + "index.html", wait_until="networkidle")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert re.search(rb"/Count 1\b", pdf)
    page.emulate_media(media="print")
    for hidden in [".sidebar-drawer", ".toc-drawer", ".sharing-pitch", "h2 .sharing-copy"]:
        assert page.locator(hidden).first.evaluate("e => getComputedStyle(e).display") == "none"
    shown = page.locator(".sharing-url").first.evaluate(
        "e => getComputedStyle(e, '::after').content")
    assert shown == f'" ({served}grille-de-lecture.html#dynamiques)"'


# -- A renamed page and a renamed term, on the sharing test root --------------------------------


@pytest.fixture
def renamed_site(make_app: Callable, rootdir: Path, tmp_path: Path) -> Iterator[str]:
    sys.path.insert(0, str(REPO / "docs" / "_ext"))
    shutil.copytree(rootdir / "test-sharing-links", tmp_path / "src")
    app = make_app("html", srcdir=tmp_path / "src", confoverrides={
        "redirect_html_template_file": str(REPO / "_templates" / "redirect.html"),
    })
    app.build()
    with serve(app.outdir) as url:
        yield url


@pytest.mark.parametrize(("old", "new"), [
    ("ancienne.html#suite", "nouvelle.html#suite"),
    ("fusionnee.html", "nouvelle.html#suite"),
    ("lexique.html#term-Ancien-terme", "lexique.html#term-Ancien-terme"),
])
def test_old_links_still_lead_to_their_section_or_term(
    context: BrowserContext, renamed_site: str, old: str, new: str
) -> None:
    page = context.new_page()
    page.goto(renamed_site + old)
    page.wait_for_url(renamed_site + new)
    target = page.locator(":target").evaluate("e => e.closest('section, dt').id")
    assert target in {"suite", "term-Nouveau-terme"}
    if target.startswith("term-"):  # reached by its old anchor, the entry still shows
        background = page.locator(f"#{target}").evaluate("e => getComputedStyle(e).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")
