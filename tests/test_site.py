"""The real site: it builds from the real conf.py, the same way everywhere."""

from __future__ import annotations

import runpy
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO

PAGES = ["index", "grille-de-lecture", "leviers", "lexique"]


@pytest.mark.parametrize("page", PAGES)
def test_page_is_built_in_french(site: Path, page: str) -> None:
    soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "fr"


def _sphinx_options(argv: list[str]) -> tuple[str, str, set[str]]:
    """The config folder, source folder and strict flags of a sphinx-build command."""
    conf = argv[argv.index("-c") + 1]
    positional = [a for a in argv[argv.index("-c") + 2 :] if not a.startswith("-")]
    strict = {a for a in argv if a in {"-W", "--keep-going", "-n"}}
    return conf, positional[0], strict


def test_read_the_docs_builds_like_make_html() -> None:
    rtd = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    (rtd_command,) = rtd["build"]["jobs"]["build"]["html"]
    dry_run = subprocess.run(
        ["make", "--dry-run", "--always-make", "html"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout
    (make_command,) = [line for line in dry_run.splitlines() if "sphinx-build" in line]

    rtd_argv, make_argv = shlex.split(rtd_command), shlex.split(make_command)
    assert _sphinx_options(rtd_argv) == _sphinx_options(make_argv) == (
        ".", "docs", {"-W", "--keep-going", "-n"}
    )
    assert rtd_argv[-1] == "$READTHEDOCS_OUTPUT/html"
    assert rtd["sphinx"]["configuration"] == "conf.py"
    assert rtd["build"]["tools"]["python"] == "3.13"


def test_canonical_url_comes_from_read_the_docs(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://example.readthedocs.io/fr/latest/"
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", url)
    assert runpy.run_path(str(REPO / "conf.py"))["html_baseurl"] == url
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL")
    conf = runpy.run_path(str(REPO / "conf.py"))
    assert conf["html_baseurl"] == conf["SITE_URL"]


def test_pages_link_their_canonical_url(site: Path) -> None:
    base = runpy.run_path(str(REPO / "conf.py"))["SITE_URL"]
    for page in PAGES:
        soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.find("link", rel="canonical")["href"] == f"{base}{page}.html"
