"""Compliance rules, applied to one device's register row. Pure: the caller fetches the rows."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.db.models import Q

from frontline.devices import lifecycle

APP_OUTDATED = "app_outdated"
OS_UNSUPPORTED = "os_unsupported"
NO_CONTACT = "no_contact"
ASSIGNED_SILENT = "assigned_silent"
UNASSIGNED_ACTIVE = "unassigned_active"

RULES = {
    APP_OUTDATED: "App older than the minimum version",
    OS_UNSUPPORTED: "Model past the end of its security updates",
    NO_CONTACT: "Checked in once, but not within the required period",
    ASSIGNED_SILENT: "Issued but silent",
    UNASSIGNED_ACTIVE: "Not issued but in use",
}

_NUMBERS = re.compile(r"\d+")


@dataclass(frozen=True)
class Policy:
    minimum_app_version: str
    contact_within_days: int
    silent_after_days: int
    unassigned_active_days: int


def predicates(*, policy: Policy, at: datetime, versions_seen) -> dict[str, Q]:
    """The same rules as `reasons()`, as database conditions on FleetDevice, so counts and the
    list are filtered in SQL. `versions_seen` are the app versions in the register."""
    minimum = version_key(policy.minimum_app_version)
    outdated = sorted(v for v in versions_seen if version_key(v) < minimum)
    never = Q(pk__isnull=True)  # matches nothing, and compiles where an empty IN would not
    silent_since = at - timedelta(days=policy.silent_after_days)
    return {
        APP_OUTDATED: Q(last_contact_at__isnull=False, last_app_version__in=outdated)
        if outdated
        else never,
        OS_UNSUPPORTED: Q(model__security_updates_end__lt=at.date()),
        NO_CONTACT: Q(last_contact_at__lte=at - timedelta(days=policy.contact_within_days)),
        ASSIGNED_SILENT: Q(status=lifecycle.ISSUED)
        & (Q(last_contact_at__isnull=True) | Q(last_contact_at__lte=silent_since)),
        UNASSIGNED_ACTIVE: ~Q(status=lifecycle.ISSUED)
        & Q(last_contact_at__gt=at - timedelta(days=policy.unassigned_active_days)),
    }


@lru_cache(maxsize=1024)
def version_key(version: str) -> tuple[int, ...]:
    """'1.10.2' > '1.9' : compare the numbers, not the text."""
    return tuple(int(part) for part in _NUMBERS.findall(version or "")[:4])


def reasons(
    *,
    policy: Policy,
    at: datetime,
    status: str,
    last_contact_at: datetime | None,
    last_app_version: str,
    security_updates_end: date | None,
) -> list[str]:
    """Why a device in service is not compliant, as rule names in a fixed order; [] if it is."""
    if status not in lifecycle.IN_SERVICE:
        return []
    found = []
    silent_days = (at - last_contact_at).days if last_contact_at else None
    if last_contact_at and version_key(last_app_version) < version_key(policy.minimum_app_version):
        found.append(APP_OUTDATED)
    if security_updates_end is not None and security_updates_end < at.date():
        found.append(OS_UNSUPPORTED)
    if silent_days is not None and silent_days >= policy.contact_within_days:
        found.append(NO_CONTACT)
    if status == lifecycle.ISSUED and (
        silent_days is None or silent_days >= policy.silent_after_days
    ):
        found.append(ASSIGNED_SILENT)
    if (
        status != lifecycle.ISSUED
        and silent_days is not None
        and silent_days < policy.unassigned_active_days
    ):
        found.append(UNASSIGNED_ACTIVE)
    return found


def describe(rule: str, *, policy: Policy, at: datetime, row: dict) -> str:
    """One plain sentence for the non-compliant list."""
    contact = row.get("last_contact_at")
    silent = f"{(at - contact).days} days" if contact else "never checked in"
    if rule == APP_OUTDATED:
        return (
            f"app {row.get('last_app_version') or '?'} is older than {policy.minimum_app_version}"
        )
    if rule == OS_UNSUPPORTED:
        return f"security updates ended {row['security_updates_end']:%d %b %Y}"
    if rule == NO_CONTACT:
        return f"no contact: {silent} (limit {policy.contact_within_days} days)"
    if rule == ASSIGNED_SILENT:
        return f"issued but silent: {silent} (limit {policy.silent_after_days} days)"
    return f"not issued, yet in contact {silent} ago"
