"""A task that always fails, for checking how failures are kept (imported by a real worker)."""

from django_tasks import task


@task()
def always_fails(reason: str) -> None:
    raise ValueError(reason)
