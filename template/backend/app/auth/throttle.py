"""Login throttling (OWASP ASVS 2.2.1).

Failed sign-ins are counted per email and per client address (see
address_key) in the database, so every worker and every instance of the
app sees the same counts. Past the limit within the window, sign-ins for
that email or from that address are refused with 429 until the lockout
ends; a successful sign-in clears the email's count.
"""

import datetime
import hashlib
import ipaddress
import math

import sqlalchemy as sa
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.config import Settings
from app.dialect import insert
from app.models import LoginFailure


def email_key(email: str) -> str:
    # Hashed: the table need not keep every address someone typed.
    return "email:" + hashlib.sha256(email.encode()).hexdigest()


def address_key(address: str | None) -> str | None:
    """The key of a client address, or None when it names no single client.

    A loopback address is the frontend's server forwarding /api for every
    browser (Next.js adds no X-Forwarded-For), or a local tool: counting it as
    one client would let anyone lock everybody out. Such requests are still
    throttled per email.
    """
    if not address:
        return None
    try:
        if ipaddress.ip_address(address).is_loopback:
            return None
    except ValueError:
        pass  # not an IP address (a test client, a Unix socket): count it as is
    return "address:" + address[:64]


def _aware(moment: datetime.datetime) -> datetime.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


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


async def clear(session: AsyncSession, key: str) -> None:
    await session.exec(delete(LoginFailure).where(col(LoginFailure.key) == key))
