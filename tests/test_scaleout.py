"""Several backend instances behind a proxy behave as one.

The `no-tasks-localstorage` render (PostgreSQL, bearer tokens, refresh
tokens) runs as it would in production, without Docker: two uvicorn
processes of two workers each on one fresh PostgreSQL database, Caddy (from
PyPI) spreading requests round-robin over both with an active health check
on /api/health, and the Next.js standalone server in front, whose
BACKEND_URL is Caddy. Every request of these tests goes through the Next.js
server, as a browser's would. Caddy names the instance that answered in
X-Served-By (this suite's Caddyfile only), so each test can show that both
instances took part.

Everything listens on loopback. The clients connect from 127.0.0.2 and up,
so that the backend tells them apart by the X-Forwarded-For that the
frontend writes and Caddy passes on (TRUSTED_PROXIES is 127.0.0.1 only, the
address of both proxies).
"""

import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support import (
    REPORT,
    Server,
    free_port,
    healthy,
    postgres_database,
    run,
    spawn,
    stop,
    uvicorn,
)

pytestmark = [pytest.mark.slow, pytest.mark.scaleout]

COMBINATION = "no-tasks-localstorage"
PASSWORD = "correct horse battery"
# The backend's default: failed sign-ins per email and client address
# before 429 (app/config.py), the same for one instance or two.
FAILURES_ALLOWED = 5
# Bounds of every loop of this suite.
REQUEST_SECONDS = 30
STARTUP_SECONDS = 120


@dataclass
class Answer:
    status: int
    body: Any
    served_by: str


@dataclass
class Stack:
    url: str
    backends: list[Server]
    database_url: str
    python: Path

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        client: str = "127.0.0.2",
    ) -> Answer:
        """One request to the Next.js server, from the loopback address `client`."""
        host, port = self.url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(
            host, int(port), timeout=REQUEST_SECONDS, source_address=(client, 0)
        )
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            payload = None if body is None else json.dumps(body)
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            served_by = response.getheader("X-Served-By", "")
        finally:
            connection.close()
        try:
            parsed = json.loads(text) if text else None
        except json.JSONDecodeError:
            parsed = text
        return Answer(response.status, parsed, served_by)

    def sql(self, query: str, *parameters: str) -> list[list[Any]]:
        script = (
            "import json, sys, psycopg\n"
            "with psycopg.connect(sys.argv[1]) as connection:\n"
            "    rows = connection.execute(sys.argv[2], sys.argv[3:]).fetchall()\n"
            "print(json.dumps([list(row) for row in rows], default=str))\n"
        )
        output = run([self.python, "-c", script, self.database_url, query, *parameters], Path.cwd())
        return json.loads(output)


def caddyfile(port: int, upstreams: list[str]) -> str:
    hosts = " ".join(upstream.removeprefix("http://") for upstream in upstreams)
    return f"""{{
	admin off
	auto_https off
	servers {{
		trusted_proxies static 127.0.0.1/32
	}}
}}

http://127.0.0.1:{port} {{
	reverse_proxy {hosts} {{
		lb_policy round_robin
		health_uri /api/health
		health_interval 1s
		health_timeout 2s
		health_fails 1
		lb_try_duration 5s
		header_down X-Served-By {{rp.upstream.hostport}}
	}}
}}
"""


@contextmanager
def process(
    command: list[str | Path], cwd: Path, env: dict[str, str], log: Path, ready: str
) -> Iterator["subprocess.Popen[bytes]"]:
    """A server process until the block ends, once `ready`/api/health answers."""
    started = spawn(command, cwd=cwd, log=log, env=env)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not healthy(ready):
            if started.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{command[0]} did not start:\n{log.read_text()[-4000:]}")
            time.sleep(0.2)
        yield started
    finally:
        stop(started)


def standalone_server(frontend: Path) -> Path:
    """The server `next build` traced (what frontend/Dockerfile runs), built
    by the frontend suite in the same session when it ran first."""
    standalone = frontend / ".next" / "standalone"
    if not (standalone / "server.js").exists():
        run(
            ["npm", "run", "build"],
            cwd=frontend,
            env={"NEXT_TELEMETRY_DISABLED": "1", "NEXT_OUTPUT": "standalone"},
        )
    # The image copies the static assets next to the server, as here.
    shutil.copytree(
        frontend / ".next" / "static", standalone / ".next" / "static", dirs_exist_ok=True
    )
    return standalone / "server.js"


@pytest.fixture(scope="module")
def stack(
    render: Any,
    backend_python: Path,
    node_modules_for: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Stack]:
    started = time.monotonic()
    project = render(COMBINATION)
    backend = project / "backend"
    logs = tmp_path_factory.mktemp("scaleout")
    node_modules_for(project / "frontend")
    server_js = standalone_server(project / "frontend")
    with ExitStack() as running:
        database_url = running.enter_context(postgres_database(backend_python, "scaleout"))
        env = {
            "DATABASE_URL": database_url,
            "JWT_SECRET": secrets.token_hex(32),
            "TRUSTED_PROXIES": "127.0.0.1/32",
            # Four worker processes on one server: a few connections each.
            "DATABASE_POOL_SIZE": "4",
            "DATABASE_MAX_OVERFLOW": "4",
            "BCRYPT_ROUNDS": "4",
            # 100 registrations from one address are this suite's, not an attack.
            "PASSWORD_REQUESTS_BURST_PER_ADDRESS": "1000",
            # A refresh token presented again after this is reuse.
            "REFRESH_REUSE_GRACE_SECONDS": "1",
        }
        run([backend_python, "-m", "alembic", "upgrade", "head"], cwd=backend, env=env)
        backends = [
            running.enter_context(
                uvicorn(
                    backend, backend_python, env, logs / f"backend-{index}.log", ["--workers", "2"]
                )
            )
            for index in range(2)
        ]
        caddy_port = free_port()
        (logs / "Caddyfile").write_text(caddyfile(caddy_port, [server.url for server in backends]))
        caddy_url = f"http://127.0.0.1:{caddy_port}"
        running.enter_context(
            process(
                [
                    backend_python.parent / "caddy",
                    "run",
                    "--config",
                    logs / "Caddyfile",
                    "--adapter",
                    "caddyfile",
                ],
                cwd=logs,
                env={"XDG_DATA_HOME": str(logs), "XDG_CONFIG_HOME": str(logs)},
                log=logs / "caddy.log",
                ready=caddy_url,
            )
        )
        frontend_port = free_port()
        frontend_url = f"http://127.0.0.1:{frontend_port}"
        running.enter_context(
            process(
                ["node", server_js],
                cwd=server_js.parent,
                env={
                    "PORT": str(frontend_port),
                    "HOSTNAME": "127.0.0.1",
                    "BACKEND_URL": caddy_url,
                    "NODE_ENV": "production",
                    "NEXT_TELEMETRY_DISABLED": "1",
                },
                log=logs / "frontend.log",
                ready=frontend_url,
            )
        )
        REPORT["scale-out stack start"] = f"{time.monotonic() - started:.0f} s"
        yield Stack(frontend_url, backends, database_url, backend_python)


def both(stack: Stack) -> set[str]:
    return {server.url.removeprefix("http://") for server in stack.backends}


def register(stack: Stack, email: str | None = None, client: str = "127.0.0.2") -> dict[str, Any]:
    email = email or f"user-{uuid.uuid4().hex[:10]}@example.com"
    answer = stack.request(
        "POST",
        "/api/auth/register",
        {"email": email, "password": PASSWORD, "name": "Scale"},
        client=client,
    )
    assert answer.status == 201, answer
    return {**answer.body, "email": email}


def login(stack: Stack, email: str) -> dict[str, Any]:
    answer = stack.request("POST", "/api/auth/login", {"email": email, "password": PASSWORD})
    assert answer.status == 200, answer
    return answer.body


def refused_everywhere(stack: Stack, token: str) -> None:
    """GET /api/auth/me with `token` answers 401 from each instance."""
    seen: set[str] = set()
    for _ in range(6):
        answer = stack.request("GET", "/api/auth/me", token=token)
        assert answer.status == 401, answer
        seen.add(answer.served_by)
        if seen == both(stack):
            return
    pytest.fail(f"only {seen} answered")


def test_the_frontend_serves_its_pages_through_the_stack(stack: Stack) -> None:
    answer = stack.request("GET", "/login")
    assert answer.status == 200
    assert "<html" in str(answer.body)


def test_a_token_of_one_instance_is_accepted_by_the_other(stack: Stack) -> None:
    account = register(stack)
    seen = set()
    for _ in range(4):
        answer = stack.request("GET", "/api/auth/me", token=account["access_token"])
        assert answer.status == 200, answer
        assert answer.body["email"] == account["email"]
        seen.add(answer.served_by)
    assert seen == both(stack)


def test_a_logout_on_one_instance_is_refused_by_the_other(stack: Stack) -> None:
    account = register(stack)
    assert stack.request("POST", "/api/auth/logout", token=account["access_token"]).status == 204
    refused_everywhere(stack, account["access_token"])


def test_a_deleted_session_is_refused_by_every_instance(stack: Stack) -> None:
    account = register(stack)
    other = login(stack, account["email"])
    sessions = stack.request("GET", "/api/auth/sessions", token=account["access_token"])
    assert sessions.status == 200
    (ended,) = [session for session in sessions.body if not session["current"]]
    deleted = stack.request(
        "DELETE", f"/api/auth/sessions/{ended['id']}", token=account["access_token"]
    )
    assert deleted.status == 204
    refused_everywhere(stack, other["access_token"])
    assert stack.request("GET", "/api/auth/me", token=account["access_token"]).status == 200


def test_a_logout_all_ends_every_session_on_every_instance(stack: Stack) -> None:
    account = register(stack)
    others = [login(stack, account["email"]) for _ in range(2)]
    assert (
        stack.request("POST", "/api/auth/logout-all", token=account["access_token"]).status == 204
    )
    for token in [account["access_token"], *(other["access_token"] for other in others)]:
        refused_everywhere(stack, token)


def test_failed_sign_ins_are_counted_across_instances_per_client(stack: Stack) -> None:
    account = register(stack)
    wrong = {"email": account["email"], "password": "not the password"}
    served = set()
    for _ in range(FAILURES_ALLOWED):
        answer = stack.request("POST", "/api/auth/login", wrong, client="127.0.0.3")
        assert answer.status == 401, answer
        served.add(answer.served_by)
    assert served == both(stack)
    # The next one is refused, whichever instance gets it...
    for _ in range(2):
        assert stack.request("POST", "/api/auth/login", wrong, client="127.0.0.3").status == 429
    # ...for that client only: the backend counted by the address the
    # frontend saw, not by the proxies'.
    right = {"email": account["email"], "password": PASSWORD}
    assert stack.request("POST", "/api/auth/login", right, client="127.0.0.4").status == 200


def test_a_refresh_token_rotated_on_one_instance_and_reused_on_the_other_ends_the_session(
    stack: Stack,
) -> None:
    account = register(stack)
    first = stack.request("POST", "/api/auth/refresh", {"refresh_token": account["refresh_token"]})
    assert first.status == 200, first
    # Past REFRESH_REUSE_GRACE_SECONDS: presenting the spent token again is reuse.
    time.sleep(1.5)
    reuse = stack.request("POST", "/api/auth/refresh", {"refresh_token": account["refresh_token"]})
    assert reuse.status == 401, reuse
    assert {first.served_by, reuse.served_by} == both(stack)
    successor = stack.request(
        "POST", "/api/auth/refresh", {"refresh_token": first.body["refresh_token"]}
    )
    assert successor.status == 401, "the session should have ended"
    refused_everywhere(stack, first.body["access_token"])


def test_concurrent_refreshes_over_both_instances_share_one_successor(stack: Stack) -> None:
    account = register(stack)
    body = {"refresh_token": account["refresh_token"]}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(
            pool.map(lambda _: stack.request("POST", "/api/auth/refresh", body), range(8))
        )
    assert {answer.served_by for answer in answers} == both(stack)
    assert all(answer.status == 200 for answer in answers), [answer.status for answer in answers]
    successors = {answer.body["refresh_token"] for answer in answers}
    assert len(successors) == 1, "two live successors of one refresh token"
    (successor,) = successors
    time.sleep(1.5)
    assert stack.request("POST", "/api/auth/refresh", {"refresh_token": successor}).status == 200


def test_concurrent_registrations_of_one_email_make_one_account(stack: Stack) -> None:
    email = f"race-{uuid.uuid4().hex[:8]}@example.com"
    body = {"email": email, "password": PASSWORD, "name": "Race"}
    with ThreadPoolExecutor(max_workers=25) as pool:
        answers = list(
            pool.map(lambda _: stack.request("POST", "/api/auth/register", body), range(100))
        )
    statuses = sorted(answer.status for answer in answers)
    assert statuses == [201] + [409] * 99, statuses
    assert {answer.served_by for answer in answers} == both(stack)
    assert stack.sql("SELECT count(*) FROM users WHERE lower(email) = %s", email) == [[1]]


def test_mixed_requests_over_both_instances_never_answer_5xx(stack: Stack) -> None:
    account = register(stack)
    token = account["access_token"]
    kinds = [
        ("GET", "/api/auth/me", None, token),
        ("GET", "/api/auth/sessions", None, token),
        ("GET", "/api/dashboard", None, token),
        ("GET", "/api/auth/me", None, "not-a-token"),
        ("POST", "/api/auth/login", {"email": account["email"], "password": PASSWORD}, None),
        ("POST", "/api/auth/login", {"email": "nobody@example.com"}, None),
        ("POST", "/api/auth/register", {"email": "not an email", "password": "x"}, None),
        ("PATCH", "/api/auth/me", {"name": "Renamed"}, token),
        ("GET", "/api/health", None, None),
        ("POST", "/api/auth/refresh", {"refresh_token": "forged"}, None),
    ]
    requests = [kinds[index % len(kinds)] for index in range(200)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda kind: stack.request(*kind), requests))
    failures = [
        (kind[:2], answer.status)
        for kind, answer in zip(requests, answers, strict=True)
        if answer.status >= 500
    ]
    assert not failures
    assert {answer.served_by for answer in answers} == both(stack)


def test_a_killed_instance_loses_no_request_and_no_data(stack: Stack) -> None:
    """Last: it leaves one instance. Reads go on during the kill (Caddy
    retries a GET that the dying instance dropped), and the health check
    takes the instance out, so sign-ins and sign-ups go on after it."""
    accounts = [register(stack) for _ in range(6)]
    reads: list[Answer] = []
    stop_reading = threading.Event()

    def read() -> None:
        for index in range(400):
            if stop_reading.is_set():
                return
            account = accounts[index % len(accounts)]
            reads.append(stack.request("GET", "/api/auth/me", token=account["access_token"]))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        deadline = time.monotonic() + REQUEST_SECONDS
        while len(reads) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        killed = stack.backends[0]
        os.killpg(killed.process.pid, signal.SIGKILL)
        killed.process.wait(timeout=15)
        before_kill = len(reads)
        while len(reads) < before_kill + 40 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop_reading.set()
        reader.join(timeout=REQUEST_SECONDS)
    assert len(reads) >= before_kill + 40
    assert [answer.status for answer in reads] == [200] * len(reads)
    survivor = stack.backends[1].url.removeprefix("http://")
    assert {answer.served_by for answer in reads[before_kill + 1 :]} == {survivor}
    # Everything written before is there: every account signs in, and new
    # ones are made, all on the instance left.
    for account in accounts:
        answer = stack.request(
            "POST", "/api/auth/login", {"email": account["email"], "password": PASSWORD}
        )
        assert answer.status == 200, answer
        assert answer.served_by == survivor
    register(stack)
