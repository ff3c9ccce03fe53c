"""PostgreSQL session-level advisory locks: an article held by a worker, a task run alive.

A lock lives as long as the database session that took it, so a worker that dies drops its
locks with its session, and `ingest.tasks.recover_abandoned` can tell its work was abandoned."""

from __future__ import annotations

from django.db import connection

# Advisory-lock keys: (namespace << 32) | id, so ours never collide with anyone else's.
ARTICLE_LOCKS = 0x5041_0001
TASK_LOCKS = 0x5041_0002


def try_lock(namespace: int, number: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [(namespace << 32) | number])
        return cursor.fetchone()[0]


def unlock(namespace: int, number: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [(namespace << 32) | number])


def task_lock_number(task_result_id: str) -> int:
    """A 32-bit number for a task result id (a UUID string)."""
    return int(str(task_result_id).replace("-", "")[-8:], 16) & 0x7FFF_FFFF


def hold_task_lock(task_result_id: str) -> None:
    """Mark a task run as alive for as long as this database session lives."""
    try_lock(TASK_LOCKS, task_lock_number(task_result_id))


def release_task_lock(task_result_id: str) -> None:
    unlock(TASK_LOCKS, task_lock_number(task_result_id))
