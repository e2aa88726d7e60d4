"""The generated backend under load: one uvicorn worker on 127.0.0.1."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import secrets
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import BenchError, log, run, timed
from bench.load import Request, Result, measure, measure_pair
from bench.projects import Project
from tests.support import POSTGRES_URL, ServerFailed, link_token, mail_sink, recreate_database
from tests.support import uvicorn as backend_server

BCRYPT_ROUNDS = 12  # the generated Settings' default
FLOOR_APP = Path(__file__).resolve().parent / "floor_app"
STACK_FLOOR_APP = Path(__file__).resolve().parent / "stack_floor_app"
PASSWORD = "bench-password-1234"
TASKS_PER_USER = 10
FLOOD_REGISTRATIONS = 100

# A value of every extra field type, so /me answers with every column filled.
FIELD_VALUES: dict[str, Any] = {
    "str": "Acme",
    "text": "A few words about me.",
    "int": 42,
    "float": 1.75,
    "bool": True,
    "date": "1990-05-17",
    "datetime": "2030-01-01T09:30:00",
}


@dataclass
class Settings:
    seconds: float
    warmup: float
    storm_seconds: float
    connections: int
    tool: str


@dataclass
class FloodFigures:
    """A legitimate login and GET /api/health while anonymous clients, each
    from an address of its own, send registrations all at once."""

    # Time until a sign-in succeeded, Retry-After waits included.
    login_p50_ms: float
    logins: int
    # Tries answered 503 or 429 before those sign-ins succeeded.
    logins_refused: int
    health_p99_ms: float
    health_requests: int
    registration_statuses: dict[str, int]
    seconds: float


@dataclass
class DatabaseFigures:
    database: str
    project: str
    health: Result
    me: Result
    tasks: Result | None
    unknown_path: Result
    floor_me: Result
    stack_floor_me: Result
    round_trips: dict[str, int | None]
    logins: Result
    health_during_storm: Result
    bcrypt_verify_cpu_ms: float
    bcrypt_parallel_rate: float
    cpu_count: int
    flood: FloodFigures

    @property
    def me_over_health(self) -> float:
        return self.me.rate / self.health.rate if self.health.rate else 0.0

    @property
    def me_over_floor(self) -> float:
        return self.me.rate / self.floor_me.rate if self.floor_me.rate else 0.0

    @property
    def me_over_stack_floor(self) -> float:
        return self.me.rate / self.stack_floor_me.rate if self.stack_floor_me.rate else 0.0

    @property
    def stack_floor_over_floor(self) -> float:
        return self.stack_floor_me.rate / self.floor_me.rate if self.floor_me.rate else 0.0

    @property
    def me_over_unknown_path(self) -> float:
        return self.me.rate / self.unknown_path.rate if self.unknown_path.rate else 0.0

    @property
    def login_limit(self) -> float:
        return self.cpu_count / (self.bcrypt_verify_cpu_ms / 1000)


def postgres_url(database: str) -> str:
    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{database}"


def recreate_postgres_database(python: Path, database: str) -> str:
    """DROP and CREATE `database` on the test server (the bench's own, never `test`)."""
    return recreate_database(python, database, failure=BenchError)


def database_url(project: Project, work: Path) -> str:
    if project.database == "postgresql":
        return postgres_url("bench")
    return f"sqlite:///{work / 'bench.db'}"


def backend_env(url: str, rounds: int = BCRYPT_ROUNDS) -> dict[str, str]:
    return {
        "DATABASE_URL": url,
        "JWT_SECRET": secrets.token_hex(32),
        "BCRYPT_ROUNDS": str(rounds),
        "ENVIRONMENT": "production",
        "CORS_ORIGINS": "",
        # The login storm comes from one address: measure hashing, not the
        # per-address bucket.
        "PASSWORD_REQUESTS_BURST_PER_ADDRESS": "1000000",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


SERVER_VERSIONS: dict[str, str] = {}


def prepare_database(project: Project, python: Path, work: Path) -> str:
    url = database_url(project, work)
    if project.database == "postgresql":
        SERVER_VERSIONS["postgresql"] = recreate_postgres_database(python, "bench")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(work / "bench.db") + suffix).unlink(missing_ok=True)
    run(
        [python, "-m", "alembic", "upgrade", "head"], cwd=project.backend, env={"DATABASE_URL": url}
    )
    return url


@contextlib.contextmanager
def uvicorn(
    project: Project, python: Path, env: dict[str, str], app_dir: Path | None = None
) -> Iterator[str]:
    """One worker, uvloop + httptools (uvicorn[standard]), no access log;
    `app.main:app` of the backend, or of app_dir (a floor app)."""
    log_file = project.path / ("uvicorn.log" if app_dir is None else f"{app_dir.name}.log")
    log_file.unlink(missing_ok=True)
    try:
        with backend_server(
            app_dir or project.backend,
            python,
            env,
            log_file,
            options=("--workers", "1", "--log-level", "warning"),
            startup_seconds=30,
            # A short grace: a graceful shutdown would wait for every login
            # still queued for bcrypt after the storm.
            grace_seconds=3,
        ) as server:
            yield server.url
    except ServerFailed as error:
        raise BenchError(str(error)) from error


def call(
    method: str, url: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            payload = answer.read()
            headers = dict(answer.headers.items())
            # A login sets several cookies: keep every Set-Cookie, one a line.
            headers["Set-Cookie"] = "\n".join(answer.headers.get_all("Set-Cookie") or [])
            return answer.status, headers, json.loads(payload or b"null")
    except urllib.error.HTTPError as error:
        raise BenchError(f"{method} {url}: {error.code} {error.read()[:500]!r}") from None


def registration(project: Project, email: str) -> dict[str, Any]:
    body: dict[str, Any] = {"email": email, "password": PASSWORD, "name": "Bench User"}
    for field in project.answers.get("extra_user_fields", []):
        if field["type"] == "choice":
            body[field["name"]] = field["choices"][0]
        else:
            body[field["name"]] = FIELD_VALUES[field["type"]]
    return body


ACCESS_COOKIE = re.compile(r"^((?:__Host-)?access_token=[^;]+)", re.MULTILINE)


def sign_up(project: Project, base: str, mails: Path | None) -> tuple[dict[str, str], bool]:
    """Register a user (and follow the mailed link, with email verification),
    log in, add tasks; the headers that authenticate GETs."""
    email = f"bench-{secrets.token_hex(4)}@example.com"
    status, _, _ = call("POST", f"{base}/api/auth/register", registration(project, email))
    if status == 202 and mails is not None:
        token = link_token(mails, email, "verify-email")
        call("POST", f"{base}/api/auth/verify-email", {"token": token})
    _, headers, body = call(
        "POST", f"{base}/api/auth/login", {"email": email, "password": PASSWORD}
    )
    if project.token_storage == "cookie":
        # In production the cookie is __Host-access_token.
        found = ACCESS_COOKIE.search(headers["Set-Cookie"])
        if found is None:
            raise BenchError(f"the login set no access cookie: {headers['Set-Cookie']}")
        auth = {"Cookie": found.group(1)}
        write_headers = {**auth, "X-Requested-With": "XMLHttpRequest"}
    else:
        auth = {"Authorization": f"Bearer {body['access_token']}"}
        write_headers = auth
    status, _, me = call("GET", f"{base}/api/auth/me", headers=auth)
    if status != 200 or me.get("email") != email:
        raise BenchError(f"GET /api/auth/me did not answer for the new user: {me}")
    has_tasks = bool(project.answers.get("include_tasks_example", True))
    if has_tasks:
        for index in range(TASKS_PER_USER):
            call(
                "POST",
                f"{base}/api/tasks",
                {"title": f"Task {index}", "description": "Benchmark task"},
                write_headers,
            )
    return auth, has_tasks


def bcrypt_verify_cpu_ms(python: Path, rounds: int, samples: int) -> float:
    """CPU time of one bcrypt check at `rounds`, in the backend's own bcrypt."""
    script = (
        "import sys, time, bcrypt\n"
        "rounds, samples = int(sys.argv[1]), int(sys.argv[2])\n"
        "hashed = bcrypt.hashpw(b'bench-password-1234', bcrypt.gensalt(rounds))\n"
        "start = time.thread_time()\n"
        "for _ in range(samples):\n"
        "    assert bcrypt.checkpw(b'bench-password-1234', hashed)\n"
        "print((time.thread_time() - start) / samples * 1000)\n"
    )
    return float(run([python, "-c", script, str(rounds), str(samples)], cwd=Path.cwd()).strip())


def bcrypt_parallel_rate(python: Path, rounds: int, seconds: float) -> float:
    """Verifications/s of bcrypt alone on one thread per CPU, right now: what the
    machine can give (other processes included) just before the storm."""
    script = (
        "import os, sys, time, threading, bcrypt\n"
        "rounds, seconds = int(sys.argv[1]), float(sys.argv[2])\n"
        "hashed = bcrypt.hashpw(b'bench-password-1234', bcrypt.gensalt(rounds))\n"
        "counts = []\n"
        "stop = time.perf_counter() + seconds\n"
        "def work():\n"
        "    n = 0\n"
        "    while time.perf_counter() < stop:\n"
        "        bcrypt.checkpw(b'bench-password-1234', hashed); n += 1\n"
        "    counts.append(n)\n"
        "start = time.perf_counter()\n"
        "threads = [threading.Thread(target=work) for _ in range(os.cpu_count() or 1)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(sum(counts) / (time.perf_counter() - start))\n"
    )
    return float(run([python, "-c", script, str(rounds), str(seconds)], cwd=Path.cwd()).strip())


def token_claims(auth: dict[str, str]) -> dict[str, Any]:
    """The payload of the bench user's token (read, not verified)."""
    token = auth.get("Authorization", "").removeprefix("Bearer ")
    if not token:
        token = auth["Cookie"].split("access_token=", 1)[1]
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


# Run in the generated backend with its own virtualenv: the round trips of one
# request each, counted by the project's tests/round_trips.py.
ROUND_TRIPS_SCRIPT = """
import json, sys
from fastapi.testclient import TestClient
from app.main import create_app
from tests.round_trips import counting_round_trips

headers = json.loads(sys.argv[1])
counts = {}
with TestClient(create_app()) as client:
    for path in sys.argv[2:]:
        client.get(path, headers=headers)
        with counting_round_trips(client.app.state.engine) as trips:
            response = client.get(path, headers=headers)
        counts[path] = trips.count if response.status_code == 200 else None
print(json.dumps(counts))
"""


def count_round_trips(
    project: Project, python: Path, env: dict[str, str], auth: dict[str, str], paths: list[str]
) -> dict[str, int | None]:
    output = run(
        [python, "-c", ROUND_TRIPS_SCRIPT, json.dumps(auth), *paths],
        cwd=project.backend,
        env=env,
    )
    return dict(json.loads(output.strip().splitlines()[-1]))


@contextlib.contextmanager
def mail_for(
    project: Project, python: Path, work: Path
) -> Iterator[tuple[dict[str, str], Path | None]]:
    """A backend that sends mail gets the project's own SMTP sink (production
    refuses to start without a mail server): its settings and mail folder."""
    if not (project.backend / "tests" / "mail_sink.py").exists():
        yield {}, None
        return
    mails = work / "mails"
    with mail_sink(project.backend, python, mails) as settings:
        yield settings, mails


def measure_database(
    project: Project, python: Path, work: Path, settings: Settings
) -> DatabaseFigures:
    url = prepare_database(project, python, work)
    with mail_for(project, python, work) as (mail_settings, mails):
        return measure_served(project, python, settings, backend_env(url) | mail_settings, mails)


def measure_served(
    project: Project, python: Path, settings: Settings, env: dict[str, str], mails: Path | None
) -> DatabaseFigures:
    verify_ms = bcrypt_verify_cpu_ms(python, BCRYPT_ROUNDS, 3 if settings.seconds < 5 else 8)
    parallel_rate = bcrypt_parallel_rate(python, BCRYPT_ROUNDS, 2 if settings.seconds < 5 else 5)
    with uvicorn(project, python, env) as base:
        auth, has_tasks = sign_up(project, base, mails)

        def load(path: str, headers: dict[str, str] | None = None) -> Result:
            log(f"{project.database}: GET {path}, {settings.connections} connections")
            result = measure(
                settings.tool,
                Request(f"{base}{path}", headers=headers or {}),
                settings.connections,
                settings.seconds,
                settings.warmup,
            )
            log(
                f"  {result.rate:.0f} req/s, p50 {result.p50_ms:.2f} ms, "
                f"p99 {result.p99_ms:.2f} ms, {result.errors} errors"
            )
            return result

        health = load("/api/health")
        me = load("/api/auth/me", auth)
        tasks = load("/api/tasks", auth) if has_tasks else None
        log(f"{project.database}: GET /api/unknown-path (404), {settings.connections} connections")
        unknown_path = measure(
            settings.tool,
            Request(f"{base}/api/unknown-path", expect=404),
            settings.connections,
            settings.seconds,
            settings.warmup,
        )

        log(f"{project.database}: login storm, {settings.connections} clients")
        login = Request(
            f"{base}/api/auth/login",
            method="POST",
            headers={"Content-Type": "application/json"},
            body=json.dumps({"email": me_email(base, auth), "password": PASSWORD}).encode(),
        )
        logins, probe = measure_pair(
            settings.tool,
            login,
            settings.connections,
            Request(f"{base}/api/health"),
            settings.storm_seconds,
            # No warm-up: logins left queued by a warm-up would still be
            # hashing when the measured storm begins (sign-up warmed the path).
            timeout=60,
        )
        log(
            f"  {logins.rate:.2f} logins/s; health p50 {probe.p50_ms:.1f} ms, "
            f"p99 {probe.p99_ms:.1f} ms"
        )
        log(f"{project.database}: {FLOOD_REGISTRATIONS} concurrent registrations")
        flood = registration_flood(project, base, me_email(base, auth))
        log(
            f"  login p50 {flood.login_p50_ms:.0f} ms; health p99 "
            f"{flood.health_p99_ms:.1f} ms; registrations {flood.registration_statuses}"
        )
    paths = ["/api/auth/me", "/api/health"] + (["/api/tasks"] if has_tasks else [])
    round_trips = count_round_trips(project, python, env, auth, paths)
    claims = token_claims(auth)
    floor_env = {**env, "FLOOR_AUDIENCE": claims["aud"], "FLOOR_ISSUER": claims["iss"]}
    with uvicorn(project, python, floor_env, app_dir=FLOOR_APP) as floor:
        floor_me = load_floor(floor, auth, settings, f"{project.database}: floor app")
    with uvicorn(project, python, floor_env, app_dir=STACK_FLOOR_APP) as floor:
        stack_floor_me = load_floor(floor, auth, settings, f"{project.database}: stack floor app")
    return DatabaseFigures(
        database=project.database,
        project=project.name,
        health=health,
        me=me,
        tasks=tasks,
        unknown_path=unknown_path,
        floor_me=floor_me,
        stack_floor_me=stack_floor_me,
        round_trips=round_trips,
        logins=logins,
        health_during_storm=probe,
        bcrypt_verify_cpu_ms=verify_ms,
        bcrypt_parallel_rate=parallel_rate,
        cpu_count=os.cpu_count() or 1,
        flood=flood,
    )


def answer_of(
    url: str, body: dict[str, Any] | None, headers: dict[str, str]
) -> tuple[int, float | None]:
    """The status of one request (error answers are statuses too) and its
    Retry-After in seconds, if any."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="GET" if body is None else "POST")
    request.add_header("Content-Type", "application/json")
    for name, value in headers.items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            answer.read()
            return int(answer.status), None
    except urllib.error.HTTPError as error:
        error.read()
        retry_after = error.headers.get("Retry-After")
        return int(error.code), float(retry_after) if retry_after else None


def status_of(url: str, body: dict[str, Any] | None, headers: dict[str, str]) -> int:
    return answer_of(url, body, headers)[0]


def signed_in_after(url: str, body: dict[str, Any], headers: dict[str, str]) -> tuple[float, int]:
    """Sign in as a person does at the login form: on a 503 or 429, wait what
    Retry-After says (the form shows it) and try again. The time until the
    sign-in succeeded, in ms, and how many tries were refused first."""
    started = time.perf_counter()
    refused = 0
    while True:
        status, retry_after = answer_of(url, body, headers)
        if status == 200:
            return (time.perf_counter() - started) * 1000, refused
        if status not in (429, 503) or time.perf_counter() - started > FLOOD_SIGN_IN_GIVE_UP:
            raise BenchError(f"a sign-in during the flood got {status}")
        refused += 1
        time.sleep(retry_after or 1.0)


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


FLOOD_SIGN_IN_GIVE_UP = 60.0  # seconds


def registration_flood(project: Project, base: str, email: str) -> FloodFigures:
    """FLOOD_REGISTRATIONS registrations at once, each from its own address
    (the backend trusts loopback's X-Forwarded-For), while one client signs
    in again and again and another probes GET /api/health every 50 ms."""
    go = threading.Event()
    statuses: list[int] = []

    def register(number: int) -> None:
        go.wait()
        address = f"10.{number // 250}.{number % 250}.1"
        body = registration(project, f"flood-{secrets.token_hex(6)}@example.com")
        statuses.append(status_of(f"{base}/api/auth/register", body, {"X-Forwarded-For": address}))

    flood = [threading.Thread(target=register, args=(n,)) for n in range(FLOOD_REGISTRATIONS)]
    for thread in flood:
        thread.start()
    health_ms: list[float] = []
    done = threading.Event()

    def probe() -> None:
        while not done.is_set():
            started = time.perf_counter()
            status_of(f"{base}/api/health", None, {})
            health_ms.append((time.perf_counter() - started) * 1000)
            done.wait(0.05)

    prober = threading.Thread(target=probe)
    started = time.perf_counter()
    go.set()
    prober.start()
    login_ms: list[float] = []
    refused = 0
    credentials = {"email": email, "password": PASSWORD}
    while any(thread.is_alive() for thread in flood) or len(login_ms) < 3:
        milliseconds, refusals = signed_in_after(
            f"{base}/api/auth/login", credentials, {"X-Forwarded-For": "192.0.2.200"}
        )
        login_ms.append(milliseconds)
        refused += refusals
    seconds = time.perf_counter() - started
    done.set()
    prober.join()
    for thread in flood:
        thread.join()
    counts: dict[str, int] = {}
    for status in statuses:
        counts[str(status)] = counts.get(str(status), 0) + 1
    return FloodFigures(
        login_p50_ms=statistics.median(login_ms),
        logins=len(login_ms),
        logins_refused=refused,
        health_p99_ms=percentile(health_ms, 0.99),
        health_requests=len(health_ms),
        registration_statuses=counts,
        seconds=seconds,
    )


def load_floor(base: str, auth: dict[str, str], settings: Settings, label: str) -> Result:
    log(f"{label} GET /api/auth/me, {settings.connections} connections")
    status, _, body = call("GET", f"{base}/api/auth/me", headers=auth)
    if status != 200 or "email" not in body:
        raise BenchError(f"the {label} did not answer /me: {status} {body}")
    result = measure(
        settings.tool,
        Request(f"{base}/api/auth/me", headers=auth),
        settings.connections,
        settings.seconds,
        settings.warmup,
    )
    log(f"  {result.rate:.0f} req/s, p99 {result.p99_ms:.2f} ms, {result.errors} errors")
    return result


def me_email(base: str, auth: dict[str, str]) -> str:
    return str(call("GET", f"{base}/api/auth/me", headers=auth)[2]["email"])


def test_suite_seconds(project: Project, python: Path) -> tuple[float, str]:
    """Wall time of the generated backend's own pytest run (PostgreSQL: bench_tests)."""
    env = {
        "TEST_DATABASE_URL": postgres_url("bench_tests") if project.database == "postgresql" else ""
    }
    seconds, output = timed(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project.backend, env=env
    )
    summary = next((line for line in reversed(output.splitlines()) if " passed" in line), "?")
    return seconds, summary.strip("= ")
