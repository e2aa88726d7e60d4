"""Health checks: GET /api/health (the database too), GET /api/health/live."""

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.schemas import HealthResponse

logger = logging.getLogger(__name__)

router = APIRouter(tags=["health"])

DATABASE_TIMEOUT_SECONDS = 3


@router.get("/health/live", response_model=HealthResponse)
async def live() -> HealthResponse:
    """The process is up and serving; touches nothing else, so a slow or
    unreachable database never makes a liveness check restart the app."""
    return HealthResponse(status="ok")


@router.get(
    "/health",
    response_model=HealthResponse,
    responses={503: {"model": HealthResponse, "description": "Database unreachable"}},
)
async def health(request: Request) -> HealthResponse | JSONResponse:
    """Ready to serve: the database answers a query (one round trip)."""
    engine: AsyncEngine = request.app.state.engine
    try:
        async with asyncio.timeout(DATABASE_TIMEOUT_SECONDS):
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    except Exception:
        logger.warning("Health check: the database is unreachable", exc_info=True)
        return JSONResponse(status_code=503, content={"status": "unavailable"})
    return HealthResponse(status="ok")
