"""The checker's catalogue entries: both languages, the same placeholders, every rule."""

import string

import pytest

from scheduler.messages import CATALOGUE, LANGUAGES
from scheduler.messages.check import MESSAGES

from .test_check import HARD_KEYS


def placeholders(template):
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_language_with_the_same_placeholders(key):
    entry = MESSAGES[key]
    assert set(entry) == set(LANGUAGES)
    assert all(entry[language].strip() for language in LANGUAGES)
    assert placeholders(entry["zh"]) == placeholders(entry["en"])


def test_keys_are_in_the_check_namespace_and_merged():
    assert all(key.startswith("check.") for key in MESSAGES)
    assert all(CATALOGUE[key] is entry for key, entry in MESSAGES.items())


def test_every_hard_rule_has_a_sentence():
    pinned = {"check.fixed_assignment.shift", "check.fixed_assignment.off"}
    for rule in HARD_KEYS - {"fixed_assignment"}:
        assert f"check.{rule}" in MESSAGES
    assert pinned <= MESSAGES.keys()
