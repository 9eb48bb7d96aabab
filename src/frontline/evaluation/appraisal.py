"""The options appraisal and multi-criteria scoring of one programme, role by role.

Turns stored options into yearly flows, appraises them with greenbook, scores them with mcda,
and says which option is recommended and why. Reads only; three queries per programme.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from frontline.evaluation import greenbook, mcda
from frontline.evaluation.models import BAU, HARDWARE, LINEAR, Criterion, Option, Score

SENSITIVE_INPUTS = {
    "unit_cost": "Device unit cost",
    "running": "Running costs (licences, support, connectivity)",
    "failure_rate": "Failure and replacement rate",
    "benefits": "Time saved per shift",
}


@dataclass
class OptionResult:
    option: Option
    flows: greenbook.Flows
    appraisal: greenbook.Appraisal
    eac: Fraction
    switching: dict
    score: Fraction | None = None
    scores: dict = field(default_factory=dict)  # criterion name -> 0-100 value score
    dominated: bool = False


@dataclass
class RoleResult:
    role: str
    options: list[OptionResult]
    weights: dict  # criterion name -> normalised weight
    criteria: list[Criterion]
    recommended: OptionResult | None
    runner_up: OptionResult | None
    switching_to_runner_up: Fraction | None
    flips: list
    sensitivity: list  # (input label, step, {option name: npv}, leader name)
    reasons: list[str]
    problems: list[str]


def programme_appraise(programme) -> list[RoleResult]:
    """Every role's appraisal and scoring."""
    options = list(Option.objects.filter(programme=programme))
    criteria = list(Criterion.objects.filter(programme=programme))
    scores = list(Score.objects.filter(option__programme=programme))
    rate = Fraction(programme.discount_rate)
    bias = Fraction(programme.optimism_bias)
    by_role: dict[str, list[Option]] = {}
    for option in options:
        by_role.setdefault(option.role, []).append(option)
    return [
        _role(
            role,
            by_role[role],
            [c for c in criteria if c.role == role],
            scores,
            programme=programme,
            rate=rate,
            bias=bias,
        )
        for role in sorted(by_role)
    ]


def option_flows(option: Option, *, years: int, hour_pence: int, adjust=None) -> greenbook.Flows:
    """Yearly capital, running costs and benefits over `years`, in (exact) pence.

    Devices and accessories are bought in year 0 and again each time their life runs out; what
    is left of the last purchase at the end of the period is credited back as residual value
    (straight line), so options with different lives are compared on equal terms. Failures are
    replaced at the unit cost each year. Benefits are officer time saved, valued per hour.
    """
    adjust = adjust or {}
    unit = Fraction(option.unit_cost_pence) * adjust.get("unit_cost", 1)
    kit = (unit + option.accessories_pence) * option.devices
    per_device = (
        option.licence_pence_per_year
        + option.support_pence_per_year
        + option.connectivity_pence_per_year
    )
    running_year = (
        Fraction(per_device * option.devices + option.other_running_pence_per_year)
        * adjust.get("running", 1)
        + option.devices * Fraction(option.failure_rate) * adjust.get("failure_rate", 1) * unit
    )
    benefit_year = (
        option.devices
        * option.shifts_per_year
        * Fraction(option.minutes_saved_per_shift)
        * adjust.get("benefits", 1)
        * hour_pence
        / 60
    )
    life = option.life_years
    capital = [kit if year % life == 0 else Fraction(0) for year in range(years)]
    if kit and years % life:
        used = years % life
        capital[-1] -= kit * Fraction(life - used, life)
    return greenbook.Flows(
        capital=capital, running=[running_year] * years, benefits=[benefit_year] * years
    )


def _role(role, options, criteria, scores, *, programme, rate, bias) -> RoleResult:
    years, hour = programme.appraisal_years, programme.officer_hour_pence
    results = []
    for option in options:
        flows = option_flows(option, years=years, hour_pence=hour)
        appraisal = greenbook.appraise(flows=flows, rate=rate, optimism_bias=bias)
        one_life = option_flows(option, years=option.life_years, hour_pence=hour)
        life_cost = greenbook.appraise(flows=one_life, rate=rate, optimism_bias=bias).pv_costs
        results.append(
            OptionResult(
                option=option,
                flows=flows,
                appraisal=appraisal,
                eac=greenbook.equivalent_annual_cost(
                    rate=rate, present_cost=life_cost, life=option.life_years
                ),
                switching=greenbook.switching_values(appraisal),
            )
        )
    problems: list[str] = []
    weights, flips = _score(results, criteria, scores, problems)
    ranked = sorted(results, key=lambda r: -r.appraisal.npv)
    recommended = ranked[0] if ranked else None
    runner_up = ranked[1] if len(ranked) > 1 else None
    sensitivity = _sensitivity(options, rate=rate, bias=bias, years=years, hour=hour)
    reasons = _reasons(recommended, runner_up, results, sensitivity)
    return RoleResult(
        role=role,
        options=results,
        weights=weights,
        criteria=criteria,
        recommended=recommended,
        runner_up=runner_up,
        switching_to_runner_up=(
            greenbook.switching_value_between(recommended.appraisal, runner_up.appraisal)
            if runner_up
            else None
        ),
        flips=flips,
        sensitivity=sensitivity,
        reasons=reasons,
        problems=problems,
    )


def _score(results, criteria, scores, problems):
    if not criteria:
        return {}, []
    try:
        weights = mcda.weights_normalise({c.name: Fraction(c.swing) for c in criteria})
    except mcda.MCDAError as exc:
        problems.append(str(exc))
        return {}, []
    values = {(s.option_id, s.criterion_id): Fraction(s.value) for s in scores}
    table = {}
    for result in results:
        if result.option.kind != HARDWARE:
            continue  # the criteria compare devices; paper and do-minimum are costed only
        row = {}
        for criterion in criteria:
            raw = values.get((result.option.pk, criterion.pk))
            if raw is None:
                problems.append(f"{result.option.name} has no score for {criterion.name}")
                continue
            try:
                row[criterion.name] = _value(criterion, raw)
            except mcda.MCDAError as exc:  # e.g. a range narrowed after scoring
                problems.append(f"{result.option.name}, {criterion.name}: {exc}")
        result.scores = row
        if len(row) == len(criteria):
            table[result.option.name] = row
    for result in results:
        if result.option.name in table:
            result.score = mcda.weighted_sum(weights=weights, scores=result.scores)
    points = {r.option.name: (r.eac, r.score) for r in results if r.score is not None}
    gone = mcda.dominated(points)
    for result in results:
        result.dominated = result.option.name in gone
    flips = mcda.weight_flips(weights=weights, scores=table) if len(table) > 1 else []
    return weights, flips


def _value(criterion, raw: Fraction) -> Fraction:
    if criterion.scoring == LINEAR:
        return mcda.linear_value(
            raw=raw, worst=Fraction(criterion.worst), best=Fraction(criterion.best)
        )
    return mcda.score_check(raw)


def _sensitivity(options, *, rate, bias, years, hour) -> list:
    rows = []
    for key, label in SENSITIVE_INPUTS.items():
        for step in greenbook.SENSITIVITY_STEPS:
            npvs = {}
            for option in options:
                flows = option_flows(option, years=years, hour_pence=hour, adjust={key: 1 + step})
                npvs[option.name] = greenbook.appraise(
                    flows=flows, rate=rate, optimism_bias=bias
                ).npv
            leader = max(npvs, key=npvs.get) if npvs else None
            rows.append((label, step, npvs, leader))
    return rows


def _reasons(recommended, runner_up, results, sensitivity) -> list[str]:
    if recommended is None:
        return []
    name = recommended.option.name
    npv = greenbook.pence(recommended.appraisal.npv)
    reasons = [f"{name} has the highest net present value ({_money(npv)})."]
    if runner_up is not None:
        gap = greenbook.pence(recommended.appraisal.npv - runner_up.appraisal.npv)
        reasons.append(f"It is {_money(gap)} ahead of {runner_up.option.name}.")
    scored = [r for r in results if r.score is not None]
    if scored:
        top = max(scored, key=lambda r: r.score)
        if top is recommended:
            reasons.append("It also has the highest multi-criteria score.")
        else:
            reasons.append(
                f"{top.option.name} scores higher on the criteria; weigh that against cost."
            )
    if recommended.dominated:
        reasons.append("Caution: another option gives more value for less cost.")
    changes = sorted({leader for _, _, _, leader in sensitivity if leader != name})
    if changes:
        reasons.append("Under ±50% sensitivity the lead can pass to: " + ", ".join(changes) + ".")
    else:
        reasons.append("It stays first under every ±10% and ±50% sensitivity test.")
    if recommended.option.kind == BAU:
        reasons.append("No device option repays its cost at these inputs.")
    return reasons


def _money(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    return f"{sign}£{abs(pence) / 100:,.0f}"
