"""The ``roster`` command line: solve, check, validate and schema (typer + rich)."""
