"""Bringing articles in: uploads, the guarded fetcher, queueing, the worker's tasks and pipeline."""
