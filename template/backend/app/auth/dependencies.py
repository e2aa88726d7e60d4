"""FastAPI dependencies that authenticate the caller."""

import datetime
from typing import Annotated, TypeVar

import sqlalchemy as sa
from fastapi import Depends, HTTPException, Request, status
from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from app.auth.jwt import InvalidTokenError, TokenClaims, decode_access_token
from app.auth.password import PasswordHasher
from app.auth.transport import read_token
from app.config import Settings
from app.database import SessionDep
from app.models import User, UserSession


# async: a plain function would cost a trip to the thread pool per request.
async def get_app_settings(request: Request) -> Settings:
    """The settings the running app was created with."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


async def get_password_hasher(request: Request) -> PasswordHasher:
    """The hasher, for routes that hash, once its queue has a place for them
    (503 when none frees within HASHING_WAIT_SECONDS)."""
    hasher: PasswordHasher = request.app.state.password_hasher
    await hasher.wait_for_place()
    return hasher


PasswordHasherDep = Annotated[PasswordHasher, Depends(get_password_hasher)]


async def get_token_claims(
    settings: SettingsDep,
    token: Annotated[str | None, Depends(read_token)],
) -> TokenClaims:
    if not token:
        raise unauthorized("Not authenticated")
    try:
        return decode_access_token(token, settings)
    except InvalidTokenError:
        raise unauthorized("Invalid or expired token") from None


TokenClaimsDep = Annotated[TokenClaims, Depends(get_token_claims)]


# The conditions under which a token's session is open. A route that reads
# more than the user can join its own rows to these and call
# authenticated_rows: the session check and its read in one round trip.
OPEN_SESSION = (
    col(UserSession.id) == sa.bindparam("session_id"),
    col(UserSession.user_id) == sa.bindparam("user_id"),
    col(UserSession.revoked_at).is_(None),
    col(UserSession.expires_at) > sa.bindparam("now"),
)
# The token's user, if its session is still open: one indexed round trip per
# request. Built once; each request only binds its values.
ACTIVE_SESSION_USER = (
    select(UserSession.last_used_at, User)
    .join(User, col(User.id) == col(UserSession.user_id))
    .where(*OPEN_SESSION)
)
# How stale last_used_at may get: writing it on every request would turn
# every read into a write.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)

Selected = TypeVar("Selected")


async def authenticated_rows(
    claims: TokenClaims,
    session: AsyncSession,
    statement: Select[datetime.datetime, Selected],
) -> list[Selected]:
    """What a statement restricted by OPEN_SESSION selects after
    `UserSession.last_used_at`, one item per row; 401 when the session is
    not open."""
    now = datetime.datetime.now(datetime.UTC)
    params = {"session_id": claims.session_id, "user_id": claims.user_id, "now": now}
    rows = (await session.exec(statement, params=params)).all()
    if not rows:
        raise unauthorized("Invalid or expired token")
    last_used_at = rows[0][0]
    if last_used_at.tzinfo is None:  # some databases hand back naive UTC
        last_used_at = last_used_at.replace(tzinfo=datetime.UTC)
    if now - last_used_at >= LAST_USED_PRECISION:
        await session.exec(
            update(UserSession)
            .where(col(UserSession.id) == claims.session_id)
            .values(last_used_at=now)
        )
        await session.commit()
    return [selected for _, selected in rows]


async def get_current_user(claims: TokenClaimsDep, session: SessionDep) -> User:
    return (await authenticated_rows(claims, session, ACTIVE_SESSION_USER))[0]


CurrentUser = Annotated[User, Depends(get_current_user)]
