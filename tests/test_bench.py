"""Smoke test of the benchmark harness (bench/, issue 7).

It runs `python -m bench --quick` (one copy per project, a few seconds of load,
the frontend builds and the backend suites) and checks that the table comes
out with every row filled. It never asserts a timing: the figures belong in
docs/performance.md, not in a pass/fail.
"""

import os
import re
import subprocess
import sys

import pytest

from tests.support import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.bench]

EXPECTED_ROWS = [
    "`copier copy` --defaults",
    "`copier copy` all field types",
    "`copier copy` of a bare five-file template",
    "`copier copy` --defaults ÷ bare template",
    "SQLite: GET /api/health",
    "SQLite: GET /api/auth/me",
    "SQLite: GET /api/tasks",
    "SQLite: me/health",
    "SQLite: GET /api/unknown-path",
    "SQLite: floor app GET /api/auth/me",
    "SQLite: /me ÷ floor app",
    "SQLite: /me ÷ unknown-path",
    "SQLite: database round trips per request",
    "SQLite: logins/s",
    "SQLite: GET /api/health during the login storm",
    "PostgreSQL: GET /api/health",
    "PostgreSQL: GET /api/auth/me",
    "PostgreSQL: GET /api/tasks",
    "PostgreSQL: me/health",
    "PostgreSQL: GET /api/unknown-path",
    "PostgreSQL: floor app GET /api/auth/me",
    "PostgreSQL: /me ÷ floor app",
    "PostgreSQL: /me ÷ unknown-path",
    "PostgreSQL: database round trips per request",
    "PostgreSQL: logins/s",
    "PostgreSQL: GET /api/health during the login storm",
    "`next build`, default frontend",
    "`next build`, empty Next.js app",
    "/login JavaScript, gzip",
    "empty-app floor, gzip",
    "generated backend tests, defaults",
    "generated backend tests, postgresql",
]


def test_quick_bench_prints_every_row(tmp_path) -> None:  # type: ignore[no-untyped-def]
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--work", str(tmp_path / "work")],
        cwd=ROOT,
        env={**os.environ, "NEXT_TELEMETRY_DISABLED": "1"},
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-6000:]
    table = completed.stdout
    rows = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in {"Figure", "---"}:
            rows[cells[0]] = cells
    for expected in EXPECTED_ROWS:
        matches = [cells for figure, cells in rows.items() if figure.startswith(expected)]
        assert matches, f"no row {expected!r} in:\n{table}"
        figure, measured, target, verdict = matches[0]
        assert measured and measured != "—" and "FAILED" not in measured, (figure, measured)
        assert re.search(r"\d", measured), (figure, measured)
        # A row with a target always says whether it was met.
        if target != "—":
            assert verdict == "met" or verdict.startswith("MISSED"), (figure, verdict)
    assert re.search(r"^- Load generator: (wrk|the Python asyncio generator)", table, re.M), table
    assert re.search(r"^- Machine: ", table, re.M), table
