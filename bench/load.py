"""Closed-loop HTTP load: wrk when it is installed, else a Python generator.

Both keep `connections` keep-alive connections busy for `duration` seconds
after `warmup` seconds whose requests are not counted, and report requests/s,
p50 and p99 latency and how many answers were not the expected status (a bench
whose requests fail would otherwise look fast).
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.common import BenchError, percentile


@dataclass
class Request:
    url: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    expect: int = 200


@dataclass
class Result:
    requests: int  # answered with the expected status, in the measured window
    errors: int  # other statuses, socket errors and timeouts
    seconds: float
    p50_ms: float
    p99_ms: float
    tool: str

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def choose_tool(preference: str) -> str:
    if preference == "wrk" and not wrk_available():
        raise BenchError("--load wrk: wrk is not installed (apt-get install -y wrk)")
    if preference == "auto":
        return "wrk" if wrk_available() else "python"
    return preference


# ---------------------------------------------------------------------------
# wrk

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS_MS[unit]


def _lua_script(request: Request) -> str:
    lines = [f"wrk.method = {json.dumps(request.method)}"]
    if request.body:
        lines.append(f"wrk.body = {json.dumps(request.body.decode())}")
    for name, value in request.headers.items():
        lines.append(f"wrk.headers[{json.dumps(name)}] = {json.dumps(value)}")
    # Count answers by status, so that a 401 storm is never mistaken for speed.
    lines += [
        "local threads = {}",
        "function setup(thread) table.insert(threads, thread) end",
        "function init(args) ok = 0; bad = 0 end",
        "function response(status, headers, body)",
        f"  if status == {request.expect} then ok = ok + 1 else bad = bad + 1 end",
        "end",
        "function done(summary, latency, requests)",
        "  local good, wrong = 0, 0",
        "  for _, t in ipairs(threads) do",
        "    good = good + t:get('ok'); wrong = wrong + t:get('bad')",
        "  end",
        "  io.write(string.format('BENCH ok=%d bad=%d us=%d\\n', good, wrong, summary.duration))",
        "  io.write(string.format('BENCH p50=%d p99=%d\\n',"
        " latency:percentile(50), latency:percentile(99)))",
        "end",
    ]
    return "\n".join(lines) + "\n"


def _wrk_command(
    request: Request, connections: int, seconds: float, timeout: float, script: Path
) -> list[str]:
    threads = max(1, min(2, connections))
    return [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        f"--timeout={max(1, round(timeout))}s",
        "-s",
        str(script),
        request.url,
    ]


def start_wrk(
    request: Request, connections: int, seconds: float, timeout: float
) -> tuple[subprocess.Popen[str], Path]:
    script = Path(tempfile.mkstemp(prefix="bench-", suffix=".lua")[1])
    script.write_text(_lua_script(request))
    process = subprocess.Popen(
        _wrk_command(request, connections, seconds, timeout, script),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return process, script


def finish_wrk(process: subprocess.Popen[str], script: Path, deadline: float) -> Result:
    try:
        output, _ = process.communicate(timeout=deadline)
    finally:
        script.unlink(missing_ok=True)
    counts = re.search(r"BENCH ok=(\d+) bad=(\d+) us=(\d+)", output)
    latency = re.search(r"BENCH p50=(\d+) p99=(\d+)", output)
    if process.returncode != 0 or not counts or not latency:
        raise BenchError(f"wrk failed (exit {process.returncode}):\n{output[-2000:]}")
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(counts.group(2)) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
    return Result(
        requests=int(counts.group(1)),
        errors=errors,
        seconds=int(counts.group(3)) / 1e6,
        p50_ms=int(latency.group(1)) / 1000,
        p99_ms=int(latency.group(2)) / 1000,
        tool="wrk",
    )


def wrk(
    request: Request, connections: int, seconds: float, warmup: float, timeout: float
) -> Result:
    if warmup > 0:
        process, script = start_wrk(request, connections, warmup, timeout)
        finish_wrk(process, script, warmup + timeout + 30)
    process, script = start_wrk(request, connections, seconds, timeout)
    return finish_wrk(process, script, seconds + timeout + 30)


# ---------------------------------------------------------------------------
# Python: asyncio, raw HTTP/1.1 keep-alive, one coroutine per connection.


class _Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length, close = 0, False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value.lower():
                raise BenchError("chunked responses are not supported by the Python client")
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        if length:
            await self.reader.readexactly(length)
        if close:
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def _raw(request: Request) -> tuple[str, int, bytes]:
    parts = urlsplit(request.url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {
        "Host": parts.netloc,
        "Connection": "keep-alive",
        **request.headers,
    }
    if request.body or request.method in {"POST", "PUT", "PATCH"}:
        headers["Content-Length"] = str(len(request.body))
    head = f"{request.method} {path} HTTP/1.1\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in headers.items()
    )
    return parts.hostname or "127.0.0.1", parts.port or 80, (head + "\r\n").encode() + request.body


async def python_load(
    request: Request, connections: int, seconds: float, warmup: float, timeout: float
) -> Result:
    host, port, raw = _raw(request)
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + seconds
    latencies: list[float] = []
    errors = 0

    async def client() -> None:
        nonlocal errors
        connection = _Connection(host, port)
        try:
            while (now := time.perf_counter()) < stop_at:
                try:
                    status = await asyncio.wait_for(connection.request(raw), timeout)
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                    connection.close()
                    if now >= measure_from:
                        errors += 1
                    continue
                done = time.perf_counter()
                if now >= measure_from and done <= stop_at:
                    if status == request.expect:
                        latencies.append(done - now)
                    else:
                        errors += 1
        finally:
            connection.close()

    await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = min(time.perf_counter(), stop_at) - measure_from
    return Result(
        requests=len(latencies),
        errors=errors,
        seconds=elapsed,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        tool="python",
    )


# ---------------------------------------------------------------------------


def measure(
    tool: str,
    request: Request,
    connections: int,
    seconds: float,
    warmup: float,
    timeout: float = 10,
) -> Result:
    if tool == "wrk":
        return wrk(request, connections, seconds, warmup, timeout)
    return asyncio.run(python_load(request, connections, seconds, warmup, timeout))


async def python_probe(request: Request, seconds: float, interval: float, timeout: float) -> Result:
    """One connection, one request every `interval` s (or back to back when slower).

    Every request started within `seconds` counts, however late it answers
    (a timeout counts as `timeout`), so a stalled server cannot hide.
    """
    host, port, raw = _raw(request)
    connection = _Connection(host, port)
    latencies: list[float] = []
    errors = 0
    start = time.perf_counter()
    next_at = start
    try:
        while (now := time.perf_counter()) < start + seconds:
            if now < next_at:
                await asyncio.sleep(next_at - now)
                now = time.perf_counter()
            next_at = now + interval
            try:
                status = await asyncio.wait_for(connection.request(raw), timeout)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                connection.close()
                errors += 1
                latencies.append(timeout)
                continue
            latencies.append(time.perf_counter() - now)
            if status != request.expect:
                errors += 1
    finally:
        connection.close()
    return Result(
        requests=len(latencies),
        errors=errors,
        seconds=time.perf_counter() - start,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        tool="python",
    )


def measure_pair(
    tool: str,
    main: Request,
    main_connections: int,
    probe: Request,
    seconds: float,
    timeout: float,
    probe_interval: float = 0.05,
) -> tuple[Result, Result]:
    """`main` under load and, meanwhile, `probe` from one more client (Python,
    paced: it is a latency probe, not load)."""
    probe_seconds = max(1.0, seconds - 1.0)
    if tool == "wrk":
        process, script = start_wrk(main, main_connections, seconds, timeout)
        time.sleep(0.5)  # every storm connection has its first request in
        side = asyncio.run(python_probe(probe, probe_seconds, probe_interval, timeout))
        return finish_wrk(process, script, seconds + timeout + 30), side

    async def both() -> tuple[Result, Result]:
        storm = asyncio.ensure_future(python_load(main, main_connections, seconds, 0, timeout))
        await asyncio.sleep(0.5)
        side = await python_probe(probe, probe_seconds, probe_interval, timeout)
        return await storm, side

    return asyncio.run(both())
