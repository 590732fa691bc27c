"""Quality in a real browser, on every page of the built site, desktop and mobile.

axe-core finds no accessibility violation (WCAG 2.1 A and AA, and best practices);
the console shows no error; no request fails; nothing is asked of another host.
The Nu Html Checker finds no error. Screenshots of the landing page are left in
_build/screenshots/ for review. axe-core and vnu.jar come from npm (package.json):
`make test` installs them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from conftest import DEVICES, REPO, missing

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, Route

NODE_MODULES = REPO / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SCREENSHOTS = REPO / "_build" / "screenshots"
SEARCHED = "search.html?q=projet"



def needs(path: Path, what: str) -> None:
    if not path.exists():
        missing(f"{what} is missing ({path.relative_to(REPO)}): run `make test`, or `npm ci`")


def html_pages(site: Path) -> list[str]:
    """Every page of the site, as URLs relative to its root (not the assets' folders)."""
    pages = sorted(
        path.relative_to(site).as_posix() for path in site.rglob("*.html")
        if not any(part.startswith("_") for part in path.relative_to(site).parts)
    )
    # The discovery really found the site: its pages, and the ones Sphinx writes itself.
    assert {"index.html", "lexique.html", "genindex.html", "search.html"} <= set(pages), pages
    return pages


def problems_on(page: Page, url: str) -> list[str]:
    """Load url in page; what goes wrong, one line each."""
    site = urlsplit(url).netloc
    problems: list[str] = []

    def elsewhere(route: Route) -> None:  # never reach another host: record and refuse
        problems.append(f"request to another host: {route.request.url}")
        route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console error: {message.text} ({message.location['url']})")

    def response(response: Response) -> None:
        if response.status >= 400:
            problems.append(f"HTTP {response.status}: {response.url}")

    def failed(request: Request) -> None:
        if urlsplit(request.url).netloc == site:  # the others are refused above
            problems.append(f"request failed ({request.failure}): {request.url}")

    page.route(lambda link: urlsplit(link).netloc not in ("", site), elsewhere)
    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"uncaught exception: {error}"))
    page.on("response", response)
    page.on("requestfailed", failed)

    page.goto(url, wait_until="networkidle")
    # Without a declared icon, browsers ask for /favicon.ico (Lighthouse does; headless
    # Chromium does not): each page names its icon, and the icon is there.
    icon = page.evaluate("document.querySelector('link[rel~=icon]')?.href")
    if icon is None:
        problems.append("no icon declared (<link rel=icon>)")
    elif (status := page.request.get(icon).status) != 200:
        problems.append(f"HTTP {status}: {icon}")
    page.add_script_tag(path=AXE)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    for violation in results["violations"]:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        problems.append(f"axe {violation['id']} ({violation['impact']}): {violation['help']}"
                        f" -- {targets}")
    return problems


@pytest.mark.parametrize("device", DEVICES)
def test_every_page_is_accessible_and_self_contained(
    browser: Browser, site: Path, served: str, device: str
) -> None:
    needs(AXE, "axe-core")
    found = {}
    # The search page is also checked with its results, which scripts draw.
    for path in [*html_pages(site), SEARCHED]:
        context = browser.new_context(**DEVICES[device])
        try:
            problems = problems_on(context.new_page(), served + path)
        finally:
            context.close()
        if problems:
            found[path] = problems
    assert not found, "\n".join(
        f"{path}: {problem}" for path, problems in found.items() for problem in problems)


def test_the_nu_html_checker_finds_no_error(site: Path) -> None:
    needs(VNU, "The Nu Html Checker")
    java = shutil.which("java")
    if java is None:
        missing("Java is missing: install it with `sudo apt-get install default-jre-headless`")
    checked = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True, text=True, check=False,
    )
    messages = json.loads(checked.stderr)["messages"]  # vnu writes its report to stderr
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    assert not errors and checked.returncode == 0, "\n".join(
        f"{urlsplit(m.get('url', '')).path.removeprefix(f'{site}/')}:{m.get('lastLine', '?')}: "
        f"{m['message']}" for m in errors) or checked.stderr


@pytest.mark.parametrize("device", DEVICES)
def test_screenshots_of_the_landing_page(browser: Browser, served: str, device: str) -> None:
    """For review by eye, under _build/screenshots/: the first screen, the whole page."""
    context = browser.new_context(**DEVICES[device])
    try:
        page = context.new_page()
        page.goto(served + "index.html", wait_until="networkidle")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot, first = SCREENSHOTS / f"index-{device}.png", SCREENSHOTS / f"index-{device}-first.png"
        page.screenshot(path=shot, full_page=True)
        page.screenshot(path=first)
    finally:
        context.close()
    assert shot.stat().st_size > 10_000 and first.stat().st_size > 10_000
