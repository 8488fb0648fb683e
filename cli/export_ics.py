"""``roster export ics``: the iCalendar feeds of a team's current roster version, as files.

The same bytes the feed URLs serve (:func:`scheduler.ical.render_feed`):
``team.ics`` with every duty and one ``<agent>.ics`` per agent of the current
version's instance, an agent without duties included. A missing team or
version, or an unusable ``--out``, exits 2 with the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cli.common import LangOption, consoles, fail, language_or_default, opened_store
from scheduler.ical import render_feed
from scheduler.instance import Instance
from scheduler.messages import text
from scheduler.store import Store, VersionRecord

TEAM_FILE = "team.ics"

TeamOption = Annotated[
    str | None, typer.Option("--team", help=text("store.help.team"), show_default=False)
]
OutOption = Annotated[
    Path, typer.Option("--out", metavar="DIR", help=text("ical.help.out"), file_okay=False)
]


def export_ics_command(
    team: TeamOption = None,
    out: OutOption = Path("."),
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with opened_store(errors, language) as store:
        slug = _team(store, team, errors, language)
        versions = [store.version(slug, info.number) for info in store.versions(slug)]
        if not versions:
            fail(errors, text("ical.cli.no_version", language, team=slug))
        instances = {
            instance_id: store.load_instance_record(instance_id)
            for instance_id in sorted({version.instance_id for version in versions})
        }
    current = instances[versions[-1].instance_id]
    language = lang.value if lang else current.team.language.value
    feeds = _feeds(versions, current, instances, language)
    _prepare(out, errors, language)
    for filename, body in feeds.items():
        path = out / filename
        try:
            path.write_bytes(body)
        except OSError as error:
            reason = error.strerror or str(error)
            fail(errors, text("cli.write_failed", language, path=path, reason=reason))
        console.print(text("ical.cli.wrote", language, path=path), soft_wrap=True, markup=False)


def _feeds(
    versions: list[VersionRecord],
    current: Instance,
    instances: dict[int, Instance],
    language: str,
) -> dict[str, bytes]:
    feeds = {TEAM_FILE: render_feed(versions, current, agent=None, language=language,
                                    instances=instances)}  # fmt: skip
    for agent in current.team.agents:
        feeds[f"{agent.id}.ics"] = render_feed(
            versions, current, agent=agent.id, language=language, instances=instances
        )
    return feeds


def _team(store: Store, team: str | None, errors: Console, language: str) -> str:
    """The team named (checked to exist), or the only one in the store."""
    if team:
        return store.team(team).slug
    slugs = [record.slug for record in store.teams()]
    if len(slugs) == 1:
        return slugs[0]
    fail(errors, text("store.cli.which_team", language, teams=", ".join(slugs) or "-"))


def _prepare(out: Path, errors: Console, language: str) -> None:
    if out.exists() and not out.is_dir():
        reason = text("cli.not_a_folder", language)
        fail(errors, text("cli.out_unusable", language, path=out, reason=reason))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        fail(errors, text("cli.out_unusable", language, path=out, reason=reason))
