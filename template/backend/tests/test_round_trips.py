"""A read costs one database round trip: no ping before it, no BEGIN or
ROLLBACK around it (see tests/round_trips.py for what is counted)."""

from typing import Any

from fastapi.testclient import TestClient

from tests.round_trips import counting_round_trips


def round_trips_of(client: TestClient, path: str) -> int:
    client.get(path)  # the pool holds a connection and the app is warm
    with counting_round_trips(client.app.state.engine) as trips:  # type: ignore[attr-defined]
        response = client.get(path)
    assert response.status_code == 200, response.text
    assert trips.count == 1, trips.statements
    return trips.count


def test_reading_the_current_user_is_one_round_trip(
    client: TestClient, user: dict[str, Any]
) -> None:
    assert round_trips_of(client, "/api/auth/me") == 1


def test_the_health_check_is_one_round_trip(client: TestClient) -> None:
    assert round_trips_of(client, "/api/health") == 1


def test_the_liveness_check_touches_no_database(client: TestClient) -> None:
    with counting_round_trips(client.app.state.engine) as trips:  # type: ignore[attr-defined]
        response = client.get("/api/health/live")

    assert response.status_code == 200
    assert trips.count == 0


def test_a_write_is_one_transaction(client: TestClient, user: dict[str, Any]) -> None:
    with counting_round_trips(client.app.state.engine) as trips:  # type: ignore[attr-defined]
        response = client.patch("/api/auth/me", json={"name": "Grace Hopper"})

    assert response.status_code == 200
    assert trips.statements.count("BEGIN") == 1
    assert trips.statements.count("COMMIT") == 1
    assert "ROLLBACK" not in trips.statements
