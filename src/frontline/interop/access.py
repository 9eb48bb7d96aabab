"""Who may do information management: auditors and admins (product.md, "Who uses it")."""

from frontline.accounts import roles


def information_management_allowed(viewer) -> bool:
    """Retention review, subject access and court bundles."""
    return viewer.has_role(roles.AUDITOR) or viewer.has_role(roles.ADMIN)


def destinations_manage_allowed(viewer) -> bool:
    """Destinations hold signing secrets and TLS key paths: admins configure them."""
    return viewer.has_role(roles.ADMIN)


def deliveries_read_allowed(viewer) -> bool:
    """Dead letters and replays: the information managers who answer for the hand-over."""
    return information_management_allowed(viewer)
