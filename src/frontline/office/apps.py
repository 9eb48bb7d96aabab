from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "frontline.office"
    label = "office"
    verbose_name = "Back office"
