"""Link the terms of a Sphinx glossary wherever they appear in prose, the French way."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    from glossary_ext import _config, _domain, _linker, _usage

    _config.register(app)
    app.connect("config-inited", _config.validate)
    app.add_domain(_domain.GlossaryDomain)
    app.connect("doctree-read", _domain.collect_entries)
    app.add_role("noterm", _linker.noterm_role)
    app.connect("env-updated", _usage.env_updated)
    app.add_post_transform(_linker.AutoLink)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
