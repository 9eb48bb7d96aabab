from django.apps import AppConfig


class StopSearchConfig(AppConfig):
    name = "frontline.stopsearch"
    label = "stopsearch"
    verbose_name = "Stop and search"

    def ready(self) -> None:
        from frontline.sync.registry import record_types_register_lazily

        record_types_register_lazily("frontline.stopsearch.sync", ["stopsearch.record"])

        from frontline.stopsearch.keeping import register as keeping_register

        keeping_register()
