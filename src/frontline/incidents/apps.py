from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "frontline.incidents"
    label = "incidents"
    verbose_name = "Incident reports"
