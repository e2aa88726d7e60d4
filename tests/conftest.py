"""Machinery shared by the template's tests.

- `render(name)` renders a combination of tests/matrix.py once per session.
- `backend_python` is one virtualenv for every generated backend, installed
  from their lock files (`pip install --require-hashes`), cached across
  sessions under .cache/ and keyed by the locks.
- `node_modules_for(frontend)` installs a generated frontend's packages: one
  `npm ci` per package-lock.json into .cache/ (kept across sessions), then a
  hard-linked copy into each frontend.
"""

import hashlib
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.matrix import COMBINATIONS, PROJECT_NAME
from tests.support import CACHE, REPORT, run

# What the template's adversarial tests run against generated backends, and
# the scale-out suite's proxy, on top of the backends' own dependencies.
TOOLS_FOR_GENERATED_BACKENDS = ["schemathesis>=4.0", "caddyserver>=2.8"]
LOCK_ENTRY = re.compile(r"^[a-z0-9].*?(?=^[a-z0-9]|\Z)", re.MULTILINE | re.DOTALL)


def renderer(copie_session: Any) -> Callable[[str], Path]:
    """A function that renders a combination of the matrix, once."""
    rendered: dict[str, Path] = {}

    def render_combination(name: str) -> Path:
        if name not in rendered:
            answers = {"project_name": PROJECT_NAME, **COMBINATIONS[name].answers}
            result = copie_session.copy(extra_answers=answers)
            assert result.exit_code == 0, result.exception
            rendered[name] = Path(result.project_dir)
        return rendered[name]

    return render_combination


@pytest.fixture(scope="session")
def render(copie_session: Any) -> Callable[[str], Path]:
    return renderer(copie_session)


def backend_dependencies(project: Path) -> list[str]:
    pyproject = tomllib.loads((project / "backend" / "pyproject.toml").read_text())
    project_table = pyproject["project"]
    return [*project_table["dependencies"], *project_table["optional-dependencies"]["dev"]]


def lock_entries(project: Path) -> list[str]:
    """The pins of a render's backend/requirements-dev.lock, each with its hashes."""
    return LOCK_ENTRY.findall((project / "backend" / "requirements-dev.lock").read_text())


def create_virtualenv(path: Path, locked: list[str], tools: list[str]) -> Path:
    if path.exists():
        shutil.rmtree(path)
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    python = path / "bin" / "python"
    lock = path / "requirements.lock"
    lock.write_text("".join(locked))
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--require-hashes", "-r", str(lock)], check=True)
    subprocess.run([*pip, *tools], check=True)
    return python


def locked_virtualenv(projects: list[Path]) -> Path:
    """The Python of a virtualenv holding what the backend locks of `projects`
    pin, and the tools; built once, kept under .cache/ keyed by the locks."""
    locked = sorted({entry for project in projects for entry in lock_entries(project)})
    key = hashlib.sha256(
        "\n".join([sys.version, *locked, *TOOLS_FOR_GENERATED_BACKENDS]).encode()
    ).hexdigest()[:12]
    venv = CACHE / f"backend-venv-{key}"
    ready = venv / ".complete"
    if not ready.exists():
        create_virtualenv(venv, locked, TOOLS_FOR_GENERATED_BACKENDS)
        ready.touch()
    return venv / "bin" / "python"


@pytest.fixture(scope="session")
def backend_python(render: Callable[[str], Path]) -> Path:
    """A virtualenv with the locked dependencies of every generated backend."""
    return locked_virtualenv([render("defaults"), render("postgresql")])


@pytest.fixture(scope="session")
def node_modules_for() -> Callable[[Path], None]:
    done: set[Path] = set()

    def install(frontend: Path) -> None:
        # Several suites share a render (the browser suite and the frontend
        # checks): install into each frontend once.
        if frontend in done:
            return
        manifest = [frontend / "package.json", frontend / "package-lock.json"]
        key = hashlib.sha256(b"".join(path.read_bytes() for path in manifest)).hexdigest()
        # One real `npm ci` per lock file, into a folder nothing ever runs in,
        # so no tool's cache (vite, next) is shared between projects.
        pristine = CACHE / f"node-modules-{key[:12]}"
        if not (pristine / ".complete").exists():
            shutil.rmtree(pristine, ignore_errors=True)
            pristine.mkdir(parents=True)
            for path in manifest:
                shutil.copyfile(path, pristine / path.name)
            run(
                ["npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"],
                cwd=pristine,
                env={"npm_config_cache": str(Path.home() / ".npm")},
            )
            (pristine / ".complete").touch()
        # A hard-linked copy is an exact install of the same lock, at once.
        run(["cp", "-al", pristine / "node_modules", frontend / "node_modules"], cwd=frontend)
        done.add(frontend)

    return install


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if REPORT:
        terminalreporter.section("generated projects")
        for key, value in sorted(REPORT.items()):
            terminalreporter.write_line(f"{key}: {value}")
