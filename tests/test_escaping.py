"""A project name with quotes, backslashes, markup or template syntax renders
a project whose every file still parses, and the name reaches the app as typed."""

import ast
import html
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from tests.support import run

HOSTILE_NAMES = {
    "double-quotes": 'Acme "Pro" Notes',
    "backslash": "C:\\new app",
    "markup": "O'Brien & Co <Ltd>",
    "shell": "`$HOME`",
    "jinja": "{{ x }}",
    "accents": "Café Zoë",
    "200-characters": ("Long Name " * 20).strip() + "!",
}
# Every hazard in one name, for the type check of a frontend.
COMBINED_NAME = 'Café "Pro" C:\\new & <Ltd> `$HOME` {{ x }} O\'Brien'


def rendered(copie: Any, name: str) -> Path:
    result = copie.copy(extra_answers={"project_name": name})
    assert result.exit_code == 0, result.exception
    return Path(result.project_dir)


def files(project: Path, *suffixes: str) -> list[Path]:
    return [
        path
        for path in sorted(project.rglob("*"))
        if path.is_file() and path.suffix in suffixes and "node_modules" not in path.parts
    ]


def parse_errors(project: Path) -> list[str]:
    """Every TOML, Python, JSON and YAML file that does not parse."""
    parsers: dict[str, Callable[[str], object]] = {
        ".toml": tomllib.loads,
        ".py": ast.parse,
        ".json": json.loads,
        ".yml": lambda text: list(yaml.safe_load_all(text)),
        ".yaml": lambda text: list(yaml.safe_load_all(text)),
    }
    errors = []
    for path in files(project, *parsers):
        try:
            parsers[path.suffix](path.read_text())
        except Exception as error:
            errors.append(f"{path.relative_to(project)}: {type(error).__name__}: {error}")
    return errors


def fastapi_title(main: Path) -> str:
    """The `title=` of the FastAPI(...) call in the generated main.py."""
    for node in ast.walk(ast.parse(main.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "FastAPI":
            for keyword in node.keywords:
                if keyword.arg == "title":
                    return str(ast.literal_eval(keyword.value))
    pytest.fail(f"no FastAPI(title=<literal>) in {main}", pytrace=False)


def app_name(project_data: Path) -> str:
    """`appName` of lib/project.json, which lib/config.ts exports."""
    return str(json.loads(project_data.read_text())["appName"])


def readme_heading(readme: Path) -> str:
    """The README's first heading as GitHub (CommonMark) shows it."""
    heading = readme.read_text().splitlines()[0]
    shown = MarkdownIt("commonmark").render(heading).strip()
    match = re.fullmatch(r"<h1>(.*)</h1>", shown)
    assert match, shown
    return html.unescape(match.group(1))


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_a_hostile_name_renders_files_that_parse(copie: Any, name: str) -> None:
    project = rendered(copie, name)

    errors = parse_errors(project)
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_a_hostile_name_reaches_the_app_as_typed(copie: Any, name: str) -> None:
    project = rendered(copie, name)

    pyproject = tomllib.loads((project / "backend" / "pyproject.toml").read_text())
    shown = {
        "FastAPI title": fastapi_title(project / "backend" / "app" / "main.py"),
        "pyproject description": pyproject["project"]["description"],
        "frontend appName": app_name(project / "frontend" / "lib" / "project.json"),
        "README heading": readme_heading(project / "README.md"),
    }
    wrong = {where: text for where, text in shown.items() if name not in text}
    assert not wrong, f"the name {name!r} does not show as typed in: {wrong}"
    assert shown["frontend appName"] == name
    assert shown["README heading"] == name
    if '"' not in name and "\\" not in name:
        # Readable as well as valid: no \u0027-style escapes for ' & < >.
        project_data = (project / "frontend" / "lib" / "project.json").read_text()
        assert f'"appName": "{name}"' in project_data, project_data


@pytest.mark.slow
@pytest.mark.frontend
def test_a_frontend_with_a_hostile_name_type_checks(
    copie: Any, node_modules_for: Callable[[Path], None]
) -> None:
    frontend = rendered(copie, COMBINED_NAME) / "frontend"
    node_modules_for(frontend)

    run(["npm", "run", "typecheck"], cwd=frontend)
