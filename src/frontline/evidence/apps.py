from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "frontline.evidence"
    label = "evidence"
    verbose_name = "Evidence and chain of custody"

    def ready(self) -> None:
        from frontline.audit.integrity import chain_register
        from frontline.evidence.integrity import custody_chains_verify
        from frontline.evidence.sync import register

        chain_register("evidence", custody_chains_verify)
        register()

        from frontline.evidence.keeping import register as keeping_register

        keeping_register()
