"""Benchmarks: figures, not pass/fail tests. `python -m benchmarks` runs every module here."""
