"""Who may see, download and export whose evidence. Mirrors the notebook's rules."""

from frontline.accounts import roles


def evidence_can_capture(officer) -> bool:
    """Evidence is captured by warranted officers, not by staff roles."""
    return officer.has_role(roles.OFFICER)


def evidence_can_read(viewer, owner) -> bool:
    if viewer.pk == owner.pk or viewer.has_role(roles.AUDITOR):
        return True
    return _supervises(viewer, owner)


def evidence_can_export(viewer, owner) -> bool:
    """Disclosure is for the officer who captured it or their supervisor, not for auditors."""
    return viewer.pk == owner.pk or _supervises(viewer, owner)


def evidence_read_is_consultation(viewer, owner) -> bool:
    """Viewing someone else's evidence is a consultation that needs a logged reason (s62)."""
    return viewer.pk != owner.pk


def _supervises(viewer, owner) -> bool:
    return (
        viewer.has_role(roles.SUPERVISOR)
        and viewer.team_id is not None
        and viewer.team_id == owner.team_id
    )
