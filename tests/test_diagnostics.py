"""Bad input warns, with a file and a line, as type ``glossary``: never a crash."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conftest import warnings

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

@pytest.mark.sphinx("html", testroot="diagnostics")
def test_terms_unused_colliding_or_common(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == [
        "WARNING: glossary_terms names 'inconnu', which no glossary defines [glossary.config]",
        "lexique.rst:9: WARNING: term 'Oubli' is defined but used nowhere [glossary.unused]",
        "lexique.rst:15: WARNING: term 'Travaux' is defined but used nowhere [glossary.unused]",
        # A term's own name wins over another's plural.
        "lexique.rst:12: WARNING: terms 'Travaux' and 'Travail' both match 'travaux'; "
        "it links to 'Travaux' [glossary.collision]",
        "lexique.rst:6: WARNING: term 'Sens' appears in 2 of 3 pages (glossary_common_share = "
        "0.5): it may be an ordinary word; consider glossary_terms = {'Sens': {'autolink': False}} "
        "[glossary.common]",
    ]


@pytest.mark.sphinx("html", testroot="diagnostics", confoverrides={
    "suppress_warnings": ["glossary.unused", "glossary.collision", "glossary.common",
                          "glossary.config"],
})
def test_warnings_can_be_suppressed_by_subtype(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == []


BAD_CONFIG = {
    "glossary_link_scope": ("chapitre", "glossary_link_scope must be one of paragraph, section, "
                            "page, all, not 'chapitre'; using 'section'"),
    "glossary_common_share": (1.5, "glossary_common_share must be a number above 0 and at "
                              "most 1, not 1.5; using 0.75"),
    "glossary_common_min_pages": (0, "glossary_common_min_pages must be a whole number of at "
                                  "least 1, not 0; using 20"),
    "glossary_skip_docs": ([3], "glossary_skip_docs must be a list of document patterns, "
                           "not [3]; ignored"),
    "glossary_terms": ({"Sens": {"autolinks": False}}, "glossary_terms['Sens']: unknown option "
                       "'autolinks' (known: variants, inflect, autolink); ignored"),
}


@pytest.mark.parametrize("name", BAD_CONFIG)
def test_bad_configuration_values_warn_at_their_line(make_app, name: str, tmp_path) -> None:
    value, message = BAD_CONFIG[name]
    (tmp_path / "conf.py").write_text(
        f'extensions = ["glossary_ext"]\n\n{name} = {value!r}\n', encoding="utf-8"
    )
    (tmp_path / "index.rst").write_text("Titre\n=====\n\nTexte.\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert f"conf.py:3: WARNING: {message} [glossary.config]" in warnings(app)[0]


def test_myst_glossary_warnings_point_at_the_term_line(make_app, tmp_path) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "glossary_ext"]\n')
    (tmp_path / "index.md").write_text(
        "# Lexique\n\nDu texte.\n\n```{glossary}\nOubli\n  Personne ne l'emploie.\n\n"
        "Reste\n  Un autre.\n```\n\nIl en reste.\n", encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert warnings(app) == [
        "index.md:6: WARNING: term 'Oubli' is defined but used nowhere [glossary.unused]"
    ]


@pytest.mark.sphinx("html", testroot="hand-only")
def test_a_term_used_only_by_hand_in_headings_is_used(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == [
        "lexique.rst:12: WARNING: term 'Oubli' is defined but used nowhere [glossary.unused]"
    ]


@pytest.mark.sphinx("html", testroot="common")
def test_common_terms_once_per_term_as_written_relative_to_the_site(app: SphinxTestApp) -> None:
    """"sprint" and "sprints" are one term; "Serveur", in half the pages, is core vocabulary."""
    app.build()
    assert warnings(app) == [
        "lexique.rst:6: WARNING: term 'Sprint' appears in 5 of 6 pages (glossary_common_share = "
        "0.75): it may be an ordinary word; consider glossary_terms = {'Sprint': "
        "{'autolink': False}} [glossary.common]",
        "lexique.rst:9: WARNING: term 'Moniteur SNMP' appears in 5 of 6 pages "
        "(glossary_common_share = 0.75): it may be an ordinary word; consider glossary_terms = "
        "{'Moniteur SNMP': {'autolink': False}} [glossary.common]",
    ]


@pytest.mark.sphinx("html", testroot="common", confoverrides={"glossary_common_min_pages": 20})
def test_common_terms_are_not_judged_on_a_small_site(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == []


@pytest.mark.sphinx("html", testroot="lines")
def test_warnings_point_at_the_term_line_whatever_its_markup(app: SphinxTestApp) -> None:
    """A classifier, inline markup, a MyST glossary with an option."""
    app.build()
    assert sorted(warnings(app)) == [
        "index.rst:13: WARNING: term 'Terme' is defined but used nowhere [glossary.unused]",
        "index.rst:16: WARNING: term 'Gras appuyé' is defined but used nowhere [glossary.unused]",
        "myst.md:11: WARNING: term 'Oubli' is defined but used nowhere [glossary.unused]",
        "myst.md:8: WARNING: term 'Zèbre' is defined but used nowhere [glossary.unused]",
    ]
