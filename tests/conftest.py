from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

# Test roots are Sphinx projects, not test modules.
collect_ignore = ["roots"]

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once from the real conf.py, with warnings as errors."""
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("site")
    status = build_main(
        ["-b", "html", "-c", str(REPO), "-W", "--keep-going", "-n", "-q",
         "-w", str(out / "warnings.txt"), str(REPO / "docs"), str(out / "html")]
    )
    warnings = (out / "warnings.txt").read_text(encoding="utf-8")
    assert status == 0 and not warnings, warnings
    return out / "html"
