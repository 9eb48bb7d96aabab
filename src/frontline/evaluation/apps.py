from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "frontline.evaluation"
    label = "evaluation"
    verbose_name = "Evaluation and rollout"
