from __future__ import annotations

import os
import re
import shutil
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page
    from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

# Test roots are Sphinx projects, not test modules.
collect_ignore = ["roots"]

REPO = Path(__file__).parent.parent


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warnings(app: SphinxTestApp) -> list[str]:
    """A test build's warnings, without colours, with paths relative to its sources."""
    return ANSI.sub("", app.warning.getvalue()).replace(f"{app.srcdir}/", "").splitlines()


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


# The public address the tests publish the site at (SITE_URL), where one is needed.
PUBLIC = "https://coaching-tech.readthedocs.io/fr/latest/"
ADDRESS_VARIABLES = ("SITE_URL", "READTHEDOCS_CANONICAL_URL", "READTHEDOCS")


def build_site(out: Path, site_url: str = "") -> Path:
    """The real site from the real conf.py, warnings as errors, at site_url (or none)."""
    from sphinx.cmd.build import build_main

    saved = {name: os.environ.pop(name) for name in ADDRESS_VARIABLES if name in os.environ}
    if site_url:
        os.environ["SITE_URL"] = site_url
    try:
        status = build_main(
            ["-b", "html", "-c", str(REPO), "-W", "--keep-going", "-n", "-q",
             "-d", str(out / "doctrees"), "-w", str(out / "warnings.txt"),
             str(REPO / "docs"), str(out / "html")]
        )
    finally:
        os.environ.pop("SITE_URL", None)
        os.environ.update(saved)
    warnings = (out / "warnings.txt").read_text(encoding="utf-8")
    assert status == 0 and not warnings, warnings
    return out / "html"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site as cloned: no public address set."""
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site with its public address set (SITE_URL=PUBLIC)."""
    return build_site(tmp_path_factory.mktemp("public-site"), PUBLIC)


# -- Browser tests: Playwright driving Debian's Chromium --------------------------

# Debian's Chromium, wherever PATH finds it.
CHROMIUM = shutil.which("chromium")
# Headless, and quiet: no connection to anything but the site under test.
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# The two screens every browser test may use, as Playwright context options.
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "mobile": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True,
               "device_scale_factor": 2},
}


def missing(message: str) -> NoReturn:
    """A tool the tests need is missing: skip locally, fail under CI (which installs it)."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        missing("Chromium is missing: install it with `sudo apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The built site over HTTP on the loopback: its base URL.

    One server a module: its thread is gone before test_builds forks for its
    parallel builds (Python 3.12+ warns about forking a threaded process).
    """
    with serve(site) as url:
        yield url


@contextmanager
def opened(browser: Browser, url: str, device: str = "desktop", **options: object) -> Iterator[Page]:
    """url in a new browser context for one of DEVICES, closed after the block."""
    context = browser.new_context(**DEVICES[device], **options)
    try:
        page = context.new_page()
        page.goto(url)
        yield page
    finally:
        context.close()


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A folder over HTTP on the loopback, for as long as the block lasts: its base URL."""
    handler = partial(_QuietHandler, directory=str(directory))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
