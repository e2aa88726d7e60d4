"""Registration, login, the current user, logout and the account: /api/auth/*."""

from typing import Any

from fastapi import (
    APIRouter,
    BackgroundTasks,
    HTTPException,
    Request,
    Response,
    status,
)
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlmodel import col, delete, select

from app.auth import device, registration, throttle, transport
from app.auth.credentials import issue_credentials
from app.auth.dependencies import (
    CurrentUser,
    PasswordHasherDep,
    SettingsDep,
    TokenClaimsDep,
    unauthorized,
)
from app.auth.sessions import end_session, end_sessions, start_session
from app.auth.transport import LoginResponse
from app.config import Settings
from app.database import SessionDep
from app.errors import field_error
from app.models import User
from app.schemas import (
    AccountDeletion,
    PasswordChange,
    UserCreate,
    UserLogin,
    UserPublic,
    UserUpdate,
)

router = APIRouter(prefix="/auth", tags=["auth"])

INCORRECT_CREDENTIALS = "Incorrect email or password"

# Login takes JSON {email, password} from the app, or the OAuth2 password
# form (username, password) from the Authorize button of /docs.
LOGIN_REQUEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": UserLogin.model_json_schema()},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["username", "password"],
                    "properties": {
                        "username": {"type": "string", "title": "Email"},
                        "password": {"type": "string", "format": "password"},
                    },
                }
            },
        },
    }
}


def is_form(request: Request) -> bool:
    content_type = request.headers.get("content-type", "")
    return content_type.startswith("application/x-www-form-urlencoded")


async def read_credentials(request: Request) -> UserLogin:
    try:
        if is_form(request):
            form = await request.form()
            return UserLogin.model_validate(
                {"email": form.get("username"), "password": form.get("password")}
            )
        return UserLogin.model_validate_json(await request.body())
    except ValidationError as error:
        raise RequestValidationError(
            [
                {**problem, "loc": ("body", *problem["loc"])}
                for problem in error.errors(include_input=False, include_url=False)
            ]
        ) from None


@router.post(
    "/register",
    status_code=registration.STATUS_CODE,
    response_model=registration.RegistrationResponse,
    responses={**registration.RESPONSES, **throttle.RESPONSES},
)
async def register(
    payload: UserCreate,
    request: Request,
    response: Response,
    background: BackgroundTasks,
    session: SessionDep,
    hasher: PasswordHasherDep,
    settings: SettingsDep,
) -> registration.RegistrationResponse:
    return await registration.register(
        payload, request, response, background, session, hasher, settings
    )


@router.post(
    "/login",
    response_model=LoginResponse,
    openapi_extra=LOGIN_REQUEST_BODY,
    responses={
        status.HTTP_401_UNAUTHORIZED: {"description": INCORRECT_CREDENTIALS},
        **throttle.RESPONSES,
    },
)
async def login(
    request: Request,
    response: Response,
    session: SessionDep,
    hasher: PasswordHasherDep,
    settings: SettingsDep,
) -> LoginResponse:
    """Sign in with JSON {email, password}, or with the OAuth2 password form
    (the Authorize button of /docs, scripts)."""
    credentials = await read_credentials(request)
    trusted_device = device.vouches_for(
        transport.read_device_proof(request, settings), credentials.email, settings
    )
    attempt = await throttle.begin_sign_in(
        session, request, settings, credentials.email, trusted_device
    )
    user = (
        await session.exec(select(User).where(User.email == credentials.email))
    ).first()
    # Hand the connection back to the pool while bcrypt works: in a burst of
    # logins, waiting hashes would otherwise hold every pooled connection and
    # starve all other requests.
    await session.close()
    hashed_password = user.hashed_password if user else None
    verified, rehashed = await hasher.verify_and_update(
        credentials.password, hashed_password
    )
    if not verified or not user:
        await attempt.failed(session)
        raise unauthorized(INCORRECT_CREDENTIALS)
    if rehashed:  # made at another BCRYPT_ROUNDS: stored at today's
        user.hashed_password = rehashed
        session.add(user)
    await attempt.succeeded(session)
    registration.admit(user)
    user_session = await start_session(session, user.id, request, settings)
    issued = await issue_credentials(session, user_session, settings)
    await session.commit()
    answer = transport.hand_over_login(
        issued, user, response, settings, oauth2_form=is_form(request)
    )
    proof = device.issue(user.email, settings)
    return transport.hand_over_device_proof(answer, proof, response, settings)


@router.get("/me", response_model=UserPublic)
async def read_me(user: CurrentUser) -> User:
    return user


@router.patch("/me", response_model=UserPublic)
async def update_me(
    payload: UserUpdate, user: CurrentUser, session: SessionDep
) -> User:
    for field, value in payload.model_dump(exclude_unset=True).items():
        setattr(user, field, value)
    session.add(user)
    await session.commit()
    await session.refresh(user)
    return user


def signed_out(settings: Settings) -> Response:
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    transport.sign_out(response, settings)
    return response


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(
    claims: TokenClaimsDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """End this session: its tokens are refused from now on. Ending a session
    that has ended already changes nothing."""
    await end_session(session, claims.user_id, claims.session_id)
    await session.commit()
    return signed_out(settings)


@router.post("/logout-all", status_code=status.HTTP_204_NO_CONTENT)
async def logout_everywhere(
    user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> Response:
    """End every session of the user, on every device."""
    await end_sessions(session, user.id)
    await session.commit()
    return signed_out(settings)


def wrong_password(field: str, message: str) -> HTTPException:
    return field_error(
        status.HTTP_422_UNPROCESSABLE_CONTENT, field, message, "wrong_password"
    )


@router.post(
    "/password", status_code=status.HTTP_204_NO_CONTENT, responses=throttle.RESPONSES
)
async def change_password(
    payload: PasswordChange,
    user: CurrentUser,
    claims: TokenClaimsDep,
    request: Request,
    session: SessionDep,
    hasher: PasswordHasherDep,
    settings: SettingsDep,
) -> None:
    """Change the password; every other session of the user ends, this one
    goes on with the tokens it has."""
    if not await throttle.check_current_password(
        session, hasher, user, payload.current_password, request, settings
    ):
        raise wrong_password("current_password", "Current password is incorrect")
    user.hashed_password = await hasher.hash(payload.new_password)
    session.add(user)
    await end_sessions(session, user.id, keep=claims.session_id)
    await session.commit()


@router.delete(
    "/me", status_code=status.HTTP_204_NO_CONTENT, responses=throttle.RESPONSES
)
async def delete_me(
    payload: AccountDeletion,
    user: CurrentUser,
    request: Request,
    session: SessionDep,
    hasher: PasswordHasherDep,
    settings: SettingsDep,
) -> Response:
    """Delete the account: the user, their sessions and their data (the
    foreign keys cascade)."""
    if not await throttle.check_current_password(
        session, hasher, user, payload.password, request, settings
    ):
        raise wrong_password("password", "Password is incorrect")
    await session.exec(delete(User).where(col(User.id) == user.id))
    await session.commit()
    return signed_out(settings)
