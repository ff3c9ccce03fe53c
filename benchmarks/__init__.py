"""Benchmarks: `make bench` (python -m benchmarks [NAME ...]) runs every bench_*.py module.

Each module has `main() -> None` that prints its figures, one per line, with the unit, and a
ratio where the figure is a comparison measured in the same run.
"""
