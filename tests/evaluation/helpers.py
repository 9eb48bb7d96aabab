"""A programme to appraise, made through the services."""

from frontline.evaluation import services


def programme(actor, *, slug="test-pilot", **params):
    values = {
        "kind": "pilot",
        "starts_on": "2026-01-01",
        "ends_on": "2026-03-31",
        "devices_issued": 100,
        "discount_rate": "0.035",
        "appraisal_years": 5,
        "officer_hour_pence": 4000,
        **params,
    }
    return services.programme_create(actor=actor, slug=slug, name="Test pilot", **values)


def option(actor, prog, *, role="response", name="Rugged tablet", **inputs):
    values = {
        "kind": "hardware",
        "devices": 10,
        "unit_cost": "1000",
        "life_years": 5,
        **inputs,
    }
    return services.option_save(actor=actor, programme=prog, role=role, name=name, **values)


def appraised(actor, *, slug="test-pilot", roles=("Response",), extra_costs=0):
    """A programme with costs, a benefit, options scored on two criteria per role, a phase."""
    prog = programme(actor, slug=slug)
    for n in range(1 + extra_costs):
        services.cost_entry_add(
            actor=actor,
            programme=prog,
            category="hardware",
            nature="capital",
            amount="1000",
            spent_on="2026-01-10",
            supplier=f"Supplier {n}",
        )
    services.benefit_add(
        actor=actor,
        programme=prog,
        description="Statements on the device",
        measure="Minutes per statement",
        unit="minutes",
        baseline="60",
        target="45",
        owner="Lead",
        metric="statement_minutes",
    )
    for role in roles:
        option(actor, prog, role=role, name="Paper", kind="bau", devices=0, life_years=1,
               unit_cost="0")  # fmt: skip
        tablet = option(actor, prog, role=role, name="Tablet", minutes_saved_per_shift="20",
                        shifts_per_year=200)  # fmt: skip
        phone = option(actor, prog, role=role, name="Phone", unit_cost="400", life_years=3,
                       minutes_saved_per_shift="15", shifts_per_year=200)  # fmt: skip
        fit = services.criterion_save(
            actor=actor, programme=prog, role=role, name="Role fit", swing="100"
        )
        battery = services.criterion_save(
            actor=actor, programme=prog, role=role, name="Battery", swing="50",
            scoring="linear", worst="4", best="12",
        )  # fmt: skip
        for opt, fit_score, hours in ((tablet, "80", "10"), (phone, "60", "8")):
            services.score_set(actor=actor, option=opt, criterion=fit, value=fit_score)
            services.score_set(actor=actor, option=opt, criterion=battery, value=hours)
    services.phase_add(
        actor=actor, programme=prog, name="Phase 1", role=roles[0], devices_planned=10,
        starts_on="2026-04-01", ends_on="2026-06-30", budget="20000",
    )  # fmt: skip
    return prog
