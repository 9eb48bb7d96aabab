from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "frontline.incidents"
    label = "incidents"
    verbose_name = "Incident reports"

    def ready(self) -> None:
        from frontline.sync.registry import record_types_register_lazily

        record_types_register_lazily(
            "frontline.incidents.sync", ["incident.report", "incident.submit"]
        )

        from frontline.audit.keeping import record_keeping_register_lazily

        record_keeping_register_lazily("frontline.incidents.keeping")
