"""Fixtures handing the builders of :mod:`.builders` to the checker tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from scheduler.instance import Instance
from scheduler.result import Assignment
from tests.builders import build_instance, build_roster


@pytest.fixture
def make_instance() -> Callable[..., Instance]:
    return build_instance


@pytest.fixture
def make_roster() -> Callable[..., list[Assignment]]:
    return build_roster
