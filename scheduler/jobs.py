"""Background solves: each job in its own worker process, watched by one thread.

The HTTP API must answer while a solve runs for a minute, so a solve never runs
on the caller's thread. :class:`SolveJobs` gives each job its own
``multiprocessing.Process``, started with the *spawn* method, and runs at most
``max_running`` of them at once; later jobs wait in a FIFO queue. One process
per job, rather than a ``ProcessPoolExecutor``, because a pool cannot cancel a
task that has started: here cancelling terminates the job's process, and a
crash (OR-Tools aborting, the kernel killing it) takes down only that job.
Spawn, never fork, because the parent runs threads (this monitor, the web
server's) and forking a threaded process can copy a held lock into the child;
a spawned child also starts with a clean OR-Tools and inherits no other job's
pipe, so the end of a pipe reliably means its child has gone. The child gets
the instance as its JSON dict, validates it again, solves, and sends throttled
progress snapshots (at most ten a second) and finally the result as plain
JSON (:func:`scheduler.export.roster_json`) through a one-way pipe. A daemon
thread in the parent waits on all pipes and process sentinels at once, updates
the job table, starts queued jobs when a slot frees, and marks a job failed,
with a short message rather than a traceback, when its child raises or dies.
Finished jobs are kept for a bounded time and count so memory stays bounded.
As with any spawn start, a script that submits jobs must guard its entry point
with ``if __name__ == "__main__":`` (the child imports the main module).
"""

from __future__ import annotations

import atexit
import builtins
import datetime as dt
import math
import multiprocessing
import os
import signal
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_for_ready
from multiprocessing.process import BaseProcess
from typing import Any

from scheduler.export import roster_json
from scheduler.instance import Instance, InstanceError, parse_instance
from scheduler.messages import text
from scheduler.problem import compile_problem
from scheduler.solve import Progress, solve

PROGRESS_INTERVAL_S = 0.1
"""The child sends at most one progress snapshot per interval (the latest one)."""

TERMINATE_GRACE_S = 1.0
"""How long a terminated (or finished) child may take to exit before it is killed."""

MAX_ERROR_CHARS = 1000

_IDLE_WAKE_S = 1.0  # the monitor looks at deadlines and old jobs at least this often


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


@dataclass(frozen=True)
class JobRecord:
    """A snapshot of one job; ``result`` is shared with the job table, treat it as read-only.

    ``elapsed_s`` counts from the start of the job's process (queueing is not
    included) and grows while the job runs. ``objective`` and ``best_bound`` are
    the best known so far, then the final ones; ``result`` is the roster as
    :func:`scheduler.export.roster_json` gives it, once the job is done.
    """

    id: str
    state: JobState
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    elapsed_s: float | None
    objective: float | None
    best_bound: float | None
    solutions: int
    result: dict[str, Any] | None
    error: str | None
    labels: dict[str, str]
    time_limit: float
    workers: int
    seed: int


@dataclass(eq=False)
class _Job:
    """The mutable entry behind the records; touched only under the manager's lock."""

    id: str
    labels: dict[str, str]
    instance_data: dict[str, Any] | None
    time_limit: float
    workers: int
    seed: int
    created_at: dt.datetime
    state: JobState = JobState.QUEUED
    started_at: dt.datetime | None = None
    started_clock: float | None = None
    finished_at: dt.datetime | None = None
    finished_clock: float | None = None
    objective: float | None = None
    best_bound: float | None = None
    solutions: int = 0
    result: dict[str, Any] | None = None
    error: str | None = None
    # From the moment the monitor claims a slot for the job until its process is reaped.
    holds_slot: bool = False
    process: BaseProcess | None = None
    connection: Connection | None = None
    kill_at: float | None = None

    def snapshot(self, now: float) -> JobRecord:
        elapsed = None
        if self.started_clock is not None:
            end = self.finished_clock if self.finished_clock is not None else now
            elapsed = max(0.0, end - self.started_clock)
        return JobRecord(
            id=self.id,
            state=self.state,
            created_at=self.created_at,
            started_at=self.started_at,
            finished_at=self.finished_at,
            elapsed_s=elapsed,
            objective=self.objective,
            best_bound=self.best_bound,
            solutions=self.solutions,
            result=self.result,
            error=self.error,
            labels=dict(self.labels),
            time_limit=self.time_limit,
            workers=self.workers,
            seed=self.seed,
        )

    @property
    def settled(self) -> bool:
        """Finished and its process gone: nothing about the job changes any more."""
        return self.state.finished and not self.holds_slot


class SolveJobs:
    """Runs solves in background processes, at most ``max_running`` at once.

    All methods are thread-safe and return quickly (``wait`` and ``cancel``
    block only as documented). ``keep_finished`` and ``keep_for_s`` bound how
    many finished jobs are kept and for how long; older ones are forgotten
    (``get`` then raises ``KeyError``). :meth:`shutdown` runs at interpreter
    exit too.
    """

    def __init__(
        self, max_running: int = 2, *, keep_finished: int = 200, keep_for_s: float = 3600.0
    ) -> None:
        if max_running < 1:
            raise ValueError("max_running must be at least 1")
        if keep_finished < 0:
            raise ValueError("keep_finished must not be negative")
        if not keep_for_s >= 0:
            raise ValueError("keep_for_s must not be negative")
        self.max_running = max_running
        self._keep_finished = keep_finished
        self._keep_for_s = keep_for_s
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._jobs: dict[str, _Job] = {}  # in submission order
        self._queue: deque[_Job] = deque()
        self._active: dict[str, _Job] = {}  # jobs holding a slot
        self._finished: OrderedDict[str, _Job] = OrderedDict()  # in finishing order
        self._closed = False
        # The monitor sleeps in connection.wait(); a byte on this pipe wakes it.
        self._wake_reader, self._wake_writer = multiprocessing.Pipe(duplex=False)
        self._wake_pending = False
        self._monitor = threading.Thread(target=self._watch, name="solve-jobs", daemon=True)
        self._monitor.start()
        atexit.register(self.shutdown)

    def __enter__(self) -> SolveJobs:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.shutdown()

    # -- the public operations ------------------------------------------------

    def submit(
        self,
        instance: Instance,
        *,
        time_limit: float = 10.0,
        workers: int = 2,
        seed: int = 0,
        labels: Mapping[str, str] | None = None,
    ) -> JobRecord:
        """Queue a solve of ``instance``; it starts as soon as a slot is free."""
        if not (math.isfinite(time_limit) and time_limit > 0):
            raise ValueError("time_limit must be a positive number of seconds")
        if workers < 1:
            raise ValueError("workers must be at least 1")
        job = _Job(
            id=uuid.uuid4().hex,
            labels=dict(labels or {}),
            instance_data=instance.model_dump(mode="json"),
            time_limit=float(time_limit),
            workers=workers,
            seed=seed,
            created_at=_now(),
        )
        with self._lock:
            if self._closed:
                raise RuntimeError("the solve jobs are shut down")
            self._jobs[job.id] = job
            self._queue.append(job)
            self._wake()
            return job.snapshot(time.monotonic())

    def get(self, job_id: str) -> JobRecord:
        """The job's current state; ``KeyError`` when unknown or forgotten."""
        with self._lock:
            return self._find(job_id).snapshot(time.monotonic())

    def list(self) -> builtins.list[JobRecord]:
        """Every job still kept, in submission order."""
        with self._lock:
            now = time.monotonic()
            return [job.snapshot(now) for job in self._jobs.values()]

    def cancel(self, job_id: str) -> JobRecord:
        """Cancel a queued or running job; a finished job is left as it is.

        A running job's process is terminated (killed if it has not exited
        after :data:`TERMINATE_GRACE_S`); this returns once it is gone.
        """
        with self._changed:
            job = self._find(job_id)
            if job.state is JobState.QUEUED:
                self._queue.remove(job)
                self._finish(job, JobState.CANCELLED)
            elif job.state is JobState.RUNNING:
                self._finish(job, JobState.CANCELLED)
                self._stop_process(job)
                self._wake()
            self._changed.wait_for(lambda: not job.holds_slot, timeout=TERMINATE_GRACE_S + 2.0)
            return job.snapshot(time.monotonic())

    def wait(
        self,
        job_id: str,
        timeout: float | None = None,
        *,
        until: Callable[[JobRecord], bool] | None = None,
    ) -> JobRecord:
        """Block until the job is finished and its process gone, or ``until(record)`` holds.

        Returns the latest record, also when ``timeout`` seconds pass first
        (check its ``state``).
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._changed:
            job = self._find(job_id)
            while True:
                now = time.monotonic()
                record = job.snapshot(now)
                if job.settled or (until is not None and until(record)):
                    return record
                if deadline is not None and now >= deadline:
                    return record
                self._changed.wait(None if deadline is None else deadline - now)

    def shutdown(self) -> None:
        """Cancel every queued and running job and wait for their processes; idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            while self._queue:
                self._finish(self._queue.popleft(), JobState.CANCELLED, text("jobs.shut_down"))
            for job in self._active.values():
                if job.state is JobState.RUNNING:
                    self._finish(job, JobState.CANCELLED, text("jobs.shut_down"))
                self._stop_process(job)
            self._wake()
        if threading.current_thread() is not self._monitor:
            self._monitor.join(timeout=TERMINATE_GRACE_S + 5.0)
        with self._lock:
            # Only if the monitor got stuck: do its last duty here.
            for job in builtins.list(self._active.values()):
                if job.process is not None:
                    job.process.kill()
                    job.process.join(timeout=1.0)
        self._wake_reader.close()
        self._wake_writer.close()
        atexit.unregister(self.shutdown)

    # -- under the lock -------------------------------------------------------

    def _find(self, job_id: str) -> _Job:
        job = self._jobs.get(job_id)
        if job is None:
            raise KeyError(text("jobs.unknown", id=job_id))
        return job

    def _wake(self) -> None:
        # At most one byte in flight: the monitor clears the flag before it looks at the table.
        if not self._wake_pending:
            self._wake_pending = True
            self._wake_writer.send_bytes(b"")

    def _finish(self, job: _Job, state: JobState, error: str | None = None) -> None:
        job.state = state
        job.error = error
        job.finished_at = _now()
        job.finished_clock = time.monotonic()
        job.instance_data = None
        self._finished[job.id] = job
        self._prune(job.finished_clock)
        self._changed.notify_all()

    def _stop_process(self, job: _Job) -> None:
        """Terminate the job's process if it has one yet (the monitor checks after starting it)."""
        if job.process is not None and job.kill_at is None:
            job.process.terminate()
            job.kill_at = time.monotonic() + TERMINATE_GRACE_S

    def _prune(self, now: float) -> None:
        while self._finished:
            oldest_id, oldest = next(iter(self._finished.items()))
            assert oldest.finished_clock is not None
            too_many = len(self._finished) > self._keep_finished
            too_old = now - oldest.finished_clock > self._keep_for_s
            if not (too_many or too_old):
                break
            del self._finished[oldest_id]
            self._jobs.pop(oldest_id, None)

    def _apply(self, job: _Job, message: tuple[Any, ...]) -> None:
        """A message from the child; anything after the job finished (cancelled) is ignored."""
        if job.state is not JobState.RUNNING:
            return
        kind = message[0]
        if kind == "progress":
            _, _, objective, bound, solutions = message
            job.objective = objective
            job.best_bound = bound
            job.solutions = solutions
            self._changed.notify_all()
        elif kind == "result":
            result: dict[str, Any] = message[1]
            job.result = result
            job.objective = _float_or_none(result.get("objective"))
            job.best_bound = _float_or_none(result.get("best_bound"))
            self._finish(job, JobState.DONE)
            job.kill_at = time.monotonic() + TERMINATE_GRACE_S
        elif kind == "error":
            self._finish(job, JobState.FAILED, str(message[1]))
            job.kill_at = time.monotonic() + TERMINATE_GRACE_S

    # -- the monitor thread -----------------------------------------------------

    def _watch(self) -> None:
        while True:
            with self._lock:
                self._wake_pending = False
                if self._closed and not self._active:
                    return
                now = time.monotonic()
                self._prune(now)
                timeout = self._kill_overdue(now)
                launches = self._claim_slots(now)
                connections = {
                    job.connection: job
                    for job in self._active.values()
                    if job.connection is not None
                }
                sentinels = {
                    job.process.sentinel: job
                    for job in self._active.values()
                    if job.process is not None
                }
            if launches:
                for job, payload in launches:
                    self._launch(job, payload)
                continue  # watch the new processes too
            ready = wait_for_ready([self._wake_reader, *connections, *sentinels], timeout)
            for item in ready:
                if item is self._wake_reader:
                    while self._wake_reader.poll():
                        self._wake_reader.recv_bytes()
                elif item in connections:
                    self._drain(connections[item])
            for item in ready:
                if item in sentinels:
                    self._reap(sentinels[item])

    def _kill_overdue(self, now: float) -> float:
        """Kill children past their grace period; the time until the next deadline."""
        timeout = _IDLE_WAKE_S
        for job in self._active.values():
            if job.kill_at is None or job.process is None:
                continue
            if now >= job.kill_at:
                job.process.kill()
                job.kill_at = math.inf
            else:
                timeout = min(timeout, job.kill_at - now)
        return timeout

    def _claim_slots(self, now: float) -> builtins.list[tuple[_Job, dict[str, Any]]]:
        launches = []
        while self._queue and len(self._active) < self.max_running and not self._closed:
            job = self._queue.popleft()
            assert job.instance_data is not None
            job.state = JobState.RUNNING
            job.started_at = _now()
            job.started_clock = now
            job.holds_slot = True
            self._active[job.id] = job
            launches.append((job, job.instance_data))
        if launches:
            self._changed.notify_all()
        return launches

    def _launch(self, job: _Job, instance_data: dict[str, Any]) -> None:
        """Start the job's process, outside the lock: spawning takes a few milliseconds."""
        reader, writer = multiprocessing.Pipe(duplex=False)
        process = self._context.Process(
            target=_run_job,
            args=(writer, instance_data, job.time_limit, job.workers, job.seed),
            name=f"solve-job-{job.id}",
            daemon=True,
        )
        try:
            process.start()
        except Exception as error:
            reader.close()
            writer.close()
            with self._lock:
                if job.state is JobState.RUNNING:
                    reason = _clip(text("jobs.start_failed", reason=_reason(error)))
                    self._finish(job, JobState.FAILED, reason)
                self._release(job)
            return
        writer.close()  # the child holds the only writing end: its exit ends the pipe
        with self._lock:
            job.process = process
            job.connection = reader
            job.instance_data = None
            if job.state is not JobState.RUNNING:  # cancelled while it was starting
                self._stop_process(job)

    def _drain(self, job: _Job) -> None:
        """Read whatever the child has sent (the monitor is the only reader)."""
        connection = job.connection
        if connection is None:
            return
        messages: builtins.list[tuple[Any, ...]] = []
        ended = False
        try:
            while connection.poll():
                messages.append(connection.recv())
        except Exception:  # EOFError at the end; anything else is a broken pipe too
            ended = True
        with self._lock:
            for message in messages:
                self._apply(job, message)
            if ended:
                connection.close()
                job.connection = None

    def _reap(self, job: _Job) -> None:
        process = job.process
        assert process is not None
        self._drain(job)  # a result may have arrived just before the exit
        process.join()
        with self._lock:
            if job.connection is not None:
                job.connection.close()
                job.connection = None
            if job.state is JobState.RUNNING:
                reason = text("jobs.process_died", code=process.exitcode)
                self._finish(job, JobState.FAILED, reason)
            process.close()
            self._release(job)

    def _release(self, job: _Job) -> None:
        job.process = None
        job.kill_at = None
        job.holds_slot = False
        self._active.pop(job.id, None)
        self._changed.notify_all()
        self._wake()  # a slot is free: start the next queued job


# -- the child process ----------------------------------------------------------


def _run_job(
    connection: Connection,
    instance_data: dict[str, Any],
    time_limit: float,
    workers: int,
    seed: int,
) -> None:
    """Solve in the child and send progress, then ``("result", json)`` or ``("error", text)``."""
    # Ctrl-C in a terminal reaches the whole process group; the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    sender = _ProgressSender(connection)
    message: tuple[str, Any]
    try:
        instance = parse_instance(instance_data, str(instance_data.get("name") or "instance"))
        result = solve(
            instance,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            on_progress=sender.update,
        )
        message = ("result", roster_json(result, compile_problem(instance)))
    except InstanceError as error:
        message = ("error", _clip(error.describe()))
    except Exception as error:
        message = ("error", _clip(text("jobs.solve_failed", reason=_reason(error))))
    sender.stop()
    try:
        connection.send(message)
    except OSError:
        pass  # the parent is gone: nobody wants the answer
    finally:
        connection.close()


def _exit_with_parent() -> None:
    """Stop the solve if the parent dies (even by SIGKILL) instead of finishing it for nobody."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def exit_when_gone() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=exit_when_gone, name="parent-watch", daemon=True).start()


class _ProgressSender:
    """Forwards the latest progress snapshot at most once per :data:`PROGRESS_INTERVAL_S`.

    CP-SAT calls back from its worker threads, possibly many times a second;
    a thread of our own sends, so the last snapshot of a burst is not lost.
    """

    def __init__(self, connection: Connection, interval: float = PROGRESS_INTERVAL_S) -> None:
        self._connection = connection
        self._interval = interval
        self._latest: Progress | None = None
        self._stopped = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._send, name="progress", daemon=True)
        self._thread.start()

    def update(self, progress: Progress) -> None:
        with self._condition:
            self._latest = progress
            self._condition.notify_all()

    def stop(self) -> None:
        with self._condition:
            self._stopped = True
            self._condition.notify_all()
        self._thread.join()

    def _send(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._stopped or self._latest is not None)
                if self._stopped:
                    return
                progress, self._latest = self._latest, None
            assert progress is not None
            try:
                self._connection.send(
                    (
                        "progress",
                        progress.wall_time_s,
                        progress.objective,
                        progress.best_bound,
                        progress.solutions,
                    )
                )
            except OSError:
                return
            with self._condition:
                self._condition.wait_for(lambda: self._stopped, timeout=self._interval)


# -- small helpers -------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _float_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


def _reason(error: BaseException) -> str:
    """The error's kind and first line: enough to act on, no traceback."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__


def _clip(message: str) -> str:
    if len(message) <= MAX_ERROR_CHARS:
        return message
    return message[: MAX_ERROR_CHARS - 1] + "…"
