"""Who may take, read and see the restricted rear page of a witness statement."""

from frontline.accounts import roles


def statement_can_write(officer) -> bool:
    """Statements are taken by warranted officers, not by staff roles."""
    return officer.has_role(roles.OFFICER)


def statement_can_read(viewer, statement) -> bool:
    """The author, a supervisor of the author's team, or an auditor."""
    if viewer.pk == statement.author_id:
        return True
    if viewer.has_role(roles.AUDITOR):
        return True
    return (
        viewer.has_role(roles.SUPERVISOR)
        and viewer.team_id is not None
        and viewer.team_id == statement.author.team_id
    )


def statement_read_is_consultation(viewer, statement) -> bool:
    """Reading someone else's statement is a consultation that needs a logged reason (s62)."""
    return viewer.pk != statement.author_id


def statement_restricted_visible(viewer, statement, *, requested: bool) -> bool:
    """The rear page (address, contact, date of birth, needs) goes to the author, who wrote it,
    and otherwise only to a reader who asked for it: that request is logged with the reason."""
    if viewer.pk == statement.author_id:
        return True
    return requested and statement_can_read(viewer, statement)
