"""Tests of the benchmark harness (bench/, issue 7).

The smoke test runs `python -m bench --quick` (one copy per project, a few
seconds of load, the frontend builds and the backend suites) and checks that
the table comes out with every row filled. It never asserts a timing: the
figures belong in docs/performance.md, not in a pass/fail. The fast tests
check how the frontend step reads a build's files.
"""

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.common import BenchError
from bench.frontend import FrontendFigures, page_css, page_javascript
from tests.support import ROOT

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
    "/login CSS, raw and gzip",
    "generated backend tests, defaults",
    "generated backend tests, postgresql",
]


@pytest.mark.slow
@pytest.mark.bench
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


def built_app(root: Path, html: str, files: dict[str, bytes]) -> Path:
    """A .next/ folder with a prerendered /login and the files it names."""
    (root / ".next" / "server" / "app").mkdir(parents=True)
    (root / ".next" / "server" / "app" / "login.html").write_text(html)
    (root / ".next" / "build-manifest.json").write_text(
        json.dumps({"polyfillFiles": ["static/chunks/polyfills.js"]})
    )
    for name, data in files.items():
        (root / ".next" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / ".next" / name).write_bytes(data)
    return root


LOGIN_HTML = (
    '<link rel="stylesheet" href="/_next/static/chunks/07v_5o.css" data-precedence="next"/>'
    '<link rel="preload" as="style" href="/_next/static/chunks/07v_5o.css"/>'
    '<link rel="stylesheet" href="/_next/static/css/app-layout.css"/>'
    '<script src="/_next/static/chunks/main-app.js" async=""></script>'
    '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>'
    '<script>self.__next_f.push([1,"I:[\\"static/chunks/page~login.js\\"]"])</script>'
)


def test_page_css_counts_each_stylesheet_once(tmp_path: Path) -> None:
    tailwind = b".flex{display:flex}" * 200
    app = built_app(
        tmp_path,
        LOGIN_HTML,
        {"static/chunks/07v_5o.css": tailwind, "static/css/app-layout.css": b"body{margin:0}"},
    )
    sizes = dict((name, (raw, packed)) for name, raw, packed in page_css(app, "/login"))
    assert sizes == {
        "static/chunks/07v_5o.css": (
            len(tailwind),
            len(gzip.compress(tailwind, compresslevel=6, mtime=0)),
        ),
        "static/css/app-layout.css": (14, len(gzip.compress(b"body{margin:0}", 6, mtime=0))),
    }


def test_page_javascript_leaves_out_polyfills_and_stylesheets(tmp_path: Path) -> None:
    app = built_app(
        tmp_path,
        LOGIN_HTML,
        {
            "static/chunks/main-app.js": b"console.log(1)",
            "static/chunks/page~login.js": b"console.log(2)",
        },
    )
    names = [name for name, _, _ in page_javascript(app, "/login")]
    assert names == ["static/chunks/main-app.js", "static/chunks/page~login.js"]


def test_a_page_without_a_stylesheet_is_an_error(tmp_path: Path) -> None:
    app = built_app(tmp_path, "<script src=/_next/static/chunks/a.js></script>", {})
    with pytest.raises(BenchError, match="no stylesheet"):
        page_css(app, "/login")


def test_css_totals_add_raw_and_gzip_sizes() -> None:
    figures = FrontendFigures(
        build_seconds=1.0,
        floor_build_seconds=1.0,
        next_version="16",
        login_files=[("a.js", 300, 100)],
        floor_files=[("b.js", 200, 80)],
        login_css_files=[("a.css", 1000, 250), ("b.css", 24, 20)],
    )
    assert (figures.login_css_raw, figures.login_css_gzip) == (1024, 270)
    assert figures.ratio == 1.25
