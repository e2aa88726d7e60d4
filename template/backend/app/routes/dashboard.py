"""The signed-in user's dashboard: GET /api/dashboard."""

from fastapi import APIRouter

from app.auth.dependencies import CurrentUser
from app.dashboard import DashboardResponse, dashboard_of
from app.database import SessionDep

router = APIRouter(tags=["dashboard"])


@router.get("/dashboard", response_model=DashboardResponse)
async def read_dashboard(user: CurrentUser, session: SessionDep) -> DashboardResponse:
    return await dashboard_of(user, session)
