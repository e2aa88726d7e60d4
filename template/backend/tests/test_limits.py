"""Limits on what one request may send: body size, text length, and text
that is not text at all."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import get_settings
from tests.helpers import new_user
from tests.registration import REGISTERED

LONE_SURROGATE = '"a\\ud800b"'  # JSON for a string no UTF-8 can encode


def test_a_body_over_the_limit_is_refused_before_it_is_read(
    client: TestClient,
) -> None:
    limit = get_settings().max_body_bytes
    body = json.dumps({"email": "a@example.com", "password": "x" * limit})

    response = client.post(
        "/api/auth/login",
        content=body,
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "Request body too large"}


def test_a_chunked_body_over_the_limit_is_refused(client: TestClient) -> None:
    limit = get_settings().max_body_bytes

    def chunks() -> Iterator[bytes]:
        # Without Content-Length the size is only known while reading.
        yield b'{"email": "a@example.com", "password": "'
        for _ in range(limit // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    response = client.post(
        "/api/auth/register",
        content=chunks(),
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 413


def test_a_body_within_the_limit_is_read(client: TestClient) -> None:
    response = client.post("/api/auth/register", json=new_user())

    assert response.status_code == REGISTERED


def raw_json(payload: dict[str, Any], field: str) -> str:
    """The payload as JSON, with a lone surrogate in place of one field."""
    return json.dumps({**payload, field: "placeholder"}).replace(
        '"placeholder"', LONE_SURROGATE
    )


@pytest.mark.parametrize("field", ["name", "email", "password"])
def test_a_lone_surrogate_at_registration_is_a_field_error(
    client: TestClient, field: str
) -> None:
    response = client.post(
        "/api/auth/register",
        content=raw_json(new_user(), field),
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", field],
            "msg": "Value error, must be valid Unicode text",
            "type": "value_error",
        }
    ]


def test_a_lone_surrogate_on_the_profile_is_a_field_error(
    client: TestClient, user: dict[str, Any]
) -> None:
    response = client.patch(
        "/api/auth/me",
        content=raw_json({}, "name"),
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]
    assert client.get("/api/auth/me").json()["name"] == user["name"]


def test_a_lone_surrogate_at_login_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/auth/login",
        content=raw_json({"password": "whatever"}, "email"),
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 422
    assert "d800" not in response.text
