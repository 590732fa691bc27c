"""glossary_ext on prose written by others: excerpts of real Sphinx projects.

Each root under ``tests/roots/test-real-*`` holds a few sentences, verbatim or
shortened, where the field test (Symfony2's French documentation, Sphinx's own)
found the extension right or wrong; its README names the source and licence.
The expectations are what a reader of those pages needs: each test failed
on the extension the field test met.
"""

from __future__ import annotations

from shutil import copytree
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from conftest import warnings

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

ADDED = ".glossary-tip, .glossary-backlinks, .glossary-letters"


def main(path: Path) -> BeautifulSoup:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for added in soup.select(ADDED):
        added.decompose()
    return soup.select_one("[role=main]")


def links(app: SphinxTestApp, page: str) -> list[tuple[str, str]]:
    """(text, target) of the automatic links of a page, in order."""
    found = main(app.outdir / f"{page}.html").select("a:has(> .glossary-link)")
    return [(" ".join(a.get_text().split()), a["href"].partition("#")[2]) for a in found]


def marked(app: SphinxTestApp, page: str) -> str:
    """The page's text, each automatic link as [text] and each {term} link as {text}."""
    body = main(app.outdir / f"{page}.html")
    for term in body.select(".std-term"):
        text = term.get_text()
        term.string = f"[{text}]" if "glossary-link" in term["class"] else f"{{{text}}}"
    return " ".join(body.get_text().split())


# -- French: Symfony2's documentation ------------------------------------------------


@pytest.mark.sphinx("html", testroot="real-symfony-fr")
def test_symfony_builds_without_warnings(app: SphinxTestApp) -> None:
    # Every term is used; "Conteneur de services" and "Injection de Dépendance"
    # only through the forms the prose really writes (test below).
    app.build()
    assert warnings(app) == []


@pytest.mark.sphinx("html", testroot="real-symfony-fr")
def test_symfony_en_action_is_not_the_term_action(app: SphinxTestApp) -> None:
    """ "voir en action" is a fixed expression; "cette action" is a controller's action."""
    app.build()
    text = marked(app, "validation")
    assert "de la voir en action." in text
    assert "de le voir en action." in text
    assert "pointe vers cette [action] pour voir" in text
    assert links(app, "validation") == [
        ("action", "term-Action"), ("contrôleur", "term-Controleur"),
    ]


@pytest.mark.sphinx("html", testroot="real-symfony-fr")
def test_symfony_paths_are_not_terms(app: SphinxTestApp) -> None:
    """The folder `vendor/` and "/vendor" name a path; « vendors » the libraries."""
    app.build()
    text = marked(app, "installation")
    assert "dans le répertoire vendor/ de votre projet" in text
    assert "dans un répertoire /vendor :" in text
    assert links(app, "installation") == [("vendors", "term-Vendor")]


@pytest.mark.sphinx("html", testroot="real-symfony-fr")
def test_symfony_complement_of_a_compound_keeps_its_own_number(app: SphinxTestApp) -> None:
    """ "conteneur de service" is "Conteneur de services"; "Injection de Dépendances" too.

    In a French compound "nom de nom", the complement is singular or plural
    whatever the number of the head; the prose writes both (73 times in the
    manual). Its last word must never link a shorter term instead.
    """
    app.build()
    assert links(app, "conteneur") == [
        ("service", "term-Service"),
        ("conteneur de service", "term-Conteneur-de-services"),
        ("conteneur de service", "term-Conteneur-de-services"),
        ("Injection de Dépendances", "term-Injection-de-Dependance"),
        ("contrôleurs frontaux", "term-Controleur-frontal"),
    ]


@pytest.mark.sphinx("html", testroot="real-symfony-fr")
def test_symfony_a_term_linked_by_hand_gets_no_second_link(app: SphinxTestApp) -> None:
    """The author linked "bundle" by hand in this paragraph: no automatic link beside it."""
    app.build()
    assert "vous devez créer un bundle. Dans Symfony2, un {bundle} est comme un plugin" in (
        marked(app, "creation")
    )
    assert links(app, "creation") == []


# -- English: Sphinx's documentation -------------------------------------------------


@pytest.mark.sphinx("html", testroot="real-sphinx-doc")
def test_sphinx_doc_english_plurals_link_their_term(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == []
    assert links(app, "adding_domain")[:3] == [
        ("roles", "term-role"), ("directives", "term-directive"), ("domains", "term-domain"),
    ]
    assert links(app, "extdev")[0] == ("builders", "term-builder")


@pytest.mark.sphinx("html", testroot="real-sphinx-doc")
def test_sphinx_doc_a_term_linked_by_hand_gets_no_second_link(app: SphinxTestApp) -> None:
    """ "A recipe {domain}, which allows us to tie together the above role and domain"."""
    app.build()
    assert "tie together the above role and domain, along with" in marked(app, "adding_domain")
    assert [text for text, _ in links(app, "adding_domain")][3:] == ["extension"]


@pytest.mark.sphinx("html", testroot="real-sphinx-doc")
def test_sphinx_doc_hyphenated_and_possessive(app: SphinxTestApp) -> None:
    """ "non-domain role" never links "domain"; "extension's" links "extension"."""
    app.build()
    text = marked(app, "quickstart")
    assert "{domain}'s [roles] including :ref:" in text.replace("\u2019", "'")
    assert "as that is non-domain role." in text
    assert links(app, "quickstart") == [("roles", "term-role")]
    ((text, target),) = [link for link in links(app, "extdev") if link[1] == "term-extension"]
    assert text.startswith("extension") and "your [extension" in marked(app, "extdev")


# -- Both: the extension adds links, never text -------------------------------------


@pytest.mark.parametrize("root", ["real-symfony-fr", "real-sphinx-doc"])
def test_real_prose_reads_the_same(
    root: str, make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    texts = []
    for extensions in ([], ["glossary_ext"]):
        src = tmp_path / ("with" if extensions else "without")
        copytree(rootdir / f"test-{root}", src)
        app = make_app("html", srcdir=src, confoverrides={"extensions": extensions})
        app.build()
        texts.append({page.name: " ".join(main(page).get_text().split())
                      for page in sorted(app.outdir.glob("*.html"))
                      if page.name not in {"genindex.html", "search.html"}})
    without, with_ = texts
    assert without.keys() == with_.keys() and len(without) > 3
    assert without == with_
