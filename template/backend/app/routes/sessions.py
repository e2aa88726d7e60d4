"""The user's open sessions, one per signed-in device: /api/auth/sessions."""

import uuid

from fastapi import APIRouter, HTTPException, Response, status
from sqlmodel import col, select

from app.auth import transport
from app.auth.dependencies import CurrentUser, SettingsDep, TokenClaimsDep
from app.auth.sessions import end_session, open_sessions_of, utc_now
from app.database import SessionDep
from app.models import UserSession
from app.schemas import SessionPublic

router = APIRouter(prefix="/auth/sessions", tags=["auth"])


@router.get("", response_model=list[SessionPublic])
async def list_sessions(
    user: CurrentUser, claims: TokenClaimsDep, session: SessionDep
) -> list[SessionPublic]:
    """The user's open sessions, the most recently used first."""
    statement = (
        select(UserSession)
        .where(open_sessions_of(user.id, utc_now()))
        .order_by(
            col(UserSession.last_used_at).desc(), col(UserSession.created_at).desc()
        )
    )
    return [
        SessionPublic.model_validate(
            {
                **user_session.model_dump(),
                "current": user_session.id == claims.session_id,
            }
        )
        for user_session in (await session.exec(statement)).all()
    ]


@router.delete(
    "/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={status.HTTP_404_NOT_FOUND: {"description": "Session not found"}},
)
async def delete_session(
    session_id: uuid.UUID,
    user: CurrentUser,
    claims: TokenClaimsDep,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """End one of the user's sessions: its tokens are refused from the next
    request on. Ending the current one signs out, as logout does."""
    if not await end_session(session, user.id, session_id):
        # Another user's session is answered exactly like a missing one.
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail="Session not found"
        )
    await session.commit()
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    if session_id == claims.session_id:
        transport.sign_out(response, settings)
    return response
