from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "frontline.evidence"
    label = "evidence"
    verbose_name = "Evidence and chain of custody"
