"""The catalogue entries of the command line and the rule labels are complete."""

from __future__ import annotations

from string import Formatter

import pytest

from scheduler.messages import cli, rules
from scheduler.result import HARD_ONLY_RULES, PENALTY_RULES

ENTRIES = {**cli.MESSAGES, **rules.MESSAGES}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_entry_has_en_and_zh_with_the_same_placeholders(key: str) -> None:
    entry = ENTRIES[key]
    assert set(entry) == {"en", "zh"}
    assert entry["en"].strip() and entry["zh"].strip()
    assert placeholders(entry["en"]) == placeholders(entry["zh"])


@pytest.mark.parametrize("rule", [*PENALTY_RULES, *HARD_ONLY_RULES])
def test_every_rule_has_a_label(rule: str) -> None:
    assert f"rule.{rule}" in rules.MESSAGES


def test_rule_keys_are_known_rules() -> None:
    known = {f"rule.{rule}" for rule in (*PENALTY_RULES, *HARD_ONLY_RULES)}
    assert set(rules.MESSAGES) == known
