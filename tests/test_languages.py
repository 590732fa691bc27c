"""The language rules in real builds: locutions, English, the words the extension writes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warnings(app: SphinxTestApp) -> list[str]:
    """The warnings, without colours, with paths relative to the source folder."""
    return ANSI.sub("", app.warning.getvalue()).replace(f"{app.srcdir}/", "").splitlines()


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


@pytest.mark.sphinx("html", testroot="locutions", confoverrides={"glossary_locutions": ["à la marge", ""]})
def test_bad_locutions_warn_and_are_ignored(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app)[0] == (
        "conf.py:4: WARNING: glossary_locutions must be a list of expressions, "
        "not ['à la marge', '']; ignored [glossary.config]"
    )
    assert links(app, "index").count("marge") == 4
