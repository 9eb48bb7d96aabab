"""Reading the fleet. Each function runs a fixed number of queries, whatever the fleet's size."""

from datetime import datetime

from django.db.models import Q

from frontline.common.clock import now
from frontline.common.errors import InvalidInput
from frontline.common.paging import page_size
from frontline.devices import compliance, lifecycle
from frontline.devices.models import (
    CompliancePolicy,
    DeviceEnrolment,
    DeviceModel,
    FleetDevice,
    KitProfile,
    LifecycleEvent,
    WipeConfirmation,
)

FILTERS = ["status", "station", "model", "officer", "flagged", "q"]


def device_models_list():
    return DeviceModel.objects.order_by("make", "name")


def device_model_get(*, model_id) -> DeviceModel | None:
    return DeviceModel.objects.filter(pk=model_id).first()


def device_model_by_name(*, make: str, name: str) -> DeviceModel | None:
    return DeviceModel.objects.filter(make__iexact=make.strip(), name__iexact=name.strip()).first()


def fleet_devices_list(*, filters: dict, after: str | None = None, limit=None):
    """A page of the register in asset-tag order: one query."""
    size = page_size(limit)
    query = fleet_devices_filtered(filters=filters).select_related(
        "model", "station", "assigned_officer"
    )
    if after:
        query = query.filter(asset_tag__gt=after)
    rows = list(query.order_by("asset_tag")[: size + 1])
    return rows[:size], len(rows) > size


def fleet_devices_filtered(*, filters: dict):
    query = FleetDevice.objects.all()
    status = filters.get("status")
    if status:
        if status not in lifecycle.STATES:
            raise InvalidInput(
                "unknown_status",
                f"status must be one of {', '.join(lifecycle.STATES)}",
                field="status",
            )
        query = query.filter(status=status)
    if filters.get("station"):
        query = query.filter(station__code__iexact=filters["station"])
    if filters.get("model"):
        query = query.filter(model__name__iexact=filters["model"])
    if filters.get("officer"):
        query = query.filter(assigned_officer__collar_number__iexact=filters["officer"])
    if filters.get("flagged"):
        query = query.filter(issued_out_of_profile=True)
    if filters.get("q"):
        term = filters["q"].strip()
        query = query.filter(
            Q(asset_tag__iexact=term) | Q(serial_number__iexact=term) | Q(imei=term)
        )
    return query


def fleet_device_get(*, device_id) -> FleetDevice | None:
    return (
        FleetDevice.objects.select_related(
            "model", "station", "assigned_officer", "replaced_by", "replaces"
        )
        .filter(pk=device_id)
        .first()
    )


def fleet_device_by_tag(*, asset_tag: str) -> FleetDevice | None:
    return FleetDevice.objects.filter(asset_tag__iexact=(asset_tag or "").strip()).first()


def fleet_device_history(*, device) -> list[LifecycleEvent]:
    """Every event of one device, oldest first: one query."""
    return list(
        LifecycleEvent.objects.filter(device=device)
        .select_related("actor", "officer", "replacement")
        .order_by("at", "id")
    )


def officer_history(*, officer) -> list[LifecycleEvent]:
    """Every event that concerned one officer (issued to them, returned by them, ...): one query."""
    return list(
        LifecycleEvent.objects.filter(officer=officer)
        .select_related("device__model", "actor", "replacement")
        .order_by("at", "id")
    )


def officer_devices(*, officer) -> list[FleetDevice]:
    return list(
        FleetDevice.objects.filter(assigned_officer=officer)
        .select_related("model")
        .order_by("asset_tag")
    )


def compliance_policy() -> compliance.Policy:
    row = CompliancePolicy.objects.filter(pk=1).first() or CompliancePolicy()
    return compliance.Policy(
        minimum_app_version=row.minimum_app_version,
        contact_within_days=row.contact_within_days,
        silent_after_days=row.silent_after_days,
        unassigned_active_days=row.unassigned_active_days,
    )


COMPLIANCE_COLUMNS = (
    "id",
    "asset_tag",
    "status",
    "last_contact_at",
    "last_app_version",
    "model__make",
    "model__name",
    "model__security_updates_end",
    "station__code",
    "assigned_officer__collar_number",
)


def compliance_predicates(*, at: datetime) -> tuple[compliance.Policy, dict]:
    """The policy and its rules as SQL conditions: two queries (the policy, the app versions)."""
    policy = compliance_policy()
    versions = (
        FleetDevice.objects.filter(status__in=lifecycle.IN_SERVICE, last_contact_at__isnull=False)
        .order_by()
        .values_list("last_app_version", flat=True)
        .distinct()
    )
    return policy, compliance.predicates(policy=policy, at=at, versions_seen=list(versions))


def non_compliant_list(
    *, at: datetime | None = None, rule: str | None = None, after: str | None = None, limit=None
) -> tuple[list[dict], int, bool]:
    """A page of the devices in service that break a rule, in asset-tag order, each with its
    reasons in plain words; with how many there are in all. The database finds and counts them
    (the conditions are exact), Python words them. Four queries."""
    at = at or now()
    if rule and rule not in compliance.RULES:
        raise InvalidInput(
            "unknown_rule", f"rule must be one of {', '.join(compliance.RULES)}", field="rule"
        )
    size = page_size(limit) if limit is not None else None
    policy, rules = compliance_predicates(at=at)
    breaking = FleetDevice.objects.filter(status__in=lifecycle.IN_SERVICE).filter(
        rules[rule] if rule else rules_any(rules.values())
    )
    total = breaking.count()
    if after:
        breaking = breaking.filter(asset_tag__gt=after)
    query = breaking.order_by("asset_tag").values(*COMPLIANCE_COLUMNS)
    rows = list(query[: size + 1] if size else query)
    more = size is not None and len(rows) > size
    rows = rows[:size] if size else rows
    for row in rows:
        row["security_updates_end"] = row["model__security_updates_end"]
        row["reasons"] = compliance.reasons(
            policy=policy,
            at=at,
            status=row["status"],
            last_contact_at=row["last_contact_at"],
            last_app_version=row["last_app_version"],
            security_updates_end=row["security_updates_end"],
        )
        row["explanations"] = [
            compliance.describe(name, policy=policy, at=at, row=row) for name in row["reasons"]
        ]
    return rows, total, more


def fleet_device_compliance(*, device, at: datetime | None = None) -> list[str]:
    """Why one device is not compliant, in plain words; [] if it is (or is out of service)."""
    at = at or now()
    policy = compliance_policy()
    row = {
        "last_contact_at": device.last_contact_at,
        "last_app_version": device.last_app_version,
        "security_updates_end": device.model.security_updates_end,
    }
    found = compliance.reasons(policy=policy, at=at, status=device.status, **row)
    return [compliance.describe(name, policy=policy, at=at, row=row) for name in found]


def rules_any(conditions) -> Q:
    """A device breaking any of the rules."""
    combined = Q(pk__isnull=True)
    for condition in conditions:
        combined |= condition
    return combined


def wipe_confirmations_recent(*, limit: int = 50) -> list[WipeConfirmation]:
    return list(
        WipeConfirmation.objects.select_related("fleet_device", "install").order_by(
            "-confirmed_at"
        )[:limit]
    )


def wipe_confirmations_of(*, device) -> list[WipeConfirmation]:
    return list(WipeConfirmation.objects.filter(fleet_device=device).order_by("-confirmed_at"))


def kit_profiles_list() -> list[KitProfile]:
    return list(KitProfile.objects.prefetch_related("device_models").order_by("role"))


def kit_profile_by_role(*, role: str) -> KitProfile | None:
    return KitProfile.objects.filter(role__iexact=(role or "").strip()).first()


def device_models_by_enrolled_device(*, device_ids) -> dict:
    """{app install id: "make model"} for installs enrolled against a register entry, for the
    evaluation's usage by device model. One query."""
    rows = DeviceEnrolment.objects.filter(code__device_id__in=device_ids).values_list(
        "code__device_id", "fleet_device__model__make", "fleet_device__model__name"
    )
    return {device_id: f"{make} {name}" for device_id, make, name in rows}
