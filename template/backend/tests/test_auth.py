"""Registration, login, the current user, logout and password changes
(sessions and account deletion: test_sessions.py)."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers import PASSWORD, bearer, new_user
from tests.registration import register
from tests.transport import forget_session, issued_token, token_of


def test_register_returns_the_user_and_signs_them_in(client: TestClient) -> None:
    payload = new_user(email="Ada@Example.com")
    response = register(client, **payload)

    body = response.json()
    assert body["user"]["email"] == "ada@example.com"
    assert body["user"]["name"] == payload["name"]
    assert set(body["user"]) >= {"id", "email", "name", "created_at", "updated_at"}
    assert "password" not in response.text
    assert "hashed_password" not in response.text
    assert response.headers["cache-control"] == "no-store"
    me = client.get("/api/auth/me", headers=bearer(token_of(response)))
    assert me.json()["id"] == body["user"]["id"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "email"),
        ("password", "short", "at least 8 characters"),
        ("password", "é" * 37, "at most 72 bytes"),
        ("password", "x" * 73, "at most 72 bytes"),
        ("name", "", "at least 1 character"),
    ],
)
def test_register_refuses_invalid_fields(
    client: TestClient, field: str, value: str, message: str
) -> None:
    response = client.post("/api/auth/register", json=new_user(**{field: value}))

    assert response.status_code == 422
    problems = response.json()["detail"]
    assert [problem["loc"] for problem in problems] == [["body", field]]
    assert message in problems[0]["msg"]
    if field == "password":
        assert value not in response.text


def test_register_requires_email_password_and_name(client: TestClient) -> None:
    response = client.post("/api/auth/register", json={})

    assert response.status_code == 422
    missing = {problem["loc"][-1] for problem in response.json()["detail"]}
    assert {"email", "password", "name"} <= missing


def test_a_password_of_exactly_72_bytes_is_kept_whole(client: TestClient) -> None:
    password = "ü" * 36  # 72 bytes in UTF-8
    register(client, email="long@example.com", password=password)

    ok = client.post(
        "/api/auth/login", json={"email": "long@example.com", "password": password}
    )
    longer = client.post(
        "/api/auth/login",
        json={"email": "long@example.com", "password": password + "!"},
    )
    shorter = client.post(
        "/api/auth/login", json={"email": "long@example.com", "password": password[:-1]}
    )

    assert ok.status_code == 200
    assert longer.status_code == 401  # never truncated to match
    assert shorter.status_code == 401


def test_login_with_json(client: TestClient) -> None:
    register(client, email="alan@example.com")

    response = client.post(
        "/api/auth/login", json={"email": "Alan@Example.COM", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert response.json()["user"]["email"] == "alan@example.com"
    me = client.get("/api/auth/me", headers=bearer(token_of(response)))
    assert me.status_code == 200


def test_login_with_the_oauth2_form_of_the_docs_page(client: TestClient) -> None:
    register(client, email="form@example.com")

    response = client.post(
        "/api/auth/login", data={"username": "form@example.com", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert response.json()["token_type"] == "bearer"
    token = response.json()["access_token"]
    assert client.get("/api/auth/me", headers=bearer(token)).status_code == 200


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "known@example.com", "password": "wrong password"},
        {"email": "nobody@example.com", "password": PASSWORD},
        {"email": "known@example.com", "password": PASSWORD + "x" * 80},
    ],
    ids=["wrong-password", "unknown-email", "over-long-password"],
)
def test_login_failures_all_look_the_same(
    client: TestClient, credentials: dict[str, str]
) -> None:
    register(client, email="known@example.com")
    forget_session(client)

    response = client.post("/api/auth/login", json=credentials)

    assert response.status_code == 401
    assert response.json() == {"detail": "Incorrect email or password"}
    assert response.headers["www-authenticate"] == "Bearer"
    assert issued_token(response) is None


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{}", "application/json"),
        ('{"email": "a@example.com"}', "application/json"),
        ("{not json", "application/json"),
        ("[]", "application/json"),
        ("username=a%40example.com", "application/x-www-form-urlencoded"),
    ],
)
def test_malformed_login_requests_get_422(
    client: TestClient, body: str, content_type: str
) -> None:
    response = client.post(
        "/api/auth/login", content=body, headers={"Content-Type": content_type}
    )

    assert response.status_code == 422
    assert response.json()["detail"]


def test_me_needs_a_token(client: TestClient) -> None:
    response = client.get("/api/auth/me")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_me_returns_the_signed_in_user(
    client: TestClient, user: dict[str, Any]
) -> None:
    response = client.get("/api/auth/me")

    assert response.status_code == 200
    assert response.json()["email"] == user["email"]
    assert response.headers["cache-control"] == "no-store"
    assert "hashed_password" not in response.json()


def test_update_me_changes_the_name(client: TestClient, user: dict[str, Any]) -> None:
    response = client.patch("/api/auth/me", json={"name": "Ada King"})

    assert response.status_code == 200
    assert response.json()["name"] == "Ada King"
    assert client.get("/api/auth/me").json()["name"] == "Ada King"


@pytest.mark.parametrize("body", [{"name": None}, {"name": ""}, {"name": "x" * 101}])
def test_update_me_refuses_an_invalid_name(
    client: TestClient, user: dict[str, Any], body: dict[str, Any]
) -> None:
    response = client.patch("/api/auth/me", json=body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]


def test_update_me_needs_a_token(client: TestClient) -> None:
    assert client.patch("/api/auth/me", json={"name": "X"}).status_code == 401


def test_logout_ends_that_session_only(
    client: TestClient, user: dict[str, Any]
) -> None:
    other_session = client.post(
        "/api/auth/login", json={"email": user["email"], "password": PASSWORD}
    )
    other_token = token_of(other_session)

    response = client.post("/api/auth/logout", headers=bearer(user["token"]))

    assert response.status_code == 204
    revoked = client.get("/api/auth/me", headers=bearer(user["token"]))
    assert revoked.status_code == 401
    assert revoked.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/auth/me", headers=bearer(other_token)).status_code == 200


def test_logout_needs_a_token(client: TestClient) -> None:
    assert client.post("/api/auth/logout").status_code == 401


def test_logging_out_twice_is_no_error(
    client: TestClient, user: dict[str, Any]
) -> None:
    first = client.post("/api/auth/logout", headers=bearer(user["token"]))
    again = client.post("/api/auth/logout", headers=bearer(user["token"]))

    assert (first.status_code, again.status_code) == (204, 204)


def test_logout_everywhere_revokes_every_token(
    client: TestClient, user: dict[str, Any]
) -> None:
    second = token_of(
        client.post(
            "/api/auth/login", json={"email": user["email"], "password": PASSWORD}
        )
    )

    assert (
        client.post("/api/auth/logout-all", headers=bearer(user["token"])).status_code
        == 204
    )

    assert client.get("/api/auth/me", headers=bearer(user["token"])).status_code == 401
    assert client.get("/api/auth/me", headers=bearer(second)).status_code == 401


def test_password_change_needs_the_current_password(
    client: TestClient, user: dict[str, Any]
) -> None:
    response = client.post(
        "/api/auth/password",
        json={"current_password": "not it at all", "new_password": "a new password"},
        headers=bearer(user["token"]),
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "current_password"]


def test_password_change_ends_other_sessions_and_keeps_this_one(
    client: TestClient, user: dict[str, Any]
) -> None:
    other = token_of(
        client.post(
            "/api/auth/login", json={"email": user["email"], "password": PASSWORD}
        )
    )

    response = client.post(
        "/api/auth/password",
        json={"current_password": PASSWORD, "new_password": "a new password"},
        headers=bearer(user["token"]),
    )

    assert response.status_code == 204
    assert client.get("/api/auth/me", headers=bearer(other)).status_code == 401
    assert client.get("/api/auth/me", headers=bearer(user["token"])).status_code == 200
    old = client.post(
        "/api/auth/login", json={"email": user["email"], "password": PASSWORD}
    )
    new = client.post(
        "/api/auth/login", json={"email": user["email"], "password": "a new password"}
    )
    assert (old.status_code, new.status_code) == (401, 200)


def test_a_name_is_stored_trimmed(client: TestClient) -> None:
    response = register(client, name="  Ada  ")

    assert response.json()["user"]["name"] == "Ada"


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_a_blank_name_is_refused(client: TestClient, name: str) -> None:
    response = client.post("/api/auth/register", json=new_user(name=name))

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]


def test_a_blank_name_is_refused_on_the_profile(
    client: TestClient, user: dict[str, Any]
) -> None:
    response = client.patch("/api/auth/me", json={"name": "   "})

    assert response.status_code == 422
    assert client.get("/api/auth/me").json()["name"] == user["name"]
