"""Sessions: one per sign-in, listed for the user, ended one by one or all at
once, checked on every request; and the deletion of the account."""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from tests.helpers import PASSWORD, bearer
from tests.registration import register
from tests.test_tokens import sign, valid_claims
from tests.transport import forget_session, token_of


def sign_in_again(client: TestClient, user: dict[str, Any], agent: str) -> str:
    """The token of a second session of the user, from another device."""
    response = client.post(
        "/api/auth/login",
        json={"email": user["email"], "password": PASSWORD},
        headers={"User-Agent": agent},
    )
    assert response.status_code == 200, response.text
    return token_of(response)


def sessions_of(client: TestClient, token: str) -> list[dict[str, Any]]:
    response = client.get("/api/auth/sessions", headers=bearer(token))
    assert response.status_code == 200, response.text
    sessions: list[dict[str, Any]] = response.json()
    return sessions


def test_each_sign_in_is_a_session_listed_newest_first(
    client: TestClient, user: dict[str, Any]
) -> None:
    phone = sign_in_again(client, user, "Phone browser")

    sessions = sessions_of(client, phone)

    assert len(sessions) == 2
    assert set(sessions[0]) == {
        "id",
        "created_at",
        "last_used_at",
        "expires_at",
        "user_agent",
        "ip",
        "current",
    }
    assert sessions[0]["user_agent"] == "Phone browser"
    assert [session["current"] for session in sessions] == [True, False]
    assert sessions[0]["created_at"] >= sessions[1]["created_at"]
    assert sessions[0]["expires_at"] > sessions[0]["created_at"]
    assert [session["current"] for session in sessions_of(client, user["token"])] == [
        False,
        True,
    ]


def test_the_user_agent_is_cut_to_256_characters(
    client: TestClient, user: dict[str, Any]
) -> None:
    token = sign_in_again(client, user, "A" * 1000)

    assert sessions_of(client, token)[0]["user_agent"] == "A" * 256


def test_a_deleted_session_is_refused_from_the_next_request_on(
    client: TestClient, user: dict[str, Any]
) -> None:
    phone = sign_in_again(client, user, "Phone browser")
    phone_session = sessions_of(client, phone)[0]["id"]

    response = client.delete(
        f"/api/auth/sessions/{phone_session}", headers=bearer(user["token"])
    )

    assert response.status_code == 204
    refused = client.get("/api/auth/me", headers=bearer(phone))
    assert refused.status_code == 401
    assert refused.json() == {"detail": "Invalid or expired token"}
    assert client.get("/api/auth/me", headers=bearer(user["token"])).status_code == 200
    assert len(sessions_of(client, user["token"])) == 1


def test_deleting_the_current_session_signs_out(
    client: TestClient, user: dict[str, Any]
) -> None:
    current = sessions_of(client, user["token"])[0]["id"]

    response = client.delete(f"/api/auth/sessions/{current}")

    assert response.status_code == 204
    assert client.get("/api/auth/me", headers=bearer(user["token"])).status_code == 401


def test_unknown_ended_and_other_users_sessions_are_not_found(
    client: TestClient, user: dict[str, Any]
) -> None:
    other = token_of(register(client))
    others_session = sessions_of(client, other)[0]["id"]
    phone = sign_in_again(client, user, "Phone browser")
    ended = sessions_of(client, phone)[0]["id"]
    client.post("/api/auth/logout", headers=bearer(phone))

    for session_id in [str(uuid.uuid4()), ended, others_session]:
        response = client.delete(
            f"/api/auth/sessions/{session_id}", headers=bearer(user["token"])
        )
        assert response.status_code == 404, session_id
        assert response.json() == {"detail": "Session not found"}
    assert client.get("/api/auth/me", headers=bearer(other)).status_code == 200


def test_a_malformed_session_id_is_a_422(
    client: TestClient, user: dict[str, Any]
) -> None:
    response = client.delete("/api/auth/sessions/not-an-id")

    assert response.status_code == 422


def test_sessions_need_a_token(client: TestClient) -> None:
    assert client.get("/api/auth/sessions").status_code == 401
    assert client.delete(f"/api/auth/sessions/{uuid.uuid4()}").status_code == 401


def test_ended_sessions_are_not_listed(
    client: TestClient, user: dict[str, Any]
) -> None:
    phone = sign_in_again(client, user, "Phone browser")
    client.post("/api/auth/logout", headers=bearer(phone))

    assert [s["current"] for s in sessions_of(client, user["token"])] == [True]


def test_logout_everywhere_ends_every_session(
    client: TestClient, user: dict[str, Any]
) -> None:
    phone = sign_in_again(client, user, "Phone browser")

    response = client.post("/api/auth/logout-all", headers=bearer(phone))

    assert response.status_code == 204
    for token in [user["token"], phone]:
        assert client.get("/api/auth/me", headers=bearer(token)).status_code == 401


def test_a_token_naming_another_users_session_is_refused(
    client: TestClient, user: dict[str, Any]
) -> None:
    """The session must belong to the token's user, not just exist."""
    other = register(client).json()["user"]
    forget_session(client)
    token = sign({**valid_claims(user), "sub": other["id"]})

    assert client.get("/api/auth/me", headers=bearer(token)).status_code == 401


@pytest.fixture
def statements(client: TestClient) -> Iterator[list[str]]:
    """The SQL statements the app sends to the database, as they go."""
    sent: list[str] = []
    engine = client.app.state.engine.sync_engine  # type: ignore[attr-defined]

    def record(*args: Any) -> None:
        sent.append(args[2])

    sa.event.listen(engine, "before_cursor_execute", record)
    yield sent
    sa.event.remove(engine, "before_cursor_execute", record)


def test_an_authenticated_request_costs_one_query(
    client: TestClient, user: dict[str, Any], statements: list[str]
) -> None:
    """Token, session and user are checked in one round trip."""
    response = client.get("/api/auth/me", headers=bearer(user["token"]))

    assert response.status_code == 200
    assert len(statements) == 1, statements


# The account's deletion (ASVS 7.4.2: its sessions end with it).


def delete_account(client: TestClient, token: str, password: str) -> Any:
    return client.request(
        "DELETE", "/api/auth/me", json={"password": password}, headers=bearer(token)
    )


def test_deleting_the_account_removes_the_user_and_their_sessions(
    client: TestClient, user: dict[str, Any], sync_engine: sa.Engine
) -> None:
    phone = sign_in_again(client, user, "Phone browser")

    response = delete_account(client, user["token"], PASSWORD)

    assert response.status_code == 204
    for token in [user["token"], phone]:
        assert client.get("/api/auth/me", headers=bearer(token)).status_code == 401
    login = client.post(
        "/api/auth/login", json={"email": user["email"], "password": PASSWORD}
    )
    assert login.status_code == 401
    with sync_engine.connect() as connection:
        left = connection.execute(sa.text("SELECT count(*) FROM sessions")).scalar()
        users = connection.execute(sa.text("SELECT count(*) FROM users")).scalar()
    assert (left, users) == (0, 0)


def test_deleting_the_account_needs_the_password(
    client: TestClient, user: dict[str, Any]
) -> None:
    response = delete_account(client, user["token"], "not the password")

    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["loc"] == ["body", "password"]
    assert problem["msg"] == "Password is incorrect"
    assert client.get("/api/auth/me", headers=bearer(user["token"])).status_code == 200


def test_deleting_the_account_leaves_other_users_alone(
    client: TestClient, user: dict[str, Any]
) -> None:
    other = token_of(register(client))

    assert delete_account(client, user["token"], PASSWORD).status_code == 204

    assert client.get("/api/auth/me", headers=bearer(other)).status_code == 200
