"""Automatic links in real builds: where they go, and where they never go."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from conftest import warnings

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


def links(app: SphinxTestApp, page: str) -> list[tuple[str, str]]:
    """(text, href) of the automatic links of a page, in order."""
    soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return [(a.get_text(), a["href"]) for a in soup.select("[role=main] a:has(> .glossary-link)")]


def hand_links(app: SphinxTestApp, page: str) -> list[str]:
    soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return [a.get_text() for a in soup.select("[role=main] a > .std-term:not(.glossary-link)")]


def visible_text(path: Path) -> str:
    """The page's text, without what the extension adds on purpose (tests of their own)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for added in soup.select(".glossary-tip, .glossary-backlinks"):
        added.decompose()
    return " ".join(soup.select_one("body").get_text().split())


@pytest.mark.sphinx("html", testroot="autolink-rst")
def test_rst_links_first_occurrence_per_section(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert links(app, "index") == [
        ("apprentissage", "lexique.html#term-Apprentissage"),
        ("apprentissages", "lexique.html#term-Apprentissage"),
        ("leviers d’action", "lexique.html#term-Levier-d-action"),
        ("signaux faibles", "lexique.html#term-Signal-faible"),
        ("amélioration continue", "lexique.html#term-Amelioration-continue"),
        ("amélioration", "lexique.html#term-Amelioration"),
        ("auto-organisation", "lexique.html#term-Auto-organisation"),
        # "l’organisation" is not linked: the author linked the term by hand
        # further in the section, the section's one link.
        ("DSI", "lexique.html#term-DSI"),
    ]
    assert hand_links(app, "index") == ["Organisation"]
    # {noterm}: its text, and nothing around it.
    page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select(".noterm") == []
    assert "et amélioration gardée." in page.get_text()


@pytest.mark.sphinx("html", testroot="autolink-rst")
def test_rst_page_switch_and_own_entry(app: SphinxTestApp) -> None:
    app.build()
    assert links(app, "equipe") == []
    assert hand_links(app, "equipe") == ["sens"]
    # In the lexicon, a definition links other terms, never its own.
    assert [text for text, _ in links(app, "lexique")] == [
        "amélioration", "organisation",
    ]


@pytest.mark.sphinx("html", testroot="autolink-myst")
def test_myst_links_across_lines_and_skips_cards_buttons_code(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert links(app, "index") == [
        ("amélioration\ncontinue", "lexique.html#term-Amelioration-continue"),
        ("grille de lecture", "lexique.html#term-Grille-de-lecture"),
        ("apprentissage", "lexique.html#term-Apprentissage"),
    ]
    assert links(app, "equipe") == []
    assert hand_links(app, "equipe") == ["sens"]


@pytest.mark.parametrize("root", ["autolink-rst", "autolink-myst"])
def test_visible_text_is_unchanged(make_app, root: str, rootdir: Path, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(rootdir / f"test-{root}", tmp_path / "src")
    with_links = make_app("html", srcdir=tmp_path / "src")
    with_links.build()
    (tmp_path / "src" / "conf.py").write_text(
        (tmp_path / "src" / "conf.py").read_text() + "\nglossary_skip_docs = ['**']\n"
    )
    without = make_app("html", srcdir=tmp_path / "src", builddir=tmp_path / "without")
    without.build(force_all=True)
    for page in ("index", "lexique"):
        linked = visible_text(with_links.outdir / f"{page}.html")
        plain = visible_text(without.outdir / f"{page}.html")
        assert linked == plain
        assert links(without, page) == []


SCOPE_SOURCE = """\
Titre
=====

Le sens, encore le sens.

Et le sens ici.

Partie
------

Le sens, le sens.
"""


@pytest.mark.parametrize(("scope", "expected"), [
    ("paragraph", 3),  # once in each of the three paragraphs
    ("section", 2),  # once in the page's top section, once in "Partie"
    ("page", 1),
    ("all", 5),
])
def test_link_scope(make_app, tmp_path: Path, scope: str, expected: int) -> None:
    (tmp_path / "conf.py").write_text(
        f'extensions = ["glossary_ext"]\nlanguage = "fr"\nglossary_link_scope = "{scope}"\n'
    )
    (tmp_path / "index.rst").write_text(
        SCOPE_SOURCE + "\n.. glossary::\n\n   Sens\n      Une direction.\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert len(links(app, "index")) == expected


def test_term_options_variants_and_inflection(make_app, tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text(
        'extensions = ["glossary_ext"]\nlanguage = "fr"\nglossary_link_scope = "all"\n'
        'glossary_terms = {"DSI": {"variants": ["DSIs", "directions informatiques"]},\n'
        '                  "Bureau": {"inflect": False}}\n', encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text(
        "Titre\n=====\n\nLa DSI, les DSIs, les directions informatiques.\n"
        "Un bureau, des bureaux.\n\n.. glossary::\n\n   DSI\n      La direction.\n\n"
        "   Bureau\n      Une pièce.\n", encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert [text for text, _ in links(app, "index")] == [
        "DSI", "DSIs", "directions informatiques", "bureau",
    ]


@pytest.mark.sphinx("html", testroot="not-linked")
def test_roles_field_names_and_classifiers_are_not_prose(app: SphinxTestApp) -> None:
    """No link in :param: names, :command:, :program:, :guilabel:, :menuselection:,
    :abbr:, classifiers, a bibliography's citations; a link in the ``only`` that
    the build keeps."""
    app.build()
    assert links(app, "index") == [
        ("valeur", "lexique.html#term-Valeur"),  # "Mesure une valeur."
        ("valeur", "lexique.html#term-Valeur"),  # the parameter's description
        ("valeur", "lexique.html#term-Valeur"),  # inside ``only:: html``
        # A variant never takes another term's own name.
        ("dette technique", "lexique.html#term-Dette-technique"),
        ("sens partagé", "lexique.html#term-Sens-partage"),
    ]
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "En LaTeX" not in html


@pytest.mark.sphinx("html", testroot="not-linked")
def test_a_variant_that_is_another_terms_name_warns(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == [
        "lexique.rst:9: WARNING: terms 'Dette technique' and 'Sens partagé' both match "
        "'dette technique'; it links to 'Dette technique' [glossary.collision]",
        "lexique.rst:9: WARNING: terms 'Valeur' and 'Sens partagé' both match 'valeurs'; "
        "it links to 'Valeur' [glossary.collision]",
    ]


@pytest.mark.sphinx("html", testroot="page-scope")
def test_a_page_sets_its_own_scope(app: SphinxTestApp) -> None:
    """Front matter (MyST) or a field (rST); a bad value warns at its line."""
    app.build()
    assert warnings(app) == [
        "mauvais.rst:1: WARNING: glossary_link_scope must be one of paragraph, section, page, "
        "all, not 'chapitre'; using the site's 'section' [glossary.config]",
    ]
    assert len(links(app, "index")) == 1  # "page": once, sections included
    assert len(links(app, "tous")) == 2  # "all"
    assert len(links(app, "mauvais")) == 2  # the site's "section"


@pytest.mark.sphinx("html", testroot="changed-page")
def test_a_page_changed_after_its_scan_is_matched_again(app: SphinxTestApp) -> None:
    """Links are made from the scan's decisions while the page is as scanned;
    the matcher, released after the scan, is made again for the page that changed."""
    app.build()
    assert [text for text, _ in links(app, "index")] == ["cap", "cap", "cap"]
    assert "matcher" in vars(app.env.domains["glossary"].lexicon)


def test_the_matcher_is_released_once_the_pages_are_scanned(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """Its memory (some 10 MB for 5,000 terms) is free while the pages are written."""
    from glossary_ext._matcher import _fold

    app = make_app("html", srcdir=rootdir / "test-reading-order", builddir=tmp_path)
    app.build()
    assert links(app, "index") == [("sens", "lexique.html#term-Sens")]
    assert "matcher" not in vars(app.env.domains["glossary"].lexicon)
    assert _fold.cache_info().currsize == 0


@pytest.mark.parametrize("changed", [False, True])
def test_the_first_occurrence_a_reader_meets_and_the_author_s_own_link(
    make_app, rootdir: Path, tmp_path: Path, changed: bool
) -> None:
    """Text is linked in reading order: an emphasized first "sens" before the plain
    one after it. A {term} written by hand is its paragraph's link wherever it
    stands: the "cap" before it gets none. The same when the page is matched
    again as it is written (changed after its scan)."""
    app = make_app("html", srcdir=rootdir / "test-reading-order", builddir=tmp_path,
                   confoverrides={"change_after_scan": changed})
    app.build()
    assert app.warning.getvalue() == ""
    assert links(app, "index") == [("sens", "lexique.html#term-Sens")]
    assert hand_links(app, "index") == ["cap"]
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("[role=main] em a .glossary-link").get_text() == "sens"
    assert ("Avant tout." in soup.get_text()) is changed
    # The author's link is a use of the term: "Utilisé dans" lists the page.
    lexicon = BeautifulSoup((app.outdir / "lexique.html").read_text(encoding="utf-8"), "html.parser")
    assert [p.get_text() for p in lexicon.select(".glossary-backlinks")] == [
        "Utilisé dans\xa0: Accueil.", "Utilisé dans\xa0: Accueil.",
    ]


@pytest.mark.sphinx("html", testroot="reading-order")
def test_definitions_find_the_links_without_a_walk_where_none_is_by_hand(
    app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runs AutoLink made are all of a page's glossary links when it met no
    {term}: add_definitions walks only the pages with one (here, index)."""
    from docutils import nodes

    from glossary_ext import _tooltips

    walked = set()
    is_link = _tooltips._is_link

    def counted(node):
        root = node
        while root.parent is not None:
            root = root.parent
        if isinstance(root, nodes.document):
            walked.add(root["source"].rpartition("/")[2])
        return is_link(node)

    monkeypatch.setattr(_tooltips, "_is_link", counted)
    app.build()
    assert walked == {"index.rst"}
    tips = BeautifulSoup((app.outdir / "lexique.html").read_text(encoding="utf-8"),
                         "html.parser").select(".glossary-tip")
    assert [tip["id"] for tip in tips] == ["term-Sens--1"]  # "sens" in the definition of "cap"


@pytest.mark.parametrize("root", ["autolink-rst", "definitions"])
def test_a_translator_of_its_own_gets_the_same_links(
    make_app, root: str, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In HTML a run of linked text is one node, and so is « Utilisé dans »,
    each written at once; a theme's translator that writes links its own way
    gets the reference nodes. Same pages."""
    from sphinx.writers.html5 import HTML5Translator

    from glossary_ext import _lexicon
    from glossary_ext._tooltips import glossary_text

    class Theirs(HTML5Translator):
        def visit_reference(self, node) -> None:
            super().visit_reference(node)

    expanded = []
    expand, references = glossary_text.expand, _lexicon._references
    monkeypatch.setattr(glossary_text, "expand",
                        lambda node, *args: expanded.append(node) or expand(node, *args))
    monkeypatch.setattr(_lexicon, "_references",
                        lambda *args: expanded.append(args) or references(*args))
    ours = make_app("html", srcdir=rootdir / f"test-{root}", builddir=tmp_path / "ours")
    ours.build()
    assert expanded == []
    theirs = make_app("html", srcdir=rootdir / f"test-{root}", builddir=tmp_path / "theirs")
    theirs.set_translator("html", Theirs, override=True)
    theirs.build()
    assert {type(node) for node in expanded} == {glossary_text, tuple}  # runs and backlinks
    pages = sorted(path.name for path in ours.outdir.glob("*.html"))
    assert pages == sorted(path.name for path in theirs.outdir.glob("*.html"))
    for page in pages:
        assert (ours.outdir / page).read_text() == (theirs.outdir / page).read_text(), page


def test_a_translator_that_writes_paragraphs_its_own_way_writes_used_in(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """« Utilisé dans » is written as docutils writes a paragraph, without a
    node made for it; a translator that writes paragraphs its own way is given
    one. Same pages."""
    from sphinx.writers.html5 import HTML5Translator

    given = []

    class Theirs(HTML5Translator):
        def visit_paragraph(self, node) -> None:
            given.append(node["classes"])
            super().visit_paragraph(node)

    ours = make_app("html", srcdir=rootdir / "test-definitions", builddir=tmp_path / "ours")
    ours.build()
    theirs = make_app("html", srcdir=rootdir / "test-definitions", builddir=tmp_path / "theirs")
    theirs.set_translator("html", Theirs, override=True)
    theirs.build()
    assert ["glossary-backlinks"] in given
    pages = sorted(path.name for path in ours.outdir.glob("*.html"))
    for page in pages:
        assert (ours.outdir / page).read_text() == (theirs.outdir / page).read_text(), page


def test_a_page_is_scanned_as_it_is_written(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan sees the page after every transform: a parameter's description
    (unwrapped by Sphinx at the last transform, after doctree-read) is linked from
    the scan's decisions, not matched a second time as the page is written."""
    from glossary_ext._matcher import Matcher

    (tmp_path / "conf.py").write_text('extensions = ["glossary_ext"]\nlanguage = "fr"\n')
    (tmp_path / "index.rst").write_text(
        "Titre\n=====\n\n.. py:function:: lire(sens)\n\n   Lire.\n\n"
        "   :param sens: le sens de la lecture.\n\n"
        ".. glossary::\n\n   Sens\n      Une direction.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path)
    writing = []
    app.connect("env-updated", lambda app, env: writing.append(True), priority=999)
    finditer = Matcher.finditer
    matched_while_writing = []

    def counting(self, text):
        if writing:
            matched_while_writing.append(text)
        return finditer(self, text)

    monkeypatch.setattr(Matcher, "finditer", counting)
    app.build()
    assert warnings(app) == []
    assert ("sens", "#term-Sens") in links(app, "index")
    assert matched_while_writing == []
