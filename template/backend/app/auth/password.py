"""Password rules and bcrypt hashing.

bcrypt only reads the first 72 bytes of a password. Rather than truncate
silently, passwords longer than that are refused when they are set and never
match when they are checked; they never reach bcrypt.
"""

import asyncio
import math
import os
import random
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import TypeVar

import bcrypt
from fastapi import HTTPException, status

MIN_PASSWORD_CHARACTERS = 8
MAX_PASSWORD_BYTES = 72
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")
BUSY = "The server is busy checking passwords; try again shortly"


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.lower() for line in lines if line and not line.startswith("#")
    )


def check_new_password(password: str) -> str:
    """Validate a password a user chooses; return it unchanged (never trimmed)."""
    if len(password) < MIN_PASSWORD_CHARACTERS:
        raise ValueError(
            f"Password must be at least {MIN_PASSWORD_CHARACTERS} characters long"
        )
    size = len(password.encode())
    if size > MAX_PASSWORD_BYTES:
        raise ValueError(
            f"Password must be at most {MAX_PASSWORD_BYTES} bytes in UTF-8 "
            f"(this one is {size} bytes); use fewer or plainer characters"
        )
    if password.lower() in common_passwords():
        raise ValueError("This password is one of the most common ones; choose another")
    return password


Result = TypeVar("Result")


class HashingBusyError(HTTPException):
    """503 when the queue stayed full for as long as a caller may wait."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
            detail=BUSY,
            headers={"Retry-After": str(retry_after)},
        )


def hash_cost(hashed_password: str) -> int | None:
    """The cost (log2 of the rounds) a bcrypt hash was made with."""
    parts = hashed_password.split("$")
    if len(parts) < 4 or not parts[2].isdigit():
        return None
    return int(parts[2])


def _yield_to_requests() -> None:
    # On Linux a thread has its own nice value: hashing threads then leave the
    # CPU to the event loop whenever both want it. (Elsewhere the call would
    # lower the whole process, so it is left out.)
    if sys.platform == "linux":
        os.setpriority(os.PRIO_PROCESS, 0, 10)


class PasswordHasher:
    """Hashes and verifies passwords in threads of its own, one per CPU.

    A burst of logins queues here and uses every idle cycle, while other
    requests keep the event loop, the thread pool and the database pool. The
    queue is bounded to about `queue_seconds` of work (measured from the cost
    of one hash at start). A caller that finds it full waits up to
    `wait_seconds` for a place, then gets HashingBusyError (503) rather than
    a minute behind a flood. The wait costs no CPU, and it is what keeps a
    client that retries at once (ignoring Retry-After) from sending thousands
    of requests a second whose refusals would take the CPU from the hashing.
    """

    def __init__(
        self, rounds: int, queue_seconds: float = 3.0, wait_seconds: float = 1.0
    ) -> None:
        self.rounds = rounds
        self.wait_seconds = wait_seconds
        self.workers = os.cpu_count() or 1
        self._executor = ThreadPoolExecutor(
            max_workers=self.workers,
            thread_name_prefix="bcrypt",
            initializer=_yield_to_requests,
        )
        # Checked against when there is no real hash, so that an unknown email
        # or an over-long password costs as much time as a wrong password. It
        # is made at the configured cost, and timing it sizes the queue.
        started = time.perf_counter()
        self._dummy_hash = bcrypt.hashpw(b"no such user", bcrypt.gensalt(rounds))
        self.seconds_per_hash = max(time.perf_counter() - started, 0.0001)
        self.capacity = max(
            self.workers, int(self.workers * queue_seconds / self.seconds_per_hash)
        )
        self._admitted = 0
        self._place_freed = asyncio.Condition()

    def hash_sync(self, password: str) -> str:
        check_new_password(password)
        return bcrypt.hashpw(password.encode(), bcrypt.gensalt(self.rounds)).decode()

    def verify_sync(self, password: str, hashed_password: str | None) -> bool:
        candidate = password.encode()
        if hashed_password is None or len(candidate) > MAX_PASSWORD_BYTES:
            bcrypt.checkpw(b"not the password", self._dummy_hash)
            return False
        return bcrypt.checkpw(candidate, hashed_password.encode())

    def verify_and_update_sync(
        self, password: str, hashed_password: str | None
    ) -> tuple[bool, str | None]:
        """Verify; when it matches a hash of another cost, also re-hash it at
        the configured one (without the rules for new passwords: the user
        chose it under older ones)."""
        if not self.verify_sync(password, hashed_password):
            return False, None
        if hashed_password is not None and hash_cost(hashed_password) != self.rounds:
            salt = bcrypt.gensalt(self.rounds)
            return True, bcrypt.hashpw(password.encode(), salt).decode()
        return True, None

    def _full(self) -> bool:
        return self._admitted >= self.capacity

    async def wait_for_place(self) -> None:
        """Returns once the queue has a place, after at most `wait_seconds`;
        HashingBusyError when none frees in that time. Routes that hash wait
        here before they read the database (see get_password_hasher), so a
        refusal costs next to nothing."""
        if not self._full():
            return
        # Callers of a burst that arrived together would all give up in the
        # same instant; spread over the second half of the wait, their 503s
        # leave the event loop free for other requests in between. (Jitter,
        # not a secret: the standard generator is the right one.)
        patience = self.wait_seconds * random.uniform(0.5, 1.0)  # noqa: S311
        try:
            async with asyncio.timeout(patience), self._place_freed:
                await self._place_freed.wait_for(lambda: not self._full())
        except TimeoutError:
            backlog = self._admitted * self.seconds_per_hash / self.workers
            raise HashingBusyError(retry_after=max(1, math.ceil(backlog))) from None

    async def _admit(
        self, work: Callable[..., Result], *arguments: str | None
    ) -> Result:
        # The event loop is one thread: the count needs no lock.
        await self.wait_for_place()
        self._admitted += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, work, *arguments)
        finally:
            self._admitted -= 1
            async with self._place_freed:
                self._place_freed.notify()

    async def hash(self, password: str) -> str:
        return await self._admit(self.hash_sync, password)

    async def verify(self, password: str, hashed_password: str | None) -> bool:
        """Check a password; with no hash (unknown user) it spends the same time."""
        return await self._admit(self.verify_sync, password, hashed_password)

    async def verify_and_update(
        self, password: str, hashed_password: str | None
    ) -> tuple[bool, str | None]:
        """Check a password; the second item is its hash at the configured
        cost when the stored one was made at another."""
        return await self._admit(self.verify_and_update_sync, password, hashed_password)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
