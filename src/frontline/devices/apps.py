from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "frontline.devices"
    label = "devices"
    verbose_name = "Device fleet"
