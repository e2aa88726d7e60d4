"""Helpers that more than one suite (and bench/) uses, defined once.

- `run(command, cwd)`: a command to completion; on failure the test fails
  (or `failure` is raised) with the end of its output.
- `free_port()`, `free_ports(count)`: loopback ports nobody listens on.
- `postgres_database(python, prefix)`: a throwaway PostgreSQL database;
  `recreate_database` / `drop_database` for the ones kept across steps.
- `uvicorn(backend, python, env, log)`: a generated backend on a free port,
  healthy, until the block ends.
- `mail_sink(backend, python, directory)`: the generated backend's SMTP sink
  (backend/tests/mail_sink.py) on a free port, with the settings that send
  the backend's mail there; `link_token(directory, recipient, path)` reads
  the token of the newest link to /path in a mail to recipient.
- `COPIER`, `GIT_IDENTITY`, `NOT_TEMPLATE`, `commit_all`: copier and git as a
  user runs them.
"""

import email
import email.policy
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("TEMPLATE_TEST_CACHE", ROOT / ".cache"))
POSTGRES_URL = os.environ.get(
    "TEMPLATE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Figures the suites report at the end of the run (conftest's terminal summary).
REPORT: dict[str, str] = {}

COPIER = Path(sys.executable).parent / "copier"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Template Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "Template Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
}
NOT_TEMPLATE = shutil.ignore_patterns(
    ".git", ".venv", ".cache", "node_modules", "site", "__pycache__"
)


def run(
    command: Sequence[str | Path],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 900,
    failure: Callable[[str], Exception] | None = None,
) -> str:
    """Run a command; on failure, fail the test (or raise `failure(message)`)
    with the end of its output."""
    completed = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )
    output = ANSI_ESCAPE.sub("", completed.stdout)
    if completed.returncode != 0:
        message = (
            f"{' '.join(map(str, command))} failed in {cwd} "
            f"(exit {completed.returncode}):\n{output[-8000:]}"
        )
        if failure is not None:
            raise failure(message)
        pytest.fail(message, pytrace=False)
    return output


def commit_all(repository: Path, message: str) -> None:
    run(["git", "add", "-A"], cwd=repository)
    run(["git", "commit", "-q", "-m", message], cwd=repository, env=GIT_IDENTITY)


# --- ports ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def free_ports(count: int) -> list[int]:
    ports: set[int] = set()
    while len(ports) < count:
        ports.add(free_port())
    return sorted(ports)


# --- PostgreSQL -----------------------------------------------------------------

# Run with a generated PostgreSQL backend's Python, which has psycopg.
ADMIN_SCRIPT = """
import sys, psycopg
url, action, name = sys.argv[1:4]
with psycopg.connect(url, autocommit=True) as connection:
    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if action == "recreate":
        connection.execute(f'CREATE DATABASE "{name}"')
    print(connection.execute("SHOW server_version").fetchone()[0])
"""


def database_url(name: str, server: str = POSTGRES_URL) -> str:
    """The URL of database `name` on the server of `server`."""
    return urllib.parse.urlsplit(server)._replace(path=f"/{name}").geturl()


def recreate_database(
    python: Path, name: str, failure: Callable[[str], Exception] | None = None
) -> str:
    """DROP (if there) and CREATE database `name`; return the server's version."""
    command = [python, "-c", ADMIN_SCRIPT, POSTGRES_URL, "recreate", name]
    return run(command, Path.cwd(), timeout=120, failure=failure).strip()


def drop_database(python: Path, name: str) -> None:
    subprocess.run(
        [str(python), "-c", ADMIN_SCRIPT, POSTGRES_URL, "drop", name],
        capture_output=True,
        check=False,
    )


@contextmanager
def postgres_database(python: Path, prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database; its URL, dropped when the block ends."""
    name = f"{prefix.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
    recreate_database(python, name)
    try:
        yield database_url(name)
    finally:
        drop_database(python, name)


# --- a generated backend on a port ------------------------------------------------


class ServerFailed(RuntimeError):
    """The backend did not start; the message ends with its log."""


@dataclass
class Server:
    url: str
    log: Path
    process: "subprocess.Popen[bytes]"

    def log_tail(self, characters: int = 12000) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return (
            f"--- server log ({self.log}), last {characters} characters ---\n{text[-characters:]}"
        )

    def fail(self, message: str) -> None:
        pytest.fail(f"{message}\n{self.log_tail()}", pytrace=False)


def healthy(url: str) -> bool:
    # Every target is 127.0.0.1: never through a proxy from the environment.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{url}/api/health", timeout=5) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def spawn(
    command: list[str | Path], cwd: Path, log: Path, env: dict[str, str] | None = None
) -> "subprocess.Popen[bytes]":
    """A background process whose output goes to `log`, in a process group
    of its own (so that stop() reaches it and its children only)."""
    with log.open("ab") as output:
        return subprocess.Popen(
            [str(part) for part in command],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def stop(process: "subprocess.Popen[bytes]", grace_seconds: float = 15) -> None:
    """SIGTERM to the server's process group, SIGKILL after `grace_seconds`."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


@contextmanager
def uvicorn(
    backend: Path,
    python: Path,
    env: Mapping[str, str],
    log: Path,
    options: Sequence[str] = (),
    startup_seconds: float = 90,
    grace_seconds: float = 15,
) -> Iterator[Server]:
    """`uvicorn app.main:app` on a free port, until the block ends; raises
    ServerFailed when /api/health does not answer 200 in time."""
    for _attempt in range(3):
        port = free_port()
        process = spawn(
            [
                python,
                *("-m", "uvicorn", "app.main:app", "--no-proxy-headers", "--host", "127.0.0.1"),
                *("--port", str(port), "--no-access-log", *options),
            ],
            cwd=backend,
            log=log,
            env=env,
        )
        server = Server(f"http://127.0.0.1:{port}", log, process)
        try:
            deadline = time.monotonic() + startup_seconds
            while process.poll() is None and not healthy(server.url):
                if time.monotonic() > deadline:
                    raise ServerFailed(
                        f"/api/health did not answer 200 within {startup_seconds}s\n"
                        + server.log_tail()
                    )
                time.sleep(0.2)
            if process.poll() is None:
                yield server
                return
            if "address already in use" not in log.read_text(errors="replace").lower():
                raise ServerFailed(f"the backend in {backend} did not start\n{server.log_tail()}")
        finally:
            stop(process, grace_seconds)
    raise ServerFailed(f"no free port for the backend in {backend}")


# --- mail -----------------------------------------------------------------------


def accepts_connections(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def mail_sink(
    backend: Path, python: Path, directory: Path, startup_seconds: float = 30
) -> Iterator[dict[str, str]]:
    """`python -m tests.mail_sink` of a generated backend (one that sends mail)
    on a free port, writing each message to `directory` as <n>.eml; yields the
    settings that point the backend at it."""
    port = free_port()
    directory.mkdir(parents=True, exist_ok=True)
    log = directory.parent / f"{directory.name}.log"
    command: list[str | Path] = [python, "-m", "tests.mail_sink", "--port", str(port)]
    process = spawn([*command, "--directory", directory], cwd=backend, log=log)
    try:
        deadline = time.monotonic() + startup_seconds
        while not accepts_connections(port):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the mail sink did not start:\n{log.read_text()[-4000:]}")
            time.sleep(0.1)
        yield {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(port),
            "SMTP_SECURITY": "none",
            "EMAIL_FROM": "Template Tests <noreply@example.com>",
        }
    finally:
        stop(process)


def link_token(directory: Path, recipient: str, path: str, timeout: float = 15) -> str:
    """The token of the newest link to /`path` in a mail to `recipient` that
    the sink wrote to `directory`, waiting up to `timeout` seconds for one."""
    deadline = time.monotonic() + timeout
    marker = f"/{path}?token="
    while True:
        mails = sorted(directory.glob("*.eml"), key=lambda file: int(file.stem), reverse=True)
        for file in mails:
            message = email.message_from_bytes(file.read_bytes(), policy=email.policy.default)
            if str(message["To"]).lower() != recipient.lower():
                continue
            body = message.get_body(preferencelist=("plain",))
            text = body.get_content() if body is not None else ""  # type: ignore[attr-defined]
            for line in text.splitlines():
                if marker in line:
                    return line.strip().split("?token=", 1)[1]
        if time.monotonic() > deadline:
            pytest.fail(f"no mail to {recipient} with a {marker} link in {directory}")
        time.sleep(0.1)
