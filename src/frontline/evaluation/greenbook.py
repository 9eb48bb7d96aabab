"""HM Treasury Green Book appraisal arithmetic: discounting, NPV, BCR, equivalent annual cost,
optimism bias, sensitivity and switching values.

Pure functions on exact fractions: money goes in as integer pence per year and comes out as
integer pence, rounded half up once at the end, so no rounding error builds up across years.
Year 0 is the first year and is not discounted (discount factor 1/(1+r)^t).
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

RATE_MIN = Fraction(0)
RATE_MAX = Fraction(15, 100)  # a real rate above 15% is not a sane Green Book parameter
OPTIMISM_BIAS_MAX = Fraction(2)  # +200%: the equipment/IT upper bound for capital
SENSITIVITY_STEPS = (Fraction(-1, 2), Fraction(-1, 10), Fraction(1, 10), Fraction(1, 2))


def discount_factor(*, rate: Fraction, year: int) -> Fraction:
    """1 / (1 + r)^t, exactly."""
    if year < 0:
        raise ValueError("year must be 0 or later")
    return 1 / (1 + Fraction(rate)) ** year


def present_value(*, rate: Fraction, amounts: list[int]) -> Fraction:
    """The sum of each year's amount times its discount factor (year 0 first)."""
    return sum(
        (
            Fraction(amount) * discount_factor(rate=rate, year=year)
            for year, amount in enumerate(amounts)
        ),
        Fraction(0),
    )


def annuity_factor(*, rate: Fraction, life: int) -> Fraction:
    """r / (1 - (1+r)^-L): turns a present value into an equal yearly amount over L years."""
    if life < 1:
        raise ValueError("a lifespan must be at least one year")
    rate = Fraction(rate)
    if rate == 0:
        return Fraction(1, life)
    return rate / (1 - 1 / (1 + rate) ** life)


def equivalent_annual_cost(*, rate: Fraction, present_cost: Fraction, life: int) -> Fraction:
    return Fraction(present_cost) * annuity_factor(rate=rate, life=life)


def with_optimism_bias(*, capital: list[int], uplift: Fraction) -> list[Fraction]:
    """Capital costs raised by the optimism-bias uplift (e.g. 2 for +200%)."""
    return [Fraction(amount) * (1 + Fraction(uplift)) for amount in capital]


@dataclass(frozen=True)
class Flows:
    """One option's yearly amounts in pence (year 0 first), all the same length."""

    capital: list[int]
    running: list[int]
    benefits: list[int]


@dataclass(frozen=True)
class Appraisal:
    pv_capital: Fraction  # after optimism bias
    pv_running: Fraction
    pv_benefits: Fraction

    @property
    def pv_costs(self) -> Fraction:
        return self.pv_capital + self.pv_running

    @property
    def npv(self) -> Fraction:
        return self.pv_benefits - self.pv_costs

    @property
    def bcr(self) -> Fraction | None:
        """Benefit-cost ratio; None when there are no costs to divide by."""
        return self.pv_benefits / self.pv_costs if self.pv_costs else None


def appraise(*, flows: Flows, rate: Fraction, optimism_bias: Fraction = Fraction(0)) -> Appraisal:
    """Present values of an option's capital (with optimism bias), running costs and benefits."""
    return Appraisal(
        pv_capital=present_value(
            rate=rate, amounts=with_optimism_bias(capital=flows.capital, uplift=optimism_bias)
        ),
        pv_running=present_value(rate=rate, amounts=flows.running),
        pv_benefits=present_value(rate=rate, amounts=flows.benefits),
    )


def switching_values(appraisal: Appraisal) -> dict[str, Fraction | None]:
    """How far benefits or costs would have to move, as a fraction, for NPV to reach zero.

    Benefits: a fall of NPV / PV(benefits); costs: a rise of NPV / PV(costs). Negative when the
    option's NPV is already below zero (benefits must rise, or costs fall). None if there is
    nothing to move.
    """
    npv = appraisal.npv
    return {
        "benefits": (-npv / appraisal.pv_benefits) if appraisal.pv_benefits else None,
        "costs": (npv / appraisal.pv_costs) if appraisal.pv_costs else None,
    }


def switching_value_between(leader: Appraisal, runner_up: Appraisal) -> Fraction | None:
    """The fractional change in the leader's benefits at which its NPV falls to the runner-up's."""
    if not leader.pv_benefits:
        return None
    return (runner_up.npv - leader.npv) / leader.pv_benefits


def pence(value: Fraction) -> int:
    """Round an exact amount to whole pence, half up (away from zero)."""
    return _round_half_up(value)


def decimal_places(value: Fraction, places: int = 4) -> Decimal:
    """An exact fraction shown to `places` decimal places, half up."""
    quantum = Decimal(1).scaleb(-places)
    scaled = _round_half_up(Fraction(value) * 10**places)
    return (Decimal(scaled) * quantum).quantize(quantum)


def _round_half_up(value: Fraction) -> int:
    value = Fraction(value)
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    whole, rest = divmod(magnitude.numerator, magnitude.denominator)
    if 2 * rest >= magnitude.denominator:
        whole += 1
    return sign * whole
