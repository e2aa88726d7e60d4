"""The answer matrix: every combination the template's tests render, in one place.

Each combination names the answers it changes from the defaults and which
suites run on it. Add a combination here and every suite that applies picks
it up.
"""

from dataclasses import dataclass, field
from typing import Any

PROJECT_NAME = "Acme Notes"

# One field of every supported type, required and optional, with choices and a
# max_length, plus a name long enough to test the layout of generated lines.
ALL_FIELD_TYPES: list[dict[str, Any]] = [
    {"name": "company", "type": "str", "required": True, "label": "Company"},
    {"name": "nickname", "type": "str", "required": False, "max_length": 40},
    {"name": "bio", "type": "text", "required": False, "label": "About you"},
    {"name": "age", "type": "int", "required": True},
    {"name": "height_m", "type": "float", "required": False, "label": "Height (m)"},
    {"name": "newsletter", "type": "bool", "required": False},
    {"name": "birthday", "type": "date", "required": False},
    {"name": "available_from", "type": "datetime", "required": False},
    {"name": "plan", "type": "choice", "choices": ["free", "pro", "team"]},
    {
        "name": "preferred_contact_channel_for_account_and_billing_messages",
        "type": "choice",
        "required": False,
        "choices": ["email", "phone", "post"],
    },
]


@dataclass(frozen=True)
class Combination:
    answers: dict[str, Any]
    frontend: bool = False
    e2e: bool = False
    postgresql: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "postgresql", self.answers.get("database") == "postgresql")


COMBINATIONS: dict[str, Combination] = {
    "defaults": Combination({}, frontend=True, e2e=True),
    "all-field-types": Combination({"extra_user_fields": ALL_FIELD_TYPES}, frontend=True),
    "postgresql": Combination(
        {
            "database": "postgresql",
            "token_storage": "localstorage",
            "extra_user_fields": ALL_FIELD_TYPES,
            "protected_routes": ["dashboard", "reports"],
        },
        frontend=True,
        e2e=True,
    ),
    "no-tasks": Combination({"include_tasks_example": False}, frontend=True),
    # Also fields in the compact form, and none of them a checkbox.
    "localstorage": Combination(
        {"token_storage": "localstorage", "extra_user_fields": "nickname:str(30)?, bio:text?"},
        frontend=True,
    ),
    "long-expiry": Combination({"access_token_expire_minutes": 43200}),
}

FRONTEND = [name for name, combination in COMBINATIONS.items() if combination.frontend]
E2E = [name for name, combination in COMBINATIONS.items() if combination.e2e]
