from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "frontline.incidents"
    label = "incidents"
    verbose_name = "Incident reports"

    def ready(self) -> None:
        from frontline.incidents.sync import register

        register()

        from frontline.incidents.keeping import register as keeping_register

        keeping_register()
