"""SolveJobs: background solves in worker processes, their progress, queue, cancel and failures.

The default instance solves to its proven optimum in about 0.2 s; the policy
literal one does not prove optimality within seconds, so it stands in for a
long solve that can be watched and cancelled. No test sleeps: they block in
``wait(..., until=...)`` on the manager's own notifications.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scheduler.instance import Instance, load_instance
from scheduler.jobs import JobRecord, JobState, SolveJobs, _ProgressSender
from scheduler.messages import text
from scheduler.solve import Progress

INSTANCES = Path(__file__).parents[1] / "instances"
LONG = 30.0  # a time limit no test waits for: long solves are cancelled or shut down


@pytest.fixture(scope="module")
def default_instance() -> Instance:
    return load_instance(INSTANCES / "four-agents.yaml")


@pytest.fixture(scope="module")
def long_instance() -> Instance:
    return load_instance(INSTANCES / "four-agents-policy-literal.yaml")


@pytest.fixture
def jobs() -> Iterator[SolveJobs]:
    manager = SolveJobs(max_running=2)
    yield manager
    manager.shutdown()


def _has_progress(record: JobRecord) -> bool:
    return record.objective is not None and record.best_bound is not None


def _is_running(record: JobRecord) -> bool:
    return record.state is JobState.RUNNING


def _child_pid(job_id: str) -> int:
    (child,) = [p for p in multiprocessing.active_children() if p.name == f"solve-job-{job_id}"]
    assert child.pid is not None
    return child.pid


def test_a_job_solves_to_the_proven_optimum(jobs: SolveJobs, default_instance: Instance) -> None:
    submitted = jobs.submit(default_instance, time_limit=30, workers=2, labels={"team": "cs-1"})
    assert submitted.state is JobState.QUEUED
    assert len(submitted.id) == 32

    record = jobs.wait(submitted.id, timeout=15)

    # The same optimum as tests/test_solve.py: 600, with all 63 duties of three weeks.
    assert record.state is JobState.DONE
    assert record.error is None
    assert record.objective == 600
    assert record.best_bound == 600
    assert record.result is not None
    assert record.result["status"] == "OPTIMAL"
    assert record.result["objective"] == 600
    assert len(record.result["assignments"]) == 63
    assert record.labels == {"team": "cs-1"}
    assert record.started_at is not None and record.finished_at is not None
    assert record.created_at <= record.started_at <= record.finished_at
    assert record.elapsed_s is not None and record.elapsed_s > 0
    assert jobs.get(submitted.id) == record
    assert [job.id for job in jobs.list()] == [submitted.id]


def test_progress_is_visible_while_running(jobs: SolveJobs, long_instance: Instance) -> None:
    job = jobs.submit(long_instance, time_limit=LONG, workers=2)

    record = jobs.wait(job.id, timeout=15, until=_has_progress)

    assert record.state is JobState.RUNNING
    assert record.objective is not None and record.best_bound is not None
    assert record.best_bound <= record.objective
    assert record.solutions >= 1
    assert record.result is None
    # The elapsed time is live while the job runs.
    later = jobs.wait(job.id, timeout=0.05)
    assert later.elapsed_s is not None and record.elapsed_s is not None
    assert later.elapsed_s > record.elapsed_s


def test_cancel_stops_a_running_job_promptly(jobs: SolveJobs, long_instance: Instance) -> None:
    job = jobs.submit(long_instance, time_limit=LONG, workers=2)
    jobs.wait(job.id, timeout=15, until=_has_progress)
    pid = _child_pid(job.id)

    started = time.perf_counter()
    record = jobs.cancel(job.id)
    took = time.perf_counter() - started

    assert record.state is JobState.CANCELLED
    assert took < 2.0
    assert record.finished_at is not None and record.result is None
    assert multiprocessing.active_children() == []
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    # Cancelling a finished job leaves it as it is.
    assert jobs.cancel(job.id) == jobs.get(job.id)


def test_jobs_beyond_max_running_wait_in_order(
    default_instance: Instance, long_instance: Instance
) -> None:
    with SolveJobs(max_running=1) as jobs:
        first = jobs.submit(long_instance, time_limit=LONG, workers=1)
        second = jobs.submit(default_instance, time_limit=30, workers=1)
        jobs.wait(first.id, timeout=15, until=_has_progress)

        assert jobs.get(second.id).state is JobState.QUEUED
        assert jobs.get(second.id).elapsed_s is None

        jobs.cancel(first.id)
        done = jobs.wait(second.id, timeout=15)

        ended = jobs.get(first.id).finished_at
        assert done.state is JobState.DONE
        assert done.started_at is not None and ended is not None
        assert done.started_at >= ended


def test_cancel_removes_a_queued_job(default_instance: Instance, long_instance: Instance) -> None:
    with SolveJobs(max_running=1) as jobs:
        running = jobs.submit(long_instance, time_limit=LONG, workers=1)
        queued = jobs.submit(default_instance, time_limit=30, workers=1)
        jobs.wait(running.id, timeout=15, until=_is_running)

        record = jobs.cancel(queued.id)

        assert record.state is JobState.CANCELLED
        assert record.started_at is None and record.elapsed_s is None
        assert jobs.get(running.id).state is JobState.RUNNING


def test_an_invalid_instance_fails_in_the_child_with_a_short_message(
    jobs: SolveJobs, default_instance: Instance
) -> None:
    # model_copy does not validate: the duplicate id is found by the child's parse_instance.
    shift = default_instance.shift_types[0]
    broken = default_instance.model_copy(update={"shift_types": [shift, shift]})

    record = jobs.wait(jobs.submit(broken, time_limit=5).id, timeout=15)

    assert record.state is JobState.FAILED
    assert record.error is not None
    assert "four-agents is not a valid instance" in record.error
    assert "used twice" in record.error
    assert "Traceback" not in record.error
    assert record.result is None


def test_a_child_that_dies_fails_its_job(jobs: SolveJobs, long_instance: Instance) -> None:
    job = jobs.submit(long_instance, time_limit=LONG, workers=1)
    jobs.wait(job.id, timeout=15, until=_has_progress)

    os.kill(_child_pid(job.id), signal.SIGKILL)
    record = jobs.wait(job.id, timeout=5)

    assert record.state is JobState.FAILED
    assert record.error == text("jobs.process_died", code=-signal.SIGKILL)


def test_the_parent_stays_responsive_during_a_solve(
    jobs: SolveJobs, long_instance: Instance
) -> None:
    job = jobs.submit(long_instance, time_limit=LONG, workers=2)
    jobs.wait(job.id, timeout=15, until=_has_progress)

    slowest = 0.0
    for _ in range(200):
        started = time.perf_counter()
        jobs.get(job.id)
        jobs.list()
        slowest = max(slowest, time.perf_counter() - started)

    assert slowest < 0.02
    assert jobs.get(job.id).state is JobState.RUNNING


def test_shutdown_cancels_everything_and_leaves_no_process(
    default_instance: Instance, long_instance: Instance
) -> None:
    jobs = SolveJobs(max_running=2)
    running = [jobs.submit(long_instance, time_limit=LONG, workers=1) for _ in range(2)]
    queued = jobs.submit(default_instance, time_limit=30)
    for job in running:
        jobs.wait(job.id, timeout=15, until=_is_running)

    jobs.shutdown()
    jobs.shutdown()  # idempotent

    assert multiprocessing.active_children() == []
    for job in [*running, queued]:
        record = jobs.get(job.id)
        assert record.state is JobState.CANCELLED
        assert record.error == text("jobs.shut_down")
    with pytest.raises(RuntimeError):
        jobs.submit(default_instance)


def test_finished_jobs_are_kept_up_to_a_bound(
    default_instance: Instance, long_instance: Instance
) -> None:
    with SolveJobs(max_running=1, keep_finished=2) as jobs:
        jobs.submit(long_instance, time_limit=LONG, workers=1)
        cancelled = [jobs.cancel(jobs.submit(default_instance).id) for _ in range(3)]

        kept = {record.id for record in jobs.list()}

        assert cancelled[0].id not in kept
        assert {cancelled[1].id, cancelled[2].id} <= kept
        with pytest.raises(KeyError):
            jobs.get(cancelled[0].id)


def test_bad_parameters_and_unknown_ids(jobs: SolveJobs, default_instance: Instance) -> None:
    with pytest.raises(ValueError, match="time_limit"):
        jobs.submit(default_instance, time_limit=0)
    with pytest.raises(ValueError, match="time_limit"):
        jobs.submit(default_instance, time_limit=float("nan"))
    with pytest.raises(ValueError, match="workers"):
        jobs.submit(default_instance, workers=0)
    with pytest.raises(ValueError, match="max_running"):
        SolveJobs(max_running=0)
    for operation in (jobs.get, jobs.cancel, jobs.wait):
        with pytest.raises(KeyError):
            operation("no-such-job")
    assert jobs.list() == []


def test_progress_is_throttled_to_the_latest_snapshot_per_interval() -> None:
    reader, writer = multiprocessing.Pipe(duplex=False)
    sender = _ProgressSender(writer, interval=0.1)
    sender.update(Progress(0.0, 1.0, 0.0, 1))
    assert reader.poll(5)
    first_at = time.perf_counter()
    first = reader.recv()
    for count in range(2, 1001):
        sender.update(Progress(0.0, float(count), 0.0, count))

    received = []
    while reader.poll(0.5):
        received.append((time.perf_counter(), reader.recv()))
    sender.stop()

    # The first snapshot goes out at once; the next 999 collapse into the last one,
    # sent when the interval has passed.
    assert first == ("progress", 0.0, 1.0, 0.0, 1)
    assert 1 <= len(received) <= 2  # two only if the burst itself outlasted an interval
    assert received[-1][1] == ("progress", 0.0, 1000.0, 0.0, 1000)
    assert received[0][0] - first_at >= 0.09
