"""Throttling of sign-ins and of everything that hashes a password (OWASP
ASVS 6.3.1; NIST SP 800-63B 5.2.2).

Every count lives in the database, so every worker and every instance of the
app sees the same ones.

- Requests that hash a password (register, login, the current-password
  checks) take a token from their client address's bucket first; an empty
  bucket is 429 before any hashing.
- Failed sign-ins are counted per email from one client address, per client
  address, and per email from everywhere. The last is a much higher ceiling
  that a browser which signed in before is exempt from, so that nobody can
  lock the owner out by failing on purpose from elsewhere. A successful
  sign-in clears the email's counts.
- Wrong current passwords count as failed sign-ins; a few in a row end every
  session of the user.
"""

import datetime
import hashlib
import math
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException, Request, status
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.auth.client import client_address
from app.auth.password import BUSY, PasswordHasher
from app.auth.sessions import end_sessions
from app.config import Settings
from app.dialect import insert
from app.models import LoginFailure, RateLimit, User

TOO_MANY_ATTEMPTS = "Too many attempts; try again later"
SESSION_ENDED = "Too many wrong passwords; sign in again"

# The answers of the throttled endpoints, for their OpenAPI description.
RESPONSES: dict[int | str, dict[str, Any]] = {
    status.HTTP_429_TOO_MANY_REQUESTS: {"description": TOO_MANY_ATTEMPTS},
    status.HTTP_503_SERVICE_UNAVAILABLE: {"description": BUSY},
}


def _digest(*parts: str) -> str:
    # Hashed: the tables need not keep every address someone typed.
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def email_key(email: str) -> str:
    return "email:" + _digest(email)


def email_and_address_key(email: str, address: str) -> str:
    return "pair:" + _digest(email, address)


def address_key(address: str) -> str:
    return "address:" + address[:64]


def too_many(wait: float) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_429_TOO_MANY_REQUESTS,
        detail=TOO_MANY_ATTEMPTS,
        headers={"Retry-After": str(max(1, math.ceil(wait)))},
    )


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _aware(moment: datetime.datetime) -> datetime.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


async def take_token(
    session: AsyncSession, key: str, burst: int, interval: float, now: float
) -> float:
    """Take one token from the key's bucket; 0 if there was one, otherwise
    the seconds until there is.

    The bucket is kept as the moment it would be full again: each request
    moves it `interval` later, and a request that would move it more than
    `burst` intervals ahead of now is refused (the GCRA form of a token
    bucket, one atomic statement).
    """
    full_at = col(RateLimit.full_at)
    next_full_at = sa.case((full_at < now, now), else_=full_at) + interval
    statement = (
        insert(RateLimit)
        .values(key=key, full_at=now + interval)
        .on_conflict_do_update(
            index_elements=[RateLimit.key],
            set_={"full_at": next_full_at},
            where=next_full_at - now <= burst * interval,
        )
        .returning(col(RateLimit.full_at))
    )
    if (await session.exec(statement)).first() is not None:
        return 0
    current = await session.get(RateLimit, key)
    if current is None:  # emptied meanwhile: the next try will find a token
        return 1
    return max(1.0, current.full_at - now - (burst - 1) * interval)


async def charge(
    session: AsyncSession, buckets: list[tuple[str, int]], interval: float
) -> None:
    """Take a token from each (key, burst) bucket, refilled one per
    `interval` seconds; 429 with the longest wait when any was empty. Commits."""
    now = _now().timestamp()
    await session.exec(delete(RateLimit).where(col(RateLimit.full_at) < now))
    waits = [
        await take_token(session, key, burst, interval, now) for key, burst in buckets
    ]
    await session.commit()
    if any(waits):
        raise too_many(max(waits))


async def charge_password_request(
    session: AsyncSession, request: Request, settings: Settings
) -> None:
    """429 when the client's address has used up its password requests;
    call it before any hashing. Commits."""
    address = client_address(request, settings)
    if address is None:
        return
    await charge(
        session,
        [(address_key(address), settings.password_requests_burst_per_address)],
        settings.password_request_interval_seconds,
    )


async def seconds_blocked(
    session: AsyncSession, keys: list[str], now: datetime.datetime
) -> int:
    """How long sign-ins for these keys are still refused (0: not at all)."""
    statement = select(LoginFailure.blocked_until).where(
        col(LoginFailure.key).in_(keys), col(LoginFailure.blocked_until) > now
    )
    ends = [_aware(end) for end in (await session.exec(statement)).all() if end]
    if not ends:
        return 0
    return max(1, math.ceil((max(ends) - now).total_seconds()))


async def record_failure(
    session: AsyncSession,
    key: str,
    limit: int,
    settings: Settings,
    now: datetime.datetime,
) -> None:
    window = datetime.timedelta(seconds=settings.login_failure_window_seconds)
    lockout_end = now + datetime.timedelta(seconds=settings.login_lockout_seconds)
    timestamp = sa.DateTime(timezone=True)
    window_expired = col(LoginFailure.window_started_at) < sa.literal(
        now - window, timestamp
    )
    failures = sa.case((window_expired, 1), else_=col(LoginFailure.failures) + 1)
    statement = insert(LoginFailure).values(
        key=key,
        failures=1,
        window_started_at=now,
        blocked_until=lockout_end if limit <= 1 else None,
    )
    # One atomic statement, so concurrent failures are all counted.
    statement = statement.on_conflict_do_update(
        index_elements=[LoginFailure.key],
        set_={
            "failures": failures,
            "window_started_at": sa.case(
                (window_expired, sa.literal(now, timestamp)),
                else_=col(LoginFailure.window_started_at),
            ),
            "blocked_until": sa.case(
                (failures >= limit, sa.literal(lockout_end, timestamp)),
                else_=col(LoginFailure.blocked_until),
            ),
        },
    )
    await session.exec(statement)


async def forget_stale(
    session: AsyncSession, settings: Settings, now: datetime.datetime
) -> None:
    window_start = now - datetime.timedelta(
        seconds=settings.login_failure_window_seconds
    )
    await session.exec(
        delete(LoginFailure).where(
            col(LoginFailure.window_started_at) < window_start,
            sa.or_(
                col(LoginFailure.blocked_until).is_(None),
                col(LoginFailure.blocked_until) < now,
            ),
        )
    )


async def clear(session: AsyncSession, *keys: str) -> None:
    await session.exec(delete(LoginFailure).where(col(LoginFailure.key).in_(keys)))


@dataclass
class SignInAttempt:
    """The counts one sign-in (or current-password check) is held to."""

    settings: Settings
    email: str
    address: str | None
    trusted_device: bool

    def limits(self) -> dict[str, int]:
        """Each key with its limit of failures."""
        settings = self.settings
        limits: dict[str, int] = {}
        if not self.trusted_device:
            limits[email_key(self.email)] = settings.login_max_failures_per_email
        if self.address is not None:
            pair = email_and_address_key(self.email, self.address)
            limits[pair] = settings.login_max_failures_per_email_and_address
            limits[address_key(self.address)] = settings.login_max_failures_per_address
        return limits

    async def check(self, session: AsyncSession) -> None:
        """429 while any of the attempt's counts is past its limit."""
        wait = await seconds_blocked(session, list(self.limits()), _now())
        if wait:
            raise too_many(wait)

    async def failed(self, session: AsyncSession) -> None:
        now = _now()
        await forget_stale(session, self.settings, now)
        limits = self.limits()
        # The ceiling counts failures from everywhere, trusted browsers too.
        limits.setdefault(
            email_key(self.email), self.settings.login_max_failures_per_email
        )
        for key, limit in limits.items():
            await record_failure(session, key, limit, self.settings, now)
        await session.commit()

    async def succeeded(self, session: AsyncSession) -> None:
        keys = [email_key(self.email)]
        if self.address is not None:
            keys.append(email_and_address_key(self.email, self.address))
        await clear(session, *keys)
        await session.commit()


async def begin_sign_in(
    session: AsyncSession,
    request: Request,
    settings: Settings,
    email: str,
    trusted_device: bool = False,
) -> SignInAttempt:
    """Charge the client's bucket and check the counts of this email and
    address: 429 before any hashing when either is exhausted."""
    await charge_password_request(session, request, settings)
    attempt = SignInAttempt(
        settings, email, client_address(request, settings), trusted_device
    )
    await attempt.check(session)
    return attempt


def current_password_key(user: User) -> str:
    return f"current-password:{user.id}"


async def check_current_password(
    session: AsyncSession,
    hasher: PasswordHasher,
    user: User,
    password: str,
    request: Request,
    settings: Settings,
) -> bool:
    """Whether `password` is the user's, counted like a sign-in.

    A wrong one counts as a failed sign-in of the user's email; after
    CURRENT_PASSWORD_MAX_FAILURES in a row every session of the user ends
    (401). Commits; no connection is held while bcrypt works.
    """
    attempt = await begin_sign_in(session, request, settings, user.email)
    await session.close()
    if await hasher.verify(password, user.hashed_password):
        await clear(session, current_password_key(user))
        await attempt.succeeded(session)
        return True
    await attempt.failed(session)
    key = current_password_key(user)
    limit = settings.current_password_max_failures
    await record_failure(session, key, limit, settings, _now())
    await session.commit()
    failures = await session.get(LoginFailure, key)
    if failures is None or failures.failures < limit:
        return False
    await clear(session, key)
    await end_sessions(session, user.id)
    await session.commit()
    raise HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=SESSION_ENDED,
        headers={"WWW-Authenticate": "Bearer"},
    )
