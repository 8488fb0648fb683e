"""The one catalogue of user-facing text, in English and Simplified Chinese.

Each area keeps its entries in a module of its own (``instance``, ``rules``,
``check``, ``cli``, for the explanations ``explain``, ``gaps``, ``tradeoffs``
and ``staffing``, then ``store`` and ``swaps``); :func:`text` looks a key up in
all of them. Code never writes a user-facing sentence inline: it names a key
and passes the values.
"""

from __future__ import annotations

from collections.abc import Mapping

from scheduler.messages import (
    check,
    cli,
    explain,
    gaps,
    ical,
    instance,
    jobs,
    reroster,
    rules,
    scenarios,
    service_level,
    staffing,
    store,
    swaps,
    tradeoffs,
    web,
    web_agent,
    web_generate,
    web_inbox,
    web_reports,
)

Entry = Mapping[str, str]

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"


def _merge(*parts: Mapping[str, Entry]) -> dict[str, Entry]:
    merged: dict[str, Entry] = {}
    for part in parts:
        clash = merged.keys() & part.keys()
        if clash:
            raise RuntimeError(f"message keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


CATALOGUE: dict[str, Entry] = _merge(
    instance.MESSAGES,
    rules.MESSAGES,
    check.MESSAGES,
    cli.MESSAGES,
    explain.MESSAGES,
    gaps.MESSAGES,
    tradeoffs.MESSAGES,
    staffing.MESSAGES,
    store.MESSAGES,
    swaps.MESSAGES,
    reroster.MESSAGES,
    jobs.MESSAGES,
    ical.MESSAGES,
    scenarios.MESSAGES,
    service_level.MESSAGES,
    web.MESSAGES,
    web_generate.MESSAGES,
    web_reports.MESSAGES,
    web_agent.MESSAGES,
    web_inbox.MESSAGES,
)


def text(key: str, language: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The message ``key`` in ``language`` (English when unknown), filled with ``values``."""
    entry = CATALOGUE[key]
    template = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return template.format(**values)
