"""iCalendar feeds: what every client needs (RFC 5545 lines, VTIMEZONE, stable UIDs), what a
swap does to them, real instants across midnight and DST, and a round trip for any roster.

Each feed is read back by ``icalendar`` and, in a separate process so that nothing is
shared with the writer, by ``vobject`` with validation on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from scheduler.ical import feed_etag, feed_last_modified, render_feed
from scheduler.instance import Instance, load_instance
from scheduler.solve import solve
from scheduler.store import VersionRecord, open_store
from scheduler.swaps import Duty, DutyKey, duty_keys, original_duties
from scheduler.timeline import duty_on
from tests.builders import build_instance

FOUR_AGENTS = Path(__file__).resolve().parents[1] / "instances" / "four-agents.yaml"
TEAM = "four-agents"
T1 = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
T3 = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
UID = re.compile(
    r"^(?P<team>.+)-(?P<date>\d{4}-\d{2}-\d{2})-(?P<shift>[^-]+)-(?P<slot>\d+)@roster$"
)

# Reads each feed given on stdin (a JSON list) with vobject's validation, and answers with
# every event's UID and its start and end in UTC, as vobject understood the VTIMEZONE.
VOBJECT_READER = """
import datetime as dt, json, sys
import vobject
answers = []
for body in json.load(sys.stdin):
    calendar = vobject.readOne(body, validate=True)
    events = []
    for event in getattr(calendar, "vevent_list", []):
        events.append([event.uid.value,
                       event.dtstart.value.astimezone(dt.timezone.utc).isoformat(),
                       event.dtend.value.astimezone(dt.timezone.utc).isoformat()])
    answers.append({"events": events, "timezones": len(getattr(calendar, "vtimezone_list", []))})
print(json.dumps(answers))
"""


def version(
    number: int, duties: Sequence[Duty], created_at: dt.datetime, team: str = TEAM
) -> VersionRecord:
    return VersionRecord(
        team=team,
        number=number,
        parent=number - 1 or None,
        reason="solved" if number == 1 else "swap",
        published=True,
        created_at=created_at,
        instance_id=1,
        result_id=None,
        duties=tuple(sorted(duties, key=lambda duty: duty.key)),
    )


def events(body: bytes) -> dict[str, Event]:
    calendar = Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def vobject_read(*bodies: bytes) -> list[dict[str, object]]:
    """Every body read by vobject with validation, in a fresh interpreter."""
    texts = json.dumps([body.decode("utf-8") for body in bodies])
    done = subprocess.run(
        [sys.executable, "-c", VOBJECT_READER],
        input=texts,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    answers: list[dict[str, object]] = json.loads(done.stdout)
    return answers


def assert_wire_format(body: bytes) -> None:
    """CRLF after every line, none longer than 75 octets, no character cut by a fold."""
    assert body.endswith(b"\r\n")
    lines = body[:-2].split(b"\r\n")
    for line in lines:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, (len(line), line)
        line.decode("utf-8")  # a fold between the bytes of one character would fail here
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"


def assert_timezones_complete(body: bytes) -> None:
    lines = body.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    used = {match for line in lines for match in re.findall(r";TZID=([^;:]+)[;:]", line)}
    defined = {line.removeprefix("TZID:") for line in lines if line.startswith("TZID:")}
    assert used <= defined, used - defined
    assert len(defined) == 1


@pytest.fixture(scope="module")
def instance() -> Instance:
    return load_instance(FOUR_AGENTS)


@pytest.fixture(scope="module")
def first(instance: Instance) -> VersionRecord:
    result = solve(instance, time_limit=30, workers=2, seed=0)
    assert result.status.has_roster
    return version(1, list(original_duties(duty_keys(result.assignments)).values()), T1)


def holders(record: VersionRecord) -> dict[DutyKey, str]:
    return {duty.key: duty.holder for duty in record.duties}


def swapped(record: VersionRecord, number: int, at: dt.datetime) -> tuple[VersionRecord, Duty]:
    """A version in which a2 takes the first duty of a1 (a cover, both agreements on record)."""
    moved = next(duty for duty in record.duties if duty.holder == "a1")
    duties = [
        Duty(duty.key, "a2", "a2", "swap:1") if duty.key == moved.key else duty
        for duty in record.duties
    ]
    return version(number, duties, at), moved


def feeds(versions: Sequence[VersionRecord], instance: Instance) -> dict[str | None, bytes]:
    agents: list[str | None] = [None, *(agent.id for agent in instance.team.agents)]
    return {agent: render_feed(versions, instance, agent=agent) for agent in agents}


# -- every feed is one every client reads --------------------------------------------------


def test_every_feed_parses_in_icalendar_and_in_vobject_with_validation(
    instance: Instance, first: VersionRecord
) -> None:
    bodies = feeds([first], instance)
    answers = vobject_read(*bodies.values())
    for (agent, body), answer in zip(bodies.items(), answers, strict=True):
        expected = {duty.key for duty in first.duties if agent is None or duty.holder == agent}
        parsed = events(body)
        assert len(parsed) == len(expected) and answer["timezones"] == 1
        # vobject's reading of the VTIMEZONE gives the instants the roster means.
        by_uid = {uid: (start, end) for uid, start, end in answer["events"]}
        for key in expected:
            times = duty_on(key.date, instance.shift_type(key.shift), instance.team.zone)
            uid = f"{TEAM}-{key.date}-{key.shift}-{key.slot}@roster"
            assert by_uid[uid] == (
                times.start.astimezone(dt.UTC).isoformat(),
                times.end.astimezone(dt.UTC).isoformat(),
            )
        assert_wire_format(body)
        assert_timezones_complete(body)


def test_calendar_properties(instance: Instance, first: VersionRecord) -> None:
    body = render_feed([first], instance, agent="a1", refresh=dt.timedelta(hours=2))
    calendar = Calendar.from_ical(body)
    assert str(calendar["PRODID"]) == "-//roster//roster feeds 1.0//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == "客服组排班：王芳"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Shanghai"
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT2H\r\n" in body
    assert b"\r\nX-PUBLISHED-TTL:PT2H\r\n" in body
    assert "METHOD" not in calendar and "UID" not in calendar
    named = render_feed([first], instance, agent=None, language="en", name="Night desk")
    assert str(Calendar.from_ical(named)["NAME"]) == "Night desk"
    assert str(Calendar.from_ical(render_feed([first], instance, agent=None))["NAME"]) == (
        "客服组排班"
    )


def test_event_properties_in_both_languages(instance: Instance, first: VersionRecord) -> None:
    late = next(
        d for d in first.duties if d.key.shift == "C" and d.key.date == instance.horizon.start
    )
    name = instance.agent(late.holder).display_name
    zh = events(render_feed([first], instance, agent=late.holder))
    en = events(render_feed([first], instance, agent=None, language="en"))
    uid = f"{TEAM}-2026-11-30-C-{late.key.slot}@roster"
    assert str(zh[uid]["SUMMARY"]) == "C班 20:00-24:00 在家值班"
    assert str(en[uid]["SUMMARY"]) == f"{name}: Shift C 20:00-24:00, on call from home"
    assert str(zh[uid]["LOCATION"]) == "家中（在家值班）"
    assert str(en[uid]["LOCATION"]) == "Home (on call)"
    assert list(en[uid].categories) == ["C", "on-call", "home"]
    assert str(en[uid]["DESCRIPTION"]).splitlines() == [
        "晚间值班 (C), 20:00-24:00",
        f"Worked by {name}.",
        f"{name} is responsible: original roster.",
    ]
    assert str(en[uid]["TRANSP"]) == "OPAQUE" and str(en[uid]["STATUS"]) == "CONFIRMED"
    assert en[uid].DTSTAMP == en[uid].LAST_MODIFIED == T1
    assert int(en[uid]["SEQUENCE"]) == 0
    office = next(event for event in en.values() if event.categories[0] == "A")
    assert str(office["LOCATION"]) == "Office" and list(office.categories) == ["A", "office"]


def test_late_shift_ending_at_24_00_ends_at_midnight_of_the_next_day(
    instance: Instance, first: VersionRecord
) -> None:
    body = render_feed([first], instance, agent=None)
    uid = next(u for u in events(body) if "-2026-11-30-C-" in u)
    event = events(body)[uid]
    assert event.start == dt.datetime(2026, 11, 30, 20, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert event.end == dt.datetime(2026, 12, 1, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert event.end.astimezone(dt.UTC) == dt.datetime(2026, 11, 30, 16, tzinfo=dt.UTC)
    assert b"DTEND;TZID=Asia/Shanghai:20261201T000000\r\n" in body


def test_night_across_the_spring_change_in_berlin_has_the_real_instants() -> None:
    berlin = build_instance(timezone="Europe/Berlin", start="2026-03-23", agents=("a1", "a2"))
    saturday = dt.date(2026, 3, 28)  # the clocks go from 02:00 CET to 03:00 CEST that night
    duties = [Duty(DutyKey(saturday, "N"), "a1", "a1"), Duty(DutyKey(saturday, "L"), "a2", "a2")]
    body = render_feed([version(1, duties, T1, team="b")], berlin, agent="a1")
    (night,) = events(body).values()
    assert night.start.astimezone(dt.UTC) == dt.datetime(2026, 3, 28, 21, tzinfo=dt.UTC)
    assert night.end.astimezone(dt.UTC) == dt.datetime(2026, 3, 29, 4, tzinfo=dt.UTC)
    assert b"DTSTART;TZID=Europe/Berlin:20260328T220000\r\n" in body
    assert b"DTEND;TZID=Europe/Berlin:20260329T060000\r\n" in body
    ((_, start, end),) = vobject_read(body)[0]["events"]
    assert (start, end) == ("2026-03-28T21:00:00+00:00", "2026-03-29T04:00:00+00:00")
    assert_timezones_complete(body)


def test_agent_without_duties_gets_a_valid_calendar_with_its_timezone() -> None:
    small = build_instance(timezone="Asia/Shanghai", agents=("a1", "a2", "a3"))
    duties = [Duty(DutyKey(dt.date(2026, 11, 30), "E"), "a1", "a1")]
    body = render_feed([version(1, duties, T1, team="t")], small, agent="a3")
    calendar = Calendar.from_ical(body)
    assert calendar.walk("VEVENT") == []
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Shanghai"]
    assert vobject_read(body) == [{"events": [], "timezones": 1}]
    assert_wire_format(body)
    # The same VTIMEZONE as in the team feed, which has the duty.
    team = Calendar.from_ical(render_feed([version(1, duties, T1, team="t")], small, agent=None))
    assert team.timezones[0].to_ical() == calendar.timezones[0].to_ical()


# -- identity and change ---------------------------------------------------------------------


def test_uids_are_unique_per_feed_and_come_from_the_keys(
    instance: Instance, first: VersionRecord
) -> None:
    for body in feeds([first], instance).values():
        calendar = Calendar.from_ical(body)
        uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
        assert len(uids) == len(set(uids))
        for uid in uids:
            match = UID.match(uid)
            assert match and match["team"] == TEAM
    assert set(events(render_feed([first], instance, agent=None))) == {
        f"{TEAM}-{key.date}-{key.shift}-{key.slot}@roster" for key in holders(first)
    }


def test_renders_are_byte_identical(instance: Instance, first: VersionRecord) -> None:
    second, _ = swapped(first, 2, T2)
    copy = [dataclasses.replace(first), dataclasses.replace(second)]
    assert feeds([first, second], instance) == feeds(copy, instance)


def test_after_a_swap_the_duty_moves_to_its_new_holder_with_a_higher_sequence(
    instance: Instance, first: VersionRecord
) -> None:
    second, moved = swapped(first, 2, T2)
    uid = f"{TEAM}-{moved.key.date}-{moved.key.shift}-{moved.key.slot}@roster"
    before, after = feeds([first], instance), feeds([first, second], instance)

    assert uid in events(before["a1"]) and uid not in events(after["a1"])
    assert uid not in events(before["a2"]) and uid in events(after["a2"])
    event = events(after["a2"])[uid]
    assert int(event["SEQUENCE"]) == int(events(before["a1"])[uid]["SEQUENCE"]) + 1 == 1
    assert event.LAST_MODIFIED == event.DTSTAMP == T2
    assert "Moved by swap request 1." in str(
        events(render_feed([first, second], instance, agent="a2", language="en"))[uid][
            "DESCRIPTION"
        ]
    )
    for agent in ("a1", "a2", None):
        assert feed_etag(before[agent]) != feed_etag(after[agent])
    # Duties that did not move keep their UID, SEQUENCE and LAST-MODIFIED; the other
    # agents' feeds only see the new DTSTAMP.
    unchanged = events(after["a3"])
    assert set(unchanged) == set(events(before["a3"]))
    assert all(e.LAST_MODIFIED == T1 and int(e["SEQUENCE"]) == 0 for e in unchanged.values())
    # Moving it back is another change: SEQUENCE keeps growing.
    back = version(3, first.duties, T3)
    assert (
        int(events(render_feed([first, second, back], instance, agent="a1"))[uid]["SEQUENCE"]) == 2
    )


def test_a_change_of_responsibility_alone_moves_last_modified_but_not_sequence(
    instance: Instance, first: VersionRecord
) -> None:
    moved = next(duty for duty in first.duties if duty.holder == "a1")
    without = [
        Duty(d.key, "a2", "a1", "swap:1:no-evidence") if d.key == moved.key else d
        for d in first.duties
    ]
    completed = [
        Duty(d.key, "a2", "a2", "swap:1") if d.key == moved.key else d for d in first.duties
    ]
    chain = [first, version(2, without, T2), version(3, completed, T3)]
    uid = f"{TEAM}-{moved.key.date}-{moved.key.shift}-{moved.key.slot}@roster"
    event = events(render_feed(chain, instance, agent="a2", language="en"))[uid]
    assert int(event["SEQUENCE"]) == 1
    assert event.LAST_MODIFIED == T3
    name = instance.agent("a2").display_name
    assert f"{name} is responsible: swap 1 with both agreements on record." in str(
        event["DESCRIPTION"]
    )


def test_a_new_shift_time_counts_as_a_change(instance: Instance, first: VersionRecord) -> None:
    earlier = instance.model_copy(
        update={
            "shift_types": [
                st.model_copy(update={"start": 8 * 60}) if st.id == "A" else st
                for st in instance.shift_types
            ]
        }
    )
    second = dataclasses.replace(version(2, first.duties, T2), instance_id=2)
    body = render_feed([first, second], instance, agent=None, instances={1: earlier, 2: instance})
    for uid, event in events(body).items():
        assert int(event["SEQUENCE"]) == (1 if "-A-" in uid else 0)


def test_rerostered_duty_says_so(instance: Instance, first: VersionRecord) -> None:
    moved = next(duty for duty in first.duties if duty.holder == "a1")
    duties = [
        Duty(d.key, "a3", "a3", "reroster:1") if d.key == moved.key else d for d in first.duties
    ]
    body = render_feed([first, version(2, duties, T2)], instance, agent="a3", language="en")
    uid = f"{TEAM}-{moved.key.date}-{moved.key.shift}-{moved.key.slot}@roster"
    description = str(events(body)[uid]["DESCRIPTION"]).splitlines()
    name = instance.agent("a3").display_name
    assert description[-2:] == [
        f"{name} is responsible: re-rostering of version 1.",
        "Assigned when version 1 was re-rostered.",
    ]


def test_etag_and_last_modified() -> None:
    tag = feed_etag(b"BEGIN:VCALENDAR\r\n")
    assert re.fullmatch(r'"[0-9a-f]{64}"', tag)
    assert feed_etag(b"BEGIN:VCALENDAR\r\n") == tag != feed_etag(b"other")
    # A later version stamped earlier (a clock set back) does not move Last-Modified back.
    chain = [version(1, (), T2), version(2, (), T1)]
    assert feed_last_modified(chain) == T2
    assert feed_last_modified(chain[:1]) == T2


def test_bad_arguments_are_refused(instance: Instance, first: VersionRecord) -> None:
    with pytest.raises(ValueError, match="at least one"):
        render_feed([], instance, agent=None)
    with pytest.raises(ValueError, match="unknown agent"):
        render_feed([first], instance, agent="zz")
    with pytest.raises(ValueError, match="refresh"):
        render_feed([first], instance, agent=None, refresh=dt.timedelta(0))
    with pytest.raises(ValueError, match="several teams"):
        render_feed([first, version(2, first.duties, T2, team="other")], instance, agent=None)
    naive = dataclasses.replace(first, created_at=T1.replace(tzinfo=None))
    with pytest.raises(ValueError, match="no time zone"):
        render_feed([naive], instance, agent=None)


def test_feeds_of_versions_read_from_the_store(tmp_path: Path, instance: Instance) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'roster.db'}")
    try:
        store.create_team(TEAM, "客服组", "Asia/Shanghai", "zh", [("a1", "王芳"), ("a2", "李娜")])
        record = store.save_instance(TEAM, instance, "source")
        monday = instance.horizon.start
        duties = [Duty(DutyKey(monday, "A"), "a1", "a1"), Duty(DutyKey(monday, "C"), "a2", "a2")]
        store.publish(TEAM, record.id, None, duties, "solved")
        store.new_version(TEAM, 1, [duties[0], Duty(duties[1].key, "a1", "a1", "swap:1")], "swap")
        chain = [store.version(TEAM, info.number) for info in store.versions(TEAM)]
    finally:
        store.close()
    body = render_feed(chain, instance, agent="a1")
    parsed = events(body)
    assert [int(e["SEQUENCE"]) for e in parsed.values()] == [0, 1]
    # iCalendar and HTTP dates have whole seconds.
    stamp = chain[1].created_at.replace(microsecond=0)
    assert stamp == next(iter(parsed.values())).DTSTAMP == feed_last_modified(chain)
    assert render_feed(chain, instance, agent="a2").count(b"BEGIN:VEVENT") == 0


# -- any roster comes back from its feeds ------------------------------------------------------


def assert_round_trip(versions: Sequence[VersionRecord], instance: Instance) -> None:
    """Each agent's feed holds exactly their duties, at their real times; the team's all of them."""
    current = versions[-1]
    zone = instance.team.zone
    team = events(render_feed(versions, instance, agent=None, language="en"))
    seen: dict[str, str] = {}
    for agent in instance.team.agents:
        body = render_feed(versions, instance, agent=agent.id, language="en")
        assert_wire_format(body)
        got = set()
        for uid, event in events(body).items():
            match = UID.match(uid)
            assert match is not None
            shift = str(event.categories[0])
            assert match["shift"] == shift
            start = event.start.astimezone(zone)
            got.add((start.date(), shift, int(match["slot"]), agent.id))
            times = duty_on(start.date(), instance.shift_type(shift), zone)
            assert (event.start, event.end) == (times.start, times.end)
            assert team[uid].start == event.start and team[uid]["SEQUENCE"] == event["SEQUENCE"]
            assert str(team[uid]["SUMMARY"]).startswith(f"{agent.display_name}: ")
            seen[uid] = agent.id
        expected = {
            (d.key.date, d.key.shift, d.key.slot, d.holder)
            for d in current.duties
            if d.holder == agent.id
        }
        assert got == expected
    assert set(team) == set(seen) and len(team) == len(current.duties)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_feeds_give_back_any_roster_of_the_default_team(
    data: st.DataObject, instance: Instance, first: VersionRecord
) -> None:
    agents = [agent.id for agent in instance.team.agents]
    keys = sorted(holders(first))
    chosen = data.draw(st.lists(st.sampled_from(agents), min_size=len(keys), max_size=len(keys)))
    duties = list(original_duties(dict(zip(keys, chosen, strict=True))).values())
    assert_round_trip([first, version(2, duties, T2)], instance)


@settings(max_examples=40, deadline=None)
@given(
    zone=st.sampled_from(["UTC", "Asia/Shanghai", "Europe/Berlin"]),
    start=st.sampled_from(["2026-03-23", "2026-10-19", "2026-11-30"]),
    cells=st.dictionaries(
        st.tuples(st.integers(0, 6), st.sampled_from(["E", "L", "N"]), st.integers(0, 1)),
        st.sampled_from(["a1", "a2", "a3"]),
        max_size=20,
    ),
)
def test_feeds_give_back_any_roster_of_a_tiny_team(
    zone: str, start: str, cells: dict[tuple[int, str, int], str]
) -> None:
    tiny = build_instance(timezone=zone, start=start, agents=("a1", "a2", "a3"))
    monday = tiny.horizon.start
    duties = [
        Duty(DutyKey(monday + dt.timedelta(days=day), shift, slot), holder, holder)
        for (day, shift, slot), holder in cells.items()
    ]
    assert_round_trip([version(1, duties, T1, team="tiny")], tiny)
