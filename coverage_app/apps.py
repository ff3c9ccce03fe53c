from django.apps import AppConfig


class ParallaxConfig(AppConfig):
    name = "coverage_app"
    verbose_name = "Parallax"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A killed worker leaves ingest work behind: every db_worker recovers it (see tasks.py).
        from coverage_app import tasks

        if tasks.is_worker_process():
            tasks.start_recovery_thread()
