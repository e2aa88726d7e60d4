"""The floor of GET /api/auth/me on the generated backend's own stack.

The bare floor app (`bench/floor_app`) shows what the work costs with no
framework; this one shows what it costs at the least on the stack the
template is built on: FastAPI with one dependency that decodes the token
(PyJWT, the same checks), one that opens an SQLAlchemy AsyncSession from an
async engine of the same driver and pool size, one query for the user row
through that session, and the same JSON through FastAPI's own encoding. No
middleware, no session check, no ORM entity: what is left between this app
and the generated backend is the template's own work. `bench` runs it like
the bare floor (`uvicorn app.main:app` from this folder, in the backend's
virtualenv). GET /api/health answers without touching the database.
"""

import datetime
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import jwt
from fastapi import Depends, FastAPI, HTTPException, Request
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

SECRET = os.environ["JWT_SECRET"]
ALGORITHM = os.environ.get("JWT_ALGORITHM", "HS256")
AUDIENCE = os.environ["FLOOR_AUDIENCE"]
ISSUER = os.environ["FLOOR_ISSUER"]
DATABASE_URL = make_url(os.environ["DATABASE_URL"])
POSTGRES = DATABASE_URL.get_backend_name() == "postgresql"
CONNECTIONS = 32
HIDDEN = {"hashed_password", "token_version"}
USER_BY_ID = text("SELECT * FROM users WHERE id = :id")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    if POSTGRES:
        engine = create_async_engine(
            DATABASE_URL.set(drivername="postgresql+psycopg"),
            isolation_level="AUTOCOMMIT",
            pool_size=CONNECTIONS,
        )
    else:
        engine = create_async_engine(
            DATABASE_URL.set(drivername="sqlite+aiosqlite"), pool_size=CONNECTIONS
        )
    app.state.sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan, openapi_url=None)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session:
        yield session


def token_of(request: Request) -> str:
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[7:]
    # The generated backend's cookie name in production, and elsewhere.
    return request.cookies.get("__Host-access_token") or request.cookies.get("access_token", "")


async def user_id(request: Request) -> uuid.UUID:
    try:
        claims = jwt.decode(
            token_of(request), SECRET, algorithms=[ALGORITHM], audience=AUDIENCE, issuer=ISSUER
        )
        return uuid.UUID(claims["sub"])
    except (jwt.PyJWTError, KeyError, ValueError):
        raise HTTPException(status_code=401, detail="Not authenticated") from None


def as_json(value: Any) -> Any:
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=datetime.UTC)
    return value


@app.get("/api/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/api/auth/me")
async def me(
    subject: Annotated[uuid.UUID, Depends(user_id)],
    session: Annotated[AsyncSession, Depends(get_session)],
) -> dict[str, Any]:
    # SQLite keeps ids as 32 hex digits, PostgreSQL as its uuid type.
    key: object = subject if POSTGRES else subject.hex
    row = (await session.execute(USER_BY_ID, {"id": key})).mappings().first()
    if row is None:
        raise HTTPException(status_code=401, detail="Not authenticated")
    user = {name: as_json(value) for name, value in row.items() if name not in HIDDEN}
    if not POSTGRES:
        user["id"] = str(uuid.UUID(user["id"]))
    return user
