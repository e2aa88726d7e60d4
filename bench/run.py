"""One command for the figures of issue 7: `python -m bench` from the repository root.

Renders the default project and the all-field-types PostgreSQL project, times
`copier copy`, loads each backend with one uvicorn worker on 127.0.0.1, builds
the frontend and an empty Next.js app, runs the generated backend's tests, and
prints a Markdown table with the targets next to the figures. Progress goes to
stderr; the table (and nothing else) to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.common import WORK, log

STEPS = ("copy", "backend", "frontend", "tests")

# The targets of issues 7 and 17.
COPY_RATIO_TARGET = 2.0  # `copier copy --defaults` against a bare template
RATIO_TARGET = {"sqlite": 0.15, "postgresql": 0.10}
FLOOR_RATIO_TARGET = 0.5  # /me against the bare ASGI floor app
UNKNOWN_PATH_RATIO_TARGET = {"postgresql": 0.15}  # /me against a 404
ROUND_TRIPS_TARGET = 1
LOGIN_SHARE_TARGET = 0.8
STORM_P99_TARGET_MS = 50.0
# The targets of issue 12.
FLOOD_LOGIN_P50_TARGET_MS = 2000.0
FLOOD_HEALTH_P99_TARGET_MS = 50.0
JS_RATIO_TARGET = 1.3


@dataclass
class Row:
    figure: str
    measured: str
    target: str = ""
    verdict: str = ""  # "met", "MISSED (...)" or "" when there is no target


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    def add(self, figure: str, measured: str, target: str = "", verdict: str = "") -> None:
        self.rows.append(Row(figure, measured, target, verdict))

    def failed(self, section: str, rows: list[str], error: BaseException) -> None:
        message = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        self.failures.append(f"{section}: {error}")
        for figure in rows:
            self.add(figure, f"FAILED: {message[:120]}")


def at_least(value: float, target: float) -> str:
    return "met" if value >= target else f"MISSED ({value / target:.2f}x of target)"


def at_most(value: float, target: float) -> str:
    return "met" if value <= target else f"MISSED ({value / target:.2f}x the limit)"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 1 copy, 2 s per load test, 4 s login storm"
    )
    parser.add_argument("--copies", type=int, help="copier copy runs per project (default 5)")
    parser.add_argument("--seconds", type=float, help="measured seconds per endpoint (default 10)")
    parser.add_argument("--warmup", type=float, help="unmeasured seconds first (default 2)")
    parser.add_argument("--storm-seconds", type=float, help="login storm length (default 20)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--load",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="load generator: wrk if installed (auto), or the Python one",
    )
    parser.add_argument(
        "--skip",
        action="append",
        choices=STEPS,
        default=[],
        help="leave out a step (repeatable); its rows are not printed",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=WORK,
        help=f"where projects are rendered and built (default {WORK})",
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    quick = args.quick
    args.copies = args.copies or (1 if quick else 5)
    args.seconds = args.seconds or (2.0 if quick else 10.0)
    args.warmup = args.warmup if args.warmup is not None else (1.0 if quick else 2.0)
    args.storm_seconds = args.storm_seconds or (4.0 if quick else 20.0)
    return args


def version_of(command: list[str]) -> str:
    try:
        output = subprocess.run(command, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    text = (output.stdout or output.stderr).strip().splitlines()
    return text[0] if text else "?"


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}){memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Node {version_of(['node', '--version'])}"
    )


def load_average() -> str:
    try:
        return "/".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "?"


BUSY_LOAD = 1.0  # 1-minute load average above which the figures are marked


def busy_machine() -> float | None:
    """The 1-minute load average when it is above BUSY_LOAD, else None."""
    try:
        load = os.getloadavg()[0]
    except OSError:
        return None
    return load if load > BUSY_LOAD else None


def copy_step(report: Report, args: argparse.Namespace, work: Path) -> None:
    from bench.projects import bare_template, time_bare_copies, time_copies, verbatim_template

    scratch = work / "copies"
    scratch.mkdir(parents=True, exist_ok=True)
    medians: dict[str, float] = {}
    bare_figure = f"`copier copy` of a bare five-file template (the floor), median of {args.copies}"
    try:
        log(f"copier copy (bare template) x{args.copies}")
        medians["bare"], times = time_bare_copies(args.copies, scratch, bare_template(work))
        report.figures["copy_bare"] = times
    except Exception as error:
        report.failed("copy", [bare_figure], error)
    for name, label in (("defaults", "--defaults"), ("postgresql", "all field types, PostgreSQL")):
        figure = f"`copier copy` {label}, median of {args.copies}"
        try:
            log(f"copier copy ({name}) x{args.copies}")
            medians[name], times = time_copies(name, args.copies, scratch)
        except Exception as error:
            report.failed("copy", [figure], error)
            continue
        report.figures[f"copy_{name}"] = times
        spread = f" (runs {min(times):.2f} to {max(times):.2f} s)" if len(times) > 1 else ""
        report.add(figure, f"{medians[name]:.2f} s{spread}")
    if "bare" in medians:
        bare_times = report.figures["copy_bare"]
        spread = (
            f" (runs {min(bare_times):.2f} to {max(bare_times):.2f} s)"
            if len(bare_times) > 1
            else ""
        )
        report.add(bare_figure, f"{medians['bare']:.2f} s{spread}")
    verbatim_figure = "`copier copy` of the defaults' files as they are (copier's per-file cost)"
    try:
        template, count = verbatim_template(work, "defaults")
        verbatim_figure = (
            f"`copier copy` of the defaults' {count} files as they are (copier's per-file cost)"
        )
        log(f"copier copy (verbatim template) x{args.copies}")
        medians["verbatim"], verbatim_times = time_bare_copies(args.copies, scratch, template)
        report.figures["copy_verbatim"] = verbatim_times
        shutil.rmtree(template, ignore_errors=True)
        report.add(verbatim_figure, f"{medians['verbatim']:.2f} s")
    except Exception as error:
        report.failed("copy", [verbatim_figure], error)
    ratio_figure = "`copier copy` --defaults ÷ bare template"
    if "bare" in medians and "defaults" in medians:
        ratio = medians["defaults"] / medians["bare"]
        report.add(
            ratio_figure,
            f"{ratio:.2f}x",
            f"≤ {COPY_RATIO_TARGET:.1f}x",
            at_most(ratio, COPY_RATIO_TARGET),
        )
    else:
        report.add(ratio_figure, "FAILED: a copy above failed")
    own_figure = "`copier copy` --defaults ÷ its files as they are (the template's own work)"
    if "verbatim" in medians and "defaults" in medians:
        report.add(own_figure, f"{medians['defaults'] / medians['verbatim']:.2f}x")
    else:
        report.add(own_figure, "FAILED: a copy above failed")
    shutil.rmtree(scratch, ignore_errors=True)


def backend_rows(database: str) -> list[str]:
    label = "SQLite" if database == "sqlite" else "PostgreSQL"
    return [
        f"{label}: GET /api/health (one query)",
        f"{label}: GET /api/auth/me",
        f"{label}: GET /api/tasks (10 tasks)",
        f"{label}: me/health",
        f"{label}: GET /api/unknown-path (404, the framework's floor)",
        f"{label}: floor app GET /api/auth/me (bare ASGI, PyJWT, one query)",
        f"{label}: /me ÷ floor app",
        f"{label}: stack floor app GET /api/auth/me (FastAPI, AsyncSession, PyJWT, one query)",
        f"{label}: stack floor app ÷ floor app (the stack's own share)",
        f"{label}: /me ÷ stack floor app (the template's own work)",
        f"{label}: /me ÷ unknown-path",
        f"{label}: database round trips per request",
        f"{label}: logins/s, {{c}} clients, vs bcrypt limit",
        f"{label}: GET /api/health during the login storm",
        f"{label}: a sign-in during 100 concurrent registrations (Retry-After honoured)",
        f"{label}: GET /api/health during 100 concurrent registrations",
    ]


def load_cell(result: Any) -> str:
    errors = f", {result.errors} errors" if result.errors else ""
    return (
        f"{result.rate:,.0f} req/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms{errors}"
    )


def backend_step(
    report: Report, args: argparse.Namespace, projects: dict[str, Any], python: Path, tool: str
) -> None:
    from bench.backend import Settings, measure_database

    settings = Settings(args.seconds, args.warmup, args.storm_seconds, args.connections, tool)
    for name in ("defaults", "postgresql"):
        project = projects[name]
        rows = [row.replace("{c}", str(args.connections)) for row in backend_rows(project.database)]
        try:
            figures = measure_database(project, python, args.work, settings)
        except Exception as error:
            traceback.print_exc()
            report.failed(f"backend {project.database}", rows, error)
            continue
        report.figures[f"backend_{project.database}"] = asdict(figures)
        report.add(rows[0], load_cell(figures.health))
        report.add(rows[1], load_cell(figures.me))
        if figures.tasks is not None:
            report.add(rows[2], load_cell(figures.tasks))
        ratio_target = RATIO_TARGET[project.database]
        report.add(
            rows[3],
            f"{figures.me_over_health:.2f}",
            f"≥ {ratio_target:.2f}",
            at_least(figures.me_over_health, ratio_target),
        )
        report.add(rows[4], load_cell(figures.unknown_path))
        report.add(rows[5], load_cell(figures.floor_me))
        report.add(
            rows[6],
            f"{figures.me_over_floor:.2f}",
            f"≥ {FLOOR_RATIO_TARGET:.2f}",
            at_least(figures.me_over_floor, FLOOR_RATIO_TARGET),
        )
        report.add(rows[7], load_cell(figures.stack_floor_me))
        report.add(rows[8], f"{figures.stack_floor_over_floor:.2f}")
        report.add(rows[9], f"{figures.me_over_stack_floor:.2f}")
        unknown_target = UNKNOWN_PATH_RATIO_TARGET.get(project.database)
        report.add(
            rows[10],
            f"{figures.me_over_unknown_path:.2f}",
            f"≥ {unknown_target:.2f}" if unknown_target else "",
            at_least(figures.me_over_unknown_path, unknown_target) if unknown_target else "",
        )
        trips = figures.round_trips
        worst = max((count if count is not None else 99) for count in trips.values())
        report.add(
            rows[11],
            ", ".join(
                f"{path.removeprefix('/api')} {'FAILED' if count is None else count}"
                for path, count in trips.items()
            ),
            f"{ROUND_TRIPS_TARGET} each",
            "met"
            if worst <= ROUND_TRIPS_TARGET
            else f"MISSED ({worst} at most, counted by the project's tests/round_trips.py)",
        )
        share = figures.logins.rate / figures.login_limit
        login_errors = f", {figures.logins.errors} errors" if figures.logins.errors else ""
        report.add(
            rows[12],
            f"{figures.logins.rate:.2f}/s = {share:.2f} of {figures.login_limit:.2f}/s "
            f"({figures.cpu_count} CPUs ÷ {figures.bcrypt_verify_cpu_ms:.0f} ms per "
            f"verify at cost 12; bcrypt alone on {figures.cpu_count} threads just before: "
            f"{figures.bcrypt_parallel_rate:.2f}/s){login_errors}",
            f"≥ {LOGIN_SHARE_TARGET:.1f} of limit",
            at_least(share, LOGIN_SHARE_TARGET),
        )
        probe = figures.health_during_storm
        report.add(
            rows[13],
            f"p50 {probe.p50_ms:.1f} ms, p99 {probe.p99_ms:.1f} ms "
            f"({probe.requests} requests, 1 paced client){', ' + str(probe.errors) + ' errors' if probe.errors else ''}",
            f"p99 ≤ {STORM_P99_TARGET_MS:.0f} ms",
            at_most(probe.p99_ms, STORM_P99_TARGET_MS),
        )
        flood = figures.flood
        answers = ", ".join(
            f"{n} got {status}" for status, n in sorted(flood.registration_statuses.items())
        )
        report.add(
            rows[14],
            f"p50 {flood.login_p50_ms:.0f} ms to a successful sign-in ({flood.logins} in "
            f"{flood.seconds:.1f} s, {flood.logins_refused} tries refused first; "
            f"registrations: {answers})",
            f"p50 ≤ {FLOOD_LOGIN_P50_TARGET_MS:.0f} ms",
            at_most(flood.login_p50_ms, FLOOD_LOGIN_P50_TARGET_MS),
        )
        report.add(
            rows[15],
            f"p99 {flood.health_p99_ms:.1f} ms ({flood.health_requests} requests)",
            f"p99 ≤ {FLOOD_HEALTH_P99_TARGET_MS:.0f} ms",
            at_most(flood.health_p99_ms, FLOOD_HEALTH_P99_TARGET_MS),
        )


def frontend_step(report: Report, args: argparse.Namespace, projects: dict[str, Any]) -> None:
    from bench.frontend import measure_frontend

    rows = [
        "`next build`, default frontend",
        "`next build`, empty Next.js app",
        "/login JavaScript, gzip",
        "empty-app floor, gzip",
        "/login CSS, raw and gzip",
    ]
    try:
        figures = measure_frontend(projects["defaults"].frontend, args.work)
    except Exception as error:
        traceback.print_exc()
        report.failed("frontend", rows, error)
        return
    report.figures["frontend"] = asdict(figures)
    report.add(rows[0], f"{figures.build_seconds:.1f} s (Next.js {figures.next_version})")
    report.add(rows[1], f"{figures.floor_build_seconds:.1f} s")
    report.add(
        rows[2],
        f"{figures.login_gzip / 1024:.1f} KiB in {len(figures.login_files)} files "
        f"= {figures.ratio:.2f}x the floor",
        f"≤ {JS_RATIO_TARGET:.1f}x floor",
        at_most(figures.ratio, JS_RATIO_TARGET),
    )
    report.add(rows[3], f"{figures.floor_gzip / 1024:.1f} KiB in {len(figures.floor_files)} files")
    report.add(
        rows[4],
        f"{figures.login_css_raw / 1024:.1f} KiB raw, {figures.login_css_gzip / 1024:.1f} KiB "
        f"gzip in {len(figures.login_css_files)} files",
    )


def tests_step(report: Report, projects: dict[str, Any], python: Path) -> None:
    from bench.backend import test_suite_seconds

    for name in ("defaults", "postgresql"):
        project = projects[name]
        label = "SQLite" if project.database == "sqlite" else "PostgreSQL"
        figure = f"generated backend tests, {name} ({label})"
        try:
            log(f"backend test suite of {name}")
            seconds, summary = test_suite_seconds(project, python)
        except Exception as error:
            report.failed("tests", [figure], error)
            continue
        report.figures[f"tests_{name}"] = {"seconds": seconds, "summary": summary}
        report.add(figure, f"{seconds:.1f} s ({summary})")


def render_table(report: Report) -> str:
    lines = ["| Figure | Measured | Target | Verdict |", "|---|---|---|---|"]
    for row in report.rows:
        lines.append(
            f"| {row.figure} | {row.measured} | {row.target or '—'} | {row.verdict or '—'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    report = Report()
    started = time.perf_counter()
    load_before = load_average()
    busy_at_start = busy_machine()
    steps = [step for step in STEPS if step not in args.skip]

    from bench.load import choose_tool

    tool = choose_tool(args.load)
    log(f"load generator: {tool}; work directory {args.work}")

    projects: dict[str, Any] = {}
    python: Path | None = None
    if {"backend", "frontend", "tests"} & set(steps):
        from bench.projects import PROJECTS, backend_python, render

        try:
            for name in PROJECTS:
                log(f"rendering {name}")
                projects[name] = render(name, args.work)
            if {"backend", "tests"} & set(steps):
                python = backend_python(list(projects.values()))
        except Exception as error:
            traceback.print_exc()
            print(f"bench: cannot set up the projects: {error}", file=sys.stderr)
            return 2

    if "copy" in steps:
        copy_step(report, args, args.work)
    if "backend" in steps:
        assert python is not None
        backend_step(report, args, projects, python, tool)
    if "frontend" in steps:
        frontend_step(report, args, projects)
    if "tests" in steps:
        assert python is not None
        tests_step(report, projects, python)

    from bench.backend import SERVER_VERSIONS

    wrk = version_of(["wrk", "--version"]).split(" [")[0] if tool == "wrk" else ""
    generator = (
        f"{wrk or 'wrk'}, {args.connections} connections"
        if tool == "wrk"
        else f"the Python asyncio generator ({'wrk is not installed' if args.load == 'auto' else '--load python'}), {args.connections} connections"
    )
    report.notes += [
        f"Machine: {machine()}"
        + (f", PostgreSQL {SERVER_VERSIONS['postgresql']}" if SERVER_VERSIONS else ""),
        f"Load generator: {generator}; {args.warmup:g} s warm-up, then {args.seconds:g} s "
        f"per endpoint, {args.storm_seconds:g} s login storm (no warm-up) probed by a paced "
        "Python client (20 GET /api/health per s); one uvicorn worker "
        "(uvloop, httptools, no access log) on 127.0.0.1, BCRYPT_ROUNDS=12, ENVIRONMENT=production",
        f"Load average (1/5/15 min) before {load_before}, after {load_average()}; "
        f"bench wall time {time.perf_counter() - started:.0f} s",
        "Command: " + " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
    ]
    if busy_at_start is not None:
        print(
            f"**Busy machine: the 1-minute load average was {busy_at_start:.1f} "
            f"(above {BUSY_LOAD:.1f}) at the start; absolute figures are not "
            "those of a quiet machine.**\n"
        )
    print(render_table(report))
    print()
    for note in report.notes:
        print(f"- {note}")
    sys.stdout.flush()
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "rows": [asdict(row) for row in report.rows],
                    "notes": report.notes,
                    "figures": report.figures,
                    "failures": report.failures,
                },
                indent=2,
                default=str,
            )
        )
    if report.failures:
        for failure in report.failures:
            print(f"bench: {failure[:3000]}", file=sys.stderr)
        return 1
    return 0
