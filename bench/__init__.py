"""Benchmark harness of the template (issue 7): `python -m bench --help`."""
