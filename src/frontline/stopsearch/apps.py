from django.apps import AppConfig


class StopSearchConfig(AppConfig):
    name = "frontline.stopsearch"
    label = "stopsearch"
    verbose_name = "Stop and search"

    def ready(self) -> None:
        from frontline.sync.registry import record_types_register_lazily

        record_types_register_lazily("frontline.stopsearch.sync", ["stopsearch.record"])

        from frontline.audit.keeping import record_keeping_register_lazily

        record_keeping_register_lazily("frontline.stopsearch.keeping")
