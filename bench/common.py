"""Paths, subprocess helpers and small statistics shared by the bench modules."""

from __future__ import annotations

import math
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("TEMPLATE_TEST_CACHE", ROOT / ".cache"))
# Everything the bench renders, installs and builds; .cache/ is git-ignored, so
# copier's "dirty template" snapshot of the working tree never picks it up.
WORK = Path(os.environ.get("BENCH_WORK", CACHE / "bench"))
POSTGRES_URL = os.environ.get(
    "TEMPLATE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


class BenchError(RuntimeError):
    """A step of the bench failed; the message says which and how."""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(
    command: Sequence[str | Path],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 1800,
) -> str:
    """Run a command to completion; raise BenchError with its output's end on failure."""
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
    if completed.returncode != 0:
        raise BenchError(
            f"{' '.join(map(str, command))} failed in {cwd} "
            f"(exit {completed.returncode}):\n{completed.stdout[-4000:]}"
        )
    return completed.stdout


def timed(
    command: Sequence[str | Path],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 1800,
) -> tuple[float, str]:
    start = time.perf_counter()
    output = run(command, cwd, env, timeout)
    return time.perf_counter() - start, output


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (what wrk reports too)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)
