"""Each frontend combination passes its own checks, and its TypeScript types
match the OpenAPI schema of the backend rendered from the same answers."""

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.matrix import COMBINATIONS, E2E, FRONTEND
from tests.support import REPORT, ROOT, run

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
@pytest.mark.parametrize("name", [name for name in FRONTEND if name not in E2E])
def test_next_build(name: str, frontend: Callable[[str], Path]) -> None:
    output = run(["npm", "run", "build"], cwd=frontend(name), env={"NEXT_TELEMETRY_DISABLED": "1"})
    for route in [
        "/login",
        "/register",
        "/profile",
        *(f"/{route}" for route in protected_routes(name)),
    ]:
        assert re.search(rf"\s{re.escape(route)}\b", output), (
            f"{route} not built:\n{output[-3000:]}"
        )


def protected_routes(name: str) -> list[str]:
    return COMBINATIONS[name].answers.get("protected_routes", ["dashboard"])


@pytest.mark.parametrize("name", FRONTEND)
def test_types_match_the_backend_openapi(
    name: str, frontend: Callable[[str], Path], render: Callable[[str], Path], backend_python: Path
) -> None:
    backend = render(name) / "backend"
    schema = run(
        [
            backend_python,
            "-c",
            "import json; from app.main import app; print(json.dumps(app.openapi()))",
        ],
        cwd=backend,
        env={"JWT_SECRET": "openapi-export-only-" + "x" * 32},
    )
    check_dir = frontend(name) / "openapi-check"
    check_dir.mkdir(exist_ok=True)
    (check_dir / "openapi.json").write_text(json.dumps(json.loads(schema), indent=2))
    run(
        [
            "npx",
            "openapi-typescript",
            "openapi-check/openapi.json",
            "-o",
            "openapi-check/schema.d.ts",
        ],
        cwd=frontend(name),
    )
    checks = (ROOT / "tests" / "openapi_check.ts.txt").read_text()
    if COMBINATIONS[name].answers.get("include_tasks_example", True):
        checks += (ROOT / "tests" / "openapi_check_tasks.ts.txt").read_text()
    (check_dir / "check.ts").write_text(checks)
    run(
        [
            "npx",
            "tsc",
            "--noEmit",
            "--strict",
            "--skipLibCheck",
            "--target",
            "es2022",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
            "openapi-check/check.ts",
        ],
        cwd=frontend(name),
    )
