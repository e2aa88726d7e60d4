"""`next build` of the rendered frontend, and the JavaScript its /login page loads
against the same figure for an empty Next.js app of the same version, and the
CSS that page loads."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.common import BenchError, log, run, timed
from tests.support import CACHE

NEXT_ENV = {"NEXT_TELEMETRY_DISABLED": "1"}
CHUNK = re.compile(r"static/chunks/[A-Za-z0-9_~.-]+\.js")
# Webpack writes stylesheets to static/css/, Turbopack next to the chunks.
STYLESHEET = re.compile(r"static/(?:css|chunks)/[A-Za-z0-9_~.-]+\.css")


@dataclass
class FrontendFigures:
    build_seconds: float
    floor_build_seconds: float
    next_version: str
    login_files: list[tuple[str, int, int]]  # path, raw bytes, gzip bytes
    floor_files: list[tuple[str, int, int]]
    login_css_files: list[tuple[str, int, int]]

    @property
    def login_gzip(self) -> int:
        return sum(size for _, _, size in self.login_files)

    @property
    def floor_gzip(self) -> int:
        return sum(size for _, _, size in self.floor_files)

    @property
    def login_css_raw(self) -> int:
        return sum(size for _, size, _ in self.login_css_files)

    @property
    def login_css_gzip(self) -> int:
        return sum(size for _, _, size in self.login_css_files)

    @property
    def ratio(self) -> float:
        return self.login_gzip / self.floor_gzip if self.floor_gzip else 0.0


def install_node_modules(frontend: Path) -> None:
    """`npm ci` once per package-lock.json into .cache/, then a hard-linked copy."""
    lock = hashlib.sha256((frontend / "package-lock.json").read_bytes()).hexdigest()[:12]
    master = CACHE / f"bench-frontend-{lock}"
    if not (master / ".complete").exists():
        log(f"npm ci into {master} (once per package-lock.json)")
        shutil.rmtree(master, ignore_errors=True)
        master.mkdir(parents=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(frontend / name, master / name)
        run(["npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"], cwd=master)
        (master / ".complete").touch()
    shutil.rmtree(frontend / "node_modules", ignore_errors=True)
    run(["cp", "-al", master / "node_modules", frontend / "node_modules"], cwd=frontend)


def write_empty_app(app: Path, frontend: Path) -> None:
    """The smallest App Router app: a root layout and a static /login page."""
    shutil.rmtree(app, ignore_errors=True)
    (app / "app" / "login").mkdir(parents=True)
    dependencies = json.loads((frontend / "package.json").read_text())["dependencies"]
    (app / "package.json").write_text(
        json.dumps(
            {
                "name": "empty-next-app",
                "private": True,
                "dependencies": {
                    name: dependencies[name] for name in ("next", "react", "react-dom")
                },
            },
            indent=2,
        )
    )
    # Same lock file as the frontend: the build finds its root here, not above.
    shutil.copy2(frontend / "package-lock.json", app / "package-lock.json")
    (app / "app" / "layout.jsx").write_text(
        "export default function RootLayout({ children }) {\n"
        '  return (<html lang="en"><body>{children}</body></html>);\n'
        "}\n"
    )
    (app / "app" / "login" / "page.jsx").write_text(
        "export default function Page() {\n  return <h1>Sign in</h1>;\n}\n"
    )
    shutil.rmtree(app / "node_modules", ignore_errors=True)
    run(["cp", "-al", frontend / "node_modules", app / "node_modules"], cwd=app)


def next_build(app: Path) -> float:
    shutil.rmtree(app / ".next", ignore_errors=True)
    seconds, output = timed(
        [app / "node_modules" / ".bin" / "next", "build"], cwd=app, env=NEXT_ENV
    )
    if not re.search(r"\s/login\b", output):
        raise BenchError(f"next build in {app} did not build /login:\n{output[-3000:]}")
    return seconds


def prerendered_html(app: Path, route: str) -> tuple[Path, str]:
    html_file = app / ".next" / "server" / "app" / f"{route.strip('/') or 'index'}.html"
    if not html_file.exists():
        raise BenchError(f"{html_file} is missing: {route} is not prerendered")
    return html_file, html_file.read_text()


def file_sizes(app: Path, names: list[str]) -> list[tuple[str, int, int]]:
    """Each built file with its raw and gzip (level 6) sizes."""
    sizes = []
    for name in names:
        data = (app / ".next" / name).read_bytes()
        sizes.append((name, len(data), len(gzip.compress(data, compresslevel=6, mtime=0))))
    return sizes


def page_javascript(app: Path, route: str) -> list[tuple[str, int, int]]:
    """Every JS file the prerendered page loads, with raw and gzip (level 6) sizes.

    The script tags of the prerendered HTML and the chunks its React Server
    Components payload asks for, less the noModule polyfills that only old
    browsers fetch.
    """
    html_file, html = prerendered_html(app, route)
    manifest = json.loads((app / ".next" / "build-manifest.json").read_text())
    polyfills = set(manifest.get("polyfillFiles", []))
    sizes = file_sizes(app, sorted(set(CHUNK.findall(html)) - polyfills))
    if not sizes:
        raise BenchError(f"no JavaScript found in {html_file}")
    return sizes


def page_css(app: Path, route: str) -> list[tuple[str, int, int]]:
    """Every stylesheet the prerendered page links or preloads, with raw and gzip sizes."""
    html_file, html = prerendered_html(app, route)
    sizes = file_sizes(app, sorted(set(STYLESHEET.findall(html))))
    if not sizes:
        raise BenchError(f"no stylesheet found in {html_file}")
    return sizes


def measure_frontend(frontend: Path, work: Path) -> FrontendFigures:
    install_node_modules(frontend)
    version = json.loads((frontend / "node_modules" / "next" / "package.json").read_text())[
        "version"
    ]
    log(f"next build (Next.js {version}) of {frontend}")
    build_seconds = next_build(frontend)
    login = page_javascript(frontend, "/login")
    login_css = page_css(frontend, "/login")
    empty = work / "empty-next-app"
    write_empty_app(empty, frontend)
    log(f"next build of an empty Next.js {version} app (the floor)")
    floor_seconds = next_build(empty)
    floor = page_javascript(empty, "/login")
    return FrontendFigures(build_seconds, floor_seconds, version, login, floor, login_css)
