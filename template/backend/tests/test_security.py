"""Security controls (OWASP ASVS 4.0 chapters 2, 3, 7, 13, 14; RFC 8725)."""

import logging
from collections.abc import Iterator
from typing import Any

import bcrypt
import pytest
from fastapi.testclient import TestClient

from app.config import Settings, get_settings
from app.main import create_app
from tests.helpers import PASSWORD, bearer, new_user
from tests.registration import register
from tests.transport import CLIENT_HEADERS, forget_session, token_of


def client_for(settings: Settings) -> TestClient:
    return TestClient(create_app(settings), headers=CLIENT_HEADERS)


# ASVS 2.2.1 / 3.2: no account enumeration through sign-in.


@pytest.fixture
def bcrypt_checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bytes]]:
    checked: list[bytes] = []
    real_checkpw = bcrypt.checkpw

    def counting_checkpw(password: bytes, hashed: bytes) -> bool:
        checked.append(hashed)
        return real_checkpw(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", counting_checkpw)
    yield checked


@pytest.mark.parametrize(
    "password",
    ["wrong password", "x" * 100],
    ids=["unknown-email", "over-long-password"],
)
def test_every_failed_login_costs_one_bcrypt_check(
    client: TestClient, bcrypt_checks: list[bytes], password: str
) -> None:
    register(client, email="someone@example.com")
    email = (
        "nobody@example.com" if password == "wrong password" else "someone@example.com"
    )

    client.post("/api/auth/login", json={"email": email, "password": password})

    assert len(bcrypt_checks) == 1
    rounds = get_settings().bcrypt_rounds
    assert bcrypt_checks[0].startswith(f"$2b${rounds:02d}$".encode())


def test_unknown_email_and_wrong_password_answer_alike(client: TestClient) -> None:
    register(client, email="real@example.com")
    forget_session(client)

    def attempt(email: str) -> tuple[int, bytes, dict[str, str]]:
        response = client.post(
            "/api/auth/login", json={"email": email, "password": "nope-nope"}
        )
        headers = {k: v for k, v in response.headers.items() if k not in {"date"}}
        return response.status_code, response.content, headers

    assert attempt("real@example.com") == attempt("fake@example.com")


# ASVS 2.1: password rules.


def test_common_passwords_are_refused(client: TestClient) -> None:
    response = client.post("/api/auth/register", json=new_user(password="Password1"))

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "password"]
    assert "most common" in response.json()["detail"][0]["msg"]


def test_passwords_are_not_trimmed(client: TestClient) -> None:
    register(client, email="spaces@example.com", password="  spaced out words  ")

    trimmed = client.post(
        "/api/auth/login",
        json={"email": "spaces@example.com", "password": "spaced out words"},
    )
    exact = client.post(
        "/api/auth/login",
        json={"email": "spaces@example.com", "password": "  spaced out words  "},
    )

    assert (trimmed.status_code, exact.status_code) == (401, 200)


def test_a_new_password_follows_the_same_rules(
    client: TestClient, user: dict[str, Any]
) -> None:
    response = client.post(
        "/api/auth/password",
        json={"current_password": PASSWORD, "new_password": "short"},
        headers=bearer(user["token"]),
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "new_password"]


# ASVS 5.1.3: input the database cannot store is refused, not a 500.


def test_text_with_a_nul_character_is_refused(client: TestClient) -> None:
    registration = client.post("/api/auth/register", json=new_user(name="Ada\x00"))
    login = client.post(
        "/api/auth/login", json={"email": "a\x00b@example.com", "password": "x" * 12}
    )

    assert registration.status_code == 422
    assert registration.json()["detail"][0]["loc"] == ["body", "name"]
    assert login.status_code == 422


# ASVS 14.4: headers; 8.2.1: no caching of sensitive data.


def test_api_answers_are_never_cached(client: TestClient, user: dict[str, Any]) -> None:
    for path in ["/api/auth/me", "/api/dashboard", "/api/health", "/api/nowhere"]:
        response = client.get(path)
        assert response.headers["cache-control"] == "no-store", path
        assert response.headers["content-security-policy"] == "frame-ancestors 'none'"


# ASVS 14.5.3: CORS only for configured origins, never "*" with credentials.


def test_no_cors_headers_without_configured_origins(client: TestClient) -> None:
    response = client.options(
        "/api/auth/login",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "POST",
        },
    )

    assert "access-control-allow-origin" not in response.headers


def test_cors_allows_the_configured_origins_only() -> None:
    settings = get_settings().model_copy(
        update={"cors_origins": ["https://app.example"]}
    )
    preflight = {"Access-Control-Request-Method": "POST"}
    with client_for(settings) as client:
        allowed = client.options(
            "/api/auth/login", headers={**preflight, "Origin": "https://app.example"}
        )
        refused = client.options(
            "/api/auth/login", headers={**preflight, "Origin": "https://evil.example"}
        )

    assert allowed.headers["access-control-allow-origin"] == "https://app.example"
    assert allowed.headers["access-control-allow-credentials"] == "true"
    assert "access-control-allow-origin" not in refused.headers
    # CORS answers preflights itself; the security headers wrap it.
    assert allowed.headers["x-content-type-options"] == "nosniff"
    assert allowed.headers["cache-control"] == "no-store"


# ASVS 7.1.1: no credentials in logs.


def test_logs_never_contain_passwords_or_tokens(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    registered = register(client, email="quiet@example.com")
    client.post(
        "/api/auth/login", json={"email": "quiet@example.com", "password": "wrong one!"}
    )
    client.post("/api/auth/register", json=new_user(password="x" * 100))
    token = token_of(registered)
    client.get("/api/auth/me", headers=bearer(token))

    for secret in [PASSWORD, "wrong one!", "x" * 100, token]:
        assert secret not in caplog.text


# Production hardening: HTTPS pinned, no API map, no server name.


def production_client() -> TestClient:
    settings = get_settings().model_copy(
        update={"environment": "production", "bcrypt_rounds": 10}
    )
    return TestClient(
        create_app(settings), base_url="https://testserver", headers=CLIENT_HEADERS
    )


def test_production_sends_strict_transport_security() -> None:
    with production_client() as client:
        response = client.get("/api/health/live")

    assert response.headers["strict-transport-security"].startswith("max-age=")


def test_development_sends_no_strict_transport_security(client: TestClient) -> None:
    response = client.get("/api/health/live")

    assert "strict-transport-security" not in response.headers


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/openapi.json"])
def test_production_serves_no_api_docs(path: str) -> None:
    with production_client() as client:
        assert client.get(path).status_code == 404


def test_api_docs_can_be_turned_on_in_production() -> None:
    settings = get_settings().model_copy(
        update={"environment": "production", "bcrypt_rounds": 10, "api_docs": True}
    )
    with TestClient(create_app(settings)) as client:
        assert client.get("/openapi.json").status_code == 200
        assert client.get("/docs").status_code == 200
