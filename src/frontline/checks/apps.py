from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "frontline.checks"
    label = "checks"
    verbose_name = "Checks and reference data"

    def ready(self) -> None:
        from frontline.audit.keeping import record_keeping_register_lazily
        from frontline.sync.registry import record_types_register_lazily

        record_keeping_register_lazily("frontline.checks.keeping")
        record_types_register_lazily(
            "frontline.checks.sync", ["checks.briefing_pack", "checks.offline_check"]
        )
