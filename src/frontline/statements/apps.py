from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "frontline.statements"
    label = "statements"
    verbose_name = "Witness statements (MG11)"

    def ready(self) -> None:
        from frontline.sync.registry import record_types_register_lazily

        record_types_register_lazily("frontline.statements.sync", ["statement.mg11"])

        from frontline.statements.keeping import register as keeping_register

        keeping_register()
