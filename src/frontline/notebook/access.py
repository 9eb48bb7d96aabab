"""Who may read or inspect whose notebook."""

from frontline.accounts import roles


def notebook_can_read(viewer, officer) -> bool:
    if viewer.pk == officer.pk:
        return True
    if viewer.has_role(roles.AUDITOR):
        return True
    return _supervises(viewer, officer)


def notebook_can_write(officer) -> bool:
    """Pocket notebooks are kept by warranted officers, not by staff roles."""
    return officer.has_role(roles.OFFICER)


def notebook_can_inspect(viewer, officer) -> bool:
    return viewer.pk != officer.pk and _supervises(viewer, officer)


def notebook_read_is_consultation(viewer, officer) -> bool:
    """Reading someone else's notebook is a consultation that needs a logged reason."""
    return viewer.pk != officer.pk


def _supervises(viewer, officer) -> bool:
    return (
        viewer.has_role(roles.SUPERVISOR)
        and viewer.team_id is not None
        and viewer.team_id == officer.team_id
    )
