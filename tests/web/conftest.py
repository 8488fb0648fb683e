"""The web pages over a fresh store with the default team published (the API tests' fixtures).

Pages are the same on both database backends (they call the store the API
calls, which tests/store and tests/api run on both), so these run on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import client, default_instance, default_result, store, tokens

__all__ = ["client", "default_instance", "default_result", "store", "tokens"]


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    yield f"sqlite:///{tmp_path / 'roster.db'}"
