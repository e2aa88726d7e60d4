"""GET /api/dashboard shows the signed-in user's own data only."""

from typing import Any

from fastapi.testclient import TestClient

from tests.helpers import bearer
from tests.registration import register
from tests.transport import token_of


def test_dashboard_needs_a_token(client: TestClient) -> None:
    response = client.get("/api/dashboard")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_dashboard_shows_the_current_user(
    client: TestClient, user: dict[str, Any]
) -> None:
    response = client.get("/api/dashboard")

    assert response.status_code == 200
    assert response.json()["user"]["id"] == user["id"]
    assert response.headers["cache-control"] == "no-store"


def test_each_user_sees_their_own_dashboard(client: TestClient) -> None:
    alice = register(client)
    bob = register(client)

    alice_view = client.get("/api/dashboard", headers=bearer(token_of(alice))).json()
    bob_view = client.get("/api/dashboard", headers=bearer(token_of(bob))).json()

    assert alice_view["user"]["id"] == alice.json()["user"]["id"]
    assert bob_view["user"]["id"] == bob.json()["user"]["id"]
