"""Who may read the audit trail."""

from frontline.accounts import roles


def audit_can_read(viewer) -> bool:
    return viewer.has_role(roles.AUDITOR) or viewer.has_role(roles.ADMIN)
