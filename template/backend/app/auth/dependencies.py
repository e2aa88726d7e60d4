"""FastAPI dependencies that authenticate the caller."""

from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, HTTPException, Request, status
from sqlmodel import col, select

from app.auth.jwt import InvalidTokenError, TokenClaims, decode_access_token
from app.auth.password import PasswordHasher
from app.auth.transport import read_token
from app.config import Settings
from app.database import SessionDep
from app.models import RevokedToken, User


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
    hasher: PasswordHasher = request.app.state.password_hasher
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


async def get_current_user(claims: TokenClaimsDep, session: SessionDep) -> User:
    # One indexed round trip: the user and whether this token was revoked.
    revoked = sa.exists().where(col(RevokedToken.jti) == claims.jti)
    statement = select(User, revoked).where(col(User.id) == claims.user_id)
    row = (await session.exec(statement)).first()
    if row is None:
        raise unauthorized("Invalid or expired token")
    user, is_revoked = row
    if is_revoked or user.token_version != claims.token_version:
        raise unauthorized("Invalid or expired token")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
