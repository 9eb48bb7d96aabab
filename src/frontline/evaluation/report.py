"""Everything the evaluation report shows, gathered once: the programme, its ledger, measured
usage, benefits measured against claims, the appraisal and scoring per role, and the plan.

The back-office pages, the API and the PDF all read this, so they always agree.
"""

from dataclasses import dataclass
from fractions import Fraction

from frontline.evaluation import appraisal, rollout, selectors, usage
from frontline.evaluation.models import Benefit

# Benefit.metric -> (what is measured, how to read it from usage, the volume it applies to)
METRICS = {
    "statement_minutes": (
        "median minutes from beginning a statement to signature, on the device",
        lambda u: u.median_statement_minutes,
        lambda u: u.records_by_type.get("witness statement", 0),
    ),
    "away_share_percent": (
        "percentage of located records made away from a station",
        lambda u: None if u.away_share is None else round(100 * u.away_share, 1),
        lambda u: 0,
    ),
    "adoption_percent": (
        "percentage of devices recording in most of their officers' shifts",
        lambda u: None if u.adoption is None else round(100 * u.adoption, 1),
        lambda u: 0,
    ),
    "notebook_minutes_to_submit": (
        "median minutes from event to notebook entry received",
        lambda u: u.median_minutes_to_submit.get("notebook entry"),
        lambda u: 0,
    ),
}


@dataclass
class BenefitResult:
    benefit: Benefit
    measured: float | None
    measured_label: str
    hours_returned: float | None  # minutes saved against baseline x volume / 60
    value_pence: int | None


@dataclass
class Report:
    programme: object
    ledger: selectors.LedgerTotals
    usage: usage.Usage
    benefits: list[BenefitResult]
    roles: list[appraisal.RoleResult]
    phases: list[rollout.PhaseProgress]

    @property
    def hours_returned(self) -> float:
        return sum(b.hours_returned or 0 for b in self.benefits)

    @property
    def value_returned_pence(self) -> int:
        return sum(b.value_pence or 0 for b in self.benefits)

    @property
    def replacement_rate(self) -> float | None:
        issued = self.programme.devices_issued
        return self.programme.devices_replaced / issued if issued else None


def programme_report(programme) -> Report:
    measured = usage.programme_usage(programme)
    return Report(
        programme=programme,
        ledger=selectors.ledger_totals(programme=programme),
        usage=measured,
        benefits=benefits_measure(programme=programme, measured=measured),
        roles=appraisal.programme_appraise(programme),
        phases=rollout.rollout_progress(phases=selectors.rollout_phases(programme=programme)),
    )


def benefits_measure(*, programme, measured) -> list[BenefitResult]:
    out = []
    for benefit in Benefit.objects.filter(programme=programme):
        label, read, volume = METRICS.get(
            benefit.metric, ("not measured by the platform", None, None)
        )
        value = read(measured) if read else None
        hours = None
        if value is not None and benefit.unit == "minutes" and volume is not None:
            saved = Fraction(benefit.baseline) - Fraction(value)
            hours = float(saved * volume(measured) / 60)
        pence = round(hours * programme.officer_hour_pence) if hours is not None else None
        out.append(BenefitResult(benefit, value, label, hours, pence))
    return out
