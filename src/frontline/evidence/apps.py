from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "frontline.evidence"
    label = "evidence"
    verbose_name = "Evidence and chain of custody"

    def ready(self) -> None:
        from frontline.audit.integrity import chain_register
        from frontline.evidence.integrity import custody_chains_verify
        from frontline.sync.registry import record_types_register_lazily

        chain_register("evidence", custody_chains_verify)
        record_types_register_lazily("frontline.evidence.sync", ["evidence.item"])

        from frontline.audit.keeping import record_keeping_register_lazily

        record_keeping_register_lazily("frontline.evidence.keeping")
