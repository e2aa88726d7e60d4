"""Paths, subprocess helpers and small statistics shared by the bench modules."""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from tests import support
from tests.support import CACHE

# Everything the bench renders, installs and builds; .cache/ is git-ignored, so
# copier's "dirty template" snapshot of the working tree never picks it up.
WORK = Path(os.environ.get("BENCH_WORK", CACHE / "bench"))


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
    return support.run(command, cwd, env, timeout, failure=BenchError)


def timed(
    command: Sequence[str | Path],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 1800,
) -> tuple[float, str]:
    start = time.perf_counter()
    output = run(command, cwd, env, timeout)
    return time.perf_counter() - start, output


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (what wrk reports too)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)
