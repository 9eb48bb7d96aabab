from django.apps import AppConfig


class PwaConfig(AppConfig):
    name = "frontline.pwa"
    label = "pwa"
    verbose_name = "Officer app"
