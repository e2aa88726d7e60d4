"""A project made from the first release, 0.1.0, updated to this template.

0.1.0 is rebuilt here from its commit (tags may not travel with a clone), the
working tree becomes the next version, and the project goes through
`copier update` as a user's would: their edits away from the template's
changes survive with no conflict, and the project's own `make lint` and
`make test` pass afterwards. docs/updating.md says what moved between the two.
"""

import difflib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import CACHE, NOT_TEMPLATE, REPORT, ROOT, commit_all, run
from tests.test_update import answers_file, copier_copy, leftovers, updated

# The commit of the 0.1.0 release.
RELEASE_0_1_0 = "4229ef00765e3fe8ac9b3f4d46d92ebcb8b01412"
FIRST, CURRENT = "0.1.0", "0.2.0"

# The user's own edits: (file, the line they change, what they write instead),
# each in a line the template itself does not change between the versions.
USER_EDITS = [
    ("frontend/lib/navigation.ts", "used where no router is at hand", "for code without a router"),
]
PING_ROUTE = (
    '\n\n@router.get("/ping")\nasync def ping() -> dict[str, str]:\n    return {"ping": "pong"}\n'
)
ADD_USER = (
    "import sqlite3\n"
    "with sqlite3.connect('app.db') as db:\n"
    '    db.execute("INSERT INTO users (id, email, hashed_password, name, token_version,'
    " created_at, updated_at) VALUES ('00000000000000000000000000000001', 'kept@example.com', 'x', 'Kept', 0,"
    " '2026-01-01 00:00:00', '2026-01-01 00:00:00')\")\n"
)
READ_DATABASE = (
    "import sqlite3\n"
    "db = sqlite3.connect('app.db')\n"
    "print(db.execute('SELECT version_num FROM alembic_version').fetchone()[0])\n"
    "print(db.execute('SELECT count(*) FROM users').fetchone()[0])\n"
    "print(' '.join(sorted({row[0] for row in db.execute(\"SELECT name FROM sqlite_master"
    " WHERE type = 'table'\")} & {'sessions', 'revoked_tokens'})))\n"
)
OWN_SECTION = "\n## Our deployment\n\nWe deploy to our own servers; see ops/README.md.\n"


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template repository with 0.1.0 from its commit and 0.2.0 from the working tree."""
    repository = tmp_path_factory.mktemp("releases") / "fastapi-nextjs-jwt-auth"
    repository.mkdir()
    run(["git", "init", "-q", "-b", "main"], cwd=repository)
    archive = repository.parent / "0.1.0.tar"
    run(["git", "archive", "--format=tar", "-o", archive, RELEASE_0_1_0], cwd=ROOT)
    run(["tar", "-xf", archive], cwd=repository)
    commit_all(repository, f"template {FIRST}")
    run(["git", "tag", FIRST], cwd=repository)
    for path in repository.iterdir():
        if path.name != ".git":
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copytree(ROOT, repository, ignore=NOT_TEMPLATE, dirs_exist_ok=True)
    commit_all(repository, f"template {CURRENT}")
    run(["git", "tag", CURRENT], cwd=repository)
    return repository


def changed_lines(before: str, after: str) -> set[str]:
    """Lines of `before` that a diff to `after` removes or replaces."""
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines())
    return {
        line
        for tag, start, end, _, _ in matcher.get_opcodes()
        if tag != "equal"
        for line in before.splitlines()[start:end]
    }


@pytest.mark.slow
def test_a_0_1_0_project_updates_to_this_version(
    releases: Path,
    backend_python: Path,
    node_modules_for: Callable[[Path], None],
    tmp_path: Path,
) -> None:
    answers = {"project_name": "Acme Notes"}
    project = tmp_path / "acme-notes"
    copier_copy(releases, project, FIRST, answers)
    reference = tmp_path / "reference"
    copier_copy(releases, reference, CURRENT, answers)

    for relative, line, replacement in USER_EDITS:
        path = project / relative
        text = path.read_text()
        assert text.count(line) == 1, f"{relative} of {FIRST} has {line!r} {text.count(line)}x"
        newer = (reference / relative).read_text()
        assert line in newer and not any(
            line in changed for changed in changed_lines(text, newer)
        ), f"{relative}: the template changes {line!r} itself; pick another line for the user edit"
        path.write_text(text.replace(line, replacement))
    health = project / "backend" / "app" / "routes" / "health.py"
    health.write_text(health.read_text() + PING_ROUTE)
    readme = project / "README.md"
    readme.write_text(readme.read_text() + OWN_SECTION)
    own_test = project / "backend" / "tests" / "test_ping.py"
    own_test.write_text(
        "from fastapi.testclient import TestClient\n\n\n"
        "def test_ping(client: TestClient) -> None:\n"
        '    assert client.get("/api/ping").json() == {"ping": "pong"}\n'
    )
    own_test_text = own_test.read_text()
    # The user's database, migrated by 0.1.0, with a user in it.
    (project / "backend" / ".venv").symlink_to(backend_python.parent.parent)
    migrate_env = {"DATABASE_URL": "sqlite:///./app.db"}
    run(["make", "migrate"], cwd=project, env=migrate_env)
    run([backend_python, "-c", ADD_USER], cwd=project / "backend")
    commit_all(project, "our changes")

    output = updated(project, "--vcs-ref", CURRENT)

    assert not leftovers(project), f"conflicts where the user changed nothing: {leftovers(project)}"
    assert answers_file(project)["_commit"] == CURRENT
    for relative, _, replacement in USER_EDITS:
        assert replacement in (project / relative).read_text(), (
            f"the user's {relative} edit was lost"
        )
    assert PING_ROUTE in health.read_text(), "the user's /ping route was lost"
    assert OWN_SECTION in readme.read_text(), "the user's README section was lost"
    assert own_test.read_text() == own_test_text, "the user's own test file changed"
    # Apart from the user's edits, the project is what a fresh copy renders.
    for relative in ["backend/app/routes/auth.py", "frontend/lib/api.ts", "Makefile"]:
        assert (project / relative).read_text() == (reference / relative).read_text(), (
            f"{relative} after the update differs from a fresh {CURRENT} copy"
        )

    # 0.2.0's migrations (sessions, rate limits) apply on top of 0.1.0's and
    # keep the user.
    run(["make", "migrate"], cwd=project, env=migrate_env)
    kept = run([backend_python, "-c", READ_DATABASE], cwd=project / "backend")
    assert kept.split() == ["0003", "1", "sessions"], f"after make migrate: {kept}"
    node_modules_for(project / "frontend")
    environment = {
        "MYPY_CACHE_DIR": str(CACHE / "mypy-upgrade-test"),
        "TEST_DATABASE_URL": "",
        "NEXT_TELEMETRY_DISABLED": "1",
    }
    run(["make", "lint"], cwd=project, env=environment)
    tested = run(["make", "test"], cwd=project, env=environment)
    passed = [
        re.search(pattern, tested) for pattern in (r"(\d+) passed in", r"Tests\s+(\d+) passed")
    ]
    assert all(passed), f"expected a backend and a frontend summary:\n{tested[-3000:]}"
    REPORT["update: from 0.1.0"] = (
        f"{FIRST} ({RELEASE_0_1_0[:7]}) -> working tree: no conflicts, user edits kept, "
        f"make lint and make test pass (backend {passed[0][1]}, frontend {passed[1][1]} tests); "
        + " | ".join(output.strip().splitlines()[:1])
    )
