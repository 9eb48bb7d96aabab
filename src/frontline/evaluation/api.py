"""Evaluation endpoints for evaluators and admins: programmes, the report's figures, adding a
ledger line, and adding a role's hardware options from the device catalogue. Costs and counts
only, never people."""

from ninja import Router, Status

from frontline.common.errors import NotFound, PermissionDenied
from frontline.evaluation import access, catalogue, greenbook, selectors, services
from frontline.evaluation.report import programme_report
from frontline.evaluation.schemas import (
    CatalogueOptionsIn,
    CostIn,
    CostOut,
    EvaluationReportOut,
    OptionOut,
    ProgrammeOut,
)

router = Router(tags=["evaluation"])


@router.get("/programmes", response=list[ProgrammeOut])
def programmes_list(request):
    """Every pilot and rollout, newest first."""
    _check_read(request.officer)
    return selectors.programmes_list()


@router.get("/programmes/{slug}/report", response=EvaluationReportOut)
def programme_report_get(request, slug: str):
    """The figures behind the evaluation report: ledger, measured usage, appraisal per role."""
    _check_read(request.officer)
    report = programme_report(_programme(slug))
    measured = report.usage
    return {
        "programme": report.programme,
        "ledger_total_pence": report.ledger.total,
        "ledger_by_category": [
            {"label": label, "amount_pence": pence} for label, pence in report.ledger.by_category
        ],
        "cost_per_device_pence": report.ledger.per_device,
        "usage": {
            "start": measured.start,
            "end": measured.end,
            "officers": measured.officers,
            "shifts": measured.shifts,
            "records_by_type": measured.records_by_type,
            "records_per_shift_by_type": measured.per_shift_by_type,
            "median_minutes_to_submit": measured.median_minutes_to_submit,
            "away_from_station_share": measured.away_share,
            "devices_seen": measured.devices_seen,
            "devices_adopted": measured.devices_adopted,
            "active_devices_by_day": {
                day.isoformat(): count for day, count in measured.active_devices_by_day.items()
            },
            "peak_active_devices": measured.peak_active_devices,
            "mean_active_devices": measured.mean_active_devices,
            "days_measured": measured.days_measured,
            "check_volume": measured.check_volume,
            "by_role": {
                role: {
                    "officers": part.officers,
                    "shifts": part.shifts,
                    "records": part.records,
                    "records_per_shift": part.per_shift,
                    "devices_seen": part.devices_seen,
                    "devices_adopted": part.devices_adopted,
                }
                for role, part in measured.by_role.items()
            },
            "not_measured": measured.missing,
        },
        "roles": [_role(role) for role in report.roles],
        "rollout": [_phase(progress) for progress in report.phases],
    }


@router.post("/programmes/{slug}/costs", response={201: CostOut})
def cost_create(request, slug: str, body: CostIn):
    """Add one line to the programme's cost ledger."""
    if not access.evaluation_can_change(request.officer):
        raise PermissionDenied("forbidden", "evaluators and admins keep the ledger")
    entry = services.cost_entry_add(
        actor=request.officer, programme=_programme(slug), **_cost(body)
    )
    return Status(201, {**_cost_out(entry)})


@router.post("/programmes/{slug}/options/from-catalogue", response={201: list[OptionOut]})
def options_from_catalogue(request, slug: str, body: CatalogueOptionsIn):
    """Add a role's hardware options from the device catalogue, one per model, all or none."""
    if not access.evaluation_can_change(request.officer):
        raise PermissionDenied("forbidden", "evaluators and admins build the appraisal")
    values = body.model_dump()
    made = catalogue.options_from_catalogue(
        actor=request.officer,
        programme=_programme(slug),
        role=values["role"],
        model_ids=values["device_models"],
        devices=values["devices"],
        licence_per_year=values["licence_per_year_pence"],
        support_per_year=values["support_per_year_pence"],
        connectivity_per_year=values["connectivity_per_year_pence"],
        other_running_per_year=values["other_running_per_year_pence"],
        assumed_failure_rate=values["assumed_failure_rate"],
        minutes_saved_per_shift=values["minutes_saved_per_shift"],
        shifts_per_year=values["shifts_per_year"],
    )
    return Status(201, [_option_out(option) for option in made])


def _check_read(officer) -> None:
    if not access.evaluation_can_read(officer):
        raise PermissionDenied("forbidden", "evaluators and admins read evaluations")


def _programme(slug: str):
    programme = selectors.programme_get(slug=slug[:60])
    if programme is None:
        raise NotFound("not_found", "no such programme", field="slug")
    return programme


def _cost(body: CostIn) -> dict:
    values = body.model_dump()
    values["amount"] = values.pop("amount_pence")
    return values


def _cost_out(entry) -> dict:
    return {
        "id": str(entry.pk),
        "category": entry.category,
        "nature": entry.nature,
        "amount_pence": entry.amount_pence,
        "spent_on": entry.spent_on,
    }


def _option_out(option) -> dict:
    return {
        "id": str(option.pk),
        "role": option.role,
        "name": option.name,
        "kind": option.kind,
        "device_model": option.device_model,
        "devices": option.devices,
        "unit_cost_pence": option.unit_cost_pence,
        "accessories_pence": option.accessories_pence,
        "life_years": option.life_years,
        "failure_rate": str(option.failure_rate),
        "licence_pence_per_year": option.licence_pence_per_year,
        "support_pence_per_year": option.support_pence_per_year,
        "connectivity_pence_per_year": option.connectivity_pence_per_year,
    }


def _phase(progress) -> dict:
    phase = progress.phase
    return {
        "name": phase.name,
        "role": phase.role,
        "station": phase.station.code if phase.station else None,
        "team": phase.team,
        "starts_on": phase.starts_on,
        "ends_on": phase.ends_on,
        "devices_planned": phase.devices_planned,
        "budget_pence": phase.budget_pence,
        "expected_to_date": progress.expected,
        "issued": progress.issued,
        "still_issued": progress.still_issued,
        "replacements": progress.replacements,
        "issued_cost_pence": progress.issued_cost_pence,
        "status": progress.status,
    }


def _role(role) -> dict:
    return {
        "role": role.role,
        "recommended": role.recommended.option.name if role.recommended else None,
        "reasons": role.reasons,
        "weights": {name: float(weight) for name, weight in role.weights.items()},
        "options": [
            {
                "name": o.option.name,
                "kind": o.option.kind,
                "devices": o.option.devices,
                "life_years": o.option.life_years,
                "pv_costs_pence": greenbook.pence(o.appraisal.pv_costs),
                "pv_benefits_pence": greenbook.pence(o.appraisal.pv_benefits),
                "npv_pence": greenbook.pence(o.appraisal.npv),
                "bcr": None if o.appraisal.bcr is None else float(o.appraisal.bcr),
                "equivalent_annual_cost_pence": greenbook.pence(o.eac),
                "score": None if o.score is None else float(o.score),
                "dominated": o.dominated,
            }
            for o in role.options
        ],
    }
