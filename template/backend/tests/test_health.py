"""GET /api/health reports whether the API can reach its database."""

from fastapi.testclient import TestClient

from app.config import get_settings
from app.main import create_app
from tests.database import UNREACHABLE_DATABASE_URL


def test_health_is_ok(client: TestClient) -> None:
    response = client.get("/api/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_is_503_when_the_database_is_down() -> None:
    settings = get_settings().model_copy(
        update={"database_url": UNREACHABLE_DATABASE_URL}
    )

    with TestClient(create_app(settings)) as client:
        response = client.get("/api/health")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    response = client.get("/api/health")

    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_live_is_ok_without_the_database() -> None:
    settings = get_settings().model_copy(
        update={"database_url": UNREACHABLE_DATABASE_URL}
    )

    with TestClient(create_app(settings)) as client:
        response = client.get("/api/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
