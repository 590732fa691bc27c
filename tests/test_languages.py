"""The language rules in real builds: locutions, English, the words the extension writes."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from conftest import warnings

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

def links(app: SphinxTestApp, page: str) -> list[str]:
    """The text of the automatic links of a page, in order."""
    soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return [a.get_text() for a in soup.select("[role=main] a:has(> .glossary-link)")]


@pytest.mark.sphinx("html", testroot="locutions")
def test_no_term_inside_a_locution_the_language_s_or_the_site_s(app: SphinxTestApp) -> None:
    app.build()
    # A term seen only inside locutions is used nowhere.
    assert warnings(app) == [
        "lexique.rst:9: WARNING: term 'Fonction' is defined but used nowhere [glossary.unused]",
    ]
    # "cas" three times in locutions, once as the term; "marge" in two of the
    # site's own locutions; "fonction" only in "en fonction du".
    assert links(app, "index") == ["cas", "marge", "marge", "Ebauche", "ébauche"]


@pytest.mark.sphinx("html", testroot="locutions", confoverrides={"glossary_locutions": []})
def test_without_the_site_s_locutions(app: SphinxTestApp) -> None:
    app.build()
    assert links(app, "index") == [
        "cas", "marge", "marge", "marge", "marge", "Ebauche", "ébauche",
    ]


@pytest.mark.sphinx(
    "html", testroot="locutions", confoverrides={"glossary_locutions": ["à la marge", ""]}
)
def test_bad_locutions_warn_and_are_ignored(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app)[0] == (
        "conf.py:4: WARNING: glossary_locutions must be a list of expressions, "
        "not ['à la marge', '']; ignored [glossary.config]"
    )
    assert links(app, "index").count("marge") == 4


@pytest.mark.sphinx("html", testroot="english")
def test_english_plurals_possessives_and_heads_in_a_build(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == []
    assert links(app, "usage") == [
        "builders", "directives", "roles", "team’s", "users",
        "user stories", "points of view", "APIs", "indices", "data",
    ]


@pytest.mark.sphinx("html", testroot="english")
def test_english_texts(app: SphinxTestApp) -> None:
    app.build()
    page = BeautifulSoup((app.outdir / "glossary.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("nav.glossary-letters")["aria-label"] == "Glossary initials"
    assert page.select_one(".glossary-backlinks").get_text().startswith("Used in: Usage (")


@pytest.mark.parametrize(
    ("language", "used_in", "letters"),
    [
        ("fr", "Utilisé dans\u00a0: ", "Initiales du glossaire"),
        ("fr_CA", "Utilisé dans\u00a0: ", "Initiales du glossaire"),
        ("de", "Used in: ", "Glossary initials"),  # no texts of its own: English
    ],
)
def test_texts_follow_the_language(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path,
    language: str, used_in: str, letters: str,
) -> None:
    shutil.copytree(rootdir / "test-english", tmp_path / "src")
    app = make_app("html", srcdir=tmp_path / "src", confoverrides={"language": language})
    app.build()
    page = BeautifulSoup((app.outdir / "glossary.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("nav.glossary-letters")["aria-label"] == letters
    assert page.select_one(".glossary-backlinks").get_text().startswith(used_in)
