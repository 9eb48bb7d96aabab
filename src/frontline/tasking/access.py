"""Who may write briefings and tasks, and who sees and updates them."""

from frontline.accounts import roles


def tasking_can_author(officer) -> bool:
    """Supervisors brief and task officers."""
    return officer.has_role(roles.SUPERVISOR)


def briefing_is_for(officer, briefing) -> bool:
    if briefing.team_id is not None:
        return officer.team_id == briefing.team_id
    return officer.station_id is not None and officer.station_id == briefing.station_id


def briefing_can_read(viewer, briefing) -> bool:
    return briefing_is_for(viewer, briefing) or viewer.pk == briefing.author_id


def task_can_update(officer, task) -> bool:
    """The officer assigned, or any member of the team assigned."""
    if task.officer_id is not None:
        return officer.pk == task.officer_id
    return officer.team_id is not None and officer.team_id == task.team_id


def task_can_read(viewer, task) -> bool:
    return (
        task_can_update(viewer, task)
        or viewer.pk == task.author_id
        or (
            viewer.has_role(roles.SUPERVISOR)
            and viewer.team_id is not None
            and viewer.team_id == task.team_id
        )
    )
