"""iCalendar subscription feeds of a roster: one per agent, one for the whole team.

:func:`render_feed` turns the chain of roster versions of a team (oldest
first, the current one last) into an RFC 5545 calendar with the RFC 7986
calendar properties, ready to serve or to write to a file. Each duty of the
current version is a ``VEVENT`` whose ``UID`` comes from the duty's stored key
alone, so a client keeps one event per duty however often the roster
changes; the older versions only say how often and when each duty changed
(``SEQUENCE``, ``LAST-MODIFIED``). The output depends on its arguments only
(no clock, no random ids): the same chain renders to the same bytes, so the
body's hash (:func:`feed_etag`) changes exactly when the feed does.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from icalendar import Calendar, Event, Timezone, vDuration

from scheduler.instance import Instance, ShiftType
from scheduler.instance.clock import format_clock
from scheduler.instance.models import Location
from scheduler.messages import text
from scheduler.store.records import VersionRecord
from scheduler.swaps.model import Duty, DutyKey
from scheduler.swaps.responsibility import explain_responsibility, parse_reason
from scheduler.timeline import duty_on

PRODID = "-//roster//roster feeds 1.0//EN"
UID_DOMAIN = "roster"
DEFAULT_REFRESH = dt.timedelta(hours=1)
ON_CALL_CATEGORY = "on-call"
_REROSTER = "reroster:"

_Instants = Callable[[VersionRecord, DutyKey], tuple[dt.datetime, dt.datetime] | None]
"""A duty's real start and end, in UTC, as one version's instance has them."""


@dataclass(frozen=True)
class _History:
    """How often a duty moved (``sequence``) and when it last changed at all."""

    sequence: int
    last_modified: dt.datetime


def duty_uid(team: str, key: DutyKey) -> str:
    """The event's UID: the same for the duty in every version and in every feed of the team."""
    return f"{team}-{key.date.isoformat()}-{key.shift}-{key.slot}@{UID_DOMAIN}"


def render_feed(
    versions: Sequence[VersionRecord],
    instance: Instance,
    *,
    agent: str | None,
    language: str | None = None,
    refresh: dt.timedelta = DEFAULT_REFRESH,
    name: str | None = None,
    instances: Mapping[int, Instance] | None = None,
) -> bytes:
    """The feed of the current version (``versions[-1]``) as iCalendar bytes.

    ``versions`` is the team's chain, oldest first; ``instance`` is the
    current version's instance (shift times, zone, language, agents' names).
    ``agent=None`` gives the team feed with every duty, an agent id the duties
    that agent holds in the current version. ``instances`` maps the
    ``instance_id`` of older versions to their instances, so that a shift
    whose times changed counts as a change; versions not in it are read with
    ``instance``.

    ``SEQUENCE`` counts the versions after the duty's first in which its
    holder or its real start or end changed, or in which it came back after
    being dropped. A change of responsibility alone (a swap's evidence
    completed later) moves ``LAST-MODIFIED`` and the description but not
    ``SEQUENCE``: RFC 5545 reserves it for changes of time and status.
    """
    if not versions:
        raise ValueError("a feed needs at least one roster version")
    if refresh <= dt.timedelta(0):
        raise ValueError(f"refresh must be positive, not {refresh}")
    current = versions[-1]
    teams = {version.team for version in versions}
    if len(teams) != 1:
        raise ValueError(f"versions of several teams: {sorted(teams)}")
    if agent is not None and agent not in {a.id for a in instance.team.agents}:
        raise ValueError(f"unknown agent {agent!r}")
    language = language or instance.team.language.value
    older = instances or {}

    def shift_of(version: VersionRecord, shift: str) -> tuple[ShiftType, Instance]:
        source = older.get(version.instance_id, instance)
        try:
            return source.shift_type(shift), source
        except KeyError:
            if source is instance:
                raise ValueError(f"duty of unknown shift type {shift!r}") from None
            return instance.shift_type(shift), instance

    def instants(version: VersionRecord, key: DutyKey) -> tuple[dt.datetime, dt.datetime] | None:
        try:
            shift_type, source = shift_of(version, key.shift)
        except ValueError:  # an old duty of a shift type no instance knows: no times to compare
            return None
        times = duty_on(key.date, shift_type, source.team.zone)
        return times.start.astimezone(dt.UTC), times.end.astimezone(dt.UTC)

    histories = _histories(versions, instants)
    duties = sorted(current.duties, key=lambda duty: duty.key)
    for duty in duties:
        shift_of(current, duty.key.shift)  # every current duty must fit the instance
    shown = [duty for duty in duties if agent is None or duty.holder == agent]

    calendar = Calendar()
    team_name = instance.team.name or instance.name or current.team
    if name is None:
        if agent is None:
            name = text("ical.calendar.team", language, team=team_name)
        else:
            agent_name = _name(instance, agent)
            name = text("ical.calendar.agent", language, team=team_name, agent=agent_name)
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", instance.team.timezone)
    calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    # Given as a plain timedelta, icalendar writes an unknown X- property as "1:00:00".
    calendar.add("x-published-ttl", vDuration(refresh))
    calendar.add_component(_timezone(instance, duties))
    stamp = _utc(current.created_at)
    for duty in shown:
        calendar.add_component(
            _event(
                current.team,
                duty,
                instance,
                histories[duty.key],
                stamp,
                language,
                team_feed=agent is None,
            )
        )
    body: bytes = calendar.to_ical()  # folded at 75 octets, lines ending in CRLF
    return body


def feed_etag(body: bytes) -> str:
    """A strong entity tag of a feed: its body's SHA-256, quoted."""
    return f'"{hashlib.sha256(body).hexdigest()}"'


def feed_last_modified(versions: Sequence[VersionRecord]) -> dt.datetime:
    """The latest ``created_at`` of the chain, in UTC to the second.

    The maximum over the whole chain, not the current version's time, so it
    never goes back even if a clock did.
    """
    if not versions:
        raise ValueError("a feed needs at least one roster version")
    return max(_utc(version.created_at) for version in versions)


def _histories(
    versions: Sequence[VersionRecord],
    instants: _Instants,
) -> dict[DutyKey, _History]:
    histories: dict[DutyKey, _History] = {}
    previous: dict[DutyKey, tuple[Duty, tuple[dt.datetime, dt.datetime] | None]] = {}
    for version in versions:
        at = _utc(version.created_at)
        present = {duty.key: (duty, instants(version, duty.key)) for duty in version.duties}
        for key, (duty, times) in present.items():
            history = histories.get(key)
            before = previous.get(key)
            if history is None:
                histories[key] = _History(0, at)
            elif before is None or before[0].holder != duty.holder or before[1] != times:
                histories[key] = _History(history.sequence + 1, at)
            elif before[0] != duty:
                histories[key] = _History(history.sequence, at)
        previous = present
    return histories


def _event(
    team: str,
    duty: Duty,
    instance: Instance,
    history: _History,
    stamp: dt.datetime,
    language: str,
    *,
    team_feed: bool,
) -> Event:
    shift_type = instance.shift_type(duty.key.shift)
    times = duty_on(duty.key.date, shift_type, instance.team.zone)
    start, end = format_clock(shift_type.start), format_clock(shift_type.end)
    how = _how(shift_type)
    summary = text("ical.summary.shift", language, shift=shift_type.id, start=start, end=end)
    if how != "office":
        summary += text(f"ical.summary.{how}", language)
    holder = _name(instance, duty.holder)
    if team_feed:
        summary = text("ical.summary.holder", language, holder=holder, summary=summary)

    event = Event()
    event.add("uid", duty_uid(team, duty.key))
    event.add("dtstamp", stamp)
    event.add("dtstart", times.start)
    event.add("dtend", times.end)
    event.add("summary", summary)
    event.add("location", text(f"ical.location.{how}", language))
    event.add("description", _description(duty, instance, shift_type, language))
    categories = [shift_type.id]
    if shift_type.on_call:
        categories.append(ON_CALL_CATEGORY)
    categories.append(shift_type.location.value)
    event.add("categories", categories)
    event.add("last-modified", history.last_modified)
    event.add("sequence", history.sequence)
    event.add("transp", "OPAQUE")
    event.add("status", "CONFIRMED")
    return event


def _description(duty: Duty, instance: Instance, shift_type: ShiftType, language: str) -> str:
    start, end = format_clock(shift_type.start), format_clock(shift_type.end)
    label = shift_type.label or shift_type.id
    named = replace(
        duty, holder=_name(instance, duty.holder), responsible=_name(instance, duty.responsible)
    )
    lines = [
        text(
            "ical.description.shift",
            language,
            label=label,
            shift=shift_type.id,
            start=start,
            end=end,
        ),
        text("ical.description.holder", language, holder=named.holder),
    ]
    if duty.reason.startswith(_REROSTER):
        parent = duty.reason.removeprefix(_REROSTER)
        sentence = text(
            "ical.responsible.reroster", language, agent=named.responsible, parent=parent
        )
        if named.holder != named.responsible:
            sentence += text("swaps.responsible.holder", language, holder=named.holder)
        moved = text("ical.description.reroster", language, parent=parent)
    else:
        # explain_responsibility knows roster and swap reasons, not re-rostering.
        sentence = explain_responsibility(named, language)
        request_id, _ = parse_reason(duty.reason)
        moved = "" if request_id is None else text("ical.description.swap", language, id=request_id)
    lines.append(text("ical.description.responsible", language, sentence=sentence))
    if moved:
        lines.append(moved)
    return "\n".join(lines)


def _how(shift_type: ShiftType) -> str:
    """Where and how a shift is worked, as the suffix of the catalogue keys."""
    place = "home" if shift_type.location is Location.HOME else "office"
    return f"{place}_on_call" if shift_type.on_call else place


def _timezone(instance: Instance, duties: Sequence[Duty]) -> Timezone:
    """The team zone's VTIMEZONE over the horizon and every current duty, with a day to spare.

    The range depends on the whole version, not on the feed's own duties, so
    an agent's feed (even an empty one) carries the same VTIMEZONE as the team's.
    """
    dates = [instance.horizon.start, instance.horizon.end, *(duty.key.date for duty in duties)]
    first, last = min(dates) - dt.timedelta(days=1), max(dates) + dt.timedelta(days=2)
    # A copy: the cached component is shared, and a calendar owns what it holds.
    return copy.deepcopy(_zone_component(instance.team.timezone, first, last))


@functools.lru_cache(maxsize=64)
def _zone_component(tzid: str, first: dt.date, last: dt.date) -> Timezone:
    """Building a VTIMEZONE from the IANA data took about 55% of a feed request
    (10 ms here); the same zone and range recur on every fetch of a team's feeds."""
    return Timezone.from_tzid(tzid, first_date=first, last_date=last)


def _name(instance: Instance, agent: str) -> str:
    try:
        return instance.agent(agent).display_name
    except KeyError:
        return agent


def _utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC to the second, the resolution of iCalendar and of HTTP dates."""
    if moment.tzinfo is None:
        raise ValueError(f"version time {moment.isoformat()} has no time zone")
    return moment.astimezone(dt.UTC).replace(microsecond=0)
