"""Signed access tokens (JWT, RFC 7519) and their validation (RFC 8725).

Every token names its user (`sub`), its issuer and audience, when it was
issued and expires, a unique id (`jti`) and the session it belongs to
(`sid`, a row of the sessions table: ending the session refuses its tokens).
Its header carries `typ: at+jwt` so that no other kind of JWT signed with
the same key is taken for it.
"""

import datetime
import uuid
from dataclasses import dataclass

import jwt

from app.config import Settings

TOKEN_TYPE = "at+jwt"
REQUIRED_CLAIMS = ["exp", "iat", "sub", "jti", "iss", "aud", "sid"]


class InvalidTokenError(Exception):
    """The token is malformed, forged, expired or not meant for this API."""


@dataclass(frozen=True, slots=True)
class AccessToken:
    token: str
    jti: str
    expires_at: datetime.datetime


@dataclass(frozen=True, slots=True)
class TokenClaims:
    user_id: uuid.UUID
    session_id: uuid.UUID
    jti: str
    expires_at: datetime.datetime


def create_access_token(
    user_id: uuid.UUID, session_id: uuid.UUID, settings: Settings
) -> AccessToken:
    issued_at = datetime.datetime.now(datetime.UTC)
    expires_at = issued_at + datetime.timedelta(
        minutes=settings.access_token_expire_minutes
    )
    jti = uuid.uuid4().hex
    claims = {
        "sub": str(user_id),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": issued_at,
        "exp": expires_at,
        "jti": jti,
        "sid": str(session_id),
    }
    token = jwt.encode(
        claims,
        settings.jwt_secret,
        algorithm=settings.jwt_algorithm,
        headers={"typ": TOKEN_TYPE},
    )
    return AccessToken(token=token, jti=jti, expires_at=expires_at)


def expiry_of(exp: object) -> datetime.datetime:
    """The `exp` claim as a moment. PyJWT has only compared it with the clock,
    which a numeric string or a date past year 9999 also passes."""
    if not isinstance(exp, int | float) or isinstance(exp, bool):
        raise InvalidTokenError("expiry is not a number")
    try:
        return datetime.datetime.fromtimestamp(exp, datetime.UTC)
    except (OverflowError, OSError, ValueError):
        raise InvalidTokenError("expiry out of range") from None


def decode_access_token(token: str, settings: Settings) -> TokenClaims:
    try:
        decoded = jwt.api_jwt.decode_complete(
            token,
            settings.jwt_secret,
            algorithms=[settings.jwt_algorithm],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            leeway=settings.jwt_leeway_seconds,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.PyJWTError as error:
        raise InvalidTokenError(str(error)) from None
    if decoded["header"].get("typ") != TOKEN_TYPE:
        raise InvalidTokenError("not an access token")
    claims = decoded["payload"]
    try:
        # `sub` and `sid` are strings in the token; the database wants UUIDs.
        user_id = uuid.UUID(claims["sub"])
        session_id = uuid.UUID(claims["sid"])
    except (TypeError, ValueError, AttributeError):
        raise InvalidTokenError("subject or session is not an id") from None
    jti = claims["jti"]
    if not isinstance(jti, str) or not jti or len(jti) > 64:
        raise InvalidTokenError("malformed token id")
    expires_at = expiry_of(claims["exp"])
    return TokenClaims(
        user_id=user_id, session_id=session_id, jti=jti, expires_at=expires_at
    )
