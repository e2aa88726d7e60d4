"""The generated projects' browser suites: Playwright drives a real Chromium
through a production build of the frontend and a fresh backend.

For each combination of tests.matrix.E2E this renders the project, installs
its node_modules, and runs `npx playwright test` in frontend/ the way a user
would, with
- the Chromium of the system (PLAYWRIGHT_CHROMIUM_PATH; .ci/run installs it),
- the shared backend virtualenv (E2E_BACKEND_PYTHON) instead of backend/.venv,
- free loopback ports (E2E_BACKEND_PORT, E2E_FRONTEND_PORT),
- with PostgreSQL, a database of its own, created here and dropped after.

The run for SCREENSHOTS_FROM also takes the pictures of docs/images/ with
tests/e2e/screenshots.spec.ts, copied into that render's e2e/ for the run, and
checks them; with TEMPLATE_UPDATE_SCREENSHOTS=1 it writes them there (so a
plain test run leaves the committed pictures alone).
"""

import os
import re
import shutil
import struct
import subprocess
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

import pytest

from tests.matrix import COMBINATIONS, E2E
from tests.support import REPORT, ROOT, free_ports, postgres_database

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

CHROMIUM = Path(os.environ.get("TEMPLATE_TEST_CHROMIUM", "/usr/bin/chromium"))
# The combination with every field type: its register page shows them all.
SCREENSHOTS_FROM = "postgresql"
# Each picture with its viewport: desktop in both themes, and a phone.
DESKTOP, PHONE = (1280, 800), (390, 844)
SCREENSHOTS = {
    "login.png": DESKTOP,
    "register.png": DESKTOP,
    "dashboard.png": DESKTOP,
    "login-dark.png": DESKTOP,
    "register-dark.png": DESKTOP,
    "dashboard-dark.png": DESKTOP,
    "login-mobile.png": PHONE,
    "dashboard-mobile.png": PHONE,
}
SCREENSHOT_SPEC = ROOT / "tests" / "e2e" / "screenshots.spec.ts"
DOCS_IMAGES = ROOT / "docs" / "images"
TIMEOUT_SECONDS = 1800


def summary_counts(output: str) -> dict[str, int]:
    """The counts of Playwright's closing summary: passed, failed, skipped..."""
    counts: dict[str, int] = {}
    for number, outcome in re.findall(
        r"^\s*(\d+) (passed|failed|flaky|skipped|did not run|interrupted)\b",
        output,
        flags=re.MULTILINE,
    ):
        counts[outcome] = int(number)
    return counts


def inherited_environment() -> dict[str, str]:
    """This process's environment, minus settings meant for a manual run."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("E2E_") and key != "PLAYWRIGHT_CHROMIUM_PATH"
    }


def kept_traces(frontend: Path) -> list[Path]:
    return sorted((frontend / "test-results").glob("**/trace.zip"))


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: the browser tests need it. "
            ".ci/run installs it (apt-get install chromium); Playwright's own "
            "browser download is not used.",
            pytrace=False,
        )
    return CHROMIUM


@pytest.mark.parametrize("name", E2E)
def test_playwright(
    name: str,
    chromium: Path,
    render: Callable[[str], Path],
    node_modules_for: Callable[[Path], None],
    backend_python: Path,
    tmp_path: Path,
) -> None:
    frontend = render(name) / "frontend"
    if not (frontend / "node_modules" / ".package-lock.json").exists():
        node_modules_for(frontend)
    backend_port, frontend_port = free_ports(2)
    screenshots = tmp_path / "screenshots"
    env = {
        "CI": "1",
        "FORCE_COLOR": "0",
        "NEXT_TELEMETRY_DISABLED": "1",
        "PLAYWRIGHT_CHROMIUM_PATH": str(chromium),
        "E2E_BACKEND_PYTHON": str(backend_python),
        "E2E_BACKEND_PORT": str(backend_port),
        "E2E_FRONTEND_PORT": str(frontend_port),
    }
    screenshot_spec = frontend / "e2e" / SCREENSHOT_SPEC.name
    if name == SCREENSHOTS_FROM:
        env["E2E_SCREENSHOT_DIR"] = str(screenshots)
        shutil.copyfile(SCREENSHOT_SPEC, screenshot_spec)

    # SQLite needs nothing: playwright.config.ts makes a throwaway file itself.
    database = (
        postgres_database(backend_python, name)
        if COMBINATIONS[name].postgresql
        else nullcontext("")
    )
    try:
        with database as database_url:
            if database_url:
                env["E2E_DATABASE_URL"] = database_url
            started = time.monotonic()
            completed = subprocess.run(
                ["npx", "playwright", "test"],
                cwd=frontend,
                env={**inherited_environment(), **env},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
            elapsed = time.monotonic() - started
    finally:
        # The render is shared with suites that check its files.
        screenshot_spec.unlink(missing_ok=True)

    output = completed.stdout
    counts = summary_counts(output)
    problems = {outcome: count for outcome, count in counts.items() if outcome != "passed"}
    if completed.returncode != 0 or problems or not counts.get("passed"):
        traces = "\n".join(f"  {trace}" for trace in kept_traces(frontend))
        pytest.fail(
            f"npx playwright test failed for {name} (exit {completed.returncode}, "
            f"{counts or 'no summary'}):\n{output[-12000:]}\n"
            f"Traces and screenshots kept in {frontend / 'test-results'}:\n"
            f"{traces or '  (none)'}\n"
            f"Open one with: cd {frontend} && npx playwright show-trace <trace.zip>",
            pytrace=False,
        )
    REPORT[f"e2e, {name}"] = f"{counts['passed']} passed in {elapsed:.0f} s (build included)"

    if name == SCREENSHOTS_FROM:
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        for picture, (viewport_width, viewport_height) in SCREENSHOTS.items():
            source = screenshots / picture
            assert source.is_file(), f"the screenshot spec did not write {picture}"
            width, height = png_size(source)
            assert width == viewport_width and height >= viewport_height, (
                f"{picture} is {width}x{height}, not {viewport_width}x{viewport_height} or taller"
            )
            if os.environ.get("TEMPLATE_UPDATE_SCREENSHOTS") == "1":
                shutil.copyfile(source, DOCS_IMAGES / picture)
