"""Link the terms of a Sphinx glossary wherever they appear in prose, the French way."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    from glossary_ext import _config, _domain, _lexicon, _linker, _tooltips, _usage

    _config.register(app)
    app.connect("config-inited", _config.validate)
    app.add_domain(_domain.GlossaryDomain)
    # Reading: sort the glossaries, then record their entries.
    app.connect("doctree-read", _domain.read_glossaries)
    app.add_node(_lexicon.glossary_letters,
                 html=(_lexicon.visit_glossary_letters, _lexicon.depart_glossary_letters))
    app.connect("doctree-read", _linker.check_page_scope)
    # Last, once the page is as it will be written: what the usage scan needs.
    app.connect("builder-inited", _usage.keep_builder)
    app.add_transform(_usage.RecordPage)
    app.add_role("noterm", _linker.noterm_role)
    # After reading: where each term is used; writing: links, backlinks, definitions.
    app.connect("env-updated", _usage.env_updated)
    app.add_post_transform(_linker.AutoLink)
    app.connect("doctree-resolved", _lexicon.add_backlinks)
    app.connect("doctree-resolved", _tooltips.add_definitions)
    _tooltips.register(app)
    _lexicon.register(app)
    return {
        "version": __version__,
        "env_version": 8,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
