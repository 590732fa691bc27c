"""glossary_ext loads as a Sphinx extension and says what it is."""

from __future__ import annotations

import pytest

import glossary_ext


@pytest.mark.sphinx("html", testroot="basic")
def test_extension_is_loaded_with_honest_metadata(app) -> None:
    extension = app.extensions["glossary_ext"]
    assert extension.version == glossary_ext.__version__
    assert extension.parallel_read_safe and extension.parallel_write_safe
    app.build()
    assert "Apprentissage" in (app.outdir / "index.html").read_text(encoding="utf-8")
