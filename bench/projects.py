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
BARE_TEMPLATE_FILES: dict[str, str | bytes] = {
    "copier.yml": "_subdirectory: template\n\nproject_name:\n  type: str\n  default: Acme Notes\n",
    "template/README.md.jinja": "# {{ project_name }}\n",
    "template/pyproject.toml.jinja": '[project]\nname = "{{ project_name | lower | replace(" ", "-") }}"\n',
    "template/app.py": 'print("hello")\n',
    "template/.gitignore": ".venv/\n",
}


def committed_template(template: Path, files: dict[str, str | bytes]) -> Path:
    """A fresh copier template of these files, a git repository with one commit."""
    shutil.rmtree(template, ignore_errors=True)
    for name, content in files.items():
        (template / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (template / name).write_bytes(content)
        else:
            (template / name).write_text(content)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    run([*git, "init", "-q"], cwd=template)
    run([*git, "add", "-A"], cwd=template)
    run([*git, "commit", "-q", "-m", "bench template"], cwd=template)
    return template


def bare_template(work: Path) -> Path:
    """The five-file floor of `copier copy`."""
    return committed_template(work / "bare-template", BARE_TEMPLATE_FILES)


def verbatim_template(work: Path, name: str) -> tuple[Path, int]:
    """A template whose files are a render of the combination, copied as they
    are: no questions, no Jinja. Copying it costs what copier spends per
    file (its git calls, path checks, writes) on as many files as the
    project has, so the rest of a real copy is this template's own work."""
    rendered = render(name, work / "verbatim-source")
    files: dict[str, str | bytes] = {"copier.yml": "_subdirectory: template\n"}
    for path in sorted(rendered.path.rglob("*")):
        relative = path.relative_to(rendered.path)
        if (
            path.is_file()
            and relative.parts[0] != ".git"
            and relative.name != ".copier-answers.yml"
        ):
            # Nothing to escape: copier renders only files ending in .jinja.
            files[f"template/{relative}"] = path.read_bytes()
    shutil.rmtree(rendered.path.parent, ignore_errors=True)
    return committed_template(work / "verbatim-template", files), len(files) - 1


def time_bare_copies(runs: int, scratch: Path, template: Path) -> tuple[float, list[float]]:
    """Median wall time of `copier copy --defaults` of a template without answers."""
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
