from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "frontline.statements"
    label = "statements"
    verbose_name = "Witness statements (MG11)"

    def ready(self) -> None:
        from frontline.statements.sync import register

        register()

        from frontline.statements.keeping import register as keeping_register

        keeping_register()
