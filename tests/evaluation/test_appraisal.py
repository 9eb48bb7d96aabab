"""Options become yearly flows the Green Book way: purchases and refreshes, residual value,
failures replaced, time saved valued; then appraisal, scoring and the recommendation."""

from fractions import Fraction

from frontline.evaluation import appraisal, greenbook, services
from tests.evaluation.helpers import option, programme


def test_flows_buy_refresh_credit_residual_value_and_replace_failures(evaluator):
    prog = programme(evaluator)
    tablet = option(
        evaluator,
        prog,
        devices=10,
        unit_cost="500",
        accessories="100",
        life_years=3,
        failure_rate="0.1",
        licence_per_year="20",
        support_per_year="30",
        connectivity_per_year="50",
        other_running_per_year="1000",
        minutes_saved_per_shift="30",
        shifts_per_year=200,
    )
    flows = appraisal.option_flows(tablet, years=5, hour_pence=4000)
    kit = 10 * 60_000  # 10 x (£500 + £100)
    # Bought in year 0, again in year 3; at the end of year 5 one year of that life is left
    assert flows.capital == [kit, 0, 0, kit, -kit * Fraction(1, 3)]
    # 10 x (£20 + £30 + £50) + £1,000 + 10% of 10 tablets at £500 = £2,000 + £500 a year
    assert flows.running == [250_000] * 5
    # 10 x 200 shifts x 30 minutes = 1,000 hours x £40 = £40,000 a year
    assert flows.benefits == [4_000_000] * 5


def test_equivalent_annual_cost_compares_options_with_different_lives(evaluator):
    prog = programme(evaluator)  # 3.5%, no optimism bias
    three = option(evaluator, prog, name="Three", devices=1, unit_cost="1000", life_years=3)
    five = option(evaluator, prog, name="Five", devices=1, unit_cost="1000", life_years=5)
    [role] = appraisal.programme_appraise(prog)
    eac = {r.option.name: greenbook.pence(r.eac) for r in role.options}
    # £1,000 x 0.35693 and x 0.22148: the same purchase costs less a year if it lasts longer
    assert eac == {"Three": 35_693, "Five": 22_148}
    assert three.life_years == 3 and five.life_years == 5


def test_the_option_with_the_highest_npv_is_recommended_with_reasons(evaluator):
    prog = programme(evaluator)
    option(evaluator, prog, name="Paper", kind="bau", devices=0, unit_cost="0", life_years=1,
           other_running_per_year="300")  # fmt: skip
    option(evaluator, prog, name="Tablet", devices=10, unit_cost="600", life_years=3,
           minutes_saved_per_shift="20", shifts_per_year=200)  # fmt: skip
    [role] = appraisal.programme_appraise(prog)
    assert role.recommended.option.name == "Tablet"
    assert role.runner_up.option.name == "Paper"
    assert role.reasons[0].startswith("Tablet has the highest net present value")
    # Its switching value against paper is the fall in benefits that levels the two NPVs
    moved = greenbook.Appraisal(
        role.recommended.appraisal.pv_capital,
        role.recommended.appraisal.pv_running,
        role.recommended.appraisal.pv_benefits * (1 + role.switching_to_runner_up),
    )
    assert moved.npv == role.runner_up.appraisal.npv


def test_optimism_bias_is_applied_to_capital_only(evaluator):
    prog = programme(evaluator)
    option(evaluator, prog, devices=1, unit_cost="1000", life_years=5, support_per_year="100")
    [plain] = appraisal.programme_appraise(prog)
    services.programme_parameters_set(actor=evaluator, programme=prog, optimism_bias="2")
    [biased] = appraisal.programme_appraise(prog)
    before, after = plain.options[0].appraisal, biased.options[0].appraisal
    assert after.pv_capital == 3 * before.pv_capital
    assert after.pv_running == before.pv_running


def test_sensitivity_shows_when_the_lead_changes(evaluator):
    prog = programme(evaluator)
    # Nearly level: the cheap phone saves less time, the rugged tablet costs more
    option(evaluator, prog, name="Rugged", devices=10, unit_cost="1500", life_years=5,
           minutes_saved_per_shift="30", shifts_per_year=200)  # fmt: skip
    option(evaluator, prog, name="Phone", devices=10, unit_cost="300", life_years=5,
           minutes_saved_per_shift="28", shifts_per_year=200)  # fmt: skip
    [role] = appraisal.programme_appraise(prog)
    leaders = {(label, step): leader for label, step, _, leader in role.sensitivity}
    assert len(leaders) == 16  # four inputs x (-50%, -10%, +10%, +50%)
    assert (
        leaders[("Time saved per shift", Fraction(1, 2))]
        != leaders[("Time saved per shift", Fraction(-1, 2))]
    )
    assert any("the lead can pass to" in reason for reason in role.reasons)


def test_a_score_left_outside_a_narrowed_range_is_reported_not_crashed_on(evaluator):
    prog = programme(evaluator)
    tablet = option(evaluator, prog, name="Tablet")
    phone = option(evaluator, prog, name="Phone", unit_cost="300")
    battery = services.criterion_save(
        actor=evaluator, programme=prog, role="response", name="Battery", swing="50",
        scoring="linear", worst="4", best="12",
    )  # fmt: skip
    services.score_set(actor=evaluator, option=tablet, criterion=battery, value="11")
    services.score_set(actor=evaluator, option=phone, criterion=battery, value="6")
    # Then the range is narrowed below the tablet's measured 11 hours
    services.criterion_save(
        actor=evaluator, programme=prog, role="response", name="Battery", swing="50",
        scoring="linear", worst="4", best="10",
    )  # fmt: skip
    [role] = appraisal.programme_appraise(prog)
    assert role.problems == [
        "Tablet, Battery: the measured value lies outside the criterion's range"
    ]
    # The phone is still scored: (6 - 4) / (10 - 4) x 100 = 33.3; the tablet is not
    scored = {o.option.name: o.score for o in role.options}
    assert scored == {"Tablet": None, "Phone": Fraction(100, 3)}
