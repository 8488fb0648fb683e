"""Benchmarks: speed and quality measurements that print tables and write results/, never tests."""
