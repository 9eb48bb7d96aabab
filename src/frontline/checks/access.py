"""Who may make checks, read the consultation log and the misuse signals."""

from frontline.accounts import roles


def check_can_make(officer) -> bool:
    """Checks are made by warranted officers for a policing purpose."""
    return officer.has_role(roles.OFFICER)


def check_log_can_read(viewer) -> bool:
    """The consultation log and misuse signals are for auditors (and admins, as for the audit
    trail)."""
    return viewer.has_role(roles.AUDITOR) or viewer.has_role(roles.ADMIN)
