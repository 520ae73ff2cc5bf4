"""The wheel carries schemas/ and templates/, and an installed manualctl finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("manualctl-*.whl")
    return found


def test_wheel_contains_schemas_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in ("manual", "chapter"):
        assert f"manualctl/schemas/{schema}.schema.json" in names
    assert any(n.startswith("manualctl/templates/") for n in names)


def test_installed_package_loads_its_own_schemas(wheel: Path, tmp_path: Path) -> None:
    """Unpacked like a non-editable install, away from the checkout."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from manualctl import resources\n"
        "print(resources.schemas_dir())\n"
        "print(resources.templates_dir())\n"
        "print(resources.schema('manual')['title'])\n"
    )
    env = dict(os.environ, PYTHONPATH=str(site))
    proc = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r})\n" + code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    schemas, templates, title = proc.stdout.splitlines()
    assert Path(schemas) == site / "manualctl" / "schemas"
    assert Path(templates) == site / "manualctl" / "templates"
    assert title == "manual.yaml"


def test_wheel_contains_the_html_edition_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "manualctl/templates/html/site.html",
        "manualctl/templates/html/manual.css",
        "manualctl/templates/html/print.css",
        "manualctl/publish/filters/html.lua",
        "manualctl/publish/filters/direction.lua",
    }
    assert expected <= names
