"""Unexpected failures answer with a plain 500, never a stack trace."""

import logging

import pytest
from fastapi.testclient import TestClient

from app.main import create_app


def test_an_unhandled_error_is_a_generic_500(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app()

    @app.get("/api/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    with (
        TestClient(app, raise_server_exceptions=False) as client,
        caplog.at_level(logging.ERROR, logger="app"),
    ):
        response = client.get("/api/boom")

    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error"}
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    assert "secret internals" in caplog.text  # logged for the operator
    # Starlette answers it outside every middleware: the headers come anyway.
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"


def test_an_unknown_route_is_404(client: TestClient) -> None:
    assert client.get("/api/nowhere").status_code == 404
