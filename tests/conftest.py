"""Fixtures for the whole suite: the database backends of tests/backends.py."""

pytest_plugins = ("tests.backends",)
