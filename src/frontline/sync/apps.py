from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "frontline.sync"
    label = "sync"
    verbose_name = "Sync"
