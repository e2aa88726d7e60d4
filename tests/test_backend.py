"""Each combination's generated backend passes its own checks."""

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.matrix import ALL_FIELD_TYPES, COMBINATIONS
from tests.support import POSTGRES_URL, REPORT, run

pytestmark = [pytest.mark.slow, pytest.mark.backend]


def tool(python: Path, name: str) -> Path:
    return python.parent / name


@pytest.mark.parametrize("name", COMBINATIONS)
def test_ruff(name: str, render: Callable[[str], Path], backend_python: Path) -> None:
    backend = render(name) / "backend"
    run([tool(backend_python, "ruff"), "check", "--no-cache", "."], cwd=backend)
    run([tool(backend_python, "ruff"), "format", "--check", "--no-cache", "."], cwd=backend)


@pytest.mark.parametrize("name", COMBINATIONS)
def test_mypy(name: str, render: Callable[[str], Path], backend_python: Path) -> None:
    run([tool(backend_python, "mypy"), "."], cwd=render(name) / "backend")


@pytest.mark.parametrize("name", COMBINATIONS)
def test_generated_test_suite(
    name: str, render: Callable[[str], Path], backend_python: Path
) -> None:
    env = {"TEST_DATABASE_URL": POSTGRES_URL if COMBINATIONS[name].postgresql else ""}
    output = run(
        [backend_python, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=render(name) / "backend",
        env=env,
    )
    summary = re.search(r"(\d+) passed[^\n]*", output)
    assert summary, output[-2000:]
    assert "skipped" not in summary.group(0), summary.group(0)
    REPORT[f"backend tests, {name}"] = summary.group(0)


@pytest.mark.parametrize("name", ["defaults", "postgresql"])
def test_the_backend_installs_from_its_own_pyproject(
    name: str, render: Callable[[str], Path], tmp_path: Path
) -> None:
    """A dependency missing from pyproject.toml fails here, not for a user."""
    backend = render(name) / "backend"
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", f"{backend}[dev]"], cwd=tmp_path)
    output = run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x"],
        cwd=backend,
        env={"TEST_DATABASE_URL": POSTGRES_URL if COMBINATIONS[name].postgresql else ""},
    )
    assert re.search(r"\d+ passed", output), output[-2000:]


def test_each_extra_field_is_declared_on_one_line_of_the_app(
    render: Callable[[str], Path],
) -> None:
    """The table and the API schemas derive from UserBase: no field is repeated."""
    app = render("all-field-types") / "backend" / "app"
    lines = [line for path in app.rglob("*.py") for line in path.read_text().splitlines()]
    for field in ALL_FIELD_TYPES:
        # As a Python name: "max-age" in a header value is not the field "age".
        naming = [line for line in lines if re.search(rf"(?<![\w-]){field['name']}\b", line)]
        assert len(naming) == 1, (field["name"], naming)
