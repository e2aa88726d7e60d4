"""Registration, login, the current user and logout: /api/auth/*."""

import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, select

from app.auth import throttle, transport
from app.auth.dependencies import (
    CurrentUser,
    PasswordHasherDep,
    SettingsDep,
    TokenClaimsDep,
    unauthorized,
)
from app.auth.jwt import create_access_token
from app.auth.transport import AuthResponse, LoginResponse
from app.database import SessionDep
from app.models import RevokedToken, User
from app.schemas import (
    PasswordChange,
    UserCreate,
    UserLogin,
    UserPublic,
    UserUpdate,
)

router = APIRouter(prefix="/auth", tags=["auth"])

INCORRECT_CREDENTIALS = "Incorrect email or password"
TOO_MANY_FAILURES = "Too many failed sign-ins; try again later"

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


def field_error(
    status_code: int, field: str, message: str, error_type: str
) -> HTTPException:
    """An error on one field of the body, shaped like FastAPI's 422 items so
    the app shows it next to that field."""
    return HTTPException(
        status_code=status_code,
        detail=[{"loc": ["body", field], "msg": message, "type": error_type}],
    )


def email_taken() -> HTTPException:
    return field_error(
        status.HTTP_409_CONFLICT,
        "email",
        "An account with this email already exists",
        "email_taken",
    )


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
    status_code=status.HTTP_201_CREATED,
    response_model=AuthResponse,
    responses={status.HTTP_409_CONFLICT: {"description": "Email already registered"}},
)
async def register(
    payload: UserCreate,
    response: Response,
    session: SessionDep,
    hasher: PasswordHasherDep,
    settings: SettingsDep,
) -> AuthResponse:
    existing = await session.exec(select(User.id).where(User.email == payload.email))
    if existing.first() is not None:
        raise email_taken()
    # Hand the connection back while bcrypt works (see login).
    await session.close()
    user = User(
        **payload.model_dump(exclude={"password"}),
        hashed_password=await hasher.hash(payload.password),
    )
    session.add(user)
    try:
        await session.commit()
    except IntegrityError:
        # Another registration of the same email won the race.
        await session.rollback()
        raise email_taken() from None
    access_token = create_access_token(user.id, user.token_version, settings)
    return transport.hand_over(access_token, user, response, settings)


@router.post(
    "/login",
    response_model=LoginResponse,
    openapi_extra=LOGIN_REQUEST_BODY,
    responses={
        status.HTTP_401_UNAUTHORIZED: {"description": INCORRECT_CREDENTIALS},
        status.HTTP_429_TOO_MANY_REQUESTS: {"description": TOO_MANY_FAILURES},
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
    now = datetime.datetime.now(datetime.UTC)
    email = throttle.email_key(credentials.email)
    address = throttle.address_key(request.client.host if request.client else None)
    keys = [email] if address is None else [email, address]
    wait = await throttle.seconds_blocked(session, keys, now)
    if wait:
        raise HTTPException(
            status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            detail=TOO_MANY_FAILURES,
            headers={"Retry-After": str(wait)},
        )
    user = (
        await session.exec(select(User).where(User.email == credentials.email))
    ).first()
    # Hand the connection back to the pool while bcrypt works: in a burst of
    # logins, waiting hashes would otherwise hold every pooled connection and
    # starve all other requests.
    await session.close()
    hashed_password = user.hashed_password if user else None
    if not await hasher.verify(credentials.password, hashed_password) or not user:
        await throttle.forget_stale(session, settings, now)
        await throttle.record_failure(
            session, email, settings.login_max_failures_per_email, settings, now
        )
        if address is not None:
            await throttle.record_failure(
                session, address, settings.login_max_failures_per_address, settings, now
            )
        await session.commit()
        raise unauthorized(INCORRECT_CREDENTIALS)
    await throttle.clear(session, email)
    await session.commit()
    access_token = create_access_token(user.id, user.token_version, settings)
    return transport.hand_over_login(
        access_token, user, response, settings, oauth2_form=is_form(request)
    )


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


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(
    claims: TokenClaimsDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """End this session: its token is refused from now on."""
    now = datetime.datetime.now(datetime.UTC)
    await session.exec(delete(RevokedToken).where(col(RevokedToken.expires_at) < now))
    if await session.get(RevokedToken, claims.jti) is None:
        session.add(RevokedToken(jti=claims.jti, expires_at=claims.expires_at))
    await session.commit()
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    transport.sign_out(response, settings)
    return response


@router.post("/logout-all", status_code=status.HTTP_204_NO_CONTENT)
async def logout_everywhere(
    user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> Response:
    """End every session of the user, on every device."""
    user.token_version += 1
    session.add(user)
    await session.commit()
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    transport.sign_out(response, settings)
    return response


@router.post("/password", response_model=AuthResponse)
async def change_password(
    payload: PasswordChange,
    user: CurrentUser,
    response: Response,
    session: SessionDep,
    hasher: PasswordHasherDep,
    settings: SettingsDep,
) -> AuthResponse:
    """Change the password; every other session of the user ends."""
    await session.close()  # no connection held while bcrypt works
    if not await hasher.verify(payload.current_password, user.hashed_password):
        raise field_error(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "current_password",
            "Current password is incorrect",
            "wrong_password",
        )
    user.hashed_password = await hasher.hash(payload.new_password)
    user.token_version += 1
    session.add(user)
    await session.commit()
    access_token = create_access_token(user.id, user.token_version, settings)
    return transport.hand_over(access_token, user, response, settings)
