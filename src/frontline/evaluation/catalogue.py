"""Hardware options made from the fleet catalogue, so an appraisal starts from what the force
actually buys: each chosen model becomes one option for the role, its unit and accessories
cost and life from the catalogue, its failure rate as the fleet register measured it (or the
evaluator's assumption where the register has too little history), and the running costs the
catalogue does not hold (licences and device management, support, connectivity) as the
evaluator gives them. The options are ordinary options afterwards: the option form edits them.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from uuid import UUID

from django.db import transaction

from frontline.audit.services import audit_record
from frontline.common.errors import Conflict, InvalidInput
from frontline.devices import planning
from frontline.evaluation import inputs
from frontline.evaluation.models import HARDWARE, Option
from frontline.evaluation.services import LIFE_MAX, option_values

MODELS_MAX = 20
DEVICES_MAX = 100_000
RATE_PLACES = 4


@dataclass(frozen=True)
class Candidate:
    """What one catalogue model contributes to an option, and where each figure came from."""

    entry: planning.CatalogueEntry
    life_years: int
    failure_rate: Decimal
    failure_rate_measured: bool

    @property
    def unit_cost(self) -> str:
        return f"£{self.entry.unit_cost_pence / 100:,.2f}"

    @property
    def failure_percent(self) -> str:
        return f"{float(self.failure_rate):.2%}"


def catalogue_candidates(*, role: str = "", model_ids=None) -> list[Candidate]:
    """The catalogue as options would take it; the role's kit-profile models first if no ids."""
    if model_ids is None and role:
        model_ids = planning.kit_role_models(role=role) or None
    return [_candidate(entry, assumed=Decimal(0)) for entry in _entries(model_ids)]


def options_from_catalogue(
    *, actor, programme, role, model_ids, devices=None, licence_per_year=0, support_per_year=0,
    connectivity_per_year=0, other_running_per_year=0, assumed_failure_rate=0,
    minutes_saved_per_shift=0, shifts_per_year=0,
) -> list[Option]:  # fmt: skip
    """One hardware option per chosen catalogue model for `role`, all or none.

    `devices` defaults to the officers equipped for the role (their kit profile). An option of
    the same name already held for the role is refused, not overwritten: it may carry the
    evaluator's own edits.
    """
    role = inputs.text_in(role, field="role", max_length=40)
    ids = _model_ids(model_ids)
    assumed = inputs.decimal_in(
        assumed_failure_rate, field="assumed_failure_rate", low=0, high=1, places=RATE_PLACES
    )
    if devices in (None, ""):
        devices = planning.kit_role_officers(role=role)
        if devices == 0:
            raise InvalidInput(
                "devices_unknown",
                f"no officer is equipped for {role}: give the number of devices",
                field="devices",
            )
    devices = inputs.whole_number(devices, field="devices", low=1, high=DEVICES_MAX)
    entries = _entries(ids)
    found = {str(entry.id) for entry in entries}
    unknown = [str(i) for i in ids if str(i) not in found]
    if unknown:
        raise InvalidInput("unknown_model", "no such catalogue model", field="models")
    shared = {
        "kind": HARDWARE,
        "devices": devices,
        "licence_per_year": licence_per_year,
        "support_per_year": support_per_year,
        "connectivity_per_year": connectivity_per_year,
        "other_running_per_year": other_running_per_year,
        "minutes_saved_per_shift": minutes_saved_per_shift,
        "shifts_per_year": shifts_per_year,
    }
    planned = []
    for entry in entries:
        candidate = _candidate(entry, assumed=assumed)
        values = option_values(
            {
                **shared,
                "device_model": entry.label[:120],
                "unit_cost": entry.unit_cost_pence,
                "accessories": entry.accessories_cost_pence,
                "life_years": candidate.life_years,
                "failure_rate": candidate.failure_rate,
            }
        )
        planned.append((entry.label[:120], values, candidate))
    with transaction.atomic():
        taken = set(
            Option.objects.filter(
                programme=programme, role=role, name__in=[name for name, _, _ in planned]
            ).values_list("name", flat=True)
        )
        if taken:
            raise Conflict(
                "option_exists",
                f"{', '.join(sorted(taken))} is already an option for {role}: change it with "
                "the option form",
                field="models",
            )
        made = [
            Option.objects.create(programme=programme, role=role, name=name, **values)
            for name, values, _ in planned
        ]
        audit_record(
            action="evaluation.option.from_catalogue",
            object_type="evaluation.programme",
            object_id=programme.pk,
            actor=actor,
            detail={
                "role": role,
                "options": len(made),
                "failure_rates_measured": sum(c.failure_rate_measured for _, _, c in planned),
            },
        )
    return made


def life_years(months: int) -> int:
    """Whole years of life, half up, at least one and at most the appraisal's limit."""
    years = (Decimal(months) / 12).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(1, min(LIFE_MAX, int(years)))


def _candidate(entry, *, assumed: Decimal) -> Candidate:
    measured = entry.failure_rate
    rate = assumed if measured is None else _rate(measured)
    return Candidate(
        entry=entry,
        life_years=life_years(entry.expected_life_months),
        failure_rate=rate,
        failure_rate_measured=measured is not None,
    )


def _rate(value: Fraction) -> Decimal:
    """A rate a year to RATE_PLACES places, half up, no more than every device a year."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return min(Decimal(1), exact.quantize(Decimal(1).scaleb(-RATE_PLACES), ROUND_HALF_UP))


def _entries(model_ids):
    return planning.catalogue_for_appraisal(model_ids=model_ids)


def _model_ids(values) -> list:
    if isinstance(values, str | bytes) or values is None:
        values = [values] if values else []
    ids = []
    for value in values:
        try:
            ids.append(value if isinstance(value, UUID) else UUID(str(value).strip()))
        except ValueError:
            raise InvalidInput(
                "unknown_model", "choose models from the catalogue", field="models"
            ) from None
    if not ids:
        raise InvalidInput("required", "choose at least one catalogue model", field="models")
    if len(ids) > MODELS_MAX:
        raise InvalidInput("too_many", f"at most {MODELS_MAX} models at once", field="models")
    return list(dict.fromkeys(ids))
