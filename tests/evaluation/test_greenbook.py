"""Green Book arithmetic against values worked by hand (and the Green Book's own tables)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from frontline.evaluation import greenbook

RATE = Fraction(35, 1000)


@pytest.mark.parametrize(
    ("year", "factor"),
    [(0, "1.0000"), (1, "0.9662"), (2, "0.9335"), (3, "0.9019"), (4, "0.8714"), (5, "0.8420"),
     (10, "0.7089")],
)  # fmt: skip
def test_discount_factors_at_three_and_a_half_percent_match_the_green_book_table(year, factor):
    # 1/1.035^t, e.g. 1/1.035 = 0.96618..., 1/1.035^2 = 0.93351...
    assert greenbook.decimal_places(greenbook.discount_factor(rate=RATE, year=year)) == Decimal(
        factor
    )


def test_discount_factor_is_exact_not_floating_point():
    assert greenbook.discount_factor(rate=RATE, year=2) == Fraction(1000**2, 1035**2)


@pytest.mark.parametrize(("life", "factor"), [(3, "0.3569"), (4, "0.2723"), (5, "0.2215")])
def test_equivalent_annual_cost_factors_for_three_four_and_five_years(life, factor):
    assert greenbook.decimal_places(greenbook.annuity_factor(rate=RATE, life=life)) == Decimal(
        factor
    )


def test_equivalent_annual_cost_spreads_a_present_cost_over_the_life():
    # £1,000 today over 3 years at 3.5%: 1000 x 0.035 / (1 - 1.035^-3) = £356.93
    eac = greenbook.equivalent_annual_cost(rate=RATE, present_cost=Fraction(100_000), life=3)
    assert greenbook.pence(eac) == 35693


def test_equivalent_annual_cost_refuses_a_lifespan_of_zero():
    with pytest.raises(ValueError, match="at least one year"):
        greenbook.annuity_factor(rate=RATE, life=0)


def _example(optimism_bias=Fraction(0)):
    # £1,000 capital now; £400 a year of benefits in years 1 to 3.
    flows = greenbook.Flows(
        capital=[100_000, 0, 0, 0], running=[0, 0, 0, 0], benefits=[0, 40_000, 40_000, 40_000]
    )
    return greenbook.appraise(flows=flows, rate=RATE, optimism_bias=optimism_bias)


def test_npv_and_benefit_cost_ratio_of_a_worked_example():
    # PV(benefits) = 400/1.035 + 400/1.035^2 + 400/1.035^3 = 386.47 + 373.40 + 360.78 = 1120.65
    appraisal = _example()
    assert greenbook.pence(appraisal.pv_benefits) == 112065
    assert greenbook.pence(appraisal.pv_costs) == 100000
    assert greenbook.pence(appraisal.npv) == 12065
    assert greenbook.decimal_places(appraisal.bcr) == Decimal("1.1207")


def test_optimism_bias_raises_capital_before_discounting():
    # +200% on £1,000 capital: costs £3,000, so NPV = 1120.65 - 3000 = -1879.35
    appraisal = _example(optimism_bias=Fraction(2))
    assert greenbook.pence(appraisal.pv_capital) == 300000
    assert greenbook.pence(appraisal.npv) == -187935


def test_switching_values_bring_npv_to_zero():
    appraisal = _example()
    values = greenbook.switching_values(appraisal)
    # Benefits may fall by 120.65/1120.65 = 10.77%; costs may rise by 120.65/1000 = 12.07%
    assert greenbook.decimal_places(values["benefits"]) == Decimal("-0.1077")
    assert greenbook.decimal_places(values["costs"]) == Decimal("0.1207")
    # And moving benefits by exactly that switching value gives an NPV of exactly zero
    moved = greenbook.Appraisal(
        pv_capital=appraisal.pv_capital,
        pv_running=appraisal.pv_running,
        pv_benefits=appraisal.pv_benefits * (1 + values["benefits"]),
    )
    assert moved.npv == 0


def test_switching_value_between_leader_and_runner_up():
    leader = _example()
    runner_up = greenbook.Appraisal(Fraction(50_000), Fraction(0), Fraction(56_000))  # NPV 60
    change = greenbook.switching_value_between(leader, runner_up)
    moved = greenbook.Appraisal(
        leader.pv_capital, leader.pv_running, leader.pv_benefits * (1 + change)
    )
    assert moved.npv == runner_up.npv
    assert greenbook.decimal_places(change) == Decimal("-0.0541")  # (6000-12065.48)/112065.48


def test_pence_round_half_up_away_from_zero():
    assert greenbook.pence(Fraction(5, 2)) == 3
    assert greenbook.pence(Fraction(-5, 2)) == -3
    assert greenbook.pence(Fraction(49, 20)) == 2
