"""The template's own Python (tests, bench, tools) is as ruff wants it."""

from pathlib import Path

import pytest

from tests.support import ROOT, run

pytestmark = pytest.mark.slow

OWN_PYTHON = ["bench", "tests", "tools"]


def test_the_templates_own_python_passes_ruff(backend_python: Path) -> None:
    # ruff comes with the generated backends' shared virtualenv.
    ruff = backend_python.parent / "ruff"
    run([ruff, "check", "--no-cache", *OWN_PYTHON], cwd=ROOT)
    run([ruff, "format", "--check", "--no-cache", *OWN_PYTHON], cwd=ROOT)
