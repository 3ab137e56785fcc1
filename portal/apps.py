from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户内容"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import names, signals

        signals.connect()
        names.install()
