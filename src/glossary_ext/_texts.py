"""The few words the extension writes into pages, by language."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.config import Config

TEXTS = {
    "en": {"used_in": "Used in:"},
    "fr": {"used_in": "Utilisé dans\u00a0:"},
}


def text(config: Config, name: str) -> str:
    """A text in the language of the build; English when it has none."""
    language = (config.language or "en").replace("-", "_").split("_")[0]
    return TEXTS.get(language, TEXTS["en"])[name]
