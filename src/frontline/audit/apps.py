from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "frontline.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from frontline.audit import integrity

        integrity.chain_register("audit", integrity.audit_chain_verify)
