"""One copy of the reference language's sources for every hostile-translator property."""

from __future__ import annotations

import pytest

from tests.scripts.hostile.support import Workspace


@pytest.fixture(scope="session")
def workspace(tmp_path_factory) -> Workspace:
    return Workspace.make(tmp_path_factory.mktemp("hostile"))
