"""Who may read and change the fleet register."""

from frontline.accounts import roles


def fleet_can_change(viewer) -> bool:
    """Only fleet managers and admins change the register, the catalogue and kit profiles."""
    return viewer.has_role(roles.FLEET_MANAGER) or viewer.has_role(roles.ADMIN)


def fleet_can_read(viewer) -> bool:
    """The register and its dashboard: fleet managers and admins, and auditors and evaluators
    who check and cost the fleet."""
    return any(
        viewer.has_role(role)
        for role in (roles.FLEET_MANAGER, roles.ADMIN, roles.AUDITOR, roles.EVALUATOR)
    )


def officer_history_can_read(viewer, officer) -> bool:
    """An officer's own kit; anyone's for those who read the register."""
    return viewer.pk == officer.pk or fleet_can_read(viewer)
