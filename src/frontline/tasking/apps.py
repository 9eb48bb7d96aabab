from django.apps import AppConfig


class TaskingConfig(AppConfig):
    name = "frontline.tasking"
    label = "tasking"
    verbose_name = "Briefings and tasks"

    def ready(self) -> None:
        from frontline.sync.registry import record_types_register_lazily

        record_types_register_lazily(
            "frontline.tasking.sync", ["tasking.briefing", "briefing.read", "task.update"]
        )
