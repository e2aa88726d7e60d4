"""The floor of GET /api/auth/me: a bare ASGI app with no framework.

It does what the generated backend's /me must do at the least: decode the same
token with PyJWT (signature, expiry, audience, issuer), read the same user row
with the same driver in one query, and answer the same JSON. `bench` runs it
under the same uvicorn as the backend, in the backend's virtualenv
(`uvicorn app.main:app` from this folder). GET /api/health answers 200 without
touching the database, so the bench's start-up check finds it ready.
"""

import asyncio
import datetime
import json
import os
import uuid
from typing import Any

import jwt

SECRET = os.environ["JWT_SECRET"]
ALGORITHM = os.environ.get("JWT_ALGORITHM", "HS256")
AUDIENCE = os.environ["FLOOR_AUDIENCE"]
ISSUER = os.environ["FLOOR_ISSUER"]
DATABASE_URL = os.environ["DATABASE_URL"]
CONNECTIONS = 32
HIDDEN = {"hashed_password", "token_version"}


class Pool:
    """CONNECTIONS connections opened at start-up, handed out one at a time."""

    def __init__(self) -> None:
        self.idle: asyncio.Queue[Any] = asyncio.Queue()
        self.postgres = DATABASE_URL.startswith("postgresql")

    async def open(self) -> None:
        for _ in range(CONNECTIONS):
            if self.postgres:
                import psycopg

                connection = await psycopg.AsyncConnection.connect(DATABASE_URL, autocommit=True)
            else:
                import aiosqlite

                connection = await aiosqlite.connect(DATABASE_URL.split("///", 1)[1])
                connection.row_factory = aiosqlite.Row
            self.idle.put_nowait(connection)

    async def user(self, user_id: str) -> dict[str, Any] | None:
        connection = await self.idle.get()
        try:
            if self.postgres:
                cursor = await connection.execute(
                    "SELECT * FROM users WHERE id = %s", (uuid.UUID(user_id),)
                )
                row = await cursor.fetchone()
                if row is None:
                    return None
                names = [column.name for column in cursor.description]
                return dict(zip(names, row, strict=True))
            cursor = await connection.execute(
                "SELECT * FROM users WHERE id = ?", (uuid.UUID(user_id).hex,)
            )
            row = await cursor.fetchone()
            await cursor.close()
            return dict(row) if row is not None else None
        finally:
            self.idle.put_nowait(connection)


pool = Pool()


def token_of(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name == b"authorization" and value.lower().startswith(b"bearer "):
            return value[7:].decode()
        if name == b"cookie":
            for part in value.decode().split(";"):
                key, _, token = part.strip().partition("=")
                # The generated backend's name in production, and elsewhere.
                if key in ("__Host-access_token", "access_token"):
                    return token
    return None


def as_json(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, (datetime.date, uuid.UUID)):
        return str(value)
    return value


async def send(send_message: Any, status: int, body: bytes) -> None:
    await send_message(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send_message({"type": "http.response.body", "body": body})


async def app(scope: dict[str, Any], receive: Any, send_message: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await pool.open()
                await send_message({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send_message({"type": "lifespan.shutdown.complete"})
                return
    if scope["path"] == "/api/health":
        await send(send_message, 200, b'{"status":"ok"}')
        return
    token = token_of(scope["headers"])
    try:
        claims = jwt.decode(
            token or "",
            SECRET,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
        )
    except jwt.PyJWTError:
        await send(send_message, 401, b'{"detail":"Not authenticated"}')
        return
    row = await pool.user(claims["sub"])
    if row is None:
        await send(send_message, 401, b'{"detail":"Not authenticated"}')
        return
    user = {name: as_json(value) for name, value in row.items() if name not in HIDDEN}
    if "id" in user and len(str(user["id"])) == 32:
        user["id"] = str(uuid.UUID(str(user["id"])))
    await send(send_message, 200, json.dumps(user).encode())
