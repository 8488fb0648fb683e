"""A server in a subprocess on 127.0.0.1 and a free port: started, waited for, stopped.

Shared by ``roster serve`` (tests/api/server.py) and Radicale
(tests/radicale_server.py). The process runs in a session of its own so that
stopping it also stops its children (the API's solve workers); every wait is
bounded and a failure quotes the tail of the server's log.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx

START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class LoopbackServer:
    """Subclasses say how to start (:meth:`command`) and when the server is ready."""

    label = "server"
    ready_path = "/"

    def __init__(self, home: Path, log_name: str) -> None:
        self.home = home
        self.log_path = home / log_name
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        raise NotImplementedError

    def environment(self) -> Mapping[str, str] | None:
        return None  # inherit ours

    def working_directory(self) -> Path | None:
        return None

    def is_ready(self, response: httpx.Response) -> bool:
        return True  # any HTTP answer means it listens

    def start(self, timeout: float = START_TIMEOUT) -> Self:
        """Start on a fresh free port and wait for it; retried once if the port was taken."""
        self.home.mkdir(parents=True, exist_ok=True)
        for attempt in range(2):
            self.port = free_port()
            with self.log_path.open("ab") as log:
                log.write(f"--- start on port {self.port} (attempt {attempt + 1})\n".encode())
                self.process = subprocess.Popen(
                    self.command(), cwd=self.working_directory(), env=self.environment(),
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                    start_new_session=True,
                )  # fmt: skip
            if self._wait_ready(timeout):
                return self
            self.stop()
            if "address already in use" not in self.log_tail().lower():
                break
        raise AssertionError(
            f"{self.label} did not answer within {timeout:.0f} s\n{self.log_tail()}"
        )

    def _wait_ready(self, timeout: float) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if self.is_ready(httpx.get(f"{self.base_url}{self.ready_path}", timeout=2)):
                    return True
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        return False

    def kill(self) -> None:
        """SIGKILL the server process alone, as a crash would, and reap it."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

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
            return f"(no {self.label} log)"
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
