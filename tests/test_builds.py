"""Parallel and incremental builds give the same pages as a clean serial build."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

PAGES = ("index", "equipe", "lexique")


def pages(outdir: Path) -> dict[str, bytes]:
    return {page: (outdir / f"{page}.html").read_bytes() for page in PAGES}


@pytest.fixture
def srcdir(rootdir: Path, tmp_path: Path) -> Path:
    shutil.copytree(rootdir / "test-autolink-rst", tmp_path / "src")
    return tmp_path / "src"


def test_parallel_output_is_byte_identical(make_app: Callable, srcdir: Path, tmp_path: Path) -> None:
    serial = make_app("html", srcdir=srcdir, builddir=tmp_path / "serial")
    serial.build()
    parallel = make_app("html", srcdir=srcdir, builddir=tmp_path / "parallel", parallel=2)
    parallel.build()
    assert parallel.parallel == 2
    assert pages(parallel.outdir) == pages(serial.outdir)
    assert b"glossary-link" in pages(serial.outdir)["index"]


EDITS = {
    "add a term": ("lexique.rst", "   DSI\n", "   Consensus\n      Un accord.\n\n   DSI\n"),
    "rename a term": ("lexique.rst", "   Signal faible\n", "   Signe faible\n"),
    "remove a term": ("lexique.rst", "   DSI\n      La direction des systèmes d'information.\n", ""),
    "change a definition": ("lexique.rst", "Un changement qui rend meilleur.", "Un pas vers le mieux."),
    "stop using a term": ("index.rst", "Nos apprentissages, nos", "Nos"),
    "retitle a page": ("index.rst", "Accueil\n=======", "Bienvenue\n========="),
}
# Sphinx itself does not rewrite a page when only the title of the page before
# it changes (its "previous" link goes stale): not ours to compare.
STALE_IN_SPHINX = {"retitle a page": {"equipe"}}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
def test_incremental_build_after_an_edit(
    make_app: Callable, srcdir: Path, tmp_path: Path, edit: str, parallel: int
) -> None:
    first = make_app("html", srcdir=srcdir, builddir=tmp_path / "incremental", parallel=parallel)
    first.build()
    before = pages(first.outdir)
    name, old, new = EDITS[edit]
    source = srcdir / name
    assert old in source.read_text(encoding="utf-8")
    source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    incremental = make_app("html", srcdir=srcdir, builddir=tmp_path / "incremental",
                           parallel=parallel)
    incremental.build()
    clean = make_app("html", srcdir=srcdir, builddir=tmp_path / "clean")
    clean.build()
    stale = STALE_IN_SPHINX.get(edit, set())
    incremental_pages, clean_pages = pages(incremental.outdir), pages(clean.outdir)
    for page in stale:
        del incremental_pages[page], clean_pages[page]
    assert incremental_pages == clean_pages
    assert pages(clean.outdir)["lexique"] != before["lexique"]  # the edit shows in the lexicon


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
def test_incremental_build_after_removing_a_page(
    make_app: Callable, srcdir: Path, tmp_path: Path, parallel: int
) -> None:
    first = make_app("html", srcdir=srcdir, builddir=tmp_path / "incremental", parallel=parallel)
    first.build()
    assert b"equipe.html" in pages(first.outdir)["lexique"]  # "Utilisé dans : Équipe"
    (srcdir / "equipe.rst").unlink()  # and nothing else: no other page is read again

    incremental = make_app("html", srcdir=srcdir, builddir=tmp_path / "incremental",
                           parallel=parallel)
    incremental.build()
    clean = make_app("html", srcdir=srcdir, builddir=tmp_path / "clean")
    clean.build()
    # Sphinx keeps the lexicon's "previous page" link stale: compare the glossary.
    glossary = [
        str(BeautifulSoup((app.outdir / "lexique.html").read_bytes(), "html.parser")
            .select_one("dl.glossary"))
        for app in (incremental, clean)
    ]
    assert glossary[0] == glossary[1]
    assert "equipe.html" not in glossary[0]
