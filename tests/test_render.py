"""What every combination renders, read as a user would read it."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import renderer
from tests.matrix import COMBINATIONS, MARKER_WORDS

JINJA_RESIDUE = re.compile(r"\{%|%\}|\{#|#\}|\{\{\s*[a-z_]+(\.[a-z_]+)*\s*\}\}")


@pytest.fixture(scope="session")
def fresh_render(copie_session: Any) -> Callable[[str], Path]:
    """Renders of this module's own: the other suites install and build inside
    the shared renders, and these tests read the files copier wrote."""
    return renderer(copie_session)


# Files that repeat the answers or pin packages of every option, the list of
# common passwords (its "cookie" is a password, not an option) and the
# vendored Compose Specification (its "tasks" are Swarm's).
NOT_SUBJECT_TO_MARKERS = {
    ".copier-answers.yml",
    "package-lock.json",
    "common_passwords.txt",
    "compose-spec.schema.json",
}
# Files where a marker word means something else than its option: the theme
# pick is kept in localStorage whatever the token storage is.
MARKERS_OF_ANOTHER_MEANING = {
    "frontend/lib/theme.ts": {"token_storage=localstorage"},
}


def text_files(project: Path) -> list[tuple[Path, str]]:
    """Every file of a render that reads as UTF-8 text, with its text."""
    files = []
    for path in sorted(project.rglob("*")):
        if not path.is_file() or {".git", "node_modules"} & set(path.parts):
            continue
        try:
            files.append((path, path.read_text()))
        except UnicodeDecodeError:
            continue
    return files


@pytest.mark.parametrize("name", COMBINATIONS)
def test_rendered_files_read_as_hand_written(
    name: str, fresh_render: Callable[[str], Path]
) -> None:
    project = fresh_render(name)
    problems = []
    for path, text in text_files(project):
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
def test_no_trace_of_an_unchosen_option(name: str, fresh_render: Callable[[str], Path]) -> None:
    """Neither code, comment, setting, test, nor file name of another value."""
    project = fresh_render(name)
    chosen = COMBINATIONS[name].value_classes()
    markers = {
        f"{question}={value}": re.compile("|".join(words), re.IGNORECASE)
        for (question, value), words in MARKER_WORDS.items()
        if chosen[question] != value
    }
    traces = []
    for path, text in text_files(project):
        where = path.relative_to(project).as_posix()
        if path.name in NOT_SUBJECT_TO_MARKERS:
            continue
        for option, marker in markers.items():
            if option in MARKERS_OF_ANOTHER_MEANING.get(where, set()):
                continue
            if match := marker.search(where):
                traces.append(f"{where}: file name says {match.group(0)!r} ({option})")
            for number, line in enumerate(text.splitlines(), 1):
                if match := marker.search(line):
                    traces.append(f"{where}:{number}: {match.group(0)!r} ({option})")
    if traces:
        pytest.fail(
            f"{len(traces)} traces of unchosen options:\n" + "\n".join(traces), pytrace=False
        )


def test_the_expiry_answer_is_the_default_setting(fresh_render: Callable[[str], Path]) -> None:
    project = fresh_render("long-expiry")
    assert "default=43200" in (project / "backend" / "app" / "config.py").read_text()
    assert "ACCESS_TOKEN_EXPIRE_MINUTES=43200" in (project / "backend" / ".env.example").read_text()
    # backend/.env holds it too, where the README and the prompt help say it is
    # set (copier update keeps .env: docs/updating.md says to edit it there).
    dotenv = (project / "backend" / ".env").read_text()
    assert "ACCESS_TOKEN_EXPIRE_MINUTES=43200" in dotenv
    assert "REFRESH_TOKEN_EXPIRE_DAYS=30" in dotenv


def test_every_extra_field_reaches_the_model_migration_and_schemas(
    fresh_render: Callable[[str], Path],
) -> None:
    backend = fresh_render("all-field-types") / "backend"
    models = (backend / "app" / "models.py").read_text()
    schemas = (backend / "app" / "schemas.py").read_text()
    migration = (backend / "alembic" / "versions" / "0001_initial.py").read_text()
    user_base = models[models.index("class UserBase(") : models.index("class User(")]
    for field in COMBINATIONS["all-field-types"].answers["extra_user_fields"]:
        assert f"    {field['name']}:" in user_base
        assert f'"{field["name"]}"' in migration
    # The schemas take the fields from UserBase instead of listing them again.
    assert "class UserCreate(UserBase" in schemas
    assert "class UserPublic(UserBase" in schemas
