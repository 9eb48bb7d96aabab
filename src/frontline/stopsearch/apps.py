from django.apps import AppConfig


class StopSearchConfig(AppConfig):
    name = "frontline.stopsearch"
    label = "stopsearch"
    verbose_name = "Stop and search"

    def ready(self) -> None:
        from frontline.stopsearch.sync import register

        register()

        from frontline.stopsearch.keeping import register as keeping_register

        keeping_register()
