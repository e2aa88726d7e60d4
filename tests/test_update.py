"""`copier update` the way a user runs it, across two versions of the template.

CI clones carry no tags, so the versions are made here: a repository holding
the working tree twice, "0.1.0" with a few lines older (OLDER_LINES) and
"0.2.0" as it is now. Generated projects are real git repositories with a
clean work tree, and copier runs through its command line, without --trust.
docs/updating.md describes what these tests prove; keep the two together.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.matrix import COMBINATIONS, PROJECT_NAME
from tests.support import (
    CACHE,
    COPIER,
    GIT_IDENTITY,
    NOT_TEMPLATE,
    REPORT,
    ROOT,
    commit_all,
    database_url,
    drop_database,
    recreate_database,
    run,
)

OLD, NEW = "0.1.0", "0.2.0"

# How 0.1.0 differed from the working tree: (file, pattern matching exactly one
# place in today's file, what stood there in 0.1.0).
OLDER_LINES = [
    (
        "template/README.md.jinja",
        r"^You need .*$",
        "You need Python 3.11 or newer, Node.js 20.9 or newer and make.",
    ),
    (
        "template/backend/app/routes/health.py",
        r'\A""".*"""$',
        '"""Health check endpoint."""',
    ),
    (
        "template/frontend/components/Navigation.tsx",
        r'"Could not sign out\."',
        '"Sign-out failed."',
    ),
]

# A field added to an existing project; optional, so existing rows stay valid.
PHONE = {"name": "phone", "type": "str", "max_length": 30, "required": False}
PHONE_SHORTHAND = "phone:str(30)?"

CONFLICT_MARKERS = (b"<<<<<<<", b">>>>>>>")
NOT_PROJECT_FILES = {
    ".git",
    "node_modules",
    ".next",
    ".venv",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "__pycache__",
}


@dataclass(frozen=True)
class Versions:
    repository: Path
    # file of the generated project -> (its 0.1.0 text, its 0.2.0 text)
    changes: dict[str, tuple[str, str]]


@pytest.fixture(scope="session")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Versions:
    """The template as two tagged versions: 0.1.0 (older lines), 0.2.0 (today)."""
    repository = tmp_path_factory.mktemp("versions") / "fastapi-nextjs-jwt-auth"
    shutil.copytree(ROOT, repository, ignore=NOT_TEMPLATE)
    run(["git", "init", "-q", "-b", "main"], cwd=repository)
    originals: dict[Path, str] = {}
    changes: dict[str, tuple[str, str]] = {}
    for relative, pattern, older in OLDER_LINES:
        path = repository / relative
        text = path.read_text()
        matches = re.findall(pattern, text, flags=re.MULTILINE)
        assert len(matches) == 1, (
            f"{relative}: the 0.1.0 difference {pattern!r} matches {len(matches)} places "
            "in today's file; point OLDER_LINES in tests/test_update.py at a line that exists once"
        )
        originals[path] = text
        path.write_text(re.sub(pattern, older, text, flags=re.MULTILINE))
        rendered = relative.removeprefix("template/").removesuffix(".jinja")
        changes[rendered] = (older, matches[0])
    commit_all(repository, f"template {OLD}")
    run(["git", "tag", OLD], cwd=repository)
    for path, text in originals.items():
        path.write_text(text)
    commit_all(repository, f"template {NEW}")
    run(["git", "tag", NEW], cwd=repository)
    return Versions(repository, changes)


def git(project: Path, *args: str) -> str:
    return run(["git", *args], cwd=project, env=GIT_IDENTITY)


def answers_of(combination: str) -> dict[str, Any]:
    return {"project_name": PROJECT_NAME, **COMBINATIONS[combination].answers}


def copier_copy(template: Path, destination: Path, ref: str, answers: dict[str, Any]) -> None:
    """`copier copy` into a new git repository, committed: a user's fresh project."""
    data_file = destination.parent / f"{destination.name}.answers.yml"
    data_file.write_text(yaml.safe_dump(answers))
    run(
        [
            COPIER,
            "copy",
            "--defaults",
            "--vcs-ref",
            ref,
            "--data-file",
            data_file,
            template,
            destination,
        ],
        cwd=destination.parent,
    )
    run(["git", "init", "-q", "-b", "main"], cwd=destination)
    # The tests link backend/.venv to the shared virtualenv; a symlink is not
    # matched by the project's ".venv/" ignore rule, and copier wants a clean tree.
    with (destination / ".git" / "info" / "exclude").open("a") as exclude:
        exclude.write("backend/.venv\n")
    commit_all(destination, f"project from template {ref}")


@pytest.fixture(scope="session")
def project_copy(
    versions: Versions, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str, str, Path], Path]:
    """A fresh project of a matrix combination at a template version, at `destination`.

    Each (combination, version) is rendered once; tests get their own copy.
    """
    pristine: dict[tuple[str, str], Path] = {}

    def copy(combination: str, ref: str, destination: Path) -> Path:
        if (combination, ref) not in pristine:
            path = tmp_path_factory.mktemp("pristine") / f"{combination}-{ref}"
            copier_copy(versions.repository, path, ref, answers_of(combination))
            pristine[combination, ref] = path
        shutil.copytree(pristine[combination, ref], destination, symlinks=True)
        return destination

    return copy


def copier_update(project: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`copier update --defaults ...` in a clean work tree, as the docs say."""
    status = git(project, "status", "--porcelain")
    assert status == "", f"the work tree must be clean before copier update:\n{status}"
    return subprocess.run(
        [str(COPIER), "update", "--defaults", *map(str, args)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
        check=False,
    )


def updated(project: Path, *args: str | Path) -> str:
    completed = copier_update(project, *args)
    assert completed.returncode == 0, (
        f"copier update {' '.join(map(str, args))} failed (exit {completed.returncode}):\n"
        f"{completed.stdout[-6000:]}"
    )
    return completed.stdout


def project_files(project: Path, skip: set[str] = NOT_PROJECT_FILES) -> Iterator[Path]:
    for directory, dirnames, filenames in os.walk(project):
        dirnames[:] = [name for name in dirnames if name not in skip]
        for name in filenames:
            path = Path(directory, name)
            if not path.is_symlink() and name not in skip:
                yield path


def snapshot(project: Path, skip: set[str] = NOT_PROJECT_FILES) -> dict[str, str]:
    """sha256 of every file, by path relative to the project."""
    return {
        path.relative_to(project).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in project_files(project, skip)
    }


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(
        f"{'added' if path not in before else 'removed' if path not in after else 'changed'}: "
        f"{path}"
        for path in before.keys() | after.keys()
        if before.get(path) != after.get(path)
    )


def leftovers(project: Path) -> list[str]:
    """Unresolved update conflicts: *.rej files and lines starting with markers."""
    found = []
    for path in project_files(project):
        relative = path.relative_to(project).as_posix()
        if path.name.endswith(".rej"):
            found.append(f"{relative} (rejected hunks)")
            continue
        for number, line in enumerate(path.read_bytes().splitlines(), 1):
            if line.startswith(CONFLICT_MARKERS):
                found.append(f"{relative}:{number}: {line.decode(errors='replace')}")
    return found


def answers_file(project: Path) -> dict[str, Any]:
    answers: dict[str, Any] = yaml.safe_load((project / ".copier-answers.yml").read_text())
    return answers


def link_backend_venv(project: Path, backend_python: Path) -> None:
    """backend/.venv, as `make install` would make it: the shared virtualenv."""
    (project / "backend" / ".venv").symlink_to(backend_python.parent.parent)


def tool(backend_python: Path, name: str) -> Path:
    return backend_python.parent / name


# --------------------------------------------------------------------------
# 1. Edits of the user survive, changes of the template arrive.


@pytest.mark.slow
def test_user_edits_survive_an_update(
    versions: Versions, project_copy: Callable[[str, str, Path], Path], tmp_path: Path
) -> None:
    project = project_copy("defaults", OLD, tmp_path / "acme-notes")
    for relative, (older, _) in versions.changes.items():
        assert older in (project / relative).read_text(), f"{OLD} did not render {relative}"

    # The user's own work, away from the lines the template changes.
    health = project / "backend" / "app" / "routes" / "health.py"
    ping_route = (
        '\n\n@router.get("/ping")\n'
        "async def ping() -> dict[str, str]:\n"
        '    return {"ping": "pong"}\n'
    )
    health.write_text(health.read_text() + ping_route)
    readme = project / "README.md"
    deploying = "\n## Deploying\n\nWe deploy to our own servers; see ops/README.md.\n"
    readme.write_text(readme.read_text() + deploying)
    navigation = project / "frontend" / "components" / "Navigation.tsx"
    assert navigation.read_text().count("Create account") == 1, (
        "Navigation.tsx no longer says 'Create account': pick another line for the user edit"
    )
    navigation.write_text(navigation.read_text().replace("Create account", "Join Acme"))
    user_test = project / "backend" / "tests" / "test_ping.py"
    user_test.write_text(
        "from fastapi.testclient import TestClient\n\n\n"
        "def test_ping(client: TestClient) -> None:\n"
        '    assert client.get("/api/ping").json() == {"ping": "pong"}\n'
    )
    user_edits = {path: path.read_text() for path in (health, readme, navigation, user_test)}
    commit_all(project, "our changes")

    output = updated(project, "--vcs-ref", NEW)

    assert not leftovers(project), f"conflicts after a clean update: {leftovers(project)}"
    assert ping_route in health.read_text(), "the user's /ping route was lost by the update"
    assert deploying in readme.read_text(), "the user's README section was lost by the update"
    assert "Join Acme" in navigation.read_text(), "the user's Navigation.tsx edit was lost"
    assert user_test.read_text() == user_edits[user_test], "the user's own test file changed"
    for relative, (older, newer) in versions.changes.items():
        text = (project / relative).read_text()
        assert newer in text and older not in text, (
            f"{relative}: the template's {NEW} change did not arrive ({older!r} -> {newer!r})"
        )
    assert answers_file(project)["_commit"] == NEW, ".copier-answers.yml does not record 0.2.0"
    assert "Update done" in output, output
    unmerged = git(project, "diff", "--name-only", "--diff-filter=U")
    assert unmerged == "", f"git records unmerged files after a clean update: {unmerged}"
    REPORT["update: user edits survive"] = (
        f"{OLD} -> {NEW}: edits in health.py, README.md, Navigation.tsx and a new test file "
        f"kept next to the template's changes in the same files; no markers, no .rej; "
        f"_commit: {NEW}"
    )


# --------------------------------------------------------------------------
# 2. The same lines changed on both sides: an inline conflict.


@pytest.mark.slow
def test_a_conflicting_edit_leaves_inline_markers(
    versions: Versions, project_copy: Callable[[str, str, Path], Path], tmp_path: Path
) -> None:
    project = project_copy("defaults", OLD, tmp_path / "acme-notes")
    readme = project / "README.md"
    older, newer = versions.changes["README.md"]
    ours = "You need Python 3.12, Node.js 22 and GNU make."
    readme.write_text(readme.read_text().replace(older, ours))
    commit_all(project, "our requirements")

    completed = copier_update(project, "--vcs-ref", NEW)

    # copier 9.19.1 exits 0 and names no file: the markers, `git status` and
    # the template's message after the update are what the user sees.
    assert completed.returncode == 0, (
        f"copier update exit {completed.returncode}:\n{completed.stdout}"
    )
    assert "conflicts: git status" in completed.stdout, (
        f"the message after update does not point at conflicts:\n{completed.stdout}"
    )
    expected = f"<<<<<<< before updating\n{ours}\n=======\n{newer}\n>>>>>>> after updating\n"
    assert expected in readme.read_text(), (
        f"README.md does not hold the inline conflict docs/updating.md shows:\n{readme.read_text()}"
    )
    status = git(project, "status", "--porcelain")
    assert "UU README.md" in status.splitlines(), (
        f"git status does not show the conflict:\n{status}"
    )
    check = subprocess.run(
        ["git", "diff", "--check"], cwd=project, capture_output=True, text=True, check=False
    )
    assert check.returncode != 0 and "leftover conflict marker" in check.stdout, check.stdout
    assert [found.split(":")[0] for found in leftovers(project)] == ["README.md", "README.md"]
    # Other changes of the template arrived all the same.
    assert (
        versions.changes["backend/app/routes/health.py"][1]
        in (project / "backend" / "app" / "routes" / "health.py").read_text()
    ), "a conflict in README.md held back the template's other changes"

    # Resolving: keep our line, mark the file resolved.
    readme.write_text(readme.read_text().replace(expected, f"{ours}\n"))
    git(project, "add", "README.md")
    run(["git", "diff", "--cached", "--check"], cwd=project)
    assert not leftovers(project)
    REPORT["update: conflict"] = (
        f"exit {completed.returncode}; output: "
        + " | ".join(line.strip() for line in completed.stdout.strip().splitlines()[:2])
        + f"; README.md: <<<<<<< before updating / >>>>>>> after updating; git status: UU; "
        f"git diff --check: {check.stdout.splitlines()[0]}"
    )


# --------------------------------------------------------------------------
# 3. A field added through update: every layer, a migration, the data kept.

REGISTER = """
import json, sys
from fastapi.testclient import TestClient
from app.main import app
with TestClient(app) as client:
    response = client.post(
        "/api/auth/register", json=json.loads(sys.argv[1]), headers={"X-Requested-With": "fetch"}
    )
# 202: with email verification the account is made and waits for its link.
assert response.status_code in (201, 202), response.text
"""

READ_USER = """
import json, sys
import sqlalchemy as sa
from app.config import get_settings
from app.dialect import sync_database_url
engine = sa.create_engine(sync_database_url(get_settings().database_url))
with engine.connect() as connection:
    row = connection.execute(
        sa.text("SELECT * FROM users WHERE email = :email"), {"email": sys.argv[1]}
    ).mappings().one()
    version = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
engine.dispose()
print(json.dumps({"row": {key: value for key, value in row.items()}, "version": version}, default=str))
"""

KEPT_USER = {
    "email": "kept-user@example.com",
    "password": "correct horse battery staple",
    "name": "Kept User",
}
# A value of each type of extra field, for the user kept across the update.
SAMPLE_VALUES: dict[str, Any] = {
    "str": "kept",
    "text": "Kept across the update.",
    "int": 42,
    "float": 1.5,
    "bool": True,
    "date": "2000-01-02",
    "datetime": "2000-01-02T03:04:05Z",
}


def extra_values(fields: list[dict[str, Any]]) -> dict[str, Any]:
    """A value for every extra field of a combination."""
    return {
        field["name"]: field["choices"][-1]
        if field["type"] == "choice"
        else SAMPLE_VALUES[field["type"]]
        for field in fields
    }


@pytest.fixture
def postgres_database(backend_python: Path) -> Iterator[Callable[[str], str]]:
    """Dedicated PostgreSQL databases, dropped after the test."""
    created: list[str] = []

    def create(purpose: str) -> str:
        name = f"update_{purpose}_{os.getpid()}"
        recreate_database(backend_python, name)
        created.append(name)
        return database_url(name)

    yield create
    for name in created:
        drop_database(backend_python, name)


def stored_user(backend: Path, python: Path, env: dict[str, str]) -> dict[str, Any]:
    output = run([python, "-c", READ_USER, KEPT_USER["email"]], cwd=backend, env=env)
    stored: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return stored


@pytest.mark.slow
@pytest.mark.parametrize("combination", ["defaults", "postgresql"])
def test_a_field_added_on_update_reaches_every_layer_and_keeps_the_data(
    combination: str,
    project_copy: Callable[[str, str, Path], Path],
    backend_python: Path,
    postgres_database: Callable[[str], str],
    tmp_path: Path,
) -> None:
    project = project_copy(combination, NEW, tmp_path / "acme-notes")
    backend = project / "backend"
    link_backend_venv(project, backend_python)
    postgresql = COMBINATIONS[combination].postgresql
    if postgresql:
        # The user's database, and the one the generated suite empties and rebuilds.
        env = {"DATABASE_URL": postgres_database("data")}
        suite_database = postgres_database("suite")
        fields = COMBINATIONS[combination].answers["extra_user_fields"]
        new_answer: Any = [*fields, PHONE]
        extra = json.dumps(new_answer)
        user = {**KEPT_USER, **extra_values(fields)}
    else:
        env = {"DATABASE_URL": "sqlite:///./app.db"}  # what backend/.env says
        suite_database = ""  # the generated suite's own temporary file
        new_answer = extra = PHONE_SHORTHAND
        user = KEPT_USER

    # An existing database with a user in it.
    run(["make", "migrate"], cwd=project, env=env)
    run([backend_python, "-c", REGISTER, json.dumps(user)], cwd=backend, env=env)
    before = stored_user(backend, backend_python, env)
    initial_migration = (backend / "alembic" / "versions" / "0001_initial.py").read_bytes()
    dotenv = (backend / ".env").read_bytes()

    updated(project, "-d", f"extra_user_fields={extra}")

    assert not leftovers(project), f"conflicts after adding a field: {leftovers(project)}"
    assert answers_file(project)["extra_user_fields"] == new_answer, (
        ".copier-answers.yml does not hold the new extra_user_fields answer"
    )
    missing = [
        relative
        for relative in [
            "backend/app/models.py",
            "frontend/lib/api-types.ts",
            "frontend/lib/fields.json",
        ]
        if not re.search(r"\bphone\b", (project / relative).read_text())
    ]
    assert not missing, f"the new field 'phone' did not reach {missing}"
    # The forms render whatever ExtraFields.tsx gives them: the update swaps
    # that file for the one with inputs, and leaves the forms as they were.
    extra_fields = (project / "frontend" / "components" / "ExtraFields.tsx").read_text()
    assert '"@/lib/fields"' in extra_fields, (
        "components/ExtraFields.tsx is still the variant without fields after the update"
    )
    for form in ["RegisterForm.tsx", "ProfileForm.tsx"]:
        assert "extra.inputs(errors)" in (project / "frontend" / "components" / form).read_text(), (
            f"{form} does not render the extra fields (useExtraFields of ExtraFields.tsx)"
        )
    assert (backend / "alembic" / "versions" / "0001_initial.py").read_bytes() == (
        initial_migration
    ), "the update rewrote the applied initial migration (_skip_if_exists)"
    assert (backend / ".env").read_bytes() == dotenv, "the update rewrote backend/.env"

    check_env = {"TEST_DATABASE_URL": suite_database}
    check = [
        backend_python,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/test_migrations.py::test_models_and_migrations_agree",
    ]
    before_migration = subprocess.run(
        [str(part) for part in check],
        cwd=backend,
        env={**os.environ, **check_env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert before_migration.returncode != 0 and "phone" in before_migration.stdout, (
        "the generated migration check did not catch the model change before "
        f"`make migration`:\n{before_migration.stdout[-3000:]}"
    )

    versions_dir = backend / "alembic" / "versions"
    existing = set(versions_dir.glob("*.py"))
    run(["make", "migration", "m=add phone"], cwd=project, env=env)
    new = sorted(set(versions_dir.glob("*.py")) - existing)
    assert len(new) == 1 and new[0].name.endswith("_add_phone.py"), (
        f"make migration wrote {[path.name for path in new]}"
    )
    migration = new[0].read_text()
    assert re.search(r"add_column\((\s*\"users\",)?\s*sa\.Column\(\s*\"phone\"", migration), (
        migration
    )
    run([tool(backend_python, "ruff"), "check", "--no-cache", new[0]], cwd=backend)
    run([tool(backend_python, "ruff"), "format", "--check", "--no-cache", new[0]], cwd=backend)

    run(["make", "migrate"], cwd=project, env=env)
    after = stored_user(backend, backend_python, env)
    assert after["version"] != before["version"], "make migrate did not apply the new migration"
    assert "phone" in after["row"] and after["row"]["phone"] is None, (
        f"the existing user has no empty phone column after the migration: {after['row']}"
    )
    lost = {
        key: (value, after["row"].get(key))
        for key, value in before["row"].items()
        if after["row"].get(key) != value
    }
    assert not lost, f"existing data changed by the update and migration: {lost}"

    run(check, cwd=backend, env=check_env)
    output = run(
        [backend_python, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=backend,
        env=check_env,
    )
    summary = re.search(r"\d+ passed[^\n]*", output)
    assert summary and "failed" not in summary.group(0), output[-3000:]
    REPORT[f"update: add a field, {'postgresql' if postgresql else 'sqlite'}"] = (
        f"-d extra_user_fields=...phone: models.py, api-types.ts, fields.json gained it; "
        f"migration check failed until make migration; new migration ruff-clean; "
        f"existing user kept with phone NULL (alembic {before['version']} -> "
        f"{after['version']}); generated suite: {summary.group(0)}"
    )


# --------------------------------------------------------------------------
# 4. Switching token storage on update.


@pytest.mark.slow
def test_switching_token_storage_on_update(
    versions: Versions,
    project_copy: Callable[[str, str, Path], Path],
    backend_python: Path,
    node_modules_for: Callable[[Path], None],
    tmp_path: Path,
) -> None:
    project = project_copy("defaults", NEW, tmp_path / "acme-notes")
    assert (project / "frontend" / "proxy.ts").is_file(), "cookie mode renders no proxy.ts"

    updated(project, "-d", "token_storage=localstorage")

    assert answers_file(project)["token_storage"] == "localstorage"
    assert not leftovers(project), f"conflicts after switching storage: {leftovers(project)}"
    # The result must be what a fresh copy with the new answer renders: no
    # cookie-mode file left behind, no localStorage-mode file missing.
    fresh = tmp_path / "fresh"
    copier_copy(
        versions.repository, fresh, NEW, {**answers_of("defaults"), "token_storage": "localstorage"}
    )
    skip = NOT_PROJECT_FILES | {".env"}
    mismatch = differences(snapshot(fresh, skip), snapshot(project, skip))
    assert not mismatch, (
        "after switching token_storage the project differs from a fresh localStorage copy "
        "(added = left behind by the update):\n" + "\n".join(mismatch)
    )
    proxy = (project / "frontend" / "proxy.ts").read_text().lower()
    assert "cookie" not in proxy, "cookie-mode proxy.ts left behind"

    backend = project / "backend"
    frontend = project / "frontend"

    def backend_checks() -> None:
        run([tool(backend_python, "ruff"), "check", "--no-cache", "."], cwd=backend)
        run([tool(backend_python, "ruff"), "format", "--check", "--no-cache", "."], cwd=backend)
        run(
            [tool(backend_python, "mypy"), "."],
            cwd=backend,
            env={"MYPY_CACHE_DIR": str(CACHE / "mypy-update-tests")},
        )
        output = run(
            [backend_python, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
            cwd=backend,
            env={"TEST_DATABASE_URL": ""},
        )
        summary = re.search(r"\d+ passed[^\n]*", output)
        assert summary and "failed" not in summary.group(0), output[-3000:]

    def frontend_checks() -> None:
        node_modules_for(frontend)
        for script in ["format:check", "lint", "typecheck", "test"]:
            run(["npm", "run", script], cwd=frontend)
        run(["npm", "run", "build"], cwd=frontend, env={"NEXT_TELEMETRY_DISABLED": "1"})

    with ThreadPoolExecutor(max_workers=2) as pool:
        checks = [pool.submit(backend_checks), pool.submit(frontend_checks)]
        for done in checks:
            done.result()
    REPORT["update: cookie -> localstorage"] = (
        "identical to a fresh localstorage copy (the localStorage proxy.ts and lib/auth/transport.ts in place); "
        "backend ruff, format, mypy, pytest and frontend prettier, eslint, tsc, vitest, "
        "next build pass"
    )


# --------------------------------------------------------------------------
# 5. An update with nothing new changes nothing.


@pytest.mark.slow
def test_an_update_without_template_change_changes_nothing(
    project_copy: Callable[[str, str, Path], Path], tmp_path: Path
) -> None:
    project = project_copy("postgresql", NEW, tmp_path / "acme-notes")
    before = snapshot(project, {".git"})

    output = updated(project)

    change = differences(before, snapshot(project, {".git"}))
    assert not change, "an update with no template change changed files:\n" + "\n".join(change)
    assert git(project, "status", "--porcelain") == ""
    assert f"Keeping template version {NEW}" in output, output
    REPORT["update: no change"] = f"{len(before)} files byte-identical after copier update"


# --------------------------------------------------------------------------
# 6. Rendering is idempotent.


def test_rendering_the_same_answers_is_idempotent(
    versions: Versions, project_copy: Callable[[str, str, Path], Path], tmp_path: Path
) -> None:
    first = project_copy("postgresql", NEW, tmp_path / "first")
    second = tmp_path / "second"
    copier_copy(versions.repository, second, NEW, answers_of("postgresql"))

    change = differences(snapshot(first), snapshot(second))
    assert change == ["changed: backend/.env"], (
        "two renders of the same answers differ beyond backend/.env:\n" + "\n".join(change)
    )
    first_env, second_env = (
        [line for line in (project / "backend" / ".env").read_text().splitlines()]
        for project in (first, second)
    )
    different = [(a, b) for a, b in zip(first_env, second_env, strict=True) if a != b]
    assert [a.split("=")[0] for a, _ in different] == ["JWT_SECRET"], (
        f"backend/.env differs beyond the secret: {different}"
    )

    before = snapshot(first)
    run([COPIER, "recopy", "--overwrite", "--defaults"], cwd=first)
    change = differences(before, snapshot(first))
    assert not change, "copier recopy over the project changed files:\n" + "\n".join(change)
    assert git(first, "status", "--porcelain") == ""
    REPORT["render: idempotent"] = (
        f"{len(before)} files: two copies identical but for JWT_SECRET in backend/.env; "
        "copier recopy --overwrite changes nothing (backend/.env kept)"
    )
