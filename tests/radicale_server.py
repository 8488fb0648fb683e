"""A real Radicale CalDAV server on a free loopback port, for the CalDAV tests and the feed benchmark.

:class:`Radicale` runs ``python -m radicale`` from this interpreter in a
subprocess of its own session, with its storage in a folder of its own,
authentication ``none`` (any user name is accepted, so a client that sends
user ``roster`` owns ``/roster/``), no configuration file and logging at
``warning``. It waits until the server answers and stops it with SIGTERM,
then SIGKILL; every wait is bounded and fails with the tail of its log.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx

from tests.api.server import free_port

START_TIMEOUT = 30.0
USER = "roster"


class Radicale:
    """``python -m radicale`` storing under ``home`` on ``127.0.0.1`` and a free port."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.storage = home / "collections"
        self.log_path = home / "radicale.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def user_url(self) -> str:
        """The collection of :data:`USER`, where its calendars live."""
        return f"{self.base_url}/{USER}/"

    def _command(self) -> list[str]:
        return [
            sys.executable, "-m", "radicale",
            "--config", "",  # no system or user configuration file
            "--server-hosts", f"127.0.0.1:{self.port}",
            "--auth-type", "none",
            "--rights-type", "owner_only",
            "--storage-filesystem-folder", str(self.storage),
            "--logging-level", "warning",
        ]  # fmt: skip

    def start(self, timeout: float = START_TIMEOUT) -> Radicale:
        """Start on a fresh free port and wait for an answer; retried once if the port was taken."""
        self.home.mkdir(parents=True, exist_ok=True)
        for attempt in range(2):
            self.port = free_port()
            with self.log_path.open("ab") as log:
                log.write(f"--- start on port {self.port} (attempt {attempt + 1})\n".encode())
                self.process = subprocess.Popen(
                    self._command(), stdout=log, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, start_new_session=True,
                )  # fmt: skip
            if self._wait_ready(timeout):
                return self
            self.stop()
            if "address already in use" not in self.log_tail().lower():
                break
        raise AssertionError(f"radicale did not answer within {timeout:.0f} s\n{self.log_tail()}")

    def _wait_ready(self, timeout: float) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                # Any HTTP answer means it listens; "/" redirects to its web interface.
                httpx.get(f"{self.base_url}/", timeout=2)
                return True
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        return False

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM the server's process group, SIGKILL after ``timeout``."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return "(no radicale log)"
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> Radicale:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
