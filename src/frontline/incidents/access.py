"""Who may write, read, review and export incident reports."""

from frontline.accounts import roles
from frontline.incidents import vocab

# The justification logged when a supervisor opens a report waiting in their review queue:
# reviewing their team's submissions is their duty, so the queue itself is the reason.
SUPERVISOR_REVIEW = "supervisor review"


def report_can_write(officer) -> bool:
    """Reports are written by warranted officers, not by staff roles."""
    return officer.has_role(roles.OFFICER)


def report_can_read(viewer, report) -> bool:
    """The author always; an auditor; the author's supervisor once the report was submitted
    (a draft nobody has submitted is the officer's own working copy)."""
    if viewer.pk == report.author_id:
        return True
    if viewer.has_role(roles.AUDITOR):
        return True
    return report.submitted_number > 0 and _supervises(viewer, report.author)


def report_read_is_consultation(viewer, report) -> bool:
    return viewer.pk != report.author_id


def report_can_review(viewer, report) -> bool:
    """A supervisor of the author's team, never the author themselves."""
    return viewer.pk != report.author_id and _supervises(viewer, report.author)


def report_is_in_review_queue_of(viewer, report) -> bool:
    """Opening it is the review itself: logged with SUPERVISOR_REVIEW, no reason asked."""
    return report.status in vocab.AWAITING_REVIEW and report_can_review(viewer, report)


def review_queue_can_read(viewer) -> bool:
    return viewer.has_role(roles.SUPERVISOR)


def pole_export_can(viewer) -> bool:
    return viewer.has_role(roles.AUDITOR) or viewer.has_role(roles.ADMIN)


def _supervises(viewer, author) -> bool:
    return (
        viewer.has_role(roles.SUPERVISOR)
        and viewer.team_id is not None
        and viewer.team_id == author.team_id
    )
