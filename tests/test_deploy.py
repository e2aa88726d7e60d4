"""What a render ships for production, checked without a Docker engine (none
runs where the template is tested): the Dockerfiles pass hadolint, compose.yml
matches the vendored Compose Specification, Caddy accepts the Caddyfile, the
backend lock installs and pins exactly what pyproject.toml asks for, and the
Makefile's set-up steps work against the PostgreSQL server here."""

import json
import os
import re
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import LOCK_ENTRY
from tests.support import (
    COPIER,
    ROOT,
    database_url,
    drop_database,
    free_ports,
    healthy,
    run,
    spawn,
    stop,
)

CHROMIUM = os.environ.get("TEMPLATE_TEST_CHROMIUM", "/usr/bin/chromium")

pytestmark = [pytest.mark.slow]

LINTED = ["defaults", "postgresql"]


@pytest.mark.parametrize("name", LINTED)
def test_the_dockerfiles_pass_hadolint(
    name: str, render: Callable[[str], Path], backend_python: Path
) -> None:
    project = render(name)
    hadolint = backend_python.parent / "hadolint"
    run([hadolint, "backend/Dockerfile", "frontend/Dockerfile"], cwd=project)


@pytest.mark.parametrize("name", LINTED)
def test_compose_matches_the_compose_specification(
    name: str, render: Callable[[str], Path], backend_python: Path
) -> None:
    project = render(name)
    check = backend_python.parent / "check-jsonschema"
    run([check, "--schemafile", "compose-spec.schema.json", "compose.yml"], cwd=project)


def test_the_compose_check_fails_on_a_wrong_key(
    render: Callable[[str], Path], backend_python: Path, tmp_path: Path
) -> None:
    compose = yaml.safe_load((render("postgresql") / "compose.yml").read_text())
    compose["services"]["backend"]["replica"] = 3
    broken = tmp_path / "compose.yml"
    broken.write_text(yaml.safe_dump(compose))
    schema = render("postgresql") / "compose-spec.schema.json"
    check = backend_python.parent / "check-jsonschema"
    completed = subprocess.run(
        [check, "--schemafile", schema, broken], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 1
    assert "replica" in completed.stdout


@pytest.mark.parametrize("name", LINTED)
def test_caddy_accepts_the_caddyfile(
    name: str, render: Callable[[str], Path], backend_python: Path
) -> None:
    caddy = backend_python.parent / "caddy"
    output = run(
        [caddy, "adapt", "--config", "Caddyfile"],
        cwd=render(name),
        env={"DOMAIN": "app.example.com"},
    )
    config = json.loads(output[output.index("{") :])
    assert "app.example.com" in json.dumps(config)
    # caddy adapt warns about a file `caddy fmt` would change.
    assert "formatted" not in output[: output.index("{")], output


@pytest.mark.parametrize("name", LINTED)
def test_every_variable_of_compose_is_in_the_production_example(
    name: str, render: Callable[[str], Path]
) -> None:
    project = render(name)
    used = set(re.findall(r"\$\{([A-Z_]+)", (project / "compose.yml").read_text()))
    example = (project / ".env.production.example").read_text()
    listed = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    assert used == listed
    assert ".env.production" in (project / ".gitignore").read_text().splitlines()


def test_the_postgresql_stack_migrates_once_and_scales_the_backend(
    render: Callable[[str], Path],
) -> None:
    services = yaml.safe_load((render("postgresql") / "compose.yml").read_text())["services"]
    assert set(services) == {"db", "migrate", "backend", "frontend", "caddy"}
    assert services["db"]["healthcheck"]
    assert any(volume.startswith("database:") for volume in services["db"]["volumes"])
    assert services["migrate"]["command"] == ["alembic", "upgrade", "head"]
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    backend = services["backend"]
    assert backend["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    # Scalable: nothing that ties a replica to one name, port or volume.
    assert not {"container_name", "ports", "volumes"} & set(backend)
    assert "/api/health" in " ".join(backend["healthcheck"]["test"])
    assert services["caddy"]["depends_on"]["backend"]["condition"] == "service_healthy"


def test_the_sqlite_stack_keeps_its_file_on_a_volume(render: Callable[[str], Path]) -> None:
    project = render("defaults")
    services = yaml.safe_load((project / "compose.yml").read_text())["services"]
    assert set(services) == {"migrate", "backend", "frontend", "caddy"}
    for name in ("migrate", "backend"):
        assert services[name]["volumes"] == ["database:/app/data"]
        assert services[name]["environment"]["DATABASE_URL"] == "sqlite:////app/data/app.db"
    # The image makes the folder the unprivileged user writes the file to.
    assert "install -d -o app -g app /app/data" in (project / "backend" / "Dockerfile").read_text()


MAIL_SETTINGS = {"SMTP_HOST", "SMTP_PORT", "SMTP_SECURITY", "EMAIL_FROM", "FRONTEND_URL"}


@pytest.mark.parametrize(
    ("name", "sends_mail"), [("defaults", True), ("postgresql", True), ("no-tasks", False)]
)
def test_the_backend_of_a_stack_that_sends_mail_gets_a_mail_server(
    name: str, sends_mail: bool, render: Callable[[str], Path]
) -> None:
    # Production refuses to start without SMTP_HOST when the project sends mail.
    services = yaml.safe_load((render(name) / "compose.yml").read_text())["services"]
    for service in ("migrate", "backend"):
        settings = set(services[service]["environment"])
        assert (settings >= MAIL_SETTINGS) is sends_mail
        assert not (MAIL_SETTINGS & settings) or sends_mail


# --- the backend lock -------------------------------------------------------------

# Run with the shared virtualenv's Python: every package a render's pyproject
# needs here (markers evaluated for this machine), by walking the installed
# packages' own requirements; and the installed version of each.
CLOSURE_SCRIPT = """
import json, sys, tomllib
from importlib import metadata
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

project = tomllib.load(open(sys.argv[1], "rb"))["project"]
roots = list(project["dependencies"])
if sys.argv[2] == "dev":
    roots += project["optional-dependencies"]["dev"]
needed, queue = {}, [(Requirement(text), "") for text in roots]
while queue:
    requirement, extra = queue.pop()
    if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
        continue
    name = canonicalize_name(requirement.name)
    extras = set(requirement.extras)
    if name in needed and extras <= needed[name]:
        continue
    needed[name] = needed.get(name, set()) | extras
    for text in metadata.requires(name) or []:
        queue += [(Requirement(text), wanted) for wanted in ["", *extras]]
print(json.dumps({name: metadata.version(name) for name in needed}))
"""
MARKER_SCRIPT = """
import json, sys
from packaging.markers import Marker
print(json.dumps([Marker(text).evaluate() for text in json.loads(sys.argv[1])]))
"""
PIN = re.compile(r"^([a-z0-9][a-z0-9._-]*)==(\S+)(?: ; (.*?))? \\$", re.MULTILINE)


def pins_here(lock: Path, python: Path) -> dict[str, str]:
    """The lock's pins whose markers hold on this machine: name -> version."""
    pins = PIN.findall(lock.read_text())
    markers = [marker for _, _, marker in pins if marker]
    applies = iter(
        json.loads(run([python, "-c", MARKER_SCRIPT, json.dumps(markers)], cwd=lock.parent))
    )
    return {name: version for name, version, marker in pins if not marker or next(applies)}


@pytest.mark.parametrize("name", LINTED)
@pytest.mark.parametrize(
    "lock, extras", [("requirements.lock", ""), ("requirements-dev.lock", "dev")]
)
def test_the_lock_pins_exactly_what_pyproject_needs(
    name: str, lock: str, extras: str, render: Callable[[str], Path], backend_python: Path
) -> None:
    """backend_python was installed from the locks with --require-hashes: the
    pins of this render that apply here are installed at their versions, and
    they are what its pyproject.toml needs, no more, no less."""
    backend = render(name) / "backend"
    pinned = pins_here(backend / lock, backend_python)
    needed = json.loads(
        run([backend_python, "-c", CLOSURE_SCRIPT, backend / "pyproject.toml", extras], cwd=backend)
    )
    assert sorted(pinned) == sorted(needed)
    assert pinned == needed, "an installed version differs from the lock"
    entries = LOCK_ENTRY.findall((backend / lock).read_text())
    assert all("--hash=sha256:" in entry for entry in entries)
    names = [entry.split("==")[0] for entry in entries]
    assert len(set(names)) == len(names), "a package pinned twice"


def test_the_runtime_lock_agrees_with_the_dev_lock(render: Callable[[str], Path]) -> None:
    backend = render("postgresql") / "backend"
    runtime = set(PIN.findall((backend / "requirements.lock").read_text()))
    development = set(PIN.findall((backend / "requirements-dev.lock").read_text()))
    assert runtime < development


def test_make_lock_rewrites_the_lock_as_rendered(
    render: Callable[[str], Path], backend_python: Path, tmp_path: Path
) -> None:
    """`make lock` in a fresh render changes nothing: the template's lock is
    what the project's own command writes (it asks the package index)."""
    project = tmp_path / "project"
    shutil.copytree(
        render("postgresql"),
        project,
        ignore=shutil.ignore_patterns("node_modules", ".next", ".venv"),
    )
    (project / "backend" / ".venv").symlink_to(backend_python.parent.parent)
    before = {
        lock: (project / "backend" / lock).read_text()
        for lock in ("requirements.lock", "requirements-dev.lock")
    }
    run(["make", "lock"], cwd=project, timeout=300)
    for lock, text in before.items():
        assert (project / "backend" / lock).read_text() == text, f"make lock changed {lock}"


# --- set-up steps of the Makefile ---------------------------------------------------

# `make install` installs the backend itself (pip install -e); the shared
# virtualenv finds it on the path instead.
INSTALLED = {"PYTHONPATH": "."}


def test_the_database_script_creates_a_missing_database_once(
    render: Callable[[str], Path], backend_python: Path
) -> None:
    backend = render("postgresql") / "backend"
    name = f"created_{uuid.uuid4().hex[:8]}"
    url = database_url(name)
    script = ["scripts/create_database.py", url]
    try:
        for expected in ("created", "exists"):
            output = run([backend_python, *script], cwd=backend, env=INSTALLED)
            assert output.strip() == f"database {name} {expected}"
    finally:
        drop_database(backend_python, name)


def test_the_database_script_says_in_one_line_what_went_wrong(
    render: Callable[[str], Path], backend_python: Path
) -> None:
    backend = render("postgresql") / "backend"
    completed = subprocess.run(
        [backend_python, "scripts/create_database.py", "postgresql://postgres@127.0.0.1:1/nowhere"],
        cwd=backend,
        env={**os.environ, **INSTALLED},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1, completed.stderr
    assert completed.stderr.startswith("cannot create database nowhere on 127.0.0.1:1")


def test_make_install_and_e2e_create_their_databases_first(render: Callable[[str], Path]) -> None:
    project = render("postgresql")
    install = run(["make", "-n", "install"], cwd=project).splitlines()
    create = install.index("cd backend && .venv/bin/python scripts/create_database.py")
    assert create < install.index("cd backend && .venv/bin/alembic upgrade head")
    url = database_url("e2e_here")
    e2e = run(["make", "-n", "e2e"], cwd=project, env={"E2E_DATABASE_URL": url})
    assert e2e.splitlines()[0].startswith(
        "cd backend && .venv/bin/python scripts/create_database.py"
    )
    # The database the browser suite uses by default (frontend/e2e/database.ts).
    default = re.search(
        r'"(postgresql://[^"]+)"', (project / "frontend" / "e2e" / "database.ts").read_text()
    )
    assert default and default.group(1) in e2e
    sqlite_install = run(["make", "-n", "install"], cwd=render("defaults"))
    assert "create_database" not in sqlite_install


def test_make_dev_takes_the_ports(render: Callable[[str], Path]) -> None:
    commands = run(
        ["make", "-n", "dev", "BACKEND_PORT=8123", "FRONTEND_PORT=3123"], cwd=render("defaults")
    )
    assert "--port 8123" in commands
    assert "BACKEND_URL=http://localhost:8123 npm run dev -- --port 3123" in commands


def test_the_message_after_copy_ends_with_the_first_commit(tmp_path: Path) -> None:
    for database in ("sqlite", "postgresql"):
        output = run(
            [
                COPIER,
                "copy",
                "--trust",
                "--defaults",
                "-d",
                "project_name=Acme Notes",
                "-d",
                f"database={database}",
                ROOT,
                tmp_path / database,
            ],
            cwd=tmp_path,
        )
        message = output[output.index('Your project "Acme Notes" is ready') :].strip()
        assert (
            message.splitlines()[-1]
            .strip()
            .startswith('git init && git add -A && git commit -m "Start from template"')
        )
        assert ("creates the database of DATABASE_URL" in message) == (database == "postgresql")


# Opens the page in Chromium and waits for the sign-in form, which only
# shows once the page's scripts ran: `next dev` serves them only to origins
# it allows (localhost, and 127.0.0.1 through allowedDevOrigins).
SIGN_IN_FORM_SCRIPT = """
const { chromium } = require("@playwright/test");
(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM });
  try {
    const page = await browser.newPage();
    await page.goto(process.argv[1]);
    await page.locator("form input[type=email]").waitFor({ timeout: 60000 });
    await page.locator("form button[type=submit]:not([disabled])").waitFor({ timeout: 30000 });
    console.log("sign-in form shown");
  } finally {
    await browser.close();
  }
})().catch((error) => { console.error(error.message); process.exit(1); });
"""


def test_make_dev_serves_both_on_the_ports_given_at_127_0_0_1(
    render: Callable[[str], Path],
    backend_python: Path,
    node_modules_for: Callable[[Path], None],
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    shutil.copytree(
        render("defaults"),
        project,
        ignore=shutil.ignore_patterns("node_modules", ".next", ".venv", "*.db"),
    )
    (project / "backend" / ".venv").symlink_to(backend_python.parent.parent)
    node_modules_for(project / "frontend")
    backend_port, frontend_port = free_ports(2)
    log = tmp_path / "make-dev.log"
    make = spawn(
        ["make", "dev", f"BACKEND_PORT={backend_port}", f"FRONTEND_PORT={frontend_port}"],
        cwd=project,
        log=log,
        env={"NEXT_TELEMETRY_DISABLED": "1"},
    )
    frontend = f"http://127.0.0.1:{frontend_port}"
    try:
        deadline = time.monotonic() + 120
        # /api/health through the frontend's forwarding: the backend on its port.
        while not healthy(frontend):
            assert make.poll() is None and time.monotonic() < deadline, log.read_text()[-4000:]
            time.sleep(0.5)
        assert healthy(f"http://127.0.0.1:{backend_port}")
        shown = run(
            ["node", "-e", SIGN_IN_FORM_SCRIPT, f"{frontend}/login"],
            cwd=project / "frontend",
            env={"CHROMIUM": CHROMIUM},
            timeout=180,
        )
        assert "sign-in form shown" in shown
    finally:
        stop(make)
