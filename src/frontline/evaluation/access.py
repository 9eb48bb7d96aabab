"""Who may see and change evaluations: evaluators (programme and finance leads) and admins.

Evaluations hold costs and counts, never people, so reading them is not a consultation.
"""

from frontline.accounts import roles


def evaluation_can_read(officer) -> bool:
    return any(officer.has_role(role) for role in (roles.EVALUATOR, roles.ADMIN))


def evaluation_can_change(officer) -> bool:
    return any(officer.has_role(role) for role in (roles.EVALUATOR, roles.ADMIN))
