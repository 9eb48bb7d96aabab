from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "frontline.interop"
    label = "interop"
    verbose_name = "Information management and integration"
