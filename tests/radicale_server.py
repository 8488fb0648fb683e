"""A real Radicale CalDAV server on a free loopback port, for the CalDAV tests and the feed benchmark.

:class:`Radicale` runs ``python -m radicale`` from this interpreter in a
subprocess of its own session, with its storage in a folder of its own,
authentication ``none`` (any user name is accepted, so a client that sends
user ``roster`` owns ``/roster/``), no configuration file and logging at
``warning``. It waits until the server answers and stops it with SIGTERM,
then SIGKILL; every wait is bounded and fails with the tail of its log.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.loopback import LoopbackServer

USER = "roster"


class Radicale(LoopbackServer):
    """``python -m radicale`` storing under ``home`` on ``127.0.0.1`` and a free port."""

    label = "radicale"

    def __init__(self, home: Path) -> None:
        super().__init__(home, "radicale.log")
        self.storage = home / "collections"

    @property
    def user_url(self) -> str:
        """The collection of :data:`USER`, where its calendars live."""
        return f"{self.base_url}/{USER}/"

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "radicale",
            "--config", "",  # no system or user configuration file
            "--server-hosts", f"127.0.0.1:{self.port}",
            "--auth-type", "none",
            "--rights-type", "owner_only",
            "--storage-filesystem-folder", str(self.storage),
            "--logging-level", "warning",
        ]  # fmt: skip
