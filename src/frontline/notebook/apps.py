from django.apps import AppConfig


class NotebookConfig(AppConfig):
    name = "frontline.notebook"
    label = "notebook"
    verbose_name = "Pocket notebook"

    def ready(self) -> None:
        from frontline.audit.integrity import chain_register
        from frontline.notebook.integrity import notebook_chains_verify

        chain_register("notebook", notebook_chains_verify)

        from frontline.sync.registry import record_types_register_lazily

        record_types_register_lazily("frontline.notebook.sync", ["notebook.entry"])

        from frontline.audit.keeping import record_keeping_register_lazily

        record_keeping_register_lazily("frontline.notebook.keeping")
