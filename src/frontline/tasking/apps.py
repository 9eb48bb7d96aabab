from django.apps import AppConfig


class TaskingConfig(AppConfig):
    name = "frontline.tasking"
    label = "tasking"
    verbose_name = "Briefings and tasks"

    def ready(self) -> None:
        from frontline.tasking.sync import register

        register()
