"""The extension's configuration values, and their validation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

SCOPES = ("paragraph", "section", "page", "all")
TERM_OPTIONS = {"variants": (list, tuple), "inflect": bool, "autolink": bool}

#: name -> (default, rebuild, types, description)
CONFIG: dict[str, tuple[Any, str, tuple[type, ...], str]] = {
    "glossary_link_scope": (
        "section", "env", (str,),
        "Link the first occurrence of a term per paragraph, section or page, or all of them.",
    ),
    "glossary_terms": (
        {}, "env", (dict,),
        "Options per term, by name: variants (extra forms), inflect (plurals), autolink.",
    ),
    "glossary_skip_docs": (
        [], "env", (list, tuple),
        "Glob patterns of documents in which terms are never linked automatically.",
    ),
    "glossary_letters_from": (
        15, "env", (int,),
        "Give a sorted glossary a bar of initial letters when it has more entries than this.",
    ),
    "glossary_common_share": (
        0.75, "env", (float, int),
        "Warn when a term appears in more than this share of the pages: likely an ordinary word.",
    ),
    "glossary_common_min_pages": (
        20, "env", (int,),
        "Apply glossary_common_share only to sites with at least this many linked pages.",
    ),
    "glossary_locutions": (
        [], "env", (list, tuple),
        "Fixed expressions, besides the language's own, inside which no term is linked.",
    ),
}


def register(app: Sphinx) -> None:
    for name, (default, rebuild, types, description) in CONFIG.items():
        app.add_config_value(name, default, rebuild, types=types, description=description)


def line_of(path: str | Path, pattern: str) -> int:
    """The number of the first line of a file that matches `pattern`; 0 if none."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    found = re.compile(pattern)
    return next((n for n, text in enumerate(lines, 1) if found.match(text)), 0)


def _warn(conf_py: Path, name: str, message: str, *args: object) -> None:
    """Warn about a bad value, at the line of conf.py that sets it."""
    line = line_of(conf_py, rf"^\s*{name}\s*[:=]")
    location = f"{conf_py}:{line}" if line else str(conf_py)
    logger.warning(message, *args, type="glossary", subtype="config", location=location)


def validate(app: Sphinx, config: Config) -> None:
    """Check the values on config-inited; a bad one warns and falls back to its default."""
    conf_py = Path(app.confdir, "conf.py")
    if config.glossary_link_scope not in SCOPES:
        _warn(conf_py, "glossary_link_scope",
              "glossary_link_scope must be one of %s, not %r; using 'section'",
              ", ".join(SCOPES), config.glossary_link_scope)
        config.glossary_link_scope = "section"

    share = config.glossary_common_share
    if not isinstance(share, (int, float)) or isinstance(share, bool) or not 0 < share <= 1:
        _warn(conf_py, "glossary_common_share",
              "glossary_common_share must be a number above 0 and at most 1, not %r; using 0.75",
              share)
        config.glossary_common_share = 0.75

    least = config.glossary_common_min_pages
    if not isinstance(least, int) or isinstance(least, bool) or least < 1:
        _warn(conf_py, "glossary_common_min_pages",
              "glossary_common_min_pages must be a whole number of at least 1, not %r; "
              "using 20", least)
        config.glossary_common_min_pages = 20

    letters = config.glossary_letters_from
    if not isinstance(letters, int) or isinstance(letters, bool) or letters < 0:
        _warn(conf_py, "glossary_letters_from",
              "glossary_letters_from must be a whole number, not %r; using 15", letters)
        config.glossary_letters_from = 15

    skip = config.glossary_skip_docs
    if not isinstance(skip, (list, tuple)) or not all(isinstance(p, str) for p in skip):
        _warn(conf_py, "glossary_skip_docs",
              "glossary_skip_docs must be a list of document patterns, not %r; ignored", skip)
        config.glossary_skip_docs = []

    locutions = config.glossary_locutions
    if not isinstance(locutions, (list, tuple)) or not all(
        isinstance(p, str) and p.strip() for p in locutions
    ):
        _warn(conf_py, "glossary_locutions",
              "glossary_locutions must be a list of expressions, not %r; ignored", locutions)
        config.glossary_locutions = []

    terms = config.glossary_terms
    if not isinstance(terms, dict):
        _warn(conf_py, "glossary_terms",
              "glossary_terms must be a dict of options by term, not %r; ignored", terms)
        config.glossary_terms = {}
        return
    clean: dict[str, dict[str, Any]] = {}
    for term, options in terms.items():
        if not isinstance(options, dict):
            _warn(conf_py, "glossary_terms",
                  "glossary_terms[%r] must be a dict of options, not %r; ignored", term, options)
            continue
        clean[str(term)] = {}
        for option, value in options.items():
            expected = TERM_OPTIONS.get(option)
            if expected is None:
                _warn(conf_py, "glossary_terms",
                      "glossary_terms[%r]: unknown option %r (known: %s); ignored",
                      term, option, ", ".join(TERM_OPTIONS))
            elif not isinstance(value, expected) or (
                option == "variants" and not all(isinstance(v, str) for v in value)
            ):
                _warn(conf_py, "glossary_terms",
                      "glossary_terms[%r][%r] has the wrong type: %r; ignored",
                      term, option, value)
            else:
                clean[str(term)][option] = tuple(value) if option == "variants" else value
    config.glossary_terms = clean
