from django.apps import AppConfig


class ParallaxConfig(AppConfig):
    name = "coverage_app"
    verbose_name = "Parallax"
    default_auto_field = "django.db.models.BigAutoField"
