from __future__ import annotations

import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser

pytest_plugins = ("sphinx.testing.fixtures",)

# Test roots are Sphinx projects, not test modules.
collect_ignore = ["roots"]

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once from the real conf.py, with warnings as errors."""
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("site")
    status = build_main(
        ["-b", "html", "-c", str(REPO), "-W", "--keep-going", "-n", "-q",
         "-w", str(out / "warnings.txt"), str(REPO / "docs"), str(out / "html")]
    )
    warnings = (out / "warnings.txt").read_text(encoding="utf-8")
    assert status == 0 and not warnings, warnings
    return out / "html"


# -- Browser tests: Playwright driving Debian's Chromium --------------------------

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and quiet: no connection to anything but the site under test.
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = "Chromium is missing: install it with `sudo apt-get install chromium`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served(site: Path) -> Iterator[str]:
    """The built site over HTTP on the loopback: its base URL."""
    handler = partial(_QuietHandler, directory=str(site))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
