"""Password rules and bcrypt hashing.

bcrypt only reads the first 72 bytes of a password. Rather than truncate
silently, passwords longer than that are refused when they are set and never
match when they are checked; they never reach bcrypt.
"""

import asyncio
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import bcrypt

MIN_PASSWORD_CHARACTERS = 8
MAX_PASSWORD_BYTES = 72
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")


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


def _yield_to_requests() -> None:
    # On Linux a thread has its own nice value: hashing threads then leave the
    # CPU to the event loop whenever both want it. (Elsewhere the call would
    # lower the whole process, so it is left out.)
    if sys.platform == "linux":
        os.setpriority(os.PRIO_PROCESS, 0, 10)


class PasswordHasher:
    """Hashes and verifies passwords in threads of its own, one per CPU.

    A burst of logins queues here and uses every idle cycle, while other
    requests keep the event loop, the thread pool and the database pool.
    """

    def __init__(self, rounds: int) -> None:
        self.rounds = rounds
        self._executor = ThreadPoolExecutor(
            max_workers=os.cpu_count() or 1,
            thread_name_prefix="bcrypt",
            initializer=_yield_to_requests,
        )
        # Checked against when there is no real hash, so that an unknown email
        # or an over-long password costs as much time as a wrong password.
        self._dummy_hash = bcrypt.hashpw(b"no such user", bcrypt.gensalt(rounds))

    def hash_sync(self, password: str) -> str:
        check_new_password(password)
        return bcrypt.hashpw(password.encode(), bcrypt.gensalt(self.rounds)).decode()

    def verify_sync(self, password: str, hashed_password: str | None) -> bool:
        candidate = password.encode()
        if hashed_password is None or len(candidate) > MAX_PASSWORD_BYTES:
            bcrypt.checkpw(b"not the password", self._dummy_hash)
            return False
        return bcrypt.checkpw(candidate, hashed_password.encode())

    async def hash(self, password: str) -> str:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self.hash_sync, password)

    async def verify(self, password: str, hashed_password: str | None) -> bool:
        """Check a password; with no hash (unknown user) it spends the same time."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor, self.verify_sync, password, hashed_password
        )

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
