"""Each frontend combination passes its own checks, and its committed API
types (lib/api-types.ts) are what its backend's OpenAPI document produces."""

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.matrix import BUILD, COMBINATIONS, FRONTEND
from tests.support import REPORT, run

pytestmark = [pytest.mark.slow, pytest.mark.frontend]


@pytest.fixture(scope="session")
def frontend(
    render: Callable[[str], Path], node_modules_for: Callable[[Path], None]
) -> Callable[[str], Path]:
    installed: dict[str, Path] = {}

    def installed_frontend(name: str) -> Path:
        if name not in installed:
            path = render(name) / "frontend"
            node_modules_for(path)
            installed[name] = path
        return installed[name]

    return installed_frontend


@pytest.mark.parametrize("name", FRONTEND)
def test_prettier(name: str, frontend: Callable[[str], Path]) -> None:
    run(["npm", "run", "format:check"], cwd=frontend(name))


@pytest.mark.parametrize("name", FRONTEND)
def test_eslint(name: str, frontend: Callable[[str], Path]) -> None:
    run(["npm", "run", "lint"], cwd=frontend(name))


@pytest.mark.parametrize("name", FRONTEND)
def test_typescript(name: str, frontend: Callable[[str], Path]) -> None:
    run(["npm", "run", "typecheck"], cwd=frontend(name))


@pytest.mark.parametrize("name", FRONTEND)
def test_vitest(name: str, frontend: Callable[[str], Path]) -> None:
    output = run(["npm", "test"], cwd=frontend(name))
    summary = re.search(r"Tests\s+(\d+ passed[^\n]*)", output)
    assert summary, output[-2000:]
    assert "skipped" not in summary.group(1)
    REPORT[f"frontend tests, {name}"] = summary.group(1).strip()


# The browser suite (tests/test_e2e.py) builds the E2E combinations itself,
# with the backend address it starts; building them here too would only
# repeat that.
@pytest.mark.parametrize("name", BUILD)
def test_next_build(name: str, frontend: Callable[[str], Path]) -> None:
    # As frontend/Dockerfile builds, so that tests/test_scaleout.py runs this build.
    output = run(
        ["npm", "run", "build"],
        cwd=frontend(name),
        env={"NEXT_TELEMETRY_DISABLED": "1", "NEXT_OUTPUT": "standalone"},
    )
    for route in [
        "/login",
        "/register",
        "/profile",
        *(f"/{route}" for route in protected_routes(name)),
    ]:
        assert re.search(rf"\s{re.escape(route)}\b", output), (
            f"{route} not built:\n{output[-3000:]}"
        )
    # Tailwind reads the app's own code only (app/globals.css): no class from
    # node_modules or an earlier build reaches the stylesheet.
    sources = app_sources(frontend(name))
    unused = sorted(cls for cls in stylesheet_classes(frontend(name)) if cls not in sources)
    assert not unused, f"the stylesheet has classes the app never names: {unused[:20]}"


# A class selector: not a decimal (".5rem"), Tailwind's escapes ("sm\:p-6") undone.
CLASS_SELECTOR = re.compile(r"(?<![\w)\]%.\\])\.(-?[A-Za-z_](?:\\.|[\w-])*)")


def stylesheet_classes(frontend: Path) -> set[str]:
    """The class names in the built stylesheets of the app."""
    sheets = sorted((frontend / ".next" / "static").glob("**/*.css"))
    assert sheets, "next build wrote no stylesheet"
    css = "".join(sheet.read_text() for sheet in sheets)
    return {name.replace("\\", "") for name in CLASS_SELECTOR.findall(css)}


def app_sources(frontend: Path) -> str:
    """The app's own code, where Tailwind is told to find its classes."""
    return "".join(
        path.read_text()
        for folder in ("app", "components", "lib")
        for path in sorted((frontend / folder).rglob("*"))
        if path.suffix in {".ts", ".tsx", ".css"}
    )


def protected_routes(name: str) -> list[str]:
    return COMBINATIONS[name].answers.get("protected_routes", ["dashboard"])


@pytest.mark.parametrize("name", FRONTEND)
def test_api_types_match_the_backend(
    name: str, frontend: Callable[[str], Path], backend_python: Path
) -> None:
    """The lib/api-types.ts of a fresh render is what its backend produces."""
    run(
        ["npm", "run", "api-types:check"],
        cwd=frontend(name),
        env={"BACKEND_PYTHON": str(backend_python)},
    )


def test_api_types_check_names_make_api_types_after_a_schema_change(
    frontend: Callable[[str], Path],
    render: Callable[[str], Path],
    backend_python: Path,
    tmp_path: Path,
) -> None:
    """A model change the types have not followed fails the check, with one
    line that says what to run; `npm run api-types` brings them in step."""
    installed = frontend("defaults")
    project = tmp_path / "project"
    shutil.copytree(
        render("defaults"), project, ignore=shutil.ignore_patterns("node_modules", ".next")
    )
    (project / "frontend" / "node_modules").symlink_to(installed / "node_modules")
    schemas = project / "backend" / "app" / "schemas.py"
    source = schemas.read_text()
    changed, count = re.subn(
        r"^(class UserPublic\(.*\):\n)", r"\1    favourite_colour: str\n", source, flags=re.M
    )
    assert count == 1, "class UserPublic not found in backend/app/schemas.py"
    schemas.write_text(changed)
    env = {**os.environ, "BACKEND_PYTHON": str(backend_python)}

    check = subprocess.run(
        ["npm", "run", "api-types:check"],
        cwd=project / "frontend",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert check.returncode != 0, check.stdout + check.stderr
    naming = [
        line for line in (check.stdout + check.stderr).splitlines() if "make api-types" in line
    ]
    assert naming == [
        "lib/api-types.ts is out of date with the backend's API: run make api-types"
    ], check.stdout + check.stderr
    run(["npm", "run", "api-types"], cwd=project / "frontend", env=env)
    assert (
        "favourite_colour: string;" in (project / "frontend" / "lib" / "api-types.ts").read_text()
    )
    run(["npm", "run", "api-types:check"], cwd=project / "frontend", env=env)
