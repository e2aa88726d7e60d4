"""The answer matrix: every combination the template's tests render, in one place.

Each combination names the answers it changes from the defaults and which
suites run on it. Add a combination here and every suite that applies picks
it up. Together the combinations render every pair of answer values
(`ANSWER_VALUES`, checked by tests/test_matrix.py); a new answer or value
goes into ANSWER_VALUES and MARKER_WORDS, and into combinations until every
pair is covered again.
"""

import itertools
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


# A compact answer with one field of each of three more types.
COMPACT_FIELDS = "age:int, plan:choice[free|pro], newsletter:bool?"
# Fields in the compact form, none of them a checkbox.
COMPACT_TEXT_FIELDS = "nickname:str(30)?, bio:text?"
# Protected pages without "dashboard", with hyphens and digits in a segment.
HYPHENATED_ROUTES = ["team-reports", "my-2nd-page"]
LONG_EXPIRY = 43200

DEFAULTS: dict[str, Any] = {
    "database": "sqlite",
    "token_storage": "cookie",
    "include_tasks_example": True,
    "extra_user_fields": "",
    "protected_routes": ["dashboard"],
    "access_token_expire_minutes": 1440,
    "refresh_tokens": False,
    "include_password_reset": True,
    "require_email_verification": False,
}


def value_class(question: str, answer: Any) -> str:
    """The class of an answer that pair coverage counts (e.g. "compact")."""
    if question == "extra_user_fields":
        if not answer:
            return "none"
        return "compact" if isinstance(answer, str) else "yaml"
    if question == "protected_routes":
        if isinstance(answer, str):
            answer = [route.strip() for route in answer.split(",")]
        if "dashboard" not in answer:
            return "no dashboard, hyphens"
        return "dashboard" if len(answer) == 1 else "dashboard and more"
    if question == "access_token_expire_minutes":
        return "default" if answer == DEFAULTS[question] else "long"
    return str(answer)


# Every class of every answer that the matrix must render in every pair.
ANSWER_VALUES: dict[str, list[str]] = {
    "database": ["sqlite", "postgresql"],
    "token_storage": ["cookie", "localstorage"],
    "include_tasks_example": ["True", "False"],
    "extra_user_fields": ["none", "yaml", "compact"],
    "protected_routes": ["dashboard", "dashboard and more", "no dashboard, hyphens"],
    "access_token_expire_minutes": ["default", "long"],
    "refresh_tokens": ["True", "False"],
    "include_password_reset": ["True", "False"],
    "require_email_verification": ["True", "False"],
}

# Words that betray an answer value: a render with another value of the
# question contains none of them (regular expressions, any case), outside
# .copier-answers.yml and lock files.
MARKER_WORDS: dict[tuple[str, str], list[str]] = {
    ("token_storage", "cookie"): ["cookie", "X-Requested-With", "csrf"],
    ("token_storage", "localstorage"): ["localstorage"],
    ("include_tasks_example", "True"): [r"\btasks?\b", "TaskList"],
    ("database", "sqlite"): ["sqlite", r"app\.db"],
    ("database", "postgresql"): ["postgres", "psycopg"],
    ("refresh_tokens", "True"): [r"refresh[ _-]?tokens?", "REFRESH_"],
    # Not "email" (a field of every user) nor "verify" (passwords are verified).
    ("include_password_reset", "True"): [
        r"password[-_ ]?reset",
        r"reset[-_]password",
        r"forgot[-_ ]password",
    ],
    ("require_email_verification", "True"): [r"email[-_ ]?verif", r"verify[-_ ]?email"],
}


@dataclass(frozen=True)
class Combination:
    answers: dict[str, Any]
    frontend: bool = True
    # `next build` in the frontend suite (the browser suite builds E2E itself).
    build: bool = False
    e2e: bool = False
    postgresql: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "postgresql", self.answers.get("database") == "postgresql")

    def answer(self, question: str) -> Any:
        return self.answers.get(question, DEFAULTS[question])

    def value_classes(self) -> dict[str, str]:
        return {
            question: value_class(question, self.answer(question)) for question in ANSWER_VALUES
        }


# `defaults`, `all-field-types`, `postgresql`, `no-tasks`, `localstorage` and
# `long-expiry` mean what their names say; their other answers fill pairs.
COMBINATIONS: dict[str, Combination] = {
    "defaults": Combination({}, e2e=True),
    "all-field-types": Combination(
        {
            "extra_user_fields": ALL_FIELD_TYPES,
            "protected_routes": HYPHENATED_ROUTES,
            "access_token_expire_minutes": LONG_EXPIRY,
        },
        build=True,
    ),
    "postgresql": Combination(
        {
            "database": "postgresql",
            "token_storage": "localstorage",
            "extra_user_fields": ALL_FIELD_TYPES,
            "protected_routes": ["dashboard", "reports"],
            "refresh_tokens": True,
            "require_email_verification": True,
        },
        e2e=True,
    ),
    "no-tasks": Combination(
        {
            "include_tasks_example": False,
            "extra_user_fields": COMPACT_TEXT_FIELDS,
            "protected_routes": ["dashboard", "reports"],
            "include_password_reset": False,
        }
    ),
    "localstorage": Combination(
        {
            "token_storage": "localstorage",
            "extra_user_fields": COMPACT_TEXT_FIELDS,
            "refresh_tokens": True,
        }
    ),
    "long-expiry": Combination(
        {
            "access_token_expire_minutes": LONG_EXPIRY,
            "protected_routes": ["dashboard", "reports"],
            "refresh_tokens": True,
            "include_password_reset": False,
            "require_email_verification": True,
        },
        frontend=False,
    ),
    # The recommended production pair.
    "cookie-postgresql": Combination(
        {
            "database": "postgresql",
            "include_tasks_example": False,
            "extra_user_fields": ALL_FIELD_TYPES,
            "access_token_expire_minutes": LONG_EXPIRY,
            "refresh_tokens": True,
            "include_password_reset": False,
            "require_email_verification": True,
        }
    ),
    "postgresql-compact-fields": Combination(
        {
            "database": "postgresql",
            "token_storage": "localstorage",
            "extra_user_fields": COMPACT_FIELDS,
            "protected_routes": HYPHENATED_ROUTES,
            "access_token_expire_minutes": LONG_EXPIRY,
            "include_password_reset": False,
            "require_email_verification": True,
        }
    ),
    "no-tasks-localstorage": Combination(
        {
            "database": "postgresql",
            "token_storage": "localstorage",
            "include_tasks_example": False,
            "protected_routes": HYPHENATED_ROUTES,
            "refresh_tokens": True,
        },
        build=True,
    ),
}

FRONTEND = [name for name, combination in COMBINATIONS.items() if combination.frontend]
E2E = [name for name, combination in COMBINATIONS.items() if combination.e2e]
# Combinations whose frontend `next build` runs: the E2E ones and BUILD.
BUILD = [name for name, combination in COMBINATIONS.items() if combination.build]


def missing_pairs() -> list[str]:
    """The pairs of answer values that no combination renders."""
    rendered = [combination.value_classes() for combination in COMBINATIONS.values()]
    missing = []
    for first, second in itertools.combinations(ANSWER_VALUES, 2):
        for first_value in ANSWER_VALUES[first]:
            for second_value in ANSWER_VALUES[second]:
                if not any(
                    classes[first] == first_value and classes[second] == second_value
                    for classes in rendered
                ):
                    missing.append(f"{first}={first_value} with {second}={second_value}")
    return missing
