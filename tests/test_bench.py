"""The benchmark compares like with like: its corpora say what it claims they say."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from types import ModuleType

BENCH = Path(__file__).resolve().parent.parent / "bench" / "autolink.py"


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("autolink_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(make_app, src: Path, out: Path) -> Path:
    app = make_app("html", srcdir=src, builddir=out)
    app.build()
    # A second app in one process warns that Sphinx's own nodes and roles are
    # registered already (sphinx.testing): nothing of the corpus.
    warnings = [line for line in app.warning.getvalue().splitlines()
                if "is already registered" not in line]
    assert not warnings
    return app.outdir


def test_corpora_match_what_auto_writes(make_app, tmp_path: Path) -> None:
    """sphinx-hand has a role where auto links; plain-lexicon ends each entry
    with the very paragraph auto writes there."""
    autolink = bench()
    for variant in ("auto", "sphinx-hand", "plain-lexicon"):
        autolink.corpus(tmp_path / variant, 12, 40, variant)
    auto = build(make_app, tmp_path / "auto", tmp_path / "auto-out")
    lexicon = build(make_app, tmp_path / "plain-lexicon", tmp_path / "plain-lexicon-out")

    roles = sum(page.read_text(encoding="utf-8").count(":term:")
                for page in (tmp_path / "sphinx-hand").glob("page*.rst"))
    linked = sum(page.read_text(encoding="utf-8").count('class="glossary-term"')
                 for page in auto.glob("page*.html"))
    assert roles == linked > 100

    def used_in(outdir: Path) -> dict[str, str]:
        soup = BeautifulSoup((outdir / "lexique.html").read_text(encoding="utf-8"), "html.parser")
        return {dt["id"]: str(dt.find_next_sibling("dd").select_one(".glossary-backlinks"))
                for dt in soup.select("dl.glossary > dt")}

    written = used_in(auto)
    assert len(written) == 40
    assert "None" not in written.values()
    assert used_in(lexicon) == written
