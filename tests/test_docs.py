"""The documentation builds without a warning."""

import sys
from pathlib import Path

import pytest

from tests.support import ROOT, run

pytestmark = pytest.mark.docs


def test_docs_build_strictly(tmp_path: Path) -> None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    run(
        [mkdocs, "build", "--strict", "--site-dir", tmp_path / "site"],
        cwd=ROOT,
        env={"NO_MKDOCS_2_WARNING": "1"},
    )
    assert (tmp_path / "site" / "index.html").is_file()
