"""Who may record, read, count and export stop and search records."""

from frontline.accounts import roles


def stop_search_can_record(officer) -> bool:
    """Searches are made by warranted officers, not by staff roles."""
    return officer.has_role(roles.OFFICER)


def stop_search_can_read(viewer, record) -> bool:
    """The searching officer, the supervisors of their team, and auditors."""
    if viewer.pk == record.officer_id or viewer.has_role(roles.AUDITOR):
        return True
    return _supervises_team(viewer, record.team_id)


def stop_search_read_is_consultation(viewer, record) -> bool:
    """Reading someone else's record is a consultation that needs a logged reason."""
    return viewer.pk != record.officer_id


def stop_search_receipt_can_read(viewer, record) -> bool:
    """The receipt is shown at the roadside by the officer who searched."""
    return viewer.pk == record.officer_id


def stop_search_statistics_can_read(viewer) -> bool:
    """Counts, never people: supervisors (their team), auditors, evaluators and admins."""
    return any(
        viewer.has_role(role)
        for role in (roles.SUPERVISOR, roles.AUDITOR, roles.EVALUATOR, roles.ADMIN)
    )


def stop_search_statistics_team_only(viewer) -> bool:
    """A supervisor without a force-wide role sees only their own team's figures."""
    return not any(viewer.has_role(role) for role in (roles.AUDITOR, roles.EVALUATOR, roles.ADMIN))


def stop_search_export_can_read(viewer) -> bool:
    """The data.police.uk export holds no names: auditors, evaluators and admins produce it."""
    return any(viewer.has_role(role) for role in (roles.AUDITOR, roles.EVALUATOR, roles.ADMIN))


def stop_search_scope(viewer) -> dict:
    """Filter arguments for the records `viewer` may list: all for an auditor, the team's (and
    their own) for a supervisor, otherwise their own."""
    if viewer.has_role(roles.AUDITOR):
        return {}
    if viewer.has_role(roles.SUPERVISOR) and viewer.team_id is not None:
        return {"team_or_officer": (viewer.team_id, viewer.pk)}
    return {"officer_id": viewer.pk}


def _supervises_team(viewer, team_id) -> bool:
    return (
        viewer.has_role(roles.SUPERVISOR)
        and viewer.team_id is not None
        and viewer.team_id == team_id
    )
