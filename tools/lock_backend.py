"""Regenerate the backend lock templates from one resolution.

    python tools/lock_backend.py

writes template/backend/requirements.lock.jinja (what the backend runs on)
and template/backend/requirements-dev.lock.jinja (that plus the dev tools):
hash-pinned requirements as the generated project's `make lock` writes them
(uv pip compile --universal), with every pin that only some renders need
wrapped in the answers that render it. One resolution of every variant's
requirements together fixes the versions, so a package has the same pin in
every render that has it.

A dependency that follows another answer needs an entry in DIMENSIONS: for
each value, the answers of a render that has it and a condition true for
exactly those renders. Needs copier and uv (requirements-dev.txt) and the
package registry.
"""

import itertools
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import jinja2
import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_BACKEND = ROOT / "template" / "backend"
COPIER = Path(sys.executable).parent / "copier"

# Each answer that changes the dependencies: its values, with the answers
# that render each and a condition true for exactly those renders. The
# variants are every combination of them. The answers file holds no computed
# values, so a condition names the questions that `sends_mail` is made of.
MAIL = "(include_password_reset or require_email_verification)"
DIMENSIONS: list[dict[str, tuple[dict[str, str], str]]] = [
    {
        "sqlite": ({"database": "sqlite"}, 'database == "sqlite"'),
        "postgresql": ({"database": "postgresql"}, 'database == "postgresql"'),
    },
    {
        "mail": ({}, MAIL),
        "no-mail": ({"include_password_reset": "false"}, f"not {MAIL}"),
    },
]
COMBINATIONS = list(itertools.product(*(list(dimension) for dimension in DIMENSIONS)))
# Variant name ("sqlite+mail"): (answers that render it, Jinja condition true
# for exactly its renders).
VARIANTS: dict[str, tuple[dict[str, str], str]] = {
    "+".join(values): (
        {
            key: value
            for dimension, name in zip(DIMENSIONS, values, strict=True)
            for key, value in dimension[name][0].items()
        },
        " and ".join(
            dimension[name][1] for dimension, name in zip(DIMENSIONS, values, strict=True)
        ),
    )
    for values in COMBINATIONS
}


def condition_of(names: list[str]) -> str:
    """The shortest condition true for exactly these variants: one value of
    one answer where that is enough, else the variants' own conditions."""
    for dimension in DIMENSIONS:
        for value, (_, condition) in dimension.items():
            having = [name for name in VARIANTS if value in name.split("+")]
            if sorted(names) == sorted(having):
                return condition
    return " or ".join(f"({VARIANTS[name][1]})" for name in names)


# The lock files: their name and the pyproject extras they hold.
LOCKS = {"requirements.lock": [], "requirements-dev.lock": ["dev"]}

# What the project's `make lock` passes to uv besides the input and output:
# the Makefile and this tool must agree for a refresh to change nothing.
COMPILE_OPTIONS = [
    "--universal",
    "--python-version",
    "3.11",
    "--generate-hashes",
    "--no-annotate",
    "--quiet",
    "--custom-compile-command",
    "make lock",
]
ENTRY_START = re.compile(r"^[a-z0-9]", re.MULTILINE)


def uv(*arguments: str | Path, cwd: Path) -> None:
    subprocess.run([sys.executable, "-m", "uv", *map(str, arguments)], cwd=cwd, check=True)


def render(answers: dict[str, str], destination: Path) -> dict[str, object]:
    """Render the template (work tree as it is) with `answers`; its full answers."""
    data = [f"{question}={value}" for question, value in answers.items()]
    subprocess.run(
        [COPIER, "copy", "--quiet", "--trust", "--defaults", "-d", "project_name=Lock"]
        + [part for item in data for part in ("-d", item)]
        + [ROOT, destination],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return yaml.safe_load((destination / ".copier-answers.yml").read_text())


def entries(lock: str) -> tuple[str, list[str]]:
    """The header of a uv lock and its entries (one pin and its hashes each)."""
    starts = [match.start() for match in ENTRY_START.finditer(lock)]
    header = lock[: starts[0]]
    return header, [
        lock[start:end] for start, end in zip(starts, [*starts[1:], len(lock)], strict=True)
    ]


def check_conditions(answers_of: dict[str, dict[str, object]]) -> None:
    environment = jinja2.Environment()
    for name, answers in answers_of.items():
        true = [
            other
            for other, (_, condition) in VARIANTS.items()
            if environment.compile_expression(condition)(**answers)
        ]
        assert true == [name], f"the renders of {name} satisfy the conditions of {true}"


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        answers_of = {}
        requirements: set[str] = set()
        for name, (answers, _) in VARIANTS.items():
            answers_of[name] = render(answers, work / name)
            project = tomllib.loads((work / name / "backend" / "pyproject.toml").read_text())
            requirements.update(project["project"]["dependencies"])
            for extra in project["project"]["optional-dependencies"].values():
                requirements.update(extra)
        check_conditions(answers_of)
        (work / "all.in").write_text("\n".join(sorted(requirements)) + "\n")
        uv("pip", "compile", "all.in", *COMPILE_OPTIONS, "-o", "all.lock", cwd=work)
        _, pinned = entries((work / "all.lock").read_text())
        (work / "pins.txt").write_text("".join(entry.split(" ")[0] + "\n" for entry in pinned))

        for lock, extras in LOCKS.items():
            header = ""
            variants_of: dict[str, list[str]] = {}
            for name in VARIANTS:
                backend = work / name / "backend"
                options = [f"--extra={extra}" for extra in extras]
                uv("pip", "compile", "pyproject.toml", *options, "-c", work / "pins.txt",
                   *COMPILE_OPTIONS, "-o", lock, cwd=backend)  # fmt: skip
                header, found = entries((backend / lock).read_text())
                for entry in found:
                    variants_of.setdefault(entry, []).append(name)
            text = header
            for entry in sorted(variants_of, key=lambda entry: (entry.split("==")[0], entry)):
                names = variants_of[entry]
                if len(names) == len(VARIANTS):
                    text += entry
                else:
                    text += f"{{% if {condition_of(names)} %}}{entry}{{% endif %}}"
            (TEMPLATE_BACKEND / f"{lock}.jinja").write_text(text)
            print(f"wrote template/backend/{lock}.jinja: {len(variants_of)} pins")


if __name__ == "__main__":
    main()
