"""Who may manage devices and officers."""

from frontline.accounts import roles


def devices_can_manage(viewer) -> bool:
    return viewer.has_role(roles.FLEET_MANAGER) or viewer.has_role(roles.ADMIN)


def officers_can_manage(viewer) -> bool:
    return viewer.has_role(roles.ADMIN)
