from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "tests.sync.drafts"
    label = "sync_drafts"

    def ready(self) -> None:
        from tests.sync.drafts.records import register

        register()
