"""Agents' on and off requests (always soft, each at its own weight)."""

import datetime as dt

from scheduler.check import check
from scheduler.result import Penalty

MONDAY, TUESDAY, WEDNESDAY = (dt.date(2026, 11, 30) + dt.timedelta(days=d) for d in range(3))


def test_requests(make_instance, make_roster):
    requests = [
        {"agent": "a1", "date": "2026-11-30", "shift": "E", "want": "on", "weight": 1},
        {"agent": "a1", "date": "2026-12-01", "want": "on", "weight": 2},
        {"agent": "a1", "date": "2026-12-02", "shift": "L", "want": "off", "weight": 4},
        {"agent": "a2", "date": "2026-11-30", "want": "off", "weight": 8},
        {"agent": "a2", "date": "2026-12-01", "want": "off", "weight": 16},
        {"agent": "a2", "date": "2026-12-02", "shift": "N", "want": "off", "weight": 32},
    ]
    instance = make_instance({"requests": requests})
    # a1 wanted E Monday but works L (1); wanted any duty Tuesday and has N (granted);
    # wanted no L Wednesday and works L (4). a2 wanted Monday off and works E (8),
    # has Tuesday off (granted) and works E, not N, on Wednesday (granted).
    report = check(instance, make_roster(instance, a1="L N L", a2="E - E"))
    assert report.penalties == (
        Penalty("request.on", 1, 1, "a1", MONDAY, "E"),
        Penalty("request.off", 1, 4, "a1", WEDNESDAY, "L"),
        Penalty("request.off", 1, 8, "a2", MONDAY, None),
    )
    assert report.objective == 13
    assert report.feasible


def test_on_request_for_any_duty_not_granted(make_instance, make_roster):
    requests = [{"agent": "a2", "date": "2026-12-01", "want": "on", "weight": 3}]
    instance = make_instance({"requests": requests})
    report = check(instance, make_roster(instance, a1="- E"))
    assert report.penalties == (Penalty("request.on", 1, 3, "a2", TUESDAY, None),)
