"""The questions as a person meets them in a terminal.

- The compact form of `extra_user_fields` and the YAML form of the same fields
  render the same project, and every malformed compact answer is refused with
  the message of includes/fields.jinja.
- The help texts fit an 80-column terminal (prompt_toolkit cuts long lines
  instead of wrapping them) and the YAML questions are asked on one line.
- A real `copier copy` in a pseudo-terminal, answered key by key: a refused
  answer shows the validator's message and the same question is asked again;
  nothing is written until every answer is valid.

Set TEMPLATE_PROMPTS_TRANSCRIPT=<file> to keep the text of the terminal
session (docs/prompts.md shows one).
"""

import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import jinja2
import pexpect
import pytest
import yaml

from tests.matrix import PROJECT_NAME
from tests.support import COPIER, NOT_TEMPLATE, ROOT, commit_all, run

VALIDATION_ERROR = "Validation error for question 'extra_user_fields': "
TYPES = "str, text, int, float, bool, date, datetime or choice"


@pytest.fixture(scope="module")
def template_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working tree of the template, committed to a repository of its own
    (as tests/test_cli.py does)."""
    repository = tmp_path_factory.mktemp("template") / "fastapi-nextjs-jwt-auth"
    shutil.copytree(ROOT, repository, ignore=NOT_TEMPLATE)
    run(["git", "init", "-q", "-b", "main"], cwd=repository)
    commit_all(repository, "template snapshot")
    return repository


# ---------------------------------------------------------------------------
# The compact form and the YAML form render the same project.

# Every type, required and optional fields, choices and a max_length.
COMPACT = (
    "age:int, bio:text?, plan:choice[free|pro|team], nickname:str(40)?, "
    "company:str, born:date?, score:float, newsletter:bool?, seen_at:datetime"
)
# The same line with the spaces the compact form tolerates (none after a colon:
# "age: int" is a YAML mapping).
COMPACT_SPACED = (
    " age :int ,bio:text ? , plan :choice[ free | pro | team ] , nickname:str( 40 ) ?,"
    "company:str,born:date?,score:float,newsletter:bool ?,seen_at :datetime "
)
AS_MAPPINGS: list[dict[str, Any]] = [
    {"name": "age", "type": "int", "required": True},
    {"name": "bio", "type": "text", "required": False},
    {"name": "plan", "type": "choice", "choices": ["free", "pro", "team"]},
    {"name": "nickname", "type": "str", "max_length": 40, "required": False},
    {"name": "company", "type": "str", "label": "Company"},
    {"name": "born", "type": "date", "required": False},
    {"name": "score", "type": "float"},
    {"name": "newsletter", "type": "bool", "required": False},
    {"name": "seen_at", "type": "datetime"},
]
# What a person types at the prompt for the list of mappings.
AS_FLOW_YAML = yaml.safe_dump(AS_MAPPINGS, default_flow_style=True, width=10_000).strip()

# backend/.env holds a random JWT_SECRET; the answers file records the answer as given.
DIFFERENT_BY_DESIGN = {".copier-answers.yml", "backend/.env"}


def project_files(project: Path) -> dict[str, bytes]:
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file() and path.relative_to(project).as_posix() not in DIFFERENT_BY_DESIGN
    }


def render_fields(copie: Any, template: Path, fields: Any) -> dict[str, bytes]:
    result = copie.copy(
        extra_answers={"project_name": PROJECT_NAME, "extra_user_fields": fields},
        template_dir=template,
    )
    assert result.exit_code == 0, result.exception
    return project_files(Path(result.project_dir))


def test_the_compact_and_the_yaml_form_render_the_same_project(
    copie: Any, template_snapshot: Path
) -> None:
    compact = render_fields(copie, template_snapshot, COMPACT)

    models = compact["backend/app/models.py"].decode()
    assert "sa.String(length=40)" in models, "max_length of nickname:str(40)"
    assert re.search(r'Literal\[\s*"free",\s*"pro",\s*"team",\s*\]', models), "choices of plan"
    for name in ("age", "bio", "plan", "nickname", "company", "born", "score", "seen_at"):
        assert re.search(rf"^\s+{name}: ", models, re.MULTILINE), f"no column {name}"

    for form, fields in [
        ("spaced compact line", COMPACT_SPACED),
        ("list of mappings", AS_MAPPINGS),
        ("YAML flow list typed at the prompt", AS_FLOW_YAML),
    ]:
        other = render_fields(copie, template_snapshot, fields)
        assert other.keys() == compact.keys(), form
        different = [path for path in compact if other[path] != compact[path]]
        assert different == [], f"{form}: these files differ from the compact form's"


# ---------------------------------------------------------------------------
# Malformed compact answers are refused with a message that says what to fix.

NOT_NAME_TYPE = "not name:type, e.g. age:int, bio:text?"
MALFORMED_COMPACT: list[tuple[str, str, str]] = [
    ("missing type", "age:int, bio", f'"bio": {NOT_NAME_TYPE}'),
    ("name only", "age", f'"age": {NOT_NAME_TYPE}'),
    ("missing name", ":int", f'":int": {NOT_NAME_TYPE}'),
    ("text after the ?", "a:int?x", f'"a:int?x": {NOT_NAME_TYPE}'),
    ("two ?", "age:int??", f'"age:int??": {NOT_NAME_TYPE}'),
    ("marks out of order", "nick:str?(40)", f'"nick:str?(40)": {NOT_NAME_TYPE}'),
    ("length not a number", "nick:str(abc)", f'"nick:str(abc)": {NOT_NAME_TYPE}'),
    ("unknown type", "age:integer", f'"age:integer": unknown type; use {TYPES}'),
    ("typo in the type", "age:int, bio:txt?", f'"bio:txt?": unknown type; use {TYPES}'),
    ("empty item", "age:int,,bio:text", "item 2 is empty; separate fields with one comma"),
    ("trailing comma", "age:int,", "item 2 is empty; separate fields with one comma"),
    (
        "choice without choices",
        "plan:choice",
        '"plan:choice": a choice field needs choices, e.g. [free|pro]',
    ),
    (
        "empty choice list",
        "plan:choice[]",
        '"plan:choice[]": empty choice, or a quote or backslash in one',
    ),
    (
        "empty choice",
        "plan:choice[free||pro]",
        '"plan:choice[free||pro]": empty choice, or a quote or backslash in one',
    ),
    (
        "repeated choice",
        "plan:choice[free|free]",
        '"plan:choice[free|free]": a choice is listed twice',
    ),
    (
        "choices on another type",
        "bio:text[a|b]",
        '"bio:text[a|b]": only a choice field has choices',
    ),
    ("max length zero", "nick:str(0)", '"nick:str(0)": max_length must be 1 to 10000'),
    ("max length too large", "nick:str(10001)", '"nick:str(10001)": max_length must be 1 to 10000'),
    ("max length on another type", "age:int(3)", '"age:int(3)": only a str field has a max_length'),
    ("name not snake_case", "Age:int", '"Age:int": use a snake_case name, e.g. first_name'),
    ("name twice", "age:int, age:str", '"age:str": name used twice'),
    (
        "space after the colon",
        "age: int",
        "a mapping, not a list; write age:int (no space after :)",
    ),
]


@pytest.mark.parametrize(
    ("answer", "message"),
    [pytest.param(answer, message, id=case) for case, answer, message in MALFORMED_COMPACT],
)
def test_a_malformed_compact_answer_is_refused_with_its_message(
    copie: Any, template_snapshot: Path, answer: str, message: str
) -> None:
    result = copie.copy(
        extra_answers={"project_name": PROJECT_NAME, "extra_user_fields": answer},
        template_dir=template_snapshot,
    )

    assert result.exit_code != 0
    assert str(result.exception) == VALIDATION_ERROR + message


# ---------------------------------------------------------------------------
# The questions as copier shows them.

QUESTIONS = {
    name: question
    for name, question in yaml.safe_load((ROOT / "copier.yml").read_text()).items()
    if not name.startswith("_") and question.get("when") is not False
}
PROMPT_MARK_WIDTH = 3  # "🎤 " before the first line of the help


def shown_help(name: str, earlier_answers: dict[str, Any]) -> str:
    """The help as copier shows it: a Jinja template over the earlier answers."""
    return jinja2.Template(QUESTIONS[name]["help"]).render(**earlier_answers)


@pytest.mark.parametrize("refresh_tokens", [False, True])
@pytest.mark.parametrize("name", QUESTIONS)
def test_the_help_fits_an_80_column_terminal_and_gives_an_example(
    name: str, refresh_tokens: bool
) -> None:
    help_text = shown_help(name, {"refresh_tokens": refresh_tokens})
    lines = help_text.splitlines()

    too_wide = [
        line
        for number, line in enumerate(lines)
        if len(line) + (PROMPT_MARK_WIDTH if number == 0 else 0) > 80
    ]
    assert too_wide == [], "prompt_toolkit cuts these lines at the terminal's edge"
    assert "Example:" in help_text


@pytest.mark.parametrize("name", [name for name, q in QUESTIONS.items() if q["type"] == "yaml"])
def test_yaml_questions_are_asked_on_one_line_with_a_placeholder(name: str) -> None:
    # On one line, Enter submits the answer instead of adding a line.
    assert QUESTIONS[name]["multiline"] is False
    assert QUESTIONS[name]["placeholder"]


# ---------------------------------------------------------------------------
# A person in a terminal.

ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erasing
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: window title
    r"|\x1b[()][A-Z0-9]|\x1b[=>78]"  # character sets, keypad, save/restore
)
BACKSPACE, CLEAR_LINE, DOWN, ENTER = "\x7f", "\x15", "\x1b[B", "\r"


class Terminal:
    """copier in a pseudo-terminal, read as text without escape codes."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.child = pexpect.spawn(
            command[0],
            command[1:],
            cwd=str(cwd),
            env={
                **os.environ,
                "TERM": "xterm-256color",
                # Nobody answers "where is the cursor?" in a pseudo-terminal.
                "PROMPT_TOOLKIT_NO_CPR": "1",
            },
            # Wide enough for the validator's message: copier shows it on one
            # line below the answer, cut at the edge of the terminal.
            dimensions=(50, 240),
            encoding="utf-8",
            codec_errors="replace",
        )
        self.raw = ""
        self.position = 0

    @property
    def text(self) -> str:
        return ANSI.sub("", self.raw).replace("\r", "")

    def _read(self, timeout: float) -> bool:
        """Read what copier printed; False after `timeout` seconds of silence."""
        try:
            self.raw += self.child.read_nonblocking(1 << 16, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return False
        return True

    def wait_for(self, text: str, timeout: float = 60) -> None:
        """Wait until `text` appears after what was waited for last, then
        until the screen is quiet, so that keys go to the question shown."""
        deadline = time.monotonic() + timeout
        while (found := self.text.find(text, self.position)) < 0:
            if time.monotonic() > deadline or (
                not self._read(timeout=0.5) and not self.child.isalive()
            ):
                pytest.fail(f"{text!r} did not appear; the terminal shows:\n{self.text[-3000:]}")
        self.position = found + len(text)
        while self._read(timeout=0.3):
            pass

    def shows_after_mark(self, text: str) -> bool:
        return text in self.text[self.position :]

    def type(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self, timeout: float = 180) -> int:
        self.child.expect(pexpect.EOF, timeout=timeout)
        self.raw += self.child.before
        self.child.close()
        return self.child.exitstatus


def test_a_person_answers_every_question_at_the_prompt(
    template_snapshot: Path, tmp_path: Path
) -> None:
    project = tmp_path / "field-notes"
    terminal = Terminal(
        [str(COPIER), "copy", "--vcs-ref", "HEAD", str(template_snapshot), str(project)],
        cwd=tmp_path,
    )
    try:
        terminal.wait_for("Project name: the app's title")
        terminal.type("Field Notes" + ENTER)

        terminal.wait_for("Project slug: lowercase letters")
        terminal.wait_for("field-notes")  # the suggestion, kept with Enter
        terminal.type(ENTER)

        terminal.wait_for("Keep users signed in with rotating refresh tokens?")
        terminal.wait_for("(y/N)")
        terminal.type("y")

        # With refresh tokens, the expiry question is about access tokens.
        terminal.wait_for("The default 15 keeps a stolen access token")
        terminal.type(BACKSPACE * 2 + "a week" + ENTER)  # replace the prefilled 15
        terminal.wait_for(
            "Validation error for question 'access_token_expire_minutes': "
            '"a week": not a whole number; use 1 to 43200'
        )
        terminal.type(BACKSPACE * len("a week") + "5" + ENTER)

        terminal.wait_for("How long a sign-in lasts, in days")
        terminal.type(BACKSPACE * 2 + "400" + ENTER)  # replace the prefilled 30
        terminal.wait_for(
            "Validation error for question 'refresh_token_expire_days': "
            "400: out of range; use 1 to 365"
        )
        terminal.type(BACKSPACE * 3 + "90" + ENTER)

        terminal.wait_for("Let users who forgot their password set a new one")
        terminal.wait_for("(Y/n)")
        terminal.type(ENTER)  # keep password reset

        terminal.wait_for("Require users to confirm their email address")
        terminal.wait_for("(y/N)")
        terminal.type("y")

        terminal.wait_for("Extra fields on the user")
        terminal.wait_for("Press Enter for none.")
        terminal.type("age:int, bio:txt?" + ENTER)
        terminal.wait_for(VALIDATION_ERROR + f'"bio:txt?": unknown type; use {TYPES}')
        # The same question waits for a better answer; nothing is written yet.
        assert terminal.child.isalive()
        assert not terminal.shows_after_mark("Pages only signed-in users")
        assert not project.exists() or not any(project.iterdir())
        terminal.type(CLEAR_LINE + "age:int, bio:text?, plan:choice[free|pro]" + ENTER)

        terminal.wait_for("Pages only signed-in users may see")
        terminal.type(BACKSPACE * len("[dashboard]") + "dashboard, login" + ENTER)
        terminal.wait_for(
            "Validation error for question 'protected_routes': "
            '"login": a page of the app has this name; choose another'
        )
        terminal.type(BACKSPACE * len("login") + "reports" + ENTER)

        terminal.wait_for("Database of the backend")
        terminal.wait_for("PostgreSQL")
        terminal.type(DOWN + ENTER)

        terminal.wait_for("Where the browser keeps the sign-in token")
        terminal.wait_for("localStorage + Authorization header")
        terminal.type(ENTER)  # keep the HttpOnly cookie

        terminal.wait_for("Add the per-user task list example")
        terminal.wait_for("(Y/n)")
        assert not project.exists() or not any(project.iterdir())
        terminal.type("n")

        terminal.wait_for(f'Your project "Field Notes" is ready in {project}', timeout=180)
        exit_status = terminal.finish()
    finally:
        if terminal.child.isalive():
            terminal.child.terminate(force=True)
        if transcript := os.environ.get("TEMPLATE_PROMPTS_TRANSCRIPT"):
            Path(transcript).write_text(terminal.text)

    assert exit_status == 0, terminal.text[-3000:]
    assert "make install" in terminal.text[terminal.position :]

    models = (project / "backend" / "app" / "models.py").read_text()
    assert re.search(r"^\s+age: Annotated\[\s+Int32,", models, re.MULTILINE)
    assert re.search(r"^\s+bio: Annotated\[\s+str \| None,", models, re.MULTILINE)
    assert re.search(r"^\s+plan: Annotated\[\s+Literal\[", models, re.MULTILINE)
    assert not (project / "backend" / "app" / "tasks.py").exists()

    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["project_name"] == "Field Notes"
    assert answers["project_slug"] == "field-notes"
    assert answers["refresh_tokens"] is True
    assert answers["access_token_expire_minutes"] == "5"
    assert answers["refresh_token_expire_days"] == "90"
    assert answers["include_password_reset"] is True
    assert answers["require_email_verification"] is True
    assert "ACCESS_TOKEN_EXPIRE_MINUTES=5" in (project / "backend" / ".env.example").read_text()
    assert answers["extra_user_fields"] == "age:int, bio:text?, plan:choice[free|pro]"
    assert answers["protected_routes"] == "dashboard, reports"
    assert (project / "frontend" / "app" / "(protected)" / "reports").is_dir()
    assert answers["database"] == "postgresql"
    assert answers["token_storage"] == "cookie"
    assert answers["include_tasks_example"] is False
