"""Calendar feeds on loopback: ``GET /feeds/{token}.ics`` with and without ``If-None-Match``, next to Radicale.

One run starts ``roster serve`` on a fresh store with the default team
published (the helper of the server tests, :mod:`tests.api.server`) and a
Radicale CalDAV server (:mod:`tests.radicale_server`). It makes a feed token
for one agent, downloads that agent's feed and PUTs the same bytes into
Radicale as a calendar collection, so both servers hold the same calendar.
Then a load generator in a second process (as in :mod:`benchmarks.api_load`:
``--concurrency`` threads, one keep-alive connection each, ``--seconds`` per
target, one target after the other) sends GETs to: our feed (200 with the
body), our feed with the current ``If-None-Match`` (304, no body), Radicale's
export of the collection (``GET`` on the calendar's URL, 200 with the
``.ics``) and, when Radicale answers it with 304, the same with its ETag.
Latency is measured in the generator from send to full response. Prints a
table and writes JSON (default ``benchmarks/results/feeds_load.json``).

    .venv/bin/python -m benchmarks.feeds_load --seconds 10 --concurrency 4
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import multiprocessing
import os
import platform
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

import httpx
from icalendar import Calendar

from benchmarks.loadgen import hammer
from scheduler.store import open_store
from tests.api.server import TEAM, Server, prepare_store
from tests.radicale_server import USER, Radicale

RESULTS = Path(__file__).parent / "results"
AGENT = "a1"


@dataclass(frozen=True)
class Target:
    name: str
    url: str
    headers: dict[str, str]
    expect: int  # the status every answer should have; anything else is an error


@dataclass(frozen=True)
class Measured:
    target: str
    expect: int
    requests: int
    errors: dict[str, int]
    body_bytes: int  # of one expected answer
    seconds: float
    throughput: float  # expected answers per second
    p50_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float


def run_phase(target: Target, seconds: float, concurrency: int) -> Measured:
    """In the generator process: GET ``target`` from ``concurrency`` threads for ``seconds``."""
    sizes: list[int] = []

    def warm_up(client: httpx.Client) -> None:
        sizes.append(len(client.get(target.url).content))

    timing = hammer(
        lambda: httpx.Client(timeout=30, headers=target.headers),
        lambda client: client.get(target.url),
        lambda status: status == target.expect,
        warm_up=warm_up,
        seconds=seconds,
        concurrency=concurrency,
    )
    return Measured(
        target=target.name,
        expect=target.expect,
        requests=timing.requests,
        errors=timing.errors,
        body_bytes=max(sizes, default=0),
        seconds=timing.seconds,
        **timing.summary(),
    )


def table(results: list[Measured]) -> str:
    lines = [
        "| target | status | body | requests | errors | throughput | p50 | p99 | max |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.target} | {r.expect} | {r.body_bytes} B | {r.requests} "
            f"| {sum(r.errors.values())} | {r.throughput:.0f} req/s "
            f"| {r.p50_ms:.1f} ms | {r.p99_ms:.1f} ms | {r.max_ms:.1f} ms |"
        )
    return "\n".join(lines)


def event_uids(body: bytes) -> set[str]:
    return {str(event["uid"]) for event in Calendar.from_ical(body).walk("VEVENT")}


def feed_secret(database_url: str) -> str:
    store = open_store(database_url)
    try:
        return store.create_feed_token(TEAM, agent=AGENT)[0]
    finally:
        store.close()


def targets(server: Server, radicale: Radicale, secret: str) -> tuple[list[Target], list[str], int]:
    """The targets once Radicale holds the agent's feed; notes on what was left out; its events."""
    feed_url = f"{server.base_url}/feeds/{secret}.ics"
    feed = httpx.get(feed_url, timeout=30)
    feed.raise_for_status()
    etag = feed.headers["ETag"]
    if httpx.get(feed_url, headers={"If-None-Match": etag}, timeout=30).status_code != 304:
        raise AssertionError("the feed does not answer its own ETag with 304")

    calendar_url = f"{radicale.user_url}{AGENT}/"
    # Authentication "none": any password, the user name picks the owner.
    credentials = base64.b64encode(f"{USER}:unused".encode()).decode()
    auth_header = {"Authorization": f"Basic {credentials}"}
    put = httpx.put(
        calendar_url, content=feed.content, timeout=30,
        headers={**auth_header, "Content-Type": "text/calendar; charset=utf-8"},
    )  # fmt: skip
    if put.status_code not in (201, 204):
        raise AssertionError(f"radicale refused the feed: {put.status_code} {put.text[:300]}")
    export = httpx.get(calendar_url, headers=auth_header, timeout=30)
    export.raise_for_status()
    if event_uids(export.content) != event_uids(feed.content):
        raise AssertionError("radicale's export holds other events than the feed")

    chosen = [
        Target("roster feed", feed_url, {}, 200),
        Target("roster feed, If-None-Match", feed_url, {"If-None-Match": etag}, 304),
        Target("radicale calendar GET", calendar_url, auth_header, 200),
    ]
    notes = []
    radicale_etag = export.headers.get("ETag")
    conditional = {**auth_header, "If-None-Match": radicale_etag or '"none"'}
    answer = httpx.get(calendar_url, headers=conditional, timeout=30).status_code
    if radicale_etag and answer == 304:
        chosen.append(
            Target("radicale calendar GET, If-None-Match", calendar_url, conditional, 304)
        )
    else:
        notes.append(
            f"radicale answers a collection GET with If-None-Match of its ETag "
            f"({radicale_etag}) with {answer}, not 304: no conditional Radicale target"
        )
    return chosen, notes, len(event_uids(feed.content))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per target")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--out", type=Path, default=RESULTS / "feeds_load.json")
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.concurrency < 1:
        parser.error("--seconds must be positive and --concurrency at least 1")

    with tempfile.TemporaryDirectory(prefix="roster-feeds-bench-") as home:
        database_url = f"sqlite:///{Path(home) / 'roster.db'}"
        prepare_store(database_url)
        secret = feed_secret(database_url)
        with Server(Path(home)) as server, Radicale(Path(home) / "radicale") as radicale:
            chosen, notes, events = targets(server, radicale, secret)
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as generator:
                results = [
                    generator.submit(run_phase, t, args.seconds, args.concurrency).result(
                        timeout=args.seconds + 120
                    )
                    for t in chosen
                ]
            log_tails = f"{server.log_tail(3)}\n{radicale.log_tail(3)}"

    print(f"agent {AGENT}'s feed ({events} events) on loopback, roster serve (SQLite) and "
          f"Radicale {version('radicale')}, {args.concurrency} connections, {args.seconds:g} s "
          f"per target, load generator in a second process")  # fmt: skip
    print(table(results))
    for note in notes:
        print(f"note: {note}")
    if any(r.errors for r in results):
        print(f"errors: { {r.target: r.errors for r in results if r.errors} }\n{log_tails}")
    report = {
        "benchmark": "feeds_load",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "agent": AGENT,
        "events": events,
        "seconds_per_target": args.seconds,
        "concurrency": args.concurrency,
        "cpus": os.cpu_count(),
        "load_average_after": [round(load, 2) for load in os.getloadavg()],
        "python": platform.python_version(),
        "radicale": version("radicale"),
        "notes": notes,
        "results": [asdict(r) for r in results],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
