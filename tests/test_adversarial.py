"""Adversarial tests of generated backends, run as real servers.

- Schemathesis fuzzes the OpenAPI of "defaults" and "all-field-types", without
  and with a valid token: no 5xx, every documented response matches its schema.
- Values a column cannot hold (NUL characters, integers beyond 32 and 64 bits,
  NaN, dates that overflow in UTC) on SQLite and PostgreSQL: never a 5xx.
- Concurrent registrations of the same emails on PostgreSQL: one account per
  email, the rest 409 (with email verification: 202 for all), never a 5xx.
- The forged-token table of the generated suite covers the attacks it must.

Each server runs with uvicorn on a free port of 127.0.0.1 and is stopped in
teardown; its log is shown when a test fails. FUZZ_MAX_EXAMPLES and FUZZ_SEED
(environment) change how many cases schemathesis generates and replay a run.
"""

import ast
import collections
import json
import os
import re
import secrets
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.matrix import COMBINATIONS
from tests.support import (
    REPORT,
    Server,
    ServerFailed,
    database_url,
    drop_database,
    link_token,
    mail_sink,
    recreate_database,
    run,
    spawn,
    stop,
    uvicorn,
)

pytestmark = [pytest.mark.slow, pytest.mark.backend]

FUZZED = ["defaults", "all-field-types"]
# Per operation, in the fuzzing phase; the coverage phase adds its own cases.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "200"))
CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"
# Operations that would end the session the authenticated pass runs with
# ("METHOD path"): schemathesis finds the session's id in GET
# /api/auth/sessions, and a few wrong current passwords end every session.
SESSION_ENDING = (
    r"^(POST /api/auth/(logout|logout-all|password)"
    r"|DELETE /api/auth/(me|sessions/\{session_id\}))$"
)
# Fuzzing must test the API, not the login throttle.
NO_LOGIN_THROTTLE = {
    "LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS": "1000000",
    "LOGIN_MAX_FAILURES_PER_ADDRESS": "1000000",
    "LOGIN_MAX_FAILURES_PER_EMAIL": "100",  # the highest allowed
    "PASSWORD_REQUESTS_BURST_PER_ADDRESS": "1000000",
    # Backends that send mail: the race registers each email many times.
    "MAIL_REQUESTS_BURST_PER_EMAIL": "1000000",
    "MAIL_REQUESTS_BURST_PER_ADDRESS": "1000000",
}
STARTUP_SECONDS = 90
FUZZ_TIMEOUT = 900
FUZZ_OUTPUT_TAIL = 30000

VALID_VALUES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "str": lambda field: "x",
    "text": lambda field: "x",
    "int": lambda field: 1,
    "float": lambda field: 1.5,
    "bool": lambda field: True,
    "date": lambda field: "2024-01-01",
    "datetime": lambda field: "2024-01-01T10:00:00",
    "choice": lambda field: field["choices"][0],
}


# --- HTTP and servers ---------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: Any
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


# Every target is 127.0.0.1: never go through a proxy from the environment.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
NO_PROXY_ENV = {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


def open_url(prepared: urllib.request.Request, timeout: float) -> "Reply":
    try:
        with OPENER.open(prepared, timeout=timeout) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


def request(
    method: str,
    url: str,
    payload: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> Reply:
    data = None if payload is None else json.dumps(payload).encode()
    all_headers = {"Accept": "application/json", **(headers or {})}
    if data is not None:
        all_headers["Content-Type"] = "application/json"
    prepared = urllib.request.Request(url, data=data, headers=all_headers, method=method)
    return open_url(prepared, timeout)


@contextmanager
def backend_server(backend: Path, python: Path, env: dict[str, str], log: Path) -> Iterator[Server]:
    """`alembic upgrade head`, then uvicorn on a free port until the block ends."""
    run([python, "-m", "alembic", "upgrade", "head"], cwd=backend, env=env, timeout=120)
    try:
        with uvicorn(backend, python, env, log, startup_seconds=STARTUP_SECONDS) as server:
            yield server
    except ServerFailed as error:
        pytest.fail(str(error), pytrace=False)


def random_secret() -> str:
    return secrets.token_hex(32)


def extra_field_values(name: str) -> dict[str, Any]:
    fields = COMBINATIONS[name].answers.get("extra_user_fields", [])
    return {field["name"]: VALID_VALUES[field["type"]](field) for field in fields}


def register(server: Server, name: str, email: str, password: str, mails: Path | None) -> str:
    """Register a user with every extra field set (and follow the link mailed
    to them, with email verification); return its access token."""
    payload = {"email": email, "password": password, "name": "Fuzz", **extra_field_values(name)}
    reply = request("POST", f"{server.url}/api/auth/register", payload)
    if reply.status == 202 and mails is not None:
        token = link_token(mails, email, "verify-email")
        reply = request("POST", f"{server.url}/api/auth/verify-email", {"token": token})
        if reply.status != 200:
            server.fail(f"verification failed: {reply.status} {reply.body[:2000]!r}")
    elif reply.status != 201:
        server.fail(f"registration failed: {reply.status} {reply.body[:2000]!r}")
    token = reply.json().get("access_token")
    if token is None:  # cookie mode: the token only travels in the cookie
        for header in reply.headers.get_all("Set-Cookie") or []:
            match = re.match(r"\s*access_token=([^;]+)", header)
            if match:
                token = match.group(1)
    if not token:
        server.fail(f"no access token in the registration's response: {reply.headers}")
    return str(token)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --- PostgreSQL -----------------------------------------------------------------

COUNT_SCRIPT = """
import json, sys
import psycopg
url, pattern = sys.argv[1:3]
with psycopg.connect(url) as connection:
    row = connection.execute(
        "SELECT count(*), count(DISTINCT lower(email)), "
        "count(*) FILTER (WHERE email <> lower(email)) FROM users WHERE email ILIKE %s",
        (pattern,),
    ).fetchone()
    emails = [
        r[0]
        for r in connection.execute(
            "SELECT email FROM users WHERE email ILIKE %s ORDER BY email", (pattern,)
        )
    ]
print(json.dumps({"users": row[0], "distinct": row[1], "not_lower": row[2], "emails": emails}))
"""


def count_users(python: Path, url: str, pattern: str) -> str:
    return run([python, "-c", COUNT_SCRIPT, url, pattern], cwd=Path.cwd(), timeout=120)


# --- servers with a registered user, one per combination ----------------------


@dataclass
class Target:
    server: Server
    token: str
    database_url: str


@pytest.fixture(scope="module")
def target(
    render: Callable[[str], Path],
    backend_python: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], Target]]:
    """One server per combination, with a registered user, for the module.

    SQLite in a temporary folder; PostgreSQL in a database of its own on the
    test server, dropped at the end.
    """
    targets: dict[str, Target] = {}
    with ExitStack() as stack:

        def start(name: str) -> Target:
            if name not in targets:
                workdir = tmp_path_factory.mktemp(f"server-{name}")
                if COMBINATIONS[name].postgresql:
                    database = f"adversarial_{uuid.uuid4().hex[:10]}"
                    recreate_database(backend_python, database)
                    stack.callback(drop_database, backend_python, database)
                    url = database_url(database)
                else:
                    url = f"sqlite:///{workdir / 'app.db'}"
                env = {
                    "DATABASE_URL": url,
                    "JWT_SECRET": random_secret(),
                    "BCRYPT_ROUNDS": "4",
                    "ENVIRONMENT": "development",
                    "CORS_ORIGINS": "",
                    **NO_LOGIN_THROTTLE,
                }
                backend = render(name) / "backend"
                mails = None
                if (backend / "tests" / "mail_sink.py").exists():
                    mails = workdir / "mails"
                    env |= stack.enter_context(mail_sink(backend, backend_python, mails))
                server = stack.enter_context(
                    backend_server(backend, backend_python, env, workdir / "server.log")
                )
                token = register(
                    server, name, "fuzz.user@example.com", "Fz-" + secrets.token_urlsafe(18), mails
                )
                targets[name] = Target(server, token, url)
            return targets[name]

        yield start


# --- 1. schemathesis ----------------------------------------------------------


def status_counts(ndjson: Path) -> tuple[dict[str, int], dict[str, collections.Counter[int]]]:
    """Cases per operation and statuses per operation, from schemathesis' events."""
    cases: collections.Counter[str] = collections.Counter()
    statuses: dict[str, collections.Counter[int]] = collections.defaultdict(collections.Counter)
    with ndjson.open() as events:
        for line in events:
            event = json.loads(line).get("ScenarioFinished")
            if not event:
                continue
            recorder = event["recorder"]
            label = recorder["label"]
            cases[label] += len(recorder.get("cases") or {})
            for interaction in (recorder.get("interactions") or {}).values():
                response = interaction.get("response")
                statuses[label][response["status_code"] if response else 0] += 1
    return dict(cases), statuses


@dataclass
class Pass:
    """One schemathesis run over the API, in its own process."""

    label: str
    authenticated: bool
    workdir: Path
    process: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    elapsed: float = 0.0

    @property
    def output(self) -> str:
        path = self.workdir / "output.txt"
        return path.read_text(errors="replace") if path.exists() else ""

    def report(self, pattern: str) -> Path | None:
        found = sorted((self.workdir / "reports").glob(pattern))
        return found[-1] if found else None


def start_pass(fuzz: Pass, target: Target, python: Path) -> None:
    url = target.server.url
    command: list[str | Path] = [
        python.parent / "schemathesis", "run", f"{url}/openapi.json",
        "--url", url,
        "--phases", "examples,coverage,fuzzing",
        "--max-examples", str(MAX_EXAMPLES),
        # One worker: schemathesis' worker threads trip CPython 3.11's
        # "AST constructor recursion depth mismatch"; the two passes run
        # side by side as processes instead.
        "--workers", "1",
        "--checks", CHECKS,
        "--continue-on-failure",
        "--generation-database", "none",
        "--request-timeout", "30",
        "--no-color",
        "--report", "json,ndjson",
        "--report-dir", fuzz.workdir / "reports",
    ]  # fmt: skip
    if os.environ.get("FUZZ_SEED"):
        command += ["--seed", os.environ["FUZZ_SEED"]]
    if fuzz.authenticated:
        command += [
            "--header", f"Authorization: Bearer {target.token}",
            "--generation-with-security-parameters", "false",
            "--exclude-name-regex", SESSION_ENDING,
        ]  # fmt: skip
    fuzz.workdir.mkdir(parents=True, exist_ok=True)
    fuzz.process = spawn(
        command, cwd=fuzz.workdir, log=fuzz.workdir / "output.txt", env=NO_PROXY_ENV
    )
    fuzz.started = time.monotonic()


def finish_pass(fuzz: Pass, deadline: float) -> int:
    assert fuzz.process is not None
    try:
        code = fuzz.process.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        stop(fuzz.process)
        code = -1
    fuzz.elapsed = time.monotonic() - fuzz.started
    return code


def check_pass(name: str, fuzz: Pass, code: int, target: Target) -> list[str]:
    """Record the pass' figures; return its problems."""
    json_report, ndjson_report = fuzz.report("json-*.json"), fuzz.report("ndjson-*.ndjson")
    if code == -1:
        return [f"{fuzz.label}: schemathesis did not finish within {FUZZ_TIMEOUT}s"]
    if json_report is None or ndjson_report is None:
        return [f"{fuzz.label}: schemathesis wrote no report (exit {code})"]
    report = json.loads(json_report.read_text())
    cases, statuses = status_counts(ndjson_report)
    operations = report["operations"]
    summary = (
        f"{operations['tested']}/{operations['selected']} operations, "
        f"{report['test_cases']['generated']} cases "
        f"(up to {max(cases.values(), default=0)} per operation), "
        f"{sum(f['count'] for f in report['failures'])} failures, "
        f"{sum(e['count'] for e in report['errors'])} errors, "
        f"exit {code}, {fuzz.elapsed:.0f}s, seed {report.get('seed')}"
    )
    REPORT[f"schemathesis, {name}, {fuzz.label}"] = summary
    print(f"schemathesis {name} {fuzz.label}: {summary}")
    for operation in sorted(statuses):
        counts = dict(sorted(statuses[operation].items()))
        print(f"  {operation}: {cases.get(operation, 0)} cases, statuses {counts}")

    problems = []
    for failure in report["failures"]:
        problems.append(
            f"{fuzz.label}: {failure['code']} {failure['title']} on {failure['operations']}"
        )
    for error in report["errors"]:
        problems.append(f"{fuzz.label}: schemathesis error: {error}")
    if code != 0 and not problems:
        problems.append(f"{fuzz.label}: schemathesis exited with {code}")
    if operations["errored"] or operations["tested"] != operations["selected"]:
        problems.append(f"{fuzz.label}: not every operation was tested: {operations}")
    warnings = report.get("warnings") or {}
    if warnings.get("unresolvable_reference"):
        problems.append(
            f"{fuzz.label}: the OpenAPI document has $refs that resolve to nothing, so "
            f"parts of these operations go untested: {warnings['unresolvable_reference']}"
        )
    server_errors = {
        operation: dict(counts)
        for operation, counts in statuses.items()
        if any(status >= 500 for status in counts)
    }
    if server_errors:
        problems.append(f"{fuzz.label}: 5xx responses: {server_errors}")
    if fuzz.authenticated:
        if warnings.get("missing_auth"):
            problems.append(
                f"{fuzz.label}: only 401/403 with a valid token: {warnings['missing_auth']}"
            )
        me = request("GET", f"{target.server.url}/api/auth/me", headers=bearer(target.token))
        if me.status != 200:
            problems.append(f"{fuzz.label}: the session ended: GET /api/auth/me -> {me.status}")
    return problems


@pytest.mark.parametrize("name", FUZZED)
def test_schemathesis(
    name: str,
    target: Callable[[str], Target],
    backend_python: Path,
    tmp_path: Path,
) -> None:
    """Anonymous and authenticated passes, side by side, against one server."""
    running = target(name)
    me = request("GET", f"{running.server.url}/api/auth/me", headers=bearer(running.token))
    assert me.status == 200, me.body
    passes = [
        Pass("anonymous", False, tmp_path / "anonymous"),
        Pass("authenticated", True, tmp_path / "authenticated"),
    ]
    try:
        for fuzz in passes:
            start_pass(fuzz, running, backend_python)
        deadline = time.monotonic() + FUZZ_TIMEOUT
        codes = [finish_pass(fuzz, deadline) for fuzz in passes]
    finally:
        for fuzz in passes:
            if fuzz.process is not None:
                stop(fuzz.process)
    problems = [
        problem
        for fuzz, code in zip(passes, codes, strict=True)
        for problem in check_pass(name, fuzz, code, running)
    ]
    if problems:
        outputs = "".join(
            f"\n--- schemathesis output, {fuzz.label} (last {FUZZ_OUTPUT_TAIL} characters) ---\n"
            f"{fuzz.output[-FUZZ_OUTPUT_TAIL:]}"
            for fuzz in passes
        )
        running.server.fail(f"{name}:\n" + "\n".join(problems) + outputs)


# --- 1b. values at the edges of what the database can store ---------------------

NUL = "a\x00b"
# Each type's values that are valid JSON of the documented type but do not fit
# a column, or overflow while converted.
EDGE_VALUES: dict[str, list[Any]] = {
    "str": [NUL],
    "text": [NUL],
    "choice": [NUL],
    "int": [2**31, -(2**31) - 1, 2**63, -(2**63) - 1, 10**30],
    "float": [float("nan"), float("inf"), -float("inf"), 1e308],
    "date": ["0001-01-01", "9999-12-31"],
    "datetime": ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"],
    "bool": [],
}


@dataclass
class Probe:
    method: str
    path: str
    payload: Any
    authenticated: bool = False
    form: bool = False

    def describe(self) -> str:
        body = urllib.parse.urlencode(self.payload) if self.form else json.dumps(self.payload)
        auth = " (with a valid Bearer token)" if self.authenticated else ""
        return f"{self.method} {self.path} {body}{auth}"


def edge_probes(name: str, task_id: str | None) -> list[Probe]:
    fields = COMBINATIONS[name].answers.get("extra_user_fields", [])
    overrides = [("name", NUL)] + [
        (field["name"], value) for field in fields for value in EDGE_VALUES[field["type"]]
    ]
    probes = []
    for index, (field, value) in enumerate(overrides):
        payload = {
            "email": f"edge{index}@example.com",
            "password": "Ed-" + secrets.token_urlsafe(12),
            "name": "Edge",
            **extra_field_values(name),
            field: value,
        }
        probes.append(Probe("POST", "/api/auth/register", payload))
        probes.append(Probe("PATCH", "/api/auth/me", {field: value}, authenticated=True))
    probes += [
        Probe(
            "POST",
            "/api/auth/register",
            {"email": f"{NUL}@example.com", "password": "Ed-" + secrets.token_urlsafe(12)}
            | {"name": "Edge", **extra_field_values(name)},
        ),
        Probe("POST", "/api/auth/login", {"email": f"{NUL}@example.com", "password": "x" * 12}),
        Probe("POST", "/api/auth/login", {"email": "fuzz.user@example.com", "password": NUL}),
        Probe("POST", "/api/auth/login", {"username": NUL, "password": NUL}, form=True),
    ]
    if task_id is not None:
        probes += [
            Probe("POST", "/api/tasks", {"title": NUL}, authenticated=True),
            Probe("POST", "/api/tasks", {"title": "t", "description": NUL}, authenticated=True),
            Probe("PATCH", f"/api/tasks/{task_id}", {"title": NUL}, authenticated=True),
            Probe("PATCH", f"/api/tasks/{task_id}", {"description": NUL}, authenticated=True),
        ]
    return probes


def send(server: Server, probe: Probe, token: str) -> Reply:
    headers = bearer(token) if probe.authenticated else {}
    if not probe.form:
        return request(probe.method, server.url + probe.path, probe.payload, headers=headers)
    prepared = urllib.request.Request(
        server.url + probe.path,
        data=urllib.parse.urlencode(probe.payload).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
        method=probe.method,
    )
    return open_url(prepared, timeout=60)


@pytest.mark.parametrize("name", [*FUZZED, "postgresql"])
def test_values_a_column_cannot_hold_are_refused_not_crashing(
    name: str, target: Callable[[str], Target]
) -> None:
    """NUL characters, integers beyond 32/64 bits, NaN, far dates: never a 5xx."""
    running = target(name)
    task_id = None
    if COMBINATIONS[name].answers.get("include_tasks_example", True):
        created = request(
            "POST", f"{running.server.url}/api/tasks", {"title": "t"}, bearer(running.token)
        )
        assert created.status == 201, created.body
        task_id = created.json()["id"]
    outcomes = [
        (probe, send(running.server, probe, running.token)) for probe in edge_probes(name, task_id)
    ]
    statuses = collections.Counter(reply.status for _, reply in outcomes)
    crashed = [
        f"{reply.status}: {probe.describe()}" for probe, reply in outcomes if reply.status >= 500
    ]
    accepted = [probe.describe() for probe, reply in outcomes if reply.status < 300]
    REPORT[f"edge values, {name}"] = (
        f"{len(outcomes)} requests, statuses {dict(sorted(statuses.items()))}"
    )
    print(
        f"edge values {name}: {len(outcomes)} requests, statuses {dict(sorted(statuses.items()))}"
    )
    for line in accepted:
        print(f"  accepted: {line}")
    if crashed:
        running.server.fail(
            f"{name}: {len(crashed)} of {len(outcomes)} requests got a 5xx:\n" + "\n".join(crashed)
        )


# --- 2. concurrent registrations on PostgreSQL --------------------------------

DISTINCT_EMAILS = 10
ATTEMPTS_PER_EMAIL = 20
CLIENTS = 20


def email_variant(local: str, attempt: int) -> str:
    """The same address written differently: case changes only."""
    variants = [
        f"{local}@example.com",
        f"{local.capitalize()}@Example.com",
        f"{local.upper()}@EXAMPLE.COM",
        f"{local}@EXAMPLE.com",
    ]
    return variants[attempt % len(variants)]


def test_concurrent_registrations_create_one_user_per_email(
    target: Callable[[str], Target], backend_python: Path
) -> None:
    name = "postgresql"
    assert COMBINATIONS[name].postgresql
    running = target(name)
    check_concurrent_registrations(running.server, backend_python, running.database_url, name)


def check_concurrent_registrations(
    server: Server, python: Path, database_url: str, name: str
) -> None:
    locals_ = [f"racer{index}" for index in range(DISTINCT_EMAILS)]
    passwords = {local: "Rc-" + secrets.token_urlsafe(18) for local in locals_}
    extra = extra_field_values(name)
    # Round r: all CLIENTS clients register email r at once (a barrier lines
    # them up), each writing the address its own way.
    assert ATTEMPTS_PER_EMAIL == CLIENTS
    barrier = threading.Barrier(CLIENTS, timeout=120)

    def email_of(client: int, round_: int) -> tuple[str, str]:
        local = locals_[round_]
        return local, email_variant(local, client)

    def client(index: int) -> list[tuple[str, str, int, str]]:
        results = []
        for round_ in range(DISTINCT_EMAILS):
            local, email = email_of(index, round_)
            barrier.wait()
            try:
                reply = request(
                    "POST",
                    f"{server.url}/api/auth/register",
                    {"email": email, "password": passwords[local], "name": "Racer", **extra},
                )
                results.append(
                    (local, email, reply.status, reply.body[:300].decode(errors="replace"))
                )
            except Exception as error:  # a dropped connection is recorded, not raised
                results.append((local, email, -1, repr(error)))
        return results

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        outcomes = [item for batch in pool.map(client, range(CLIENTS)) for item in batch]
    elapsed = time.monotonic() - started

    # With email verification every registration answers 202 and the
    # database alone tells how many accounts there are.
    verifies = bool(COMBINATIONS[name].answer("require_email_verification"))
    registered, taken = (202, 202) if verifies else (201, 409)
    statuses = collections.Counter(status for _, _, status, _ in outcomes)
    created = collections.Counter(local for local, _, status, _ in outcomes if status == 201)
    unexpected = [o for o in outcomes if o[2] not in (registered, taken)]
    counts = json.loads(count_users(python, database_url, "racer%").strip().splitlines()[-1])

    logins: collections.Counter[int] = collections.Counter()
    failed_logins = []
    # An unverified account with the right password answers 403, not 401.
    signed_in = 403 if verifies else 200

    def log_in(local: str) -> None:
        for attempt in range(2):  # as registered, and written differently
            email = email_variant(local, attempt + 1)
            reply = request(
                "POST",
                f"{server.url}/api/auth/login",
                {"email": email, "password": passwords[local]},
            )
            logins[reply.status] += 1
            if reply.status != signed_in:
                failed_logins.append((email, reply.status, reply.body[:300]))

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        list(pool.map(log_in, locals_))

    summary = (
        f"{len(outcomes)} registrations of {DISTINCT_EMAILS} emails from {CLIENTS} clients "
        f"in {elapsed:.1f}s: statuses {dict(sorted(statuses.items()))}; "
        f"{counts['users']} users in the database ({counts['distinct']} distinct emails, "
        f"{counts['not_lower']} not lower-case); logins {dict(sorted(logins.items()))}"
    )
    REPORT["concurrent registrations, postgresql"] = summary
    print(summary)

    problems = []
    if unexpected:
        problems.append(f"statuses other than {registered}/{taken}: {unexpected[:10]}")
    if not verifies and (
        statuses[201] != DISTINCT_EMAILS or any(count != 1 for count in created.values())
    ):
        problems.append(f"expected exactly one 201 per email, got {dict(created)}")
    if not verifies and statuses[409] != len(outcomes) - DISTINCT_EMAILS:
        problems.append(f"expected {len(outcomes) - DISTINCT_EMAILS} 409s, got {statuses[409]}")
    if counts["users"] != DISTINCT_EMAILS or counts["distinct"] != DISTINCT_EMAILS:
        problems.append(f"expected {DISTINCT_EMAILS} users, found {counts}")
    if counts["not_lower"]:
        problems.append(f"emails stored with upper-case letters: {counts['emails']}")
    if failed_logins:
        problems.append(f"logins that failed: {failed_logins}")
    if problems:
        server.fail(summary + "\n" + "\n".join(problems))


# --- 3. the forged-token table of the generated suite -------------------------

# Each attack the table must hold: a pattern matched against "key: source of
# the forging function" of every entry of FORGERIES.
REQUIRED_FORGERIES = {
    "alg none": r"alg.?none|[\"']none[\"']|unsigned",
    "HS512 header": r"HS512",
    "RS256 header": r"RS256",
    "another key": r"other.?key|another",
    "expired past the leeway": r"expired|leeway",
    "missing exp": r"missing.?exp\b|without\(\s*[\"']exp[\"']",
    "missing sub": r"missing.?sub\b|without\(\s*[\"']sub[\"']",
    "non-UUID sub": r"non.?uuid|[\"']sub[\"']\s*:\s*[\"'][^\"']*[\"']",
    "wrong aud": r"wrong.?aud|[\"']aud[\"']\s*:",
    "wrong iss": r"wrong.?iss|[\"']iss[\"']\s*:",
    "unknown or deleted user": r"unknown.?user|deleted.?user|uuid4\(\)",
    "missing sid": r"missing.?sid\b|without\(\s*[\"']sid[\"']",
    "unknown session": r"unknown.?session",
}


def forgeries_table(test_tokens: Path) -> dict[str, str]:
    source = test_tokens.read_text()
    module = ast.parse(source)
    functions = {
        node.name: ast.get_source_segment(source, node) or ""
        for node in module.body
        if isinstance(node, ast.FunctionDef)
    }
    for node in module.body:
        target = (
            node.target
            if isinstance(node, ast.AnnAssign)
            else (
                node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
            )
        )
        if isinstance(target, ast.Name) and target.id == "FORGERIES":
            assert isinstance(node.value, ast.Dict), "FORGERIES is not a dict literal"  # type: ignore[union-attr]
            table = {}
            for key, value in zip(node.value.keys, node.value.values, strict=True):  # type: ignore[union-attr]
                assert isinstance(key, ast.Constant), ast.dump(key) if key else "**"
                forge = ast.get_source_segment(source, value) or ""
                # A named function (unsigned, expired...) is read with its body.
                if isinstance(value, ast.Name):
                    forge += "\n" + functions.get(value.id, "")
                table[str(key.value)] = forge
            return table
    pytest.fail(f"no FORGERIES table in {test_tokens}", pytrace=False)


def test_the_forged_token_table_covers_the_known_attacks(render: Callable[[str], Path]) -> None:
    test_tokens = render("defaults") / "backend" / "tests" / "test_tokens.py"
    table = forgeries_table(test_tokens)
    entries = [f"{key}: {forge}" for key, forge in table.items()]
    missing = [
        attack
        for attack, pattern in REQUIRED_FORGERIES.items()
        if not any(re.search(pattern, entry, re.IGNORECASE | re.MULTILINE) for entry in entries)
    ]
    REPORT["forged-token table"] = (
        f"{len(table)} entries; missing: {', '.join(missing)}"
        if missing
        else f"{len(table)} entries, complete"
    )
    assert not missing, (
        f"FORGERIES in the generated tests/test_tokens.py lacks: {', '.join(missing)} "
        f"(it has: {', '.join(table)})"
    )
