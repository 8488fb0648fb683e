"""The feeds on a real CalDAV server: Radicale stores them, the ``caldav`` client reads them back.

Radicale (:mod:`tests.radicale_server`) runs on a free loopback port. A feed
of the default team is uploaded as a sync tool would: one calendar object per
``VEVENT`` (each with the feed's ``VTIMEZONE``), objects whose UID left the
feed deleted. Then a ``REPORT`` time-range query of the ``caldav`` client
must give back exactly the roster's duties in that range: the same UIDs and
the same start and end instants in UTC (from :func:`scheduler.timeline.duty_on`,
not from the feed). A feed PUT whole onto a collection, as served, must read
back the same. After a simulated swap the moved duty keeps its UID, has a
higher ``SEQUENCE`` and leaves the old holder's calendar for the new one's.

Client version: ``caldav>=1.6,<2`` (pyproject's ``dev`` extra). caldav 2.x and
3.x depend on ``niquests``, which brings ``urllib3-future``; that package
installs into the ``urllib3`` import name and has broken schemathesis. caldav
1.6 speaks CalDAV through ``requests`` on the ordinary ``urllib3``, so it
shares the suite's one virtual environment; no separate environment is needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import caldav
import httpx
import pytest
from icalendar import Calendar

from scheduler.ical import duty_uid, render_feed
from scheduler.instance import Instance, load_instance
from scheduler.solve import solve
from scheduler.store.records import VersionRecord
from scheduler.swaps.change import apply_change, duty_keys
from scheduler.swaps.model import Duty, DutyKey, SwapKind
from scheduler.swaps.responsibility import original_duties
from scheduler.timeline import duty_on
from tests.radicale_server import USER, Radicale

ROOT = Path(__file__).parents[1]
INSTANCE_PATH = ROOT / "instances" / "four-agents.yaml"
TEAM = "four-agents"
PUBLISHED = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
SWAPPED = dt.datetime(2026, 11, 22, 15, 30, tzinfo=dt.UTC)
Instants = dict[str, tuple[dt.datetime, dt.datetime]]  # UID -> UTC start, end


@pytest.fixture(scope="module")
def instance() -> Instance:
    return load_instance(INSTANCE_PATH)


@pytest.fixture(scope="module")
def first(instance: Instance) -> VersionRecord:
    """Version 1 of the team: the solved default roster, each holder responsible."""
    result = solve(instance, time_limit=30)
    duties = original_duties(duty_keys(result.assignments))
    return VersionRecord(
        team=TEAM, number=1, parent=None, reason="publish", published=True,
        created_at=PUBLISHED, instance_id=1, result_id=1,
        duties=tuple(duties[key] for key in sorted(duties)),
    )  # fmt: skip


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with Radicale(tmp_path_factory.mktemp("radicale")) as server:
        yield server


@pytest.fixture(scope="module")
def principal(radicale: Radicale) -> caldav.Principal:
    # Radicale runs with authentication "none": any password, the user name picks the owner.
    client = caldav.DAVClient(url=radicale.base_url, username=USER, password="unused")
    return client.principal()


def second_week(instance: Instance) -> tuple[dt.datetime, dt.datetime]:
    """Monday 00:00 to the next Monday 00:00 of the horizon's second week, team time, in UTC."""
    zone = instance.team.zone
    monday = instance.horizon.start + dt.timedelta(days=7)
    start = dt.datetime.combine(monday, dt.time(), zone)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def roster_instants(
    version: VersionRecord,
    instance: Instance,
    agent: str | None,
    start: dt.datetime,
    end: dt.datetime,
) -> Instants:
    """The duties of ``version`` (``agent``'s, or all) that overlap ``[start, end)``, as the roster has them."""
    found: Instants = {}
    for duty in version.duties:
        if agent is not None and duty.holder != agent:
            continue
        times = duty_on(duty.key.date, instance.shift_type(duty.key.shift), instance.team.zone)
        utc = (times.start.astimezone(dt.UTC), times.end.astimezone(dt.UTC))
        if utc[0] < end and utc[1] > start:  # RFC 4791's overlap of an event with a range
            found[duty_uid(version.team, duty.key)] = utc
    return found


def upload(calendar: caldav.Calendar, feed: bytes) -> None:
    """Make ``calendar`` hold the feed's events: one object per UID, stale UIDs deleted."""
    parsed = Calendar.from_ical(feed)
    zones = [component for component in parsed.subcomponents if component.name == "VTIMEZONE"]
    uids = set()
    for event in parsed.walk("VEVENT"):
        single = Calendar()
        single.add("prodid", parsed["prodid"])
        single.add("version", "2.0")
        for zone in zones:
            single.add_component(zone)
        single.add_component(event)
        calendar.save_event(single.to_ical().decode())
        uids.add(str(event["uid"]))
    for stored in calendar.events():
        if str(stored.icalendar_component["uid"]) not in uids:
            stored.delete()


def stored_events(
    calendar: caldav.Calendar, start: dt.datetime, end: dt.datetime
) -> dict[str, caldav.Event]:
    """The server's answer to a time-range query, by UID."""
    found: list[caldav.Event] = calendar.search(start=start, end=end, event=True, expand=False)
    events = {str(event.icalendar_component["uid"]): event for event in found}
    assert len(events) == len(found), "one object per UID"
    return events


def utc_instants(events: dict[str, caldav.Event]) -> Instants:
    instants: Instants = {}
    for uid, event in events.items():
        component = event.icalendar_component
        start, end = component.decoded("dtstart"), component.decoded("dtend")
        assert start.tzinfo is not None and end.tzinfo is not None, f"{uid} has floating times"
        instants[uid] = (start.astimezone(dt.UTC), end.astimezone(dt.UTC))
    return instants


def sequences(events: dict[str, caldav.Event]) -> dict[str, int]:
    return {uid: int(event.icalendar_component["sequence"]) for uid, event in events.items()}


def test_team_feed_second_week_reads_back_as_the_roster(
    principal: caldav.Principal, instance: Instance, first: VersionRecord
) -> None:
    calendar = principal.make_calendar(name="team", cal_id="team-week")
    upload(calendar, render_feed([first], instance, agent=None))
    start, end = second_week(instance)

    expected = roster_instants(first, instance, None, start, end)
    assert len(expected) == 21  # A, B and C on each of 7 days
    assert utc_instants(stored_events(calendar, start, end)) == expected
    # The whole horizon, with a year to spare on either side, holds every duty once.
    wide = (start - dt.timedelta(days=365), end + dt.timedelta(days=365))
    everything = roster_instants(first, instance, None, *wide)
    assert len(everything) == len(first.duties) == len(calendar.events())
    assert utc_instants(stored_events(calendar, *wide)) == everything


def test_agent_feed_holds_only_that_agents_duties(
    principal: caldav.Principal, instance: Instance, first: VersionRecord
) -> None:
    calendar = principal.make_calendar(name="a1", cal_id="agent-a1")
    upload(calendar, render_feed([first], instance, agent="a1"))
    start, end = second_week(instance)

    expected = roster_instants(first, instance, "a1", start, end)
    assert 4 <= len(expected) <= 7
    assert utc_instants(stored_events(calendar, start, end)) == expected


def test_feed_put_whole_as_served_reads_back_the_same(
    radicale: Radicale, principal: caldav.Principal, instance: Instance, first: VersionRecord
) -> None:
    """The bytes a subscriber downloads, PUT unchanged as a collection (Radicale splits them)."""
    url = f"{radicale.user_url}whole-a2/"
    feed = render_feed([first], instance, agent="a2")
    response = httpx.put(
        url, content=feed, auth=(USER, "unused"),
        headers={"Content-Type": "text/calendar; charset=utf-8"}, timeout=30,
    )  # fmt: skip
    assert response.status_code == 201, response.text
    calendar = principal.calendar(cal_url=url)
    start, end = second_week(instance)

    assert utc_instants(stored_events(calendar, start, end)) == roster_instants(
        first, instance, "a2", start, end
    )


def moved_by_cover(first: VersionRecord, instance: Instance) -> tuple[VersionRecord, DutyKey, str]:
    """Version 2: a colleague free that day covers the first second-week duty of ``a1``."""
    holders = {duty.key: duty.holder for duty in first.duties}
    monday = instance.horizon.start + dt.timedelta(days=7)
    key = min(k for k, holder in holders.items() if holder == "a1" and k.date >= monday)
    busy = {holder for k, holder in holders.items() if k.date == key.date}
    colleague = min({"a2", "a3", "a4"} - busy)
    after = apply_change(holders, SwapKind.COVER, "a1", key, colleague, None)
    duties = tuple(
        duty if after[duty.key] == duty.holder else Duty(duty.key, colleague, colleague, "swap:1")
        for duty in first.duties
    )
    second = VersionRecord(
        team=TEAM, number=2, parent=1, reason="swap:1", published=True,
        created_at=SWAPPED, instance_id=1, result_id=1, duties=duties,
    )  # fmt: skip
    return second, key, colleague


def test_a_swap_moves_the_duty_with_a_higher_sequence(
    principal: caldav.Principal, instance: Instance, first: VersionRecord
) -> None:
    second, key, colleague = moved_by_cover(first, instance)
    uid = duty_uid(TEAM, key)
    calendars = {
        name: principal.make_calendar(name=name, cal_id=f"swap-{name or 'team'}")
        for name in ("team", "a1", colleague)
    }

    def sync(versions: list[VersionRecord]) -> dict[str, dict[str, caldav.Event]]:
        start, end = second_week(instance)
        seen = {}
        for name, calendar in calendars.items():
            upload(
                calendar, render_feed(versions, instance, agent=None if name == "team" else name)
            )
            seen[name] = stored_events(calendar, start, end)
        return seen

    before = sync([first])
    after = sync([first, second])

    assert uid in before["a1"] and uid not in before[colleague]
    assert uid not in after["a1"] and uid in after[colleague]
    start, end = second_week(instance)
    for name, agent in (("team", None), ("a1", "a1"), (colleague, colleague)):
        assert utc_instants(after[name]) == roster_instants(second, instance, agent, start, end)

    # The same event, rescheduled: its UID and times stay, only its SEQUENCE grows.
    old, new = sequences(before["team"]), sequences(after["team"])
    assert new[uid] > old[uid]
    assert {u: s for u, s in new.items() if u != uid} == {u: s for u, s in old.items() if u != uid}
    colleague_name = instance.agent(colleague).display_name
    assert colleague_name in str(after["team"][uid].icalendar_component["summary"])
