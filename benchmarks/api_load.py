"""Latency and throughput of the HTTP API on loopback: reading the current roster, filing a swap.

Starts ``roster serve`` on a fresh store (the helper of the server tests,
:mod:`tests.api.server`), then runs a load generator in a second process:
``--concurrency`` threads, each with its own keep-alive connection, send one
endpoint's requests back to back for ``--seconds``, then the next endpoint's.
Latency is measured in the generator from send to full response. Prints a
table and writes JSON (default ``benchmarks/results/api_load.json``).

    .venv/bin/python -m benchmarks.api_load --seconds 10 --concurrency 8
    .venv/bin/python -m benchmarks.api_load --database-url postgresql://postgres@127.0.0.1/roster_bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from benchmarks.loadgen import hammer
from tests.api.server import TEAM, Server, find_swap, prepare_store

RESULTS = Path(__file__).parent / "results"


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str
    who: str
    form: dict[str, str] | None = None


@dataclass(frozen=True)
class Measured:
    endpoint: str
    requests: int
    errors: dict[str, int]
    seconds: float
    throughput: float  # successful requests per second
    p50_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float


def run_phase(
    base_url: str, token: str, endpoint: Endpoint, seconds: float, concurrency: int
) -> Measured:
    """In the generator process: hit one endpoint from ``concurrency`` threads for ``seconds``."""
    headers = {"Authorization": f"Bearer {token}"}
    timing = hammer(
        lambda: httpx.Client(base_url=base_url, timeout=30, headers=headers),
        lambda client: client.request(endpoint.method, endpoint.path, data=endpoint.form),
        lambda status: 200 <= status < 300,
        warm_up=lambda client: client.get("/openapi.json"),
        seconds=seconds,
        concurrency=concurrency,
    )
    return Measured(
        endpoint=endpoint.name,
        requests=timing.requests,
        errors=timing.errors,
        seconds=timing.seconds,
        **timing.summary(),
    )


def table(results: list[Measured]) -> str:
    lines = [
        "| endpoint | requests | errors | throughput | p50 | p99 | max |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        errors = sum(r.errors.values())
        lines.append(
            f"| {r.endpoint} | {r.requests} | {errors} | {r.throughput:.0f} req/s "
            f"| {r.p50_ms:.1f} ms | {r.p99_ms:.1f} ms | {r.max_ms:.1f} ms |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per endpoint")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--database-url", help="an empty database (default: SQLite in a temp dir)")
    parser.add_argument("--out", type=Path, default=RESULTS / "api_load.json")
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.concurrency < 1:
        parser.error("--seconds must be positive and --concurrency at least 1")

    with tempfile.TemporaryDirectory(prefix="roster-bench-") as home:
        database_url = args.database_url or f"sqlite:///{Path(home) / 'roster.db'}"
        tokens = prepare_store(database_url)
        with Server(Path(home), args.database_url) as server:
            with httpx.Client(base_url=server.base_url, timeout=30) as client:
                holder, duty, counterpart, counterpart_duty = find_swap(client, tokens)
            form = {"duty": duty, "counterpart": counterpart,
                    "counterpart_duty": counterpart_duty, "channel": "chat", "note": "bench"}  # fmt: skip
            endpoints = [
                Endpoint(
                    "GET rosters/current", "GET", f"/api/v1/teams/{TEAM}/rosters/current", "lead"
                ),
                Endpoint("POST swaps (file)", "POST", f"/api/v1/teams/{TEAM}/swaps", holder, form),
            ]
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as generator:
                results = [
                    generator.submit(
                        run_phase, server.base_url, tokens[e.who], e, args.seconds,
                        args.concurrency,
                    ).result(timeout=args.seconds + 120)
                    for e in endpoints
                ]  # fmt: skip
            log_tail = server.log_tail(3)

    backend = "postgresql" if args.database_url else "sqlite"
    print(f"roster serve on loopback, {backend}, {args.concurrency} connections, "
          f"{args.seconds:g} s per endpoint, load generator in a second process")  # fmt: skip
    print(table(results))
    if any(r.errors for r in results):
        print(f"errors: { {r.endpoint: r.errors for r in results if r.errors} }\n{log_tail}")
    report = {
        "benchmark": "api_load",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "backend": backend,
        "seconds_per_endpoint": args.seconds,
        "concurrency": args.concurrency,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "results": [asdict(r) for r in results],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
