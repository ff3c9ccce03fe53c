from django.apps import AppConfig


class ParallaxConfig(AppConfig):
    name = "coverage_app"
    verbose_name = "Parallax"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from coverage_app import corpus
        from coverage_app.models import Article

        # However an article is deleted (the admin's bulk delete too), its terms leave the
        # corpus prior.
        post_delete.connect(corpus.forget_deleted_article, sender=Article)
        # A killed worker leaves ingest work behind: every db_worker recovers it (see tasks.py).
        from coverage_app.ingest import tasks

        if tasks.is_worker_process():
            tasks.start_recovery_thread()
