"""Readers for problem files in other tools' formats (public benchmarks)."""
