"""The report as the pages and the PDF show it: display-ready figures, charts and caveats,
made from one `report.Report` so the back office and the PDF say the same thing."""

from frontline.common.clock import now
from frontline.evaluation import charts, greenbook, usage

MINUTES_A_DAY = 24 * 60
NONE = "\N{EN DASH}"  # shown where there is no figure


def money(pence: int | None, *, whole: bool = False) -> str:
    if pence is None:
        return NONE
    sign = "-" if pence < 0 else ""
    pounds = abs(pence) / 100
    return f"{sign}£{pounds:,.0f}" if whole else f"{sign}£{pounds:,.2f}"


def report_context(report) -> dict:
    programme, ledger, measured = report.programme, report.ledger, report.usage
    return {
        "programme": programme,
        "generated_at": now(),
        "ledger": {
            "rows": [
                {"label": label, "amount": money(p, whole=True), "share": f"{ledger.share(p):.0%}"}
                for label, p in ledger.by_category
            ],
            "natures": [(label, money(p, whole=True)) for label, p in ledger.by_nature],
            "total": money(ledger.total, whole=True),
            "entries": ledger.entries,
            "per_device": money(ledger.per_device),
            "per_device_whole": money(ledger.per_device, whole=True),
            "devices": ledger.devices,
            "svg": charts.bars_svg(
                slug="ledger",
                title="Programme cost by category",
                rows=[(label, p / 100_000_000) for label, p in ledger.by_category],
                unit="£ million",
            ),
        },
        "replacements": programme.devices_replaced,
        "replacement_rate": (
            f"{report.replacement_rate:.1%}" if report.replacement_rate is not None else NONE
        ),
        "usage": _usage(measured),
        "benefits": [
            {
                "benefit": b.benefit,
                "measured": "not measured" if b.measured is None else f"{b.measured:g}",
                "measured_label": b.measured_label,
                "hours": NONE if b.hours_returned is None else f"{b.hours_returned:,.1f}",
                "value": money(b.value_pence, whole=True) if b.value_pence is not None else NONE,
            }
            for b in report.benefits
        ],
        "hours_returned": f"{report.hours_returned:,.1f}",
        "value_returned": money(report.value_returned_pence, whole=True),
        "roles": [_role(role, programme) for role in report.roles],
        "phases": [
            {
                "phase": p.phase,
                "budget": money(p.phase.budget_pence, whole=True),
                "expected": p.expected,
                "issued": p.issued,
                "still_issued": p.still_issued,
                "replacements": p.replacements,
                "issued_cost": money(p.issued_cost_pence, whole=True),
                "share": f"{p.share:.0%}",
                "status": p.status,
            }
            for p in report.phases
        ],
        "phases_svg": charts.bars_svg(
            slug="rollout",
            title="Rollout: devices issued by phase, from the fleet register",
            rows=[(p.phase.name, p.issued) for p in report.phases],
            unit="Devices issued",
        )
        if report.phases
        else "",
        "planned_devices": sum(p.phase.devices_planned for p in report.phases),
        "planned_budget": money(sum(p.phase.budget_pence for p in report.phases), whole=True),
        "caveats": _caveats(report),
    }


def _usage(measured) -> dict:
    per_shift = measured.per_shift_by_type
    return {
        "m": measured,
        "rows": [
            {
                "type": kind,
                "count": count,
                "per_shift": f"{per_shift.get(kind, 0):.2f}",
                "median_minutes": _minutes(measured.median_minutes_to_submit.get(kind)),
            }
            for kind, count in sorted(measured.records_by_type.items())
        ],
        "away": NONE if measured.away_share is None else f"{measured.away_share:.0%}",
        "adoption": NONE if measured.adoption is None else f"{measured.adoption:.0%}",
        "statement_minutes": _minutes(measured.median_statement_minutes),
        "mean_active": _mean_active(measured),
        "weeks": sorted(measured.by_week.items()),
        "roles": [
            {
                "role": role,
                "officers": part.officers,
                "shifts": part.shifts,
                "records": part.records,
                "per_shift": f"{part.per_shift:.2f}",
                "devices": part.devices_seen,
                "adoption": NONE if part.adoption is None else f"{part.adoption:.0%}",
            }
            for role, part in measured.by_role.items()
        ],
        "roles_svg": charts.bars_svg(
            slug="usage-roles",
            title="Records per shift by role",
            rows=[(role, part.per_shift) for role, part in measured.by_role.items()],
            unit="Records per shift",
        )
        if measured.by_role
        else "",
        "device_models": (
            None if measured.by_device_model is None else sorted(measured.by_device_model.items())
        ),
        "checks": "not measured" if measured.check_volume is None else measured.check_volume,
        "geofence": usage.GEOFENCE_METRES,
        "svg": charts.daily_svg(
            slug="active-devices",
            title="Active devices per day",
            days=measured.active_devices_by_day,
            unit="Devices",
        ),
    }


def _mean_active(measured) -> str:
    """The mean with the days it is taken over, so a mean read while a pilot is running is not
    taken for the whole period's."""
    days, total = measured.days_measured, measured.days_in_period
    if not days:
        return f"{NONE} (no days yet: the period has not begun)"
    mean = f"{measured.mean_active_devices:.1f} a day"
    if days < total:
        so_far = "the first day" if days == 1 else f"the {days} days"
        return f"{mean} over {so_far} so far of {total}"
    whole = "the one day" if total == 1 else f"all {total} days"
    return f"{mean} over {whole} of the period"


def _role(role, programme) -> dict:
    slug = "vfm-" + "".join(ch for ch in role.role.lower() if ch.isalnum())
    scored = [o for o in role.options if o.score is not None]
    return {
        "name": role.role,
        "recommended": role.recommended.option.name if role.recommended else NONE,
        "reasons": role.reasons,
        "problems": role.problems,
        "options": [
            {
                "name": o.option.name,
                "kind": o.option.get_kind_display(),
                "devices": o.option.devices,
                "life": o.option.life_years,
                "pv_costs": money(greenbook.pence(o.appraisal.pv_costs), whole=True),
                "pv_benefits": money(greenbook.pence(o.appraisal.pv_benefits), whole=True),
                "npv": money(greenbook.pence(o.appraisal.npv), whole=True),
                "bcr": NONE if o.appraisal.bcr is None else f"{float(o.appraisal.bcr):.2f}",
                "eac": money(greenbook.pence(o.eac), whole=True),
                "switch_benefits": _percent(o.switching["benefits"]),
                "switch_costs": _percent(o.switching["costs"]),
                "score": NONE if o.score is None else f"{float(o.score):.1f}",
                "dominated": o.dominated,
                "recommended": o is role.recommended,
            }
            for o in role.options
        ],
        "inputs": [
            {
                "name": o.option.name,
                "model": o.option.device_model or NONE,
                "unit": money(o.option.unit_cost_pence),
                "accessories": money(o.option.accessories_pence),
                "failure": f"{float(o.option.failure_rate):.2%}",
                "licence": money(o.option.licence_pence_per_year),
                "support": money(o.option.support_pence_per_year),
                "connectivity": money(o.option.connectivity_pence_per_year),
                "other": money(o.option.other_running_pence_per_year, whole=True),
                "minutes": f"{o.option.minutes_saved_per_shift:g}",
            }
            for o in role.options
        ],
        "criteria": [
            {
                "name": c.name,
                "weight": f"{float(role.weights.get(c.name, 0)):.3f}",
                "swing": c.swing,
                "scoring": c.get_scoring_display(),
                "range": (f"{c.worst:g} to {c.best:g} {c.unit}" if c.scoring == "linear" else ""),
                "scores": [
                    (o.option.name, f"{float(o.scores[c.name]):.0f}")
                    for o in scored
                    if c.name in o.scores
                ],
            }
            for c in role.criteria
        ],
        "scored_names": [o.option.name for o in scored],
        "flips": [
            {
                "criterion": f.criterion,
                "from": f"{float(f.weight_from):.3f}",
                "to": f"{float(f.weight_to):.3f}",
                "leader": f.new_leader,
            }
            for f in role.flips[:3]
        ],
        "switch_to_runner_up": _percent(role.switching_to_runner_up),
        "runner_up": role.runner_up.option.name if role.runner_up else NONE,
        "sensitivity": [
            {
                "input": label,
                "step": f"{float(step):+.0%}",
                "leader": leader,
                "npv": money(greenbook.pence(npvs[role.recommended.option.name]), whole=True),
                "changed": leader != role.recommended.option.name,
            }
            for label, step, npvs, leader in role.sensitivity
        ]
        if role.recommended
        else [],
        "svg": charts.value_for_money_svg(
            slug=slug,
            title=f"Value for money, {role.role}",
            points=[
                (o.option.name, float(o.eac) / 100, float(o.score), o.dominated) for o in scored
            ],
        )
        if scored
        else "",
        "rate": f"{float(programme.discount_rate):.1%}",
    }


def _caveats(report) -> list[str]:
    out = [
        "Benefits are officer time valued at "
        f"{money(report.programme.officer_hour_pence)} an hour; none of it is cash-releasing "
        "unless the benefits register says so.",
        "Capital costs carry an optimism-bias uplift of "
        f"{float(report.programme.optimism_bias):.0%}; the discount rate is "
        f"{float(report.programme.discount_rate):.1%} real over "
        f"{report.programme.appraisal_years} years, with residual value credited at the end.",
    ]
    out += [f"Not measured here: {line}." for line in report.usage.missing]
    slow = [
        kind
        for kind, minutes in report.usage.median_minutes_to_submit.items()
        if minutes > MINUTES_A_DAY
    ]
    if slow:
        out.append(
            "Records reached the server more than a day after the event for: "
            + ", ".join(slow)
            + ". Either devices were offline for days or records were loaded in bulk (as in "
            "the demo); time to submit is not a fair measure of the devices here."
        )
    return out


def _minutes(value) -> str:
    if value is None:
        return NONE
    if value >= MINUTES_A_DAY:
        return f"{value / MINUTES_A_DAY:,.1f} days"
    return f"{value:,.0f} min"


def _percent(value) -> str:
    return NONE if value is None else f"{float(value):+.1%}"
