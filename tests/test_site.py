"""The real site: it builds from the real conf.py, the same way everywhere."""

from __future__ import annotations

import os
import re
import runpy
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ADDRESS_VARIABLES, PUBLIC, REPO

PAGES = ["index", "grille-de-lecture", "leviers", "lexique"]


@pytest.mark.parametrize("page", PAGES)
def test_page_is_built_in_french(site: Path, page: str) -> None:
    soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "fr"


def _sphinx_options(argv: list[str]) -> tuple[str, str, str, set[str]]:
    """The config folder, build data folder, source folder and strict flags of a sphinx-build."""
    conf, doctrees = argv[argv.index("-c") + 1], argv[argv.index("-d") + 1]
    positional = [a for a in argv[argv.index("-d") + 2 :] if not a.startswith("-")]
    strict = {a for a in argv if a in {"-W", "--keep-going", "-n"}}
    return conf, doctrees, positional[0], strict


def test_read_the_docs_builds_like_make_html() -> None:
    rtd = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    (rtd_command,) = rtd["build"]["jobs"]["build"]["html"]
    dry_run = subprocess.run(
        ["make", "--dry-run", "--always-make", "html"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout
    (make_command,) = [line for line in dry_run.splitlines() if "sphinx-build" in line]

    rtd_argv, make_argv = shlex.split(rtd_command), shlex.split(make_command)
    # The build data (-d) outside the output: Read the Docs would publish it.
    assert _sphinx_options(rtd_argv) == _sphinx_options(make_argv) == (
        ".", "_build/doctrees", "docs", {"-W", "--keep-going", "-n"}
    )
    assert rtd_argv[-1] == "$READTHEDOCS_OUTPUT/html"
    assert rtd["sphinx"]["configuration"] == "conf.py"
    assert rtd["build"]["tools"]["python"] == "3.13"


def test_the_public_address_is_set_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """site_url in conf.py, SITE_URL over it, READTHEDOCS_CANONICAL_URL over both."""
    for name in ("SITE_URL", "READTHEDOCS_CANONICAL_URL"):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(REPO / "conf.py"))
    assert conf["site_url"] == conf["html_baseurl"] == ""
    assert conf["ogp_image"] is None
    monkeypatch.setenv("SITE_URL", "https://coaching.test/")
    assert runpy.run_path(str(REPO / "conf.py"))["html_baseurl"] == "https://coaching.test/"
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", PUBLIC)
    assert runpy.run_path(str(REPO / "conf.py"))["html_baseurl"] == PUBLIC


def test_pages_link_their_canonical_url_only_at_the_public_address(
    site: Path, public_site: Path
) -> None:
    for page in PAGES:
        soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.find("link", rel="canonical") is None
        soup = BeautifulSoup((public_site / f"{page}.html").read_text(encoding="utf-8"),
                             "html.parser")
        assert soup.find("link", rel="canonical")["href"] == f"{PUBLIC}{page}.html"


def _site_files(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(site.rglob("*"))
            if path.suffix in {".html", ".xml", ".json", ".js", ".css", ".txt"}}


def test_without_a_public_address_nothing_points_at_a_local_or_example_host(site: Path) -> None:
    """What the build writes goes out as is: no loopback, no placeholder host."""
    files = _site_files(site)
    assert "index.html" in files and "sitemap.xml" not in files
    hosts = re.compile(r"//(127\.0\.0\.1|localhost|\[::1\]|[\w.-]*example\.(org|com|net))\b")
    found = [f"{name}: {m.group()}" for name, text in files.items() for m in hosts.finditer(text)]
    assert found == []
    assert not (site / ".doctrees").exists()  # the build data stays out of the site
    index = BeautifulSoup(files["index.html"], "html.parser")
    for key in ("og:url", "og:image"):
        assert index.find("meta", attrs={"property": key}) is None


# Not the site's own addresses: the namespaces of the formats, and furo's credit line.
ELSEWHERE = {"http://www.w3.org/2000/svg", "http://www.sitemaps.org/schemas/sitemap/0.9",
             "https://github.com/pradyunsg/furo"}


def _absolute_urls(site: Path) -> set[tuple[str, str]]:
    """(file, URL) for each absolute URL in the pages' attributes, the sitemap and the pitch."""
    urls = set()
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        urls |= {(path.name, value) for tag in soup.find_all(True) for value in tag.attrs.values()
                 if isinstance(value, str) and re.match(r"https?://", value)}
    for name in ("sitemap.xml", "_static/pitch.json"):
        text = (site / name).read_text(encoding="utf-8")
        urls |= {(name, url) for url in re.findall(r"https?://[^\s\"'<>]+", text)}
    return urls


def test_with_a_public_address_every_absolute_url_starts_with_it(public_site: Path) -> None:
    urls = _absolute_urls(public_site)
    elsewhere = sorted(f"{name}: {url}" for name, url in urls
                       if not url.startswith(PUBLIC) and url not in ELSEWHERE)
    assert elsewhere == []
    ours = {url for _, url in urls if url.startswith(PUBLIC)}
    assert {f"{PUBLIC}index.html", f"{PUBLIC}_static/og-card.png",
            f"{PUBLIC}leviers.html#carte", f"{PUBLIC}lexique.html#term-Energie"} <= ours


def test_a_build_prints_what_matters(tmp_path: Path) -> None:
    """Not MyST's configuration nor a word on matplotlib; the notices before publishing."""
    env = {k: v for k, v in os.environ.items() if k not in ADDRESS_VARIABLES}
    built = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", ".", "-W", "--keep-going", "-n",
         "-d", str(tmp_path / "doctrees"), "docs", str(tmp_path / "html")],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0 and built.stderr == "", built.stderr
    assert "myst v" not in built.stdout and "matplotlib" not in built.stdout
    assert ("sharing: pas d’adresse publique (SITE_URL, ou site_url dans conf.py) : ni lien "
            "canonique, ni og:url, ni sitemap.xml ; make pitch et make links la demanderont.\n"
            ) in built.stdout
    assert ("sharing: l’adresse de contact contact@example.org n’est qu’un exemple : mettez la "
            "vraie dans conf.py (contact_email) avant de publier.\n") in built.stdout
    assert len(built.stdout) < 2500, built.stdout


def test_make_speaks_french_and_clean_removes_the_compiled_catalogue() -> None:
    help_text = subprocess.run(["make", "--no-print-directory", "help"], cwd=REPO,
                               capture_output=True, text=True, check=True).stdout
    assert help_text.startswith("Les commandes :\n")
    assert "  make html             Construit le site dans _build/html" in help_text
    dry_run = subprocess.run(["make", "--dry-run", "clean"], cwd=REPO, capture_output=True,
                             text=True, check=True).stdout
    (removal,) = [line for line in dry_run.splitlines() if line.startswith("rm -rf")]
    assert "locale/fr/LC_MESSAGES/sphinx.mo" in removal.split()
