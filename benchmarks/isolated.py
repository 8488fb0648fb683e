"""Running one benchmark case alone in a fresh spawned process.

The peak memory a case reports is then its own, and a case that raises, dies
or hangs becomes an ``error`` record instead of stopping the whole run. Used
by the Curtois & Qu runner and the scale benchmark.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import signal
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

Record = dict[str, Any]


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (``ru_maxrss`` is in KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _child(
    connection: Connection, run: Callable[..., Record], args: tuple[Any, ...], options: Record
) -> None:
    try:
        record = run(*args, **options)
    except BaseException as error:  # the parent records it and goes on
        record = {
            "error": f"{type(error).__name__}: {error}".splitlines()[0],
            "traceback": traceback.format_exc(),
        }
    connection.send(record)
    connection.close()


def run_isolated(
    run: Callable[..., Record], *args: Any, stuck_after_s: float, **options: Any
) -> Record:
    """``run(*args, **options)`` (a module-level function) in a fresh spawned process.

    A child with no answer after ``stuck_after_s`` is killed; one that dies is
    reported with its exit code or signal.
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, run, args, options), daemon=True)
    process.start()
    sender.close()  # so that the child's death reads as end of file here
    record: Record
    try:
        if receiver.poll(stuck_after_s):
            record = receiver.recv()
        else:
            process.kill()
            record = {"error": f"no answer after {stuck_after_s:.0f} s, killed"}
    except EOFError:
        record = {}
    process.join()
    if not record:
        code = process.exitcode
        cause = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit code {code}"
        record = {"error": f"child process died ({cause})"}
    return record


def positive_list(text: str) -> list[int]:
    """An argparse type: ``"1,2,3"`` -> ``[1, 2, 3]``, sorted, each at least 1."""
    try:
        numbers = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list") from None
    if not numbers or min(numbers) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give whole numbers of at least 1")
    return sorted(set(numbers))
