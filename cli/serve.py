"""``roster serve``: the HTTP API and its solve workers, on the configured store."""

from __future__ import annotations

from typing import Annotated

import typer

from scheduler.messages import text


def serve_command(
    host: Annotated[str, typer.Option("--host", help=text("store.help.serve_host"))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
) -> None:
    import uvicorn

    from api.app import create_app

    # One process: solves run in worker processes of their own, and SQLite has one writer.
    uvicorn.run(create_app(), host=host, port=port, log_level="info")
