from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "frontline.checks"
    label = "checks"
    verbose_name = "Checks and reference data"

    def ready(self) -> None:
        from frontline.checks.sync import register

        register()
