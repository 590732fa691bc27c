"""Add the site's current links to the list of published links; never remove one.

    python tools/published_links.py CURRENT LIST

CURRENT is what the site links to now, one ``page.html#anchor`` a line (the
``links`` builder writes it: ``_build/links/published-links.txt``). The links of
CURRENT that LIST (docs/published-links.txt) does not hold yet are appended to
it, under a dated comment. ``make published-links`` runs this.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path


def add_links(current: list[str], listed: str, today: str) -> tuple[str, list[str]]:
    """The list with the new links appended, and those new links."""
    known = {line.strip() for line in listed.splitlines()}
    new = [link for link in dict.fromkeys(current) if link and link not in known]
    if not new:
        return listed, []
    if listed and not listed.endswith("\n"):
        listed += "\n"
    return listed + f"\n# Ajoutés le {today}\n" + "".join(f"{link}\n" for link in new), new


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    current_path, list_path = Path(argv[1]), Path(argv[2])
    current = [line.strip() for line in current_path.read_text(encoding="utf-8").splitlines()]
    listed = list_path.read_text(encoding="utf-8") if list_path.exists() else ""
    text, new = add_links(current, listed, date.today().isoformat())
    list_path.write_text(text, encoding="utf-8")
    count = len(new)
    print(f"{count} lien{'s' if count > 1 else ''} ajouté{'s' if count > 1 else ''} à {list_path}"
          if count else f"Aucun lien nouveau\u00a0: {list_path} est à jour")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
