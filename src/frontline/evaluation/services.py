"""Writing programmes, the cost ledger, benefits, options, criteria, scores and rollout phases.

Every service validates all of its input before it writes, writes in one transaction, and
audits the change in that transaction. Values arrive as typed (forms, CSV, API) and are read
by `inputs`, whose errors name the field.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db import transaction

from frontline.audit.services import audit_record
from frontline.common.errors import Conflict, InvalidInput
from frontline.evaluation import inputs, mcda
from frontline.evaluation.models import (
    CATEGORIES,
    DIRECT,
    LINEAR,
    NATURES,
    OPTION_KINDS,
    PROGRAMME_KINDS,
    Benefit,
    CostEntry,
    Criterion,
    Option,
    Programme,
    RolloutPhase,
    Score,
)

RATE_MAX = Decimal("0.15")
OPTIMISM_BIAS_MAX = Decimal("2")  # +200%, the Green Book upper bound for IT capital
LIFE_MAX = 15
IMPORT_ROWS_MAX = 10_000
IMPORT_BYTES_MAX = 2_000_000
LEDGER_COLUMNS = ["category", "nature", "amount", "date", "supplier", "note"]


def programme_create(*, actor, slug, name, kind, starts_on, ends_on, **params) -> Programme:
    """A programme with its appraisal parameters (see `_programme_params`)."""
    values = {
        "slug": inputs.text_in(slug, field="slug", max_length=60),
        "name": inputs.text_in(name, field="name", max_length=160),
        "kind": _choice(kind, PROGRAMME_KINDS, field="kind"),
        "starts_on": inputs.date_in(starts_on, field="starts_on"),
        "ends_on": inputs.date_in(ends_on, field="ends_on"),
        **_programme_params(params),
    }
    if not values["slug"].replace("-", "").isalnum() or values["slug"] != values["slug"].lower():
        raise InvalidInput("invalid_slug", "lower-case letters, digits and hyphens", field="slug")
    if values["ends_on"] < values["starts_on"]:
        raise InvalidInput("ends_before_start", "ends before it starts", field="ends_on")
    stations = params.get("stations") or []
    with transaction.atomic():
        if Programme.objects.filter(slug=values["slug"]).exists():
            raise Conflict("slug_taken", "a programme already has that slug", field="slug")
        programme = Programme.objects.create(**values)
        programme.stations.set(stations)
        audit_record(
            action="evaluation.programme.create",
            object_type="evaluation.programme",
            object_id=programme.pk,
            actor=actor,
            detail={"slug": programme.slug},
        )
    return programme


def programme_parameters_set(*, actor, programme, **params) -> Programme:
    """Change the appraisal parameters: discount rate, optimism bias, period, hour value."""
    values = _programme_params(params)
    with transaction.atomic():
        for name, value in values.items():
            setattr(programme, name, value)
        programme.save(update_fields=list(values))
        audit_record(
            action="evaluation.programme.parameters",
            object_type="evaluation.programme",
            object_id=programme.pk,
            actor=actor,
            detail={name: str(value) for name, value in values.items()},
        )
    return programme


def cost_entry_add(*, actor, programme, category, nature, amount, spent_on, supplier="", note=""):
    """One ledger line. `amount` is pounds as typed, or integer pence."""
    values = _ledger_row(
        {
            "category": category,
            "nature": nature,
            "amount": amount,
            "date": spent_on,
            "supplier": supplier,
            "note": note,
        }
    )
    with transaction.atomic():
        entry = CostEntry.objects.create(programme=programme, **values)
        audit_record(
            action="evaluation.cost.add",
            object_type="evaluation.costentry",
            object_id=entry.pk,
            actor=actor,
            detail={"programme": programme.slug, "amount_pence": entry.amount_pence},
        )
    return entry


@dataclass
class LedgerImport:
    """The outcome of an import: either every row was added, or none and `rejected` says why."""

    added: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (line, field, reason)

    @property
    def ok(self) -> bool:
        return not self.rejected


def ledger_import(*, actor, programme, data: bytes) -> LedgerImport:
    """Import ledger lines from CSV (columns: LEDGER_COLUMNS). All rows or none."""
    result = LedgerImport()
    if len(data) > IMPORT_BYTES_MAX:
        result.rejected.append((0, "file", f"larger than {IMPORT_BYTES_MAX:,} bytes"))
        return result
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.rejected.append((0, "file", "not UTF-8 text"))
        return result
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in LEDGER_COLUMNS[:4] if name not in header]
    if missing:
        result.rejected.append((1, "header", "missing column(s): " + ", ".join(missing)))
        return result
    rows = []
    for number, raw in enumerate(reader, start=2):
        if number - 1 > IMPORT_ROWS_MAX:
            result.rejected.append((number, "file", f"more than {IMPORT_ROWS_MAX:,} rows"))
            break
        row = {(key or "").strip().lower(): (value or "") for key, value in raw.items()}
        if None in raw:
            result.rejected.append((number, "row", "more cells than columns"))
            continue
        try:
            rows.append(_ledger_row(row))
        except InvalidInput as exc:
            result.rejected.append((number, exc.field or "row", exc.message))
    if result.rejected:
        return result
    if not rows:
        result.rejected.append((1, "file", "no rows to import"))
        return result
    with transaction.atomic():
        CostEntry.objects.bulk_create(CostEntry(programme=programme, **row) for row in rows)
        audit_record(
            action="evaluation.ledger.import",
            object_type="evaluation.programme",
            object_id=programme.pk,
            actor=actor,
            detail={"rows": len(rows), "amount_pence": sum(r["amount_pence"] for r in rows)},
        )
    result.added = len(rows)
    return result


def benefit_add(
    *, actor, programme, description, measure, unit, baseline, target, owner,
    cash_releasing=False, claimed=None, metric="",
) -> Benefit:  # fmt: skip
    values = {
        "description": inputs.text_in(description, field="description", max_length=300),
        "measure": inputs.text_in(measure, field="measure", max_length=200),
        "unit": inputs.text_in(unit, field="unit", max_length=40),
        "baseline": inputs.decimal_in(baseline, field="baseline", low=0, high=10**9, places=2),
        "target": inputs.decimal_in(target, field="target", low=0, high=10**9, places=2),
        "claimed": None
        if claimed in (None, "")
        else inputs.decimal_in(claimed, field="claimed", low=0, high=10**9, places=2),
        "owner": inputs.text_in(owner, field="owner", max_length=160),
        "metric": inputs.text_in(metric, field="metric", max_length=40, required=False),
        "cash_releasing": bool(cash_releasing),
    }
    with transaction.atomic():
        benefit = Benefit.objects.create(programme=programme, **values)
        audit_record(
            action="evaluation.benefit.add",
            object_type="evaluation.benefit",
            object_id=benefit.pk,
            actor=actor,
        )
    return benefit


def option_save(*, actor, programme, role, name, **inputs_given) -> Option:
    """Add an option for a role, or replace the inputs of the one with that name."""
    values = option_values(inputs_given)
    role = inputs.text_in(role, field="role", max_length=40)
    name = inputs.text_in(name, field="name", max_length=120)
    with transaction.atomic():
        option, created = Option.objects.update_or_create(
            programme=programme, role=role, name=name, defaults=values
        )
        audit_record(
            action="evaluation.option.save",
            object_type="evaluation.option",
            object_id=option.pk,
            actor=actor,
            detail={"created": created, "role": role},
        )
    return option


def criterion_save(
    *, actor, programme, role, name, swing, scoring=DIRECT, unit="", worst=None, best=None
) -> Criterion:
    role = inputs.text_in(role, field="role", max_length=40)
    values = {
        "swing": inputs.decimal_in(swing, field="swing", low=0, high=100, places=2),
        "scoring": _choice(scoring, [(DIRECT, ""), (LINEAR, "")], field="scoring"),
        "unit": inputs.text_in(unit, field="unit", max_length=40, required=False),
        "worst": None,
        "best": None,
    }
    if values["scoring"] == LINEAR:
        values["worst"] = inputs.decimal_in(worst, field="worst", low=-(10**6), high=10**6)
        values["best"] = inputs.decimal_in(best, field="best", low=-(10**6), high=10**6)
        if values["worst"] == values["best"]:
            raise InvalidInput("empty_range", "worst and best must differ", field="best")
    name = inputs.text_in(name, field="name", max_length=120)
    with transaction.atomic():
        criterion, _ = Criterion.objects.update_or_create(
            programme=programme, role=role, name=name, defaults=values
        )
        audit_record(
            action="evaluation.criterion.save",
            object_type="evaluation.criterion",
            object_id=criterion.pk,
            actor=actor,
        )
    return criterion


def weights_set(*, actor, programme, role, swings: dict) -> list[Criterion]:
    """Set a role's swing weights together ({criterion id: raw swing}); they must normalise."""
    criteria = {str(c.pk): c for c in Criterion.objects.filter(programme=programme, role=role)}
    unknown = sorted(set(map(str, swings)) - set(criteria))
    if unknown:
        raise InvalidInput("unknown_criterion", "no such criterion for this role", field="weights")
    parsed = {
        key: inputs.decimal_in(value, field=f"weight of {criteria[str(key)].name}", low=0,
                               high=100, places=2)
        for key, value in swings.items()
    }  # fmt: skip
    combined = {key: Fraction(c.swing) for key, c in criteria.items()}
    combined.update({str(key): Fraction(value) for key, value in parsed.items()})
    try:
        mcda.weights_normalise(combined)
    except mcda.MCDAError as exc:
        raise InvalidInput("weights_do_not_normalise", str(exc), field="weights") from None
    with transaction.atomic():
        for key, value in parsed.items():
            criterion = criteria[str(key)]
            criterion.swing = value
            criterion.save(update_fields=["swing"])
        audit_record(
            action="evaluation.weights.set",
            object_type="evaluation.programme",
            object_id=programme.pk,
            actor=actor,
            detail={"role": role},
        )
    return list(criteria.values())


def score_set(*, actor, option, criterion, value) -> Score:
    """A direct 0-100 score, or the measured value of a linear criterion (within its range)."""
    if option.programme_id != criterion.programme_id or option.role != criterion.role:
        raise InvalidInput("wrong_role", "the criterion is for another role", field="criterion")
    if criterion.scoring == DIRECT:
        number = inputs.decimal_in(value, field="score", low=0, high=100, places=4)
    else:
        low, high = sorted([criterion.worst, criterion.best])
        number = inputs.decimal_in(value, field="value", low=low, high=high, places=4)
    with transaction.atomic():
        score, _ = Score.objects.update_or_create(
            option=option, criterion=criterion, defaults={"value": number}
        )
        audit_record(
            action="evaluation.score.set",
            object_type="evaluation.score",
            object_id=score.pk,
            actor=actor,
        )
    return score


def phase_add(
    *, actor, programme, name, role, devices_planned, starts_on, ends_on, budget,
    station=None, team="",
) -> RolloutPhase:  # fmt: skip
    values = {
        "name": inputs.text_in(name, field="name", max_length=120),
        "role": inputs.text_in(role, field="role", max_length=40),
        "team": inputs.text_in(team, field="team", max_length=120, required=False),
        "devices_planned": inputs.whole_number(
            devices_planned, field="devices_planned", low=1, high=100_000
        ),
        "starts_on": inputs.date_in(starts_on, field="starts_on"),
        "ends_on": inputs.date_in(ends_on, field="ends_on"),
        "budget_pence": inputs.money_pence(budget, field="budget"),
    }
    if values["ends_on"] < values["starts_on"]:
        raise InvalidInput("ends_before_start", "ends before it starts", field="ends_on")
    with transaction.atomic():
        phase = RolloutPhase.objects.create(programme=programme, station=station, **values)
        audit_record(
            action="evaluation.phase.add",
            object_type="evaluation.rolloutphase",
            object_id=phase.pk,
            actor=actor,
        )
    return phase


def _programme_params(params: dict) -> dict:
    readers = {
        "area": lambda v: inputs.text_in(v, field="area", max_length=160, required=False),
        "device_models": lambda v: inputs.text_in(
            v, field="device_models", max_length=300, required=False
        ),
        "devices_issued": lambda v: inputs.whole_number(
            v, field="devices_issued", low=0, high=1_000_000
        ),
        "devices_replaced": lambda v: inputs.whole_number(
            v, field="devices_replaced", low=0, high=1_000_000
        ),
        "discount_rate": lambda v: inputs.decimal_in(
            v, field="discount_rate", low=0, high=RATE_MAX
        ),
        "appraisal_years": lambda v: inputs.whole_number(
            v, field="appraisal_years", low=1, high=30
        ),
        "optimism_bias": lambda v: inputs.decimal_in(
            v, field="optimism_bias", low=0, high=OPTIMISM_BIAS_MAX, places=3
        ),
        "officer_hour_pence": lambda v: inputs.money_pence(
            v, field="officer_hour", allow_zero=True
        ),
    }
    return {name: read(params[name]) for name, read in readers.items() if name in params}


def _ledger_row(row: dict) -> dict:
    return {
        "category": _choice(row.get("category"), CATEGORIES, field="category"),
        "nature": _choice(row.get("nature"), NATURES, field="nature"),
        "amount_pence": inputs.money_pence(row.get("amount"), field="amount"),
        "spent_on": inputs.date_in(row.get("date"), field="date"),
        "supplier": inputs.text_in(row.get("supplier"), field="supplier", max_length=160,
                                   required=False),
        "note": inputs.text_in(row.get("note"), field="note", max_length=500, required=False),
    }  # fmt: skip


def option_values(given: dict) -> dict:
    """An option's inputs read and checked (each error names its field); nothing written."""
    money = [
        "unit_cost",
        "accessories",
        "licence_per_year",
        "support_per_year",
        "connectivity_per_year",
        "other_running_per_year",
    ]
    values = {
        "kind": _choice(given.get("kind", "hardware"), OPTION_KINDS, field="kind"),
        "device_model": inputs.text_in(
            given.get("device_model", ""), field="device_model", max_length=120, required=False
        ),
        "devices": inputs.whole_number(given.get("devices", 0), field="devices", low=0,
                                       high=100_000),
        "life_years": inputs.whole_number(given.get("life_years"), field="life_years", low=1,
                                          high=LIFE_MAX),
        "failure_rate": inputs.decimal_in(given.get("failure_rate", 0), field="failure_rate",
                                          low=0, high=1),
        "minutes_saved_per_shift": inputs.decimal_in(
            given.get("minutes_saved_per_shift", 0), field="minutes_saved_per_shift", low=0,
            high=480, places=2,
        ),
        "shifts_per_year": inputs.whole_number(given.get("shifts_per_year", 0),
                                               field="shifts_per_year", low=0, high=366),
    }  # fmt: skip
    for name in money:
        column = (
            name.replace("_per_year", "_pence_per_year")
            if "per_year" in name
            else (f"{name}_pence")
        )
        values[column] = inputs.money_pence(given.get(name, 0), field=name, allow_zero=True)
    return values


def _choice(value, choices, *, field: str) -> str:
    text = str(value or "").strip().lower().replace(" ", "_")
    keys = {key for key, _ in choices}
    labels = {label.lower().replace(" ", "_"): key for key, label in choices if label}
    if text in keys:
        return text
    if text in labels:
        return labels[text]
    raise InvalidInput("invalid_choice", "one of: " + ", ".join(sorted(keys)), field=field)
