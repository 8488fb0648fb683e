"""The message catalogue: every entry in both languages, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from scheduler.messages import CATALOGUE, LANGUAGES, text


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_entry_has_every_language_with_the_same_placeholders(key: str) -> None:
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGUAGES), key
    assert _placeholders(entry["en"]) == _placeholders(entry["zh"]), key


def test_unknown_language_falls_back_to_english() -> None:
    assert text("cli.cyclic", "fr") == text("cli.cyclic", "en")
