"""Every malformed answer is refused with a message naming the item and the
problem, and nothing is rendered."""

from typing import Any

import pytest

from tests.matrix import PROJECT_NAME

FIELD = {"name": "age", "type": "int"}

TYPES = "str, text, int, float, bool, date, datetime or choice"

# copier prints "Validation error for question '<name>': " before the message,
# so a message starts with the item and the problem.
REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("empty name", {"project_name": "  "}, "empty; give a name, e.g. Acme Notes"),
    ("tab in the name", {"project_name": "Acme\tNotes"}, "a control character (tab, new line)"),
    ("newline in the name", {"project_name": "Acme\nNotes"}, "a control character"),
    ("escape in the name", {"project_name": "Acme\x1b[31mNotes"}, "a control character"),
    ("bad slug", {"project_slug": "Acme Notes"}, '"Acme Notes": use a-z, 0-9, single hyphens'),
    ("slug with double hyphen", {"project_slug": "acme--notes"}, "single hyphens"),
    ("slug too long", {"project_slug": "a" * 65}, "longer than 64 characters"),
    ("expiry zero", {"access_token_expire_minutes": 0}, "0: out of range; use 1 to 43200"),
    ("expiry too long", {"access_token_expire_minutes": 43201}, "43201: out of range"),
    (
        "expiry a word",
        {"access_token_expire_minutes": "a day"},
        '"a day": not a whole number; use 1 to 43200',
    ),
    ("expiry a fraction", {"access_token_expire_minutes": "1.5"}, '"1.5": not a whole number'),
    ("expiry negative", {"access_token_expire_minutes": -5}, '"-5": not a whole number'),
    ("expiry with zeros", {"access_token_expire_minutes": "060"}, "060: drop the leading zeros"),
    (
        "refresh days zero",
        {"refresh_tokens": True, "refresh_token_expire_days": 0},
        "0: out of range; use 1 to 365",
    ),
    (
        "refresh days over a year",
        {"refresh_tokens": True, "refresh_token_expire_days": 366},
        "366: out of range; use 1 to 365",
    ),
    (
        "refresh days a word",
        {"refresh_tokens": True, "refresh_token_expire_days": "a month"},
        '"a month": not a whole number; use 1 to 365',
    ),
    (
        "refresh days with zeros",
        {"refresh_tokens": True, "refresh_token_expire_days": "030"},
        "030: drop the leading zeros",
    ),
    ("fields not a list", {"extra_user_fields": 42}, "not a list; write age:int"),
    ("fields a mapping", {"extra_user_fields": {"name": "age"}}, "a mapping, not a list"),
    ("field not a mapping", {"extra_user_fields": [FIELD, 42]}, "item 2: not a mapping"),
    ("field without name", {"extra_user_fields": [{"type": "int"}]}, "item 1: no name"),
    (
        "bad identifier",
        {"extra_user_fields": [{"name": "Age", "type": "int"}]},
        '"Age": use a snake_case name',
    ),
    (
        "identifier with a dash",
        {"extra_user_fields": [{"name": "first-name", "type": "str"}]},
        '"first-name": use a snake_case name',
    ),
    (
        "python keyword",
        {"extra_user_fields": [{"name": "class", "type": "str"}]},
        '"class": name is a Python keyword',
    ),
    (
        "sql keyword",
        {"extra_user_fields": [{"name": "order", "type": "int"}]},
        '"order": name is a reserved SQL word',
    ),
    (
        "built-in id",
        {"extra_user_fields": [{"name": "id", "type": "int"}]},
        '"id": the user has this field already',
    ),
    *(
        (
            f"built-in {name}",
            {"extra_user_fields": [{"name": name, "type": "str"}]},
            f'"{name}": the user has this field already',
        )
        for name in ("email", "password", "hashed_password", "name", "created_at")
    ),
    (
        "model attribute",
        {"extra_user_fields": [{"name": "model_config", "type": "str"}]},
        '"model_config": name clashes with a Pydantic/SQLModel attribute',
    ),
    ("duplicate", {"extra_user_fields": [FIELD, FIELD]}, '"age": name used twice'),
    (
        "unknown type",
        {"extra_user_fields": [{"name": "age", "type": "integer"}]},
        f'"age": unknown type "integer"; use {TYPES}',
    ),
    ("missing type", {"extra_user_fields": [{"name": "age"}]}, f'"age": unknown type; use {TYPES}'),
    (
        "unknown key",
        {"extra_user_fields": [{**FIELD, "default": 3}]},
        '"age": unknown key "default"; use name, type',
    ),
    (
        "required not a bool",
        {"extra_user_fields": [{**FIELD, "required": "yes"}]},
        '"age": required must be true or false',
    ),
    (
        "empty label",
        {"extra_user_fields": [{**FIELD, "label": ""}]},
        '"age": label must be non-empty text',
    ),
    (
        "choice without choices",
        {"extra_user_fields": [{"name": "plan", "type": "choice"}]},
        '"plan": a choice field needs choices',
    ),
    (
        "choice with empty choices",
        {"extra_user_fields": [{"name": "plan", "type": "choice", "choices": []}]},
        '"plan": a choice field needs choices',
    ),
    (
        "choices on an int",
        {"extra_user_fields": [{**FIELD, "choices": ["1"]}]},
        '"age": only a choice field has choices',
    ),
    (
        "choice not a string",
        {"extra_user_fields": [{"name": "plan", "type": "choice", "choices": [True]}]},
        '"plan": choices must be text',
    ),
    (
        "repeated choice",
        {"extra_user_fields": [{"name": "plan", "type": "choice", "choices": ["a", "a"]}]},
        '"plan": a choice is listed twice',
    ),
    (
        "quote in a choice",
        {"extra_user_fields": [{"name": "plan", "type": "choice", "choices": ['a"b']}]},
        '"plan": empty choice, or a quote or backslash in one',
    ),
    (
        "max_length on text",
        {"extra_user_fields": [{"name": "bio", "type": "text", "max_length": 9}]},
        '"bio": only a str field has a max_length',
    ),
    (
        "max_length zero",
        {"extra_user_fields": [{"name": "nick", "type": "str", "max_length": 0}]},
        '"nick": max_length must be 1 to 10000',
    ),
    (
        "compact form malformed",
        {"extra_user_fields": "age:int, bio"},
        '"bio": not name:type, e.g. age:int, bio:text?',
    ),
    ("compact form empty item", {"extra_user_fields": "age:int,,bio:text"}, "item 2 is empty"),
    (
        "compact form unknown type",
        {"extra_user_fields": "age:integer"},
        f'"age:integer": unknown type; use {TYPES}',
    ),
    ("routes not a list", {"protected_routes": 42}, "not a list; write dashboard, reports"),
    ("no routes", {"protected_routes": []}, "name at least one page"),
    ("no routes in a line", {"protected_routes": " "}, "name at least one page"),
    (
        "route clashes with login",
        {"protected_routes": ["login"]},
        '"login": a page of the app has this name; choose another',
    ),
    (
        "route clashes with a page of password reset",
        {"protected_routes": ["dashboard", "reset-password"]},
        '"reset-password": a page of the app has this name; choose another',
    ),
    (
        "route clashes with register",
        {"protected_routes": ["dashboard", "register"]},
        '"register": a page of the app has this name; choose another',
    ),
    (
        "route clashes with api",
        {"protected_routes": "dashboard, api"},
        '"api": a page of the app has this name',
    ),
    (
        "route not a segment",
        {"protected_routes": ["team/settings"]},
        '"team/settings": use lowercase letters, digits, single hyphens',
    ),
    ("route a number", {"protected_routes": ["reports", 42]}, "item 2 (42): not a page name"),
    ("route empty in a line", {"protected_routes": "reports,,team"}, "item 2 is empty"),
    ("route repeated", {"protected_routes": ["reports", "reports"]}, '"reports": listed twice'),
    ("route repeated in a line", {"protected_routes": "reports, reports"}, "listed twice"),
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


@pytest.mark.parametrize(
    ("answer", "routes"),
    [
        (["dashboard", "reports"], ["dashboard", "reports"]),
        ("dashboard, reports", ["dashboard", "reports"]),
        (" team-reports ,my-2nd-page ", ["team-reports", "my-2nd-page"]),
        ("reports", ["reports"]),
    ],
    ids=["yaml-list", "line", "spaced-line", "one-page"],
)
def test_protected_routes_take_a_list_or_a_line(copie: Any, answer: Any, routes: list[str]) -> None:
    result = copie.copy(extra_answers={"project_name": PROJECT_NAME, "protected_routes": answer})

    assert result.exit_code == 0, result.exception
    readme = (result.project_dir / "README.md").read_text()
    assert f"you land on\n`/{routes[0]}`" in readme
    assert "| protected pages | " + ", ".join(f"/{route}" for route in routes) + " |" in readme
    frontend = result.project_dir / "frontend"
    pages = sorted(path.name for path in (frontend / "app" / "(protected)").iterdir())
    assert pages == sorted([*routes, "layout.tsx", "profile"])
    # The page component for the pages besides the dashboard, only when there are some.
    signed_in_page = frontend / "components" / "SignedInPage.tsx"
    assert signed_in_page.exists() == (len(routes) > 1)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Déjà Vu Notes!", "deja-vu-notes"),
        ("Café Zoë", "cafe-zoe"),
        ("Straße & Œuvre", "strasse-oeuvre"),
        ("Ærø Łódź Søren", "aero-lodz-soren"),
        ("ÀÉÎÕÜ ñ ç ÿ þ ð", "aeiou-n-c-y-th-d"),
        ("C:\\new app", "c-new-app"),
        ("2 Fast {{ x }}", "fast-x"),
        ("日本語", "app"),
        ("Long " * 40, "-".join(["long"] * 13)),
    ],
)
def test_the_suggested_slug_spells_accents_in_ascii(copie: Any, name: str, slug: str) -> None:
    result = copie.copy(extra_answers={"project_name": name})

    assert result.exit_code == 0, result.exception
    assert result.answers["project_slug"] == slug
