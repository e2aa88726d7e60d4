"""Render the benchmarked projects and give their backends a virtualenv."""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.common import BenchError, log, median, run, timed
from tests.conftest import locked_virtualenv
from tests.matrix import COMBINATIONS, PROJECT_NAME
from tests.support import ROOT

# The two projects of the issue: the defaults, and every extra field type on
# PostgreSQL (with localStorage tokens and two protected pages).
PROJECTS = ("defaults", "postgresql")


@dataclass(frozen=True)
class Project:
    name: str
    path: Path
    answers: dict[str, Any]

    @property
    def backend(self) -> Path:
        return self.path / "backend"

    @property
    def frontend(self) -> Path:
        return self.path / "frontend"

    @property
    def database(self) -> str:
        return str(self.answers.get("database", "sqlite"))

    @property
    def token_storage(self) -> str:
        return str(self.answers.get("token_storage", "cookie"))


def answers_of(name: str) -> dict[str, Any]:
    return {"project_name": PROJECT_NAME, **COMBINATIONS[name].answers}


def copier_command(name: str, destination: Path, data_file: Path) -> list[str | Path]:
    """`copier copy` the way a user runs it: the CLI, defaults for the rest."""
    return [
        sys.executable,
        "-m",
        "copier",
        "copy",
        "--quiet",
        "--defaults",
        "--data-file",
        data_file,
        ROOT,
        destination,
    ]


def time_copies(name: str, runs: int, scratch: Path) -> tuple[float, list[float]]:
    """Median wall time of `runs` fresh `copier copy` runs (CLI, subprocess)."""
    data_file = scratch / f"{name}-answers.yml"
    data_file.write_text(yaml.safe_dump(answers_of(name)))
    times = []
    for index in range(runs):
        destination = scratch / f"{name}-copy-{index}"
        shutil.rmtree(destination, ignore_errors=True)
        seconds, _ = timed(copier_command(name, destination, data_file), cwd=scratch)
        times.append(seconds)
        shutil.rmtree(destination, ignore_errors=True)
    return median(times), times


# The floor of `copier copy`: a template of five files (copier.yml and four to
# render, one question), committed to git like this one, so the run costs
# what copier itself costs: start, imports, the git snapshot, one question.
BARE_TEMPLATE_FILES = {
    "copier.yml": "_subdirectory: template\n\nproject_name:\n  type: str\n  default: Acme Notes\n",
    "template/README.md.jinja": "# {{ project_name }}\n",
    "template/pyproject.toml.jinja": '[project]\nname = "{{ project_name | lower | replace(" ", "-") }}"\n',
    "template/app.py": 'print("hello")\n',
    "template/.gitignore": ".venv/\n",
}


def bare_template(work: Path) -> Path:
    """A fresh bare copier template, a git repository with one commit."""
    template = work / "bare-template"
    shutil.rmtree(template, ignore_errors=True)
    for name, text in BARE_TEMPLATE_FILES.items():
        (template / name).parent.mkdir(parents=True, exist_ok=True)
        (template / name).write_text(text)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    run([*git, "init", "-q"], cwd=template)
    run([*git, "add", "-A"], cwd=template)
    run([*git, "commit", "-q", "-m", "bare template"], cwd=template)
    return template


def time_bare_copies(runs: int, scratch: Path, template: Path) -> tuple[float, list[float]]:
    """Median wall time of `copier copy --defaults` of the bare template."""
    times = []
    for index in range(runs):
        destination = scratch / f"bare-copy-{index}"
        shutil.rmtree(destination, ignore_errors=True)
        command: list[str | Path] = [
            sys.executable,
            "-m",
            "copier",
            "copy",
            "--quiet",
            "--defaults",
            template,
            destination,
        ]
        seconds, _ = timed(command, cwd=scratch)
        times.append(seconds)
        shutil.rmtree(destination, ignore_errors=True)
    return median(times), times


def render(name: str, work: Path) -> Project:
    """A fresh render of the combination under work/, kept for the later steps."""
    destination = work / name
    shutil.rmtree(destination, ignore_errors=True)
    with tempfile.TemporaryDirectory() as scratch:
        data_file = Path(scratch) / "answers.yml"
        data_file.write_text(yaml.safe_dump(answers_of(name)))
        timed(copier_command(name, destination, data_file), cwd=Path(scratch))
    if not (destination / "backend" / "pyproject.toml").exists():
        raise BenchError(f"copier did not render {name} into {destination}")
    return Project(name=name, path=destination, answers=answers_of(name))


def backend_python(projects: list[Project]) -> Path:
    """The virtualenv tests/conftest.py builds from the same locks."""
    log("the backends' virtualenv (built from their locks the first time: a minute)")
    return locked_virtualenv([project.path for project in projects])
