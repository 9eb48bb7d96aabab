from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "frontline.statements"
    label = "statements"
    verbose_name = "Witness statements (MG11)"

    def ready(self) -> None:
        from frontline.sync.registry import record_types_register_lazily

        record_types_register_lazily("frontline.statements.sync", ["statement.mg11"])

        from frontline.audit.keeping import record_keeping_register_lazily

        record_keeping_register_lazily("frontline.statements.keeping")
