"""A read costs one database round trip: no ping before it, no BEGIN or
ROLLBACK around it (see tests/round_trips.py for what is counted)."""

from typing import Any

from fastapi.testclient import TestClient

from tests.round_trips import RoundTrips, counting_round_trips


def count_a_second_request(client: TestClient, path: str) -> RoundTrips:
    """The round trips of GET path once the app is warm and the pool holds
    a connection (the first request opens it)."""
    client.get(path)
    with counting_round_trips(client.app.state.engine) as trips:  # type: ignore[attr-defined]
        response = client.get(path)
    assert response.status_code == 200, response.text
    return trips


def test_reading_the_current_user_is_one_round_trip(
    client: TestClient, user: dict[str, Any]
) -> None:
    trips = count_a_second_request(client, "/api/auth/me")

    assert trips.count == 1, trips.statements


def test_the_health_check_is_one_round_trip(client: TestClient) -> None:
    trips = count_a_second_request(client, "/api/health")

    assert trips.count == 1, trips.statements


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
