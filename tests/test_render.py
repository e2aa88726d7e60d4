"""What every combination renders, read as a user would read it."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import renderer
from tests.matrix import COMBINATIONS

TEXT_SUFFIXES = {
    ".py",
    ".ts",
    ".tsx",
    ".mjs",
    ".js",
    ".json",
    ".toml",
    ".ini",
    ".md",
    ".yml",
    ".yaml",
    ".css",
    ".mako",
    ".example",
    ".local",
    "",
}
JINJA_RESIDUE = re.compile(r"\{%|%\}|\{#|#\}|\{\{\s*[a-z_]+(\.[a-z_]+)*\s*\}\}")


@pytest.fixture(scope="session")
def fresh_render(copie_session: Any) -> Callable[[str], Path]:
    """Renders of this module's own: the other suites install and build inside
    the shared renders, and these tests read the files copier wrote."""
    return renderer(copie_session)


def project_files(project: Path) -> list[Path]:
    return [
        path
        for path in sorted(project.rglob("*"))
        if path.is_file()
        and ".git" not in path.parts
        and "node_modules" not in path.parts
        and path.suffix in TEXT_SUFFIXES
    ]


@pytest.mark.parametrize("name", COMBINATIONS)
def test_rendered_files_read_as_hand_written(
    name: str, fresh_render: Callable[[str], Path]
) -> None:
    project = fresh_render(name)
    problems = []
    for path in project_files(project):
        text = path.read_text()
        where = path.relative_to(project)
        if JINJA_RESIDUE.search(text):
            problems.append(f"{where}: template residue {JINJA_RESIDUE.search(text).group(0)!r}")
        if text and not text.endswith("\n"):
            problems.append(f"{where}: no newline at the end")
        if text.endswith("\n\n"):
            problems.append(f"{where}: blank lines at the end")
        if "\n\n\n\n" in text:
            problems.append(f"{where}: three blank lines in a row")
        for number, line in enumerate(text.splitlines(), 1):
            if line != line.rstrip():
                problems.append(f"{where}:{number}: trailing whitespace")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", COMBINATIONS)
def test_no_template_machinery_leaks(name: str, fresh_render: Callable[[str], Path]) -> None:
    project = fresh_render(name)
    leaked = [
        path.relative_to(project)
        for path in project.rglob("*")
        if path.name in {"copier.yml", "copier.yaml", "includes"}
        or path.suffix == ".jinja"
        or (path.is_symlink())
    ]
    assert not leaked
    assert not (project / ".git").exists()


def test_each_project_gets_its_own_strong_secret(fresh_render: Callable[[str], Path]) -> None:
    secrets = []
    for name in ("defaults", "postgresql"):
        env = (fresh_render(name) / "backend" / ".env").read_text()
        secret = re.search(r"^JWT_SECRET=(.*)$", env, re.MULTILINE).group(1)
        assert re.fullmatch(r"[0-9a-f]{64}", secret), "expected 32 random bytes in hex"
        # 256 random bits have about 128 set; fewer than 64 is (all but) impossible.
        assert 64 <= int(secret, 16).bit_count() <= 192, f"{secret} is not random"
        secrets.append(secret)
    assert secrets[0] != secrets[1]


@pytest.mark.parametrize("name", ["defaults", "postgresql"])
def test_secrets_stay_out_of_version_control(
    name: str, fresh_render: Callable[[str], Path]
) -> None:
    project = fresh_render(name)
    example = (project / "backend" / ".env.example").read_text()
    assert re.search(r"^JWT_SECRET=$", example, re.MULTILINE)
    ignored = (project / ".gitignore").read_text().splitlines()
    assert ".env" in ignored
    answers = (project / ".copier-answers.yml").read_text()
    assert "jwt_secret" not in answers
    assert "user_fields:" not in answers.replace("extra_user_fields:", "")


def test_the_answers_file_lets_copier_update_replay_the_answers(
    fresh_render: Callable[[str], Path],
) -> None:
    answers = yaml.safe_load((fresh_render("postgresql") / ".copier-answers.yml").read_text())
    expected = COMBINATIONS["postgresql"].answers
    for question, value in expected.items():
        assert answers[question] == value
    assert answers["_src_path"]
    assert answers["_commit"]


@pytest.mark.parametrize("name", COMBINATIONS)
def test_the_chosen_options_only(name: str, fresh_render: Callable[[str], Path]) -> None:
    """No code for options the user did not choose."""
    project = fresh_render(name)
    answers = {"include_tasks_example": True, "database": "sqlite", "token_storage": "cookie"}
    answers.update(COMBINATIONS[name].answers)
    backend = "\n".join(path.read_text() for path in (project / "backend").rglob("*.py"))
    pyproject = (project / "backend" / "pyproject.toml").read_text()

    assert ("Task" in backend) == answers["include_tasks_example"]
    assert ("aiosqlite" in pyproject) == (answers["database"] == "sqlite")
    assert ("psycopg" in pyproject) == (answers["database"] == "postgresql")
    assert ("ACCESS_TOKEN_COOKIE" in backend) == (answers["token_storage"] == "cookie")
    in_body = "class AuthResponse(BaseModel):\n    access_token: str" in backend
    assert in_body == (answers["token_storage"] == "localstorage")
    frontend = "\n".join(
        path.read_text()
        for path in (project / "frontend").rglob("*")
        if path.suffix in {".ts", ".tsx"} and not {"node_modules", "tests", "e2e"} & set(path.parts)
    )
    assert ("localStorage" in frontend) == (answers["token_storage"] == "localstorage")
    assert (project / "frontend" / "proxy.ts").exists() == (answers["token_storage"] == "cookie")
    assert ("/api/tasks" in frontend) == answers["include_tasks_example"]


def test_the_expiry_answer_is_the_default_setting(fresh_render: Callable[[str], Path]) -> None:
    project = fresh_render("long-expiry")
    assert "default=43200" in (project / "backend" / "app" / "config.py").read_text()
    assert "ACCESS_TOKEN_EXPIRE_MINUTES=43200" in (project / "backend" / ".env.example").read_text()
    # Not pinned in .env, so a changed answer takes effect after copier update.
    assert "ACCESS_TOKEN_EXPIRE_MINUTES" not in (project / "backend" / ".env").read_text()


def test_every_extra_field_reaches_the_model_migration_and_schemas(
    fresh_render: Callable[[str], Path],
) -> None:
    backend = fresh_render("all-field-types") / "backend"
    models = (backend / "app" / "models.py").read_text()
    schemas = (backend / "app" / "schemas.py").read_text()
    migration = (backend / "alembic" / "versions" / "0001_initial.py").read_text()
    for field in COMBINATIONS["all-field-types"].answers["extra_user_fields"]:
        assert f"    {field['name']}:" in models
        assert f"    {field['name']}:" in schemas
        assert f'"{field["name"]}"' in migration
