"""Every malformed answer is refused with a message naming the item and the
problem, and nothing is rendered."""

from typing import Any

import pytest

from tests.matrix import PROJECT_NAME

FIELD = {"name": "age", "type": "int"}

REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("empty name", {"project_name": "  "}, "project_name: give a name"),
    ("bad slug", {"project_slug": "Acme Notes"}, 'project_slug "Acme Notes": use lowercase'),
    ("slug with double hyphen", {"project_slug": "acme--notes"}, "single hyphens"),
    (
        "expiry zero",
        {"access_token_expire_minutes": 0},
        "access_token_expire_minutes: 0 is out of range",
    ),
    (
        "expiry too long",
        {"access_token_expire_minutes": 43201},
        "43201 is out of range; use 1 to 43200",
    ),
    (
        "fields not a list",
        {"extra_user_fields": {"name": "age"}},
        "extra_user_fields must be a list",
    ),
    (
        "field not a mapping",
        {"extra_user_fields": [FIELD, 42]},
        "item 2 must be a mapping",
    ),
    (
        "field without name",
        {"extra_user_fields": [{"type": "int"}]},
        "item 1 needs a name",
    ),
    (
        "bad identifier",
        {"extra_user_fields": [{"name": "Age", "type": "int"}]},
        'item 1 ("Age"): the name must be a snake_case identifier',
    ),
    (
        "identifier with a dash",
        {"extra_user_fields": [{"name": "first-name", "type": "str"}]},
        "snake_case identifier",
    ),
    (
        "python keyword",
        {"extra_user_fields": [{"name": "class", "type": "str"}]},
        'item 1 ("class"): the name is a Python keyword',
    ),
    (
        "sql keyword",
        {"extra_user_fields": [{"name": "order", "type": "int"}]},
        'item 1 ("order"): the name is a reserved SQL word',
    ),
    (
        "built-in id",
        {"extra_user_fields": [{"name": "id", "type": "int"}]},
        'item 1 ("id"): the name clashes with a built-in field',
    ),
    (
        "built-in email",
        {"extra_user_fields": [{"name": "email", "type": "str"}]},
        "clashes with a built-in field",
    ),
    (
        "built-in password",
        {"extra_user_fields": [{"name": "password", "type": "str"}]},
        "clashes with a built-in field",
    ),
    (
        "built-in hashed_password",
        {"extra_user_fields": [{"name": "hashed_password", "type": "str"}]},
        "clashes with a built-in field",
    ),
    (
        "built-in name",
        {"extra_user_fields": [{"name": "name", "type": "str"}]},
        "clashes with a built-in field",
    ),
    (
        "built-in created_at",
        {"extra_user_fields": [{"name": "created_at", "type": "datetime"}]},
        "clashes with a built-in field",
    ),
    (
        "model attribute",
        {"extra_user_fields": [{"name": "model_config", "type": "str"}]},
        "clashes with an attribute of Pydantic/SQLModel models",
    ),
    ("duplicate", {"extra_user_fields": [FIELD, FIELD]}, 'item 2 ("age"): the name is used twice'),
    (
        "unknown type",
        {"extra_user_fields": [{"name": "age", "type": "integer"}]},
        'item 1 ("age") has unknown type "integer"; use one of str, text',
    ),
    ("missing type", {"extra_user_fields": [{"name": "age"}]}, 'has unknown type ""'),
    ("unknown key", {"extra_user_fields": [{**FIELD, "default": 3}]}, 'has unknown key "default"'),
    (
        "required not a bool",
        {"extra_user_fields": [{**FIELD, "required": "yes"}]},
        "required must be true or false",
    ),
    (
        "empty label",
        {"extra_user_fields": [{**FIELD, "label": ""}]},
        "label must be a non-empty string",
    ),
    (
        "choice without choices",
        {"extra_user_fields": [{"name": "plan", "type": "choice"}]},
        'item 1 ("plan"): type choice needs a non-empty list of choices',
    ),
    (
        "choice with empty choices",
        {"extra_user_fields": [{"name": "plan", "type": "choice", "choices": []}]},
        "needs a non-empty list of choices",
    ),
    (
        "choices on an int",
        {"extra_user_fields": [{**FIELD, "choices": ["1"]}]},
        "choices only apply to type choice",
    ),
    (
        "choice not a string",
        {"extra_user_fields": [{"name": "plan", "type": "choice", "choices": [True]}]},
        "every choice must be a string",
    ),
    (
        "repeated choice",
        {"extra_user_fields": [{"name": "plan", "type": "choice", "choices": ["a", "a"]}]},
        "a choice is listed twice",
    ),
    (
        "quote in a choice",
        {"extra_user_fields": [{"name": "plan", "type": "choice", "choices": ['a"b']}]},
        "contain no quotes",
    ),
    (
        "max_length on text",
        {"extra_user_fields": [{"name": "bio", "type": "text", "max_length": 9}]},
        "max_length only applies to type str",
    ),
    (
        "max_length zero",
        {"extra_user_fields": [{"name": "nick", "type": "str", "max_length": 0}]},
        "max_length must be a whole number from 1 to 10000",
    ),
    (
        "compact form malformed",
        {"extra_user_fields": "age:int, bio"},
        'item 2 ("bio") is not of the form name:type',
    ),
    (
        "compact form empty item",
        {"extra_user_fields": "age:int,,bio:text"},
        "item 2 is empty",
    ),
    ("compact form unknown type", {"extra_user_fields": "age:number"}, 'has unknown type "number"'),
    ("routes not a list", {"protected_routes": "dashboard"}, "protected_routes must be a list"),
    ("no routes", {"protected_routes": []}, "protected_routes needs at least one page"),
    (
        "route clashes with login",
        {"protected_routes": ["login"]},
        'item 1 ("login") clashes',
    ),
    (
        "route clashes with register",
        {"protected_routes": ["dashboard", "register"]},
        'item 2 ("register") clashes',
    ),
    ("route clashes with api", {"protected_routes": ["api"]}, 'item 1 ("api") clashes'),
    ("route not a segment", {"protected_routes": ["team/settings"]}, "must be a URL segment"),
    (
        "route repeated",
        {"protected_routes": ["reports", "reports"]},
        'item 2 ("reports") is listed twice',
    ),
    ("database unknown", {"database": "mysql"}, "database"),
    ("token storage unknown", {"token_storage": "session"}, "token_storage"),
]


@pytest.mark.parametrize(
    ("answers", "message"),
    [pytest.param(answers, message, id=case) for case, answers, message in REFUSED],
)
def test_a_bad_answer_is_refused_and_nothing_is_rendered(
    copie: Any, answers: dict[str, Any], message: str
) -> None:
    result = copie.copy(extra_answers={"project_name": PROJECT_NAME, **answers})

    assert result.exit_code != 0
    assert message in str(result.exception)
    output = copie.test_dir / f"copie{copie.counter - 1:03d}"
    assert not any(output.iterdir()), "files were rendered for a refused answer"


@pytest.mark.parametrize(
    "fields",
    [
        [{"name": "age", "type": "int"}],
        "age:int, bio:text?, plan:choice[free|pro], nickname:str(40)?",
        [],
        "",
    ],
    ids=["yaml-list", "compact", "empty-list", "empty-string"],
)
def test_good_field_answers_are_accepted(copie: Any, fields: Any) -> None:
    result = copie.copy(extra_answers={"project_name": PROJECT_NAME, "extra_user_fields": fields})

    assert result.exit_code == 0, result.exception
