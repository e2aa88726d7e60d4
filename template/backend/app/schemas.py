"""Request and response bodies of the API."""

import datetime
import uuid
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    EmailStr,
    Field,
    WithJsonSchema,
    create_model,
    field_validator,
)

from app.auth.password import check_new_password
from app.models import UserBase


def _lower_case(email: str) -> str:
    return email.lower()


def _as_utc(moment: datetime.datetime) -> datetime.datetime:
    # Some databases hand back naive datetimes; every timestamp we store is UTC.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


Email = Annotated[EmailStr, Field(max_length=320), AfterValidator(_lower_case)]
# The rules are checked in bytes by check_new_password; the schema tells
# clients the outline (72 characters can be more than 72 bytes).
NewPassword = Annotated[
    str,
    AfterValidator(check_new_password),
    WithJsonSchema(
        {"type": "string", "format": "password", "minLength": 8, "maxLength": 72}
    ),
]
UTCDateTime = Annotated[datetime.datetime, AfterValidator(_as_utc)]


class Input(BaseModel):
    """A request body. No text in it may hold a NUL character, which
    some databases cannot store (and no form can type), nor a lone
    surrogate, which is not text at all and cannot be stored as UTF-8."""

    @field_validator("*", mode="before")
    @classmethod
    def _encodable(cls, value: object) -> object:
        # Before the field's own checks, whose messages may quote the input.
        if isinstance(value, str):
            try:
                value.encode()
            except UnicodeEncodeError:
                raise ValueError("must be valid Unicode text") from None
        return value

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


def _not_null(cls: type[BaseModel], value: object) -> object:
    # Leaving a field out keeps it; sending null for a required one is refused.
    if value is None:
        raise ValueError("may not be null")
    return value


def optional_fields(model: type[BaseModel]) -> dict[str, Any]:
    """The model's fields for create_model, each with its constraints but
    optional: what a PATCH body may change or leave out."""
    fields: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        # The column options SQLModel keeps among the metadata concern the
        # table only, and cannot be hashed as a union's members must be.
        constraints = [rule for rule in field.metadata if rule.__hash__ is not None]
        annotation: Any = field.annotation
        if constraints:
            annotation = Annotated[(annotation, *constraints)]
        fields[name] = (annotation | None, None)
    return fields


class UserCreate(UserBase, Input):
    email: Email
    password: NewPassword


class UserLogin(Input):
    email: Annotated[str, Field(max_length=320), AfterValidator(_lower_case)]
    # Any length is accepted here; too long a password simply fails to match.
    password: Annotated[str, Field(max_length=4096)]


if TYPE_CHECKING:
    UserUpdate = Input
else:
    UserUpdate = create_model(
        "UserUpdate",
        __base__=Input,
        __validators__={
            "_not_null": field_validator(
                *(
                    name
                    for name, field in UserBase.model_fields.items()
                    if field.is_required()
                )
            )(_not_null)
        },
        **optional_fields(UserBase),
    )


class UserPublic(UserBase):
    # Every field is in every answer, those with a default too: say so.
    model_config = UserBase.model_config | {
        "json_schema_serialization_defaults_required": True,
    }

    id: uuid.UUID
    email: str
    created_at: UTCDateTime
    updated_at: UTCDateTime


class PasswordChange(Input):
    current_password: Annotated[str, Field(max_length=4096)]
    new_password: NewPassword


class AccountDeletion(Input):
    """The password again, to confirm that the account is to go."""

    password: Annotated[str, Field(max_length=4096)]


class SessionPublic(BaseModel):
    """One open session of the user, as their list of devices shows it."""

    id: uuid.UUID
    created_at: UTCDateTime
    last_used_at: UTCDateTime
    expires_at: UTCDateTime
    user_agent: str | None
    ip: str | None
    # Whether this is the session of the request's own token.
    current: bool


class HealthResponse(BaseModel):
    status: str
