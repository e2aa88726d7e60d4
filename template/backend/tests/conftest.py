"""Fixtures: a database built by the migrations, emptied after every test,
and an API client."""

import os
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from tests.database import TEST_DATABASE_URL, connect

# The app reads its settings on import: put the test ones in place first.
os.environ.update(
    DATABASE_URL=TEST_DATABASE_URL,
    JWT_SECRET="5f0c3b9e8d27a1460e9b7c2d4a8f13e6b0d95c7a2e4f68193d7b0a5c1e2f4869",
    BCRYPT_ROUNDS="4",
    ENVIRONMENT="development",
    CORS_ORIGINS="",
)

from alembic import command

from app.config import get_settings
from app.dialect import sync_database_url
from app.main import create_app
from tests.helpers import alembic_config, new_user
from tests.transport import CLIENT_HEADERS, sign_in, token_of


@pytest.fixture(scope="session")
def sync_engine() -> Iterator[sa.Engine]:
    engine = connect(sync_database_url(TEST_DATABASE_URL))
    yield engine
    engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def database(sync_engine: sa.Engine) -> None:
    """Start from an empty database and build it with the migrations."""
    existing = sa.MetaData()
    existing.reflect(sync_engine)
    existing.drop_all(sync_engine)
    command.upgrade(alembic_config(TEST_DATABASE_URL), "head")


@pytest.fixture(autouse=True)
def empty_tables(sync_engine: sa.Engine) -> Iterator[None]:
    yield
    tables = sa.MetaData()
    tables.reflect(sync_engine)
    with sync_engine.begin() as connection:
        for table in reversed(tables.sorted_tables):
            if table.name != "alembic_version":
                connection.execute(table.delete())


@pytest.fixture
def client() -> Iterator[TestClient]:
    get_settings.cache_clear()
    with TestClient(create_app(), headers=CLIENT_HEADERS) as test_client:
        yield test_client


@pytest.fixture
def user(client: TestClient) -> dict[str, Any]:
    """A registered user; the client is signed in as them."""
    payload = new_user()
    response = client.post("/api/auth/register", json=payload)
    assert response.status_code == 201, response.text
    token = token_of(response)
    sign_in(client, token)
    return {**response.json()["user"], "password": payload["password"], "token": token}
