"""The few words the extension writes into pages, by language.

A language without its own texts gets the English ones. To add one, add its
primary code ("de") with every key of "en".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.config import Config

TEXTS = {
    "en": {
        "used_in": "Used in:",  # before the backlinks of an entry
        "letters": "Glossary initials",  # the accessible name of the letter bar
    },
    "fr": {
        "used_in": "Utilisé dans\u00a0:",
        "letters": "Initiales du glossaire",
    },
}


def text(config: Config, name: str) -> str:
    """A text in the language of the build; English when it has none."""
    language = (config.language or "en").replace("-", "_").split("_")[0].lower()
    return TEXTS.get(language, TEXTS["en"])[name]
