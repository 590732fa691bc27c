"""Definitions in place, "where used" backlinks, and a lexicon in French order."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from glossary_ext._lexicon import glossary_backlinks, sort_key
from glossary_ext._tooltips import glossary_text, summary

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


def soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def test_french_order_ignores_accents_and_case() -> None:
    words = ["équipe", "Enjeu", "énergie", "embarquer", "élan", "Œuvre", "oeil", "Zèbre", "été"]
    assert sorted(words, key=sort_key) == [
        "élan", "embarquer", "énergie", "Enjeu", "équipe", "été", "oeil", "Œuvre", "Zèbre",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("Court.", "Court."),
    ("Une   définition\nsur deux lignes.", "Une définition sur deux lignes."),
    ("Ce que l’équipe découvre. Nous le considérons comme nécessaire.", "Ce que l’équipe découvre."),
    ("Vraiment ? Oui.", "Vraiment ?"),
    ("Des notes, etc. et la suite. « Une citation. »", "Des notes, etc. et la suite."),
    ("La version 2.0 suit. Puis la 3.", "La version 2.0 suit."),
    ("mot " * 100, ("mot " * 50).strip() + "…"),
    ("Une liste : " + "mot, " * 40 + "fin.", "Une liste : " + "mot, " * 36 + "mot…"),
])
def test_definitions_in_place_are_their_first_sentence(text: str, expected: str) -> None:
    assert summary(text) == expected
    assert len(summary(text)) <= 201


# The definition as a reader sees it, smart quotes included: text, never markup.
# Its inline HTML is for the lexicon page, not for the definition in place.
# Smart quotes put no-break spaces inside « »: the definition in place keeps them.
DANGER = "Un alert(«\xa0x\xa0») & des “apostrophes” et des «\xa0guillemets\xa0» gras."


@pytest.mark.sphinx("html", testroot="tooltips")
def test_definitions_are_escaped_text_tied_to_their_link(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>gras" not in html and "&amp; des" in html
    page = soup(app, "index")
    terms = page.select("[role=main] .glossary-term")
    assert [t.a.get_text() for t in terms] == ["danger", "enjeu", "énergie", "équipe"]
    danger = terms[0]
    tip = danger.select_one(".glossary-tip")
    assert danger.a["aria-describedby"] == tip["id"] and tip["role"] == "tooltip"
    assert tip.get_text() == DANGER
    # Its first sentence only: the whole entry is one click away.
    assert terms[2].select_one(".glossary-tip").get_text() == "Ce dont une équipe dispose pour travailler."
    assert len({t.select_one(".glossary-tip")["id"] for t in terms}) == len(terms)


@pytest.mark.sphinx("html", testroot="tooltips")
def test_hand_written_term_links_get_definitions_too(app: SphinxTestApp) -> None:
    app.build()
    terms = soup(app, "pages/premiere").select("[role=main] .glossary-term")
    assert [t.a.get_text() for t in terms] == ["enjeu", "enjeu", "énergie", "danger"]
    assert terms[1].select_one(".std-term:not(.glossary-link)")  # the {term} one
    assert all(t.select_one(".glossary-tip").get_text() for t in terms)


def backlinks(app: SphinxTestApp) -> dict[str, list[tuple[str, str]]]:
    """Each lexicon entry's "Utilisé dans :" links, as (text, href)."""
    found = {}
    for dd in soup(app, "lexique").select("dl.glossary > dd"):
        para = dd.select_one(".glossary-backlinks")
        term = dd.find_previous_sibling("dt").get_text().rstrip("¶").strip()
        found[term] = [(a.get_text(), a["href"]) for a in para.select("a")] if para else []
        assert para is None or para.get_text().startswith("Utilisé dans\u00a0: ")
    return found


EXPECTED_BACKLINKS = {
    "Danger": [
        ("Accueil", "index.html"),
        ("Première page", "pages/premiere.html"),
        ("Deuxième section", "pages/premiere.html#deuxieme-section"),
    ],
    "Énergie": [
        ("Accueil", "index.html"),
        ("Première page", "pages/premiere.html"),
        ("Deuxième section", "pages/premiere.html#deuxieme-section"),
    ],
    "Enjeu": [
        ("Accueil", "index.html"),
        ("Première page", "pages/premiere.html"),
        ("Deuxième section", "pages/premiere.html#deuxieme-section"),
    ],
    "Équipe": [("Accueil", "index.html")],
}


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
def test_backlinks_in_reading_order_without_duplicates(
    make_app: Callable, rootdir: Path, tmp_path: Path, parallel: int
) -> None:
    shutil.copytree(rootdir / "test-tooltips", tmp_path / "src")
    app = make_app("html", srcdir=tmp_path / "src", parallel=parallel)
    app.build()
    assert backlinks(app) == EXPECTED_BACKLINKS


@pytest.mark.sphinx("html", testroot="tooltips")
def test_what_links_are_made_of_is_kept_once(app: SphinxTestApp) -> None:
    """The text of a link is one string for every page that says it, and a
    run of linked text holds the scan's own links; « Utilisé dans » holds
    only its entry until it is written, since Sphinx keeps every page until
    it is written and docutils may keep the lexicon's page for the rest of
    the build."""
    app.build()
    said: dict[str, list[str]] = {}
    scanned = app.env.domains["glossary"].data["runs"]
    for runs in scanned.values():
        for links in runs.links.values():
            for *_, word in links:
                said.setdefault(word, []).append(word)
    assert len(said["enjeu"]) > 1
    assert all(word is words[0] for words in said.values() for word in words)

    doctree = app.env.get_and_resolve_doctree("index", app.builder, tags=app.tags)
    runs = list(doctree.findall(glossary_text))
    assert runs and {id(run.links) for run in runs} <= {
        id(links) for links in scanned["index"].links.values()
    }
    doctree = app.env.get_and_resolve_doctree("lexique", app.builder, tags=app.tags)
    written = list(doctree.findall(glossary_backlinks))
    assert written and all(node.docname == "lexique" for node in written)
    assert not [value for node in written for value in vars(node).values()
                if isinstance(value, (tuple, list, dict))]
    app.builder.write_doc("lexique", doctree)
    assert soup(app, "lexique").select(".glossary-backlinks a")


@pytest.mark.sphinx("html", testroot="tooltips")
def test_lexicon_is_sorted_the_french_way_with_letters(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "lexique")
    assert [dt.get_text().rstrip("¶").strip() for dt in page.select("dl.glossary > dt")] == [
        "Danger", "Énergie", "Enjeu", "Équipe",
    ]
    letters = page.select(".glossary-letters a")
    assert [(a.get_text(), a["href"]) for a in letters] == [
        ("D", "#term-Danger"), ("E", "#term-Energie"),
    ]


def test_sorting_leaves_a_list_inside_a_definition_as_written(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """The entries are sorted; a definition list inside one of them is the author's."""
    (tmp_path / "conf.py").write_text('extensions = ["glossary_ext"]\nlanguage = "fr"\n')
    (tmp_path / "index.rst").write_text(
        "Lexique\n=======\n\n.. glossary::\n   :sorted:\n\n"
        "   Zèbre\n      Un animal, en deux temps :\n\n"
        "      Ordre\n         Le premier.\n      Autre\n         Le second.\n\n"
        "   Abeille\n      Un insecte.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path)
    app.build()
    page = soup(app, "index")
    assert [dt.get_text().rstrip("¶").strip() for dt in page.select("dl.glossary > dt")] == [
        "Abeille", "Zèbre",
    ]
    assert [dt.get_text() for dt in page.select("dl.glossary dd dl > dt")] == ["Ordre", "Autre"]


@pytest.mark.sphinx("html", testroot="two-glossaries")
def test_entries_are_keyed_by_document_and_anchor(app: SphinxTestApp) -> None:
    """Entries "rôle" and "role", "C++" and "C" share anchors on two pages; "Équipe" is
    defined twice: each link, its definition and its backlink agree."""
    app.build()
    assert app.warning.getvalue().count("WARNING") == 3  # duplicate, unused, collision
    terms = soup(app, "index").select("[role=main] .glossary-term")
    assert [(t.a.get_text(), t.a["href"], t.select_one(".glossary-tip").get_text())
            for t in terms] == [
        ("rôle", "g1.html#term-role", "Une fonction tenue dans une équipe."),
        ("role", "g2.html#term-role", "An attribute in Sphinx."),
        ("C++", "g1.html#term-C", "Un langage, plus que C++ ne le dit."),
        ("C", "g2.html#term-C", "Un langage plus ancien."),
        # Automatic and {term} alike: where Sphinx sends the name defined twice.
        ("équipe", "g2.html#term-Equipe", "Une autre définition du même terme."),
        ("équipe", "g2.html#term-Equipe", "Une autre définition du même terme."),
    ]
    # C++ is not linked in its own definition.
    assert [a.get_text() for a in soup(app, "g1").select("[role=main] .glossary-term > a")] == [
        "équipe"
    ]
    used = {
        (page, dd.find_previous_sibling("dt").get_text().rstrip("¶").strip()):
            [a["href"] for a in dd.select(".glossary-backlinks a")]
        for page in ("g1", "g2") for dd in soup(app, page).select("dl.glossary > dd")
    }
    assert used == {
        ("g1", "rôle"): ["index.html"], ("g1", "C++"): ["index.html"], ("g1", "Équipe"): [],
        ("g2", "role"): ["index.html"], ("g2", "C"): ["index.html"],
        ("g2", "Équipe"): ["index.html", "g1.html"],
    }


@pytest.mark.sphinx("html", testroot="backlink-titles")
def test_backlinks_use_the_titles_sphinx_knows(app: SphinxTestApp) -> None:
    """A paragraph before the title, a later top-level section, a page without a title."""
    app.build()
    assert backlinks(app) == {"Cap": [
        ("Le titre", "avant.html"),
        ("Plus loin", "avant.html#plus-loin"),
        ("sans-titre", "sans-titre.html"),
    ]}


@pytest.mark.sphinx("html", testroot="definitions", confoverrides={"suppress_warnings": ["misc"]})
def test_definitions_in_place_are_the_text_a_reader_sees(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "index")
    tips = {t.a.get_text(): t.select_one(".glossary-tip").get_text()
            for t in page.select("[role=main] .glossary-term")}
    assert tips == {
        "note": "Une remarque en marge.",  # no footnote number
        "formule": "L’énergie vaut … selon Einstein.",  # no LaTeX source
        "avis": "Selon M. Dupont et J. Martin, un jugement.",  # not cut at "M."
        "erreur": "Ce qui arrive.",  # not docutils' error report
        "contrôle": "Un Ctrl tenu, du texte gras.",  # MyST inline HTML: its text
    }
    # A definition that opens with a table has no text in place: still a link.
    assert [a.get_text() for a in page.select("[role=main] a:has(> .glossary-link)")].count(
        "tableau") == 1
    assert "tableau" not in tips


@pytest.mark.sphinx("html", testroot="definitions", confoverrides={"suppress_warnings": ["misc"]})
def test_definition_ids_never_clash_with_headings(app: SphinxTestApp) -> None:
    """A heading "Glossary tip 1" gets the id that counters once gave definitions."""
    app.build()
    ids = [tag["id"] for tag in soup(app, "index").select("[id]")]
    assert "glossary-tip-1" in ids
    assert len(ids) == len(set(ids))
    for term in soup(app, "index").select(".glossary-term"):
        assert term.a["aria-describedby"] == term.select_one(".glossary-tip")["id"]


@pytest.mark.sphinx("html", testroot="definitions", confoverrides={"suppress_warnings": ["misc"]})
def test_backlinks_stay_out_of_the_search_index(app: SphinxTestApp) -> None:
    """« Utilisé dans » names pages and sections: a search for one finds it, not the lexicon."""
    app.build()
    assert "Accueil (Glossary tip 1, Questions & <réponses>)." in soup(app, "lexique").get_text()
    script = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    docs = index["docnames"]

    def found(stem: str, table: str = "terms") -> set[str]:
        where = index[table].get(stem, [])
        return {docs[n] for n in ([where] if isinstance(where, int) else where)}

    # The home page's title and a section's, both named in the lexicon's « Utilisé dans ».
    assert found("question", "titleterms") == found("accueil", "titleterms") == {"index"}
    assert "lexique" not in found("question") | found("répons") | found("accueil")
    assert found("jug") == {"lexique"}  # what an entry says stays: « un jugement »


def test_definitions_in_place_are_linear_in_the_links_of_a_paragraph(
    make_app: Callable, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each link once wrapped by replace_self, which looks for it among its siblings:
    quadratic. Counted, not timed: no sibling is ever looked for."""
    from docutils import nodes

    (tmp_path / "conf.py").write_text(
        'extensions = ["glossary_ext"]\nlanguage = "fr"\nglossary_link_scope = "all"\n'
    )
    (tmp_path / "index.rst").write_text(
        "Titre\n=====\n\n" + "Un cap, " * 3000 + "fin.\n\n.. glossary::\n\n   Cap\n      Un but.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path)
    calls = {"index": 0}
    index = nodes.Element.index

    def counted(self: nodes.Element, *args: object) -> int:
        calls["index"] += 1
        return index(self, *args)

    monkeypatch.setattr(nodes.Element, "index", counted)
    app.build()
    assert len(soup(app, "index").select(".glossary-term")) == 3000
    assert calls["index"] < 100
