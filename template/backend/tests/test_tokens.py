"""Access tokens that are forged, expired or otherwise wrong are refused (401)."""

import base64
import datetime
import hmac
import json
import uuid
from collections.abc import Callable
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.auth.jwt import create_access_token, decode_access_token
from app.config import get_settings
from app.dialect import sync_database_url
from tests.helpers import bearer
from tests.transport import forget_session

Claims = dict[str, Any]


def sign(claims: Claims, key: str | None = None, **headers: Any) -> str:
    settings = get_settings()
    return jwt.encode(
        claims,
        key or settings.jwt_secret,
        algorithm=settings.jwt_algorithm,
        headers={"typ": "at+jwt", **headers},
    )


def valid_claims(user: dict[str, Any]) -> Claims:
    """The claims of a token for the user's session."""
    settings = get_settings()
    now = datetime.datetime.now(datetime.UTC)
    session_id = jwt.decode(user["token"], options={"verify_signature": False})["sid"]
    return {
        "sub": user["id"],
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + datetime.timedelta(minutes=5),
        "jti": uuid.uuid4().hex,
        "sid": session_id,
    }


def encode_part(data: dict[str, Any]) -> str:
    raw = json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def as_json(claims: Claims) -> Claims:
    return {
        **claims,
        "iat": int(claims["iat"].timestamp()),
        "exp": int(claims["exp"].timestamp()),
    }


def unsigned(claims: Claims) -> str:
    header = encode_part({"alg": "none", "typ": "at+jwt"})
    return f"{header}.{encode_part(as_json(claims))}."


def signed_as(algorithm: str, digest: str) -> Callable[[Claims], str]:
    """Made with the real secret, under a header naming another algorithm."""

    def forge(claims: Claims) -> str:
        header = encode_part({"alg": algorithm, "typ": "at+jwt"})
        signed_part = f"{header}.{encode_part(as_json(claims))}"
        secret = get_settings().jwt_secret.encode()
        mac = hmac.new(secret, signed_part.encode(), digest).digest()
        return f"{signed_part}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"

    return forge


def without(claim: str) -> Callable[[Claims], str]:
    return lambda claims: sign({k: v for k, v in claims.items() if k != claim})


def expired(claims: Claims) -> str:
    leeway = get_settings().jwt_leeway_seconds
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=leeway + 1)
    return sign({**claims, "exp": past})


def tampered(claims: Claims) -> str:
    header, payload, signature = sign(claims).split(".")
    flipped = "A" if signature[0] != "A" else "B"
    return f"{header}.{payload}.{flipped}{signature[1:]}"


FORGERIES: dict[str, Callable[[Claims], str]] = {
    "alg-none": unsigned,
    "hs512-header": signed_as("HS512", "sha512"),
    "rs256-header": signed_as("RS256", "sha256"),
    "other-key": lambda claims: sign(claims, key="another-secret-" + "x" * 40),
    "tampered-signature": tampered,
    "expired": expired,
    "missing-exp": without("exp"),
    "missing-sub": without("sub"),
    "missing-jti": without("jti"),
    "missing-iat": without("iat"),
    "missing-sid": without("sid"),
    "non-uuid-sub": lambda claims: sign({**claims, "sub": "42"}),
    "non-uuid-sid": lambda claims: sign({**claims, "sid": 42}),
    "unknown-user": lambda claims: sign({**claims, "sub": str(uuid.uuid4())}),
    "unknown-session": lambda claims: sign({**claims, "sid": str(uuid.uuid4())}),
    "wrong-audience": lambda claims: sign({**claims, "aud": "someone-else"}),
    "wrong-issuer": lambda claims: sign({**claims, "iss": "someone-else"}),
    "not-an-access-token": lambda claims: sign(claims, typ="JWT"),
    # PyJWT compares these with the clock and lets them through.
    "numeric-string-exp": lambda claims: sign(
        {**as_json(claims), "exp": str(as_json(claims)["exp"])}
    ),
    "exp-after-year-9999": lambda claims: sign({**claims, "exp": 10**12}),
    "garbage": lambda claims: "not.a.token",
}


@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
def test_forged_tokens_are_refused(
    client: TestClient, user: dict[str, Any], forge: Callable[[Claims], str]
) -> None:
    forget_session(client)
    token = forge(valid_claims(user))

    response = client.get("/api/auth/me", headers=bearer(token))

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_well_formed_token_is_accepted(
    client: TestClient, user: dict[str, Any]
) -> None:
    forget_session(client)
    token = sign(valid_claims(user))

    assert client.get("/api/auth/me", headers=bearer(token)).status_code == 200


def test_a_deleted_users_token_is_refused(
    client: TestClient, user: dict[str, Any]
) -> None:
    engine = create_engine(sync_database_url(get_settings().database_url))
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM users"))
    engine.dispose()

    response = client.get("/api/auth/me", headers=bearer(user["token"]))

    assert response.status_code == 401


def test_tokens_carry_the_claims_rfc_8725_asks_for() -> None:
    settings = get_settings()
    user_id, session_id = uuid.uuid4(), uuid.uuid4()

    issued = create_access_token(user_id, session_id, settings)
    claims = decode_access_token(issued.token, settings)
    header = jwt.get_unverified_header(issued.token)

    assert header == {"alg": settings.jwt_algorithm, "typ": "at+jwt"}
    assert claims.user_id == user_id
    assert claims.session_id == session_id
    assert claims.jti == issued.jti
    lifetime = claims.expires_at - datetime.datetime.now(datetime.UTC)
    expected = datetime.timedelta(minutes=settings.access_token_expire_minutes)
    assert expected - datetime.timedelta(minutes=1) < lifetime <= expected


def test_a_token_in_the_query_string_is_ignored(
    client: TestClient, user: dict[str, Any]
) -> None:
    forget_session(client)

    response = client.get("/api/auth/me", params={"access_token": user["token"]})

    assert response.status_code == 401
