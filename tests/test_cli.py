"""copier itself, run the way the README says: no --trust, real git repositories."""

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import COPIER, NOT_TEMPLATE, ROOT, commit_all, run


@pytest.fixture(scope="session")
def template_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working tree of the template, committed to a repository of its own."""
    repository = tmp_path_factory.mktemp("template") / "fastapi-nextjs-jwt-auth"
    shutil.copytree(ROOT, repository, ignore=NOT_TEMPLATE)
    run(["git", "init", "-q", "-b", "main"], cwd=repository)
    commit_all(repository, "template snapshot")
    return repository


def as_git_repository(project: Path, message: str) -> None:
    """Make a rendered project a committed git repository, as a user would."""
    run(["git", "init", "-q", "-b", "main"], cwd=project)
    commit_all(project, message)


def copy_project(template: Path, project: Path, name: str) -> None:
    """`copier copy --defaults` without --trust, then commit the result."""
    run(
        [COPIER, "copy", "--defaults", "-d", f"project_name={name}", template, project],
        cwd=project.parent,
    )
    as_git_repository(project, "project from the template")


def readme_copy_command() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    line = next(line for line in readme.splitlines() if line.startswith("copier copy "))
    return shlex.split(line)


def test_the_readme_quickstart_renders_an_updatable_project(
    template_repository: Path, tmp_path: Path
) -> None:
    command = readme_copy_command()
    assert "--trust" not in command and "--UNSAFE" not in command
    workdir = tmp_path / "work"
    shutil.copytree(template_repository, workdir / "template")
    command[0] = str(COPIER)
    command = [part.replace("$PWD", str(workdir / "template")) for part in command]

    output = run(command, cwd=workdir / "template")

    project = workdir / command[-1].removeprefix("../")
    assert (project / "backend" / "app" / "main.py").is_file()
    assert (project / "frontend" / "package.json").is_file()
    assert "make install" in output and "make dev" in output and "make test" in output
    # The project finds its template again: a bare `copier update` works.
    as_git_repository(project, "project from the quickstart")
    assert "Update done" in run([COPIER, "update", "--defaults"], cwd=project)


def test_copy_and_update_need_no_trust(template_repository: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    copy_project(template_repository, project, "Trusting Nobody")

    output = run([COPIER, "update", "--defaults"], cwd=project)

    assert "Update done" in output
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True, check=True
    )
    assert status.stdout == "", "an update with no template change changed files"


def test_the_secret_is_kept_on_update(template_repository: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    copy_project(template_repository, project, "Keep Secrets")
    secret = re.search(r"JWT_SECRET=(\w+)", (project / "backend" / ".env").read_text()).group(1)

    run([COPIER, "update", "--defaults", "-d", "access_token_expire_minutes=60"], cwd=project)

    env = (project / "backend" / ".env").read_text()
    assert f"JWT_SECRET={secret}" in env
    assert "default=60" in (project / "backend" / "app" / "config.py").read_text()
