from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "frontline.statements"
    label = "statements"
    verbose_name = "Witness statements (MG11)"
