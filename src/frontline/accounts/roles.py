"""The roles an officer may hold. An officer may hold several."""

OFFICER = "officer"
SUPERVISOR = "supervisor"
FLEET_MANAGER = "fleet_manager"
EVALUATOR = "evaluator"
AUDITOR = "auditor"
ADMIN = "admin"

ALL = (OFFICER, SUPERVISOR, FLEET_MANAGER, EVALUATOR, AUDITOR, ADMIN)
CHOICES = [(role, role.replace("_", " ").title()) for role in ALL]
