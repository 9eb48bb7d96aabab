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
