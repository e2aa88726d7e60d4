"""Sessions: one row per sign-in, ended by logout, by the user from their
list of devices, by a password change (all but the current one) or by time.
"""

import datetime
import uuid

import sqlalchemy as sa
from fastapi import Request
from sqlmodel import col, delete, update
from sqlmodel.ext.asyncio.session import AsyncSession

from app.auth.client import client_address
from app.auth.credentials import session_lifetime
from app.config import Settings
from app.models import UserSession

USER_AGENT_MAX_LENGTH = 256


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


async def start_session(
    session: AsyncSession, user_id: uuid.UUID, request: Request, settings: Settings
) -> UserSession:
    """A new session of the user (written in `session`, not yet committed).

    The user's ended sessions are deleted on the way: nothing refers to them
    any more, and the list of devices shows open ones only.
    """
    now = utc_now()
    await session.exec(
        delete(UserSession).where(
            col(UserSession.user_id) == user_id,
            sa.or_(
                col(UserSession.revoked_at).is_not(None),
                col(UserSession.expires_at) <= now,
            ),
        )
    )
    user_agent = request.headers.get("user-agent") or None
    user_session = UserSession(
        user_id=user_id,
        created_at=now,
        last_used_at=now,
        expires_at=now + session_lifetime(settings),
        user_agent=user_agent[:USER_AGENT_MAX_LENGTH] if user_agent else None,
        ip=client_address(request, settings),
    )
    session.add(user_session)
    # Written now: rows that refer to it may follow in this transaction.
    await session.flush()
    return user_session


def open_sessions_of(
    user_id: uuid.UUID, now: datetime.datetime
) -> sa.ColumnElement[bool]:
    return sa.and_(
        col(UserSession.user_id) == user_id,
        col(UserSession.revoked_at).is_(None),
        col(UserSession.expires_at) > now,
    )


async def end_session(
    session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID
) -> bool:
    """End one open session of the user; False if there is none by that id."""
    now = utc_now()
    result = await session.exec(
        update(UserSession)
        .where(open_sessions_of(user_id, now), col(UserSession.id) == session_id)
        .values(revoked_at=now)
    )
    return result.rowcount > 0


async def end_sessions(
    session: AsyncSession, user_id: uuid.UUID, keep: uuid.UUID | None = None
) -> None:
    """End every open session of the user, but `keep` if given."""
    now = utc_now()
    statement = update(UserSession).where(open_sessions_of(user_id, now))
    if keep is not None:
        statement = statement.where(col(UserSession.id) != keep)
    await session.exec(statement.values(revoked_at=now))
