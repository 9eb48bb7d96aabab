"""Evaluation endpoints for evaluators and admins: programmes, the report's figures, and adding
a ledger line. Costs and counts only, never people."""

from ninja import Router, Status

from frontline.common.errors import NotFound, PermissionDenied
from frontline.evaluation import access, greenbook, selectors, services
from frontline.evaluation.report import programme_report
from frontline.evaluation.schemas import CostIn, CostOut, EvaluationReportOut, ProgrammeOut

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
            "check_volume": measured.check_volume,
            "not_measured": measured.missing,
        },
        "roles": [_role(role) for role in report.roles],
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
