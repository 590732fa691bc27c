"""The package others install: `pip wheel .` holds glossary_ext alone, and works in a
fresh virtual environment with nothing but Sphinx, on an English rST project."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
import sphinx
from bs4 import BeautifulSoup

REPO = Path(__file__).parent.parent


def run(*args: str | Path, cwd: Path) -> str:
    """Run a command away from the repository, without its PYTHONPATH; its output."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    done = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, REPO, cwd=dist)
    (built,) = dist.glob("glossary_ext-*.whl")
    return built


def test_the_wheel_holds_the_extension_and_its_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (meta,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(meta).decode())
    package = {n for n in names if ".dist-info/" not in n}
    assert package == {
        *(f"glossary_ext/{p.name}" for p in (REPO / "src/glossary_ext").glob("*.py")),
        *(f"glossary_ext/static/{p.name}" for p in (REPO / "src/glossary_ext/static").iterdir()),
    }
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Requires-Dist"] == "sphinx>=8.2"
    assert "Framework :: Sphinx :: Extension" in metadata.get_all("Classifier")
    # The long description is the English reference page.
    reference = (REPO / "src/README.md").read_text(encoding="utf-8")
    assert metadata.get_payload().strip() == reference.strip()


def test_an_english_project_builds_with_the_installed_wheel(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    # This run's pip fills it: the Sphinx of this run, pinned like the rest, from
    # pip's cache when it can.
    pip = (sys.executable, "-m", "pip", "--python", python, "--disable-pip-version-check")
    run(*pip, "install", "--quiet", "-c", REPO / "requirements/docs.txt",
        f"sphinx=={sphinx.__version__}", wheel, cwd=tmp_path)
    installed = run(*pip, "list", "--format=freeze", cwd=tmp_path).lower()
    assert "glossary-ext==" in installed and "sphinx==" in installed
    assert "myst-parser" not in installed and "furo" not in installed
    where = run(python, "-c", "import glossary_ext; print(glossary_ext.__file__)", cwd=tmp_path)
    assert where.startswith(str(venv))

    out = tmp_path / "html"
    run(python, "-m", "sphinx", "-W", "-q", "-b", "html",
        REPO / "tests/roots/test-english", out, cwd=tmp_path)
    usage = BeautifulSoup((out / "usage.html").read_text(encoding="utf-8"), "html.parser")
    assert usage.select_one('link[href*="alabaster.css"]') is not None
    assert [a.get_text() for a in usage.select("a:has(> .glossary-link)")][:3] == [
        "builders", "directives", "roles",
    ]
    tip = usage.select_one(".glossary-tip").get_text()
    assert tip == "A class that turns documents into output."
    glossary = BeautifulSoup((out / "glossary.html").read_text(encoding="utf-8"), "html.parser")
    assert glossary.select_one(".glossary-backlinks").get_text().startswith("Used in: ")
    assert (out / "_static/glossary_ext.css").is_file()
