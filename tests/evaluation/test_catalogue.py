"""Hardware options made from the device catalogue: costs and life from the catalogue, the
failure rate the fleet register measured, the role's device count from the kit profiles; bad
input refused naming the field, with nothing saved."""

import re
from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

import pytest
from django.test import Client

from frontline.audit.models import AuditEvent
from frontline.common.clock import now
from frontline.common.errors import Conflict, InvalidInput
from frontline.devices import planning
from frontline.devices import services as fleet
from frontline.devices.models import KitProfile
from frontline.evaluation import catalogue, services
from frontline.evaluation.models import Option
from tests.devices.helpers import device, ipad
from tests.evaluation.helpers import programme


def rugged():
    return ipad(make="Panasonic", name="Toughbook G2", form_factor="rugged_tablet",
                platform="windows", unit_cost_pence=289900, accessories_cost_pence=34900,
                expected_life_months=60)  # fmt: skip


def two_years_of_tablets():
    """Two iPads received 730 days ago; one sent for repair. The register holds 1,460
    device-days = 3.997 device-years and one failure: 0.2502 a year."""
    model = ipad()
    received = now() - timedelta(days=730)
    tablets = [device(model, received_at=received) for _ in range(2)]
    fleet.fleet_device_event(
        device=tablets[0], event="sent_for_repair", actor=None, reason="Cracked screen",
        at=received + timedelta(days=100),
    )  # fmt: skip
    return model


def test_the_register_measures_failures_a_device_year_within_the_models_life(db):
    model = two_years_of_tablets()
    entry = planning.catalogue_for_appraisal(model_ids=[model.pk], at=now())[0]
    assert float(entry.device_years) == pytest.approx(1460 / 365.25)
    assert entry.failures == 1
    assert float(entry.failure_rate) == pytest.approx(365.25 / 1460)


def test_a_model_with_under_a_device_year_has_no_measured_rate(db):
    model = rugged()
    device(model, received_at=now() - timedelta(days=200))
    entry = planning.catalogue_for_appraisal(model_ids=[model.pk], at=now())[0]
    assert entry.failure_rate is None


def test_options_are_made_per_model_with_lifecycle_costs_from_the_catalogue(evaluator, officer):
    model = two_years_of_tablets()
    other = rugged()
    prog = programme(evaluator)
    made = catalogue.options_from_catalogue(
        actor=evaluator, programme=prog, role="Response", model_ids=[model.pk, str(other.pk)],
        devices=25, licence_per_year="60", support_per_year="50.50",
        connectivity_per_year=12000, assumed_failure_rate="0.03",
        minutes_saved_per_shift="20", shifts_per_year=200,
    )  # fmt: skip
    options = {o.name: o for o in made}
    assert sorted(options) == ["Apple iPad Air 2", "Panasonic Toughbook G2"]
    tablet, toughbook = options["Apple iPad Air 2"], options["Panasonic Toughbook G2"]
    assert (tablet.kind, tablet.role, tablet.devices) == ("hardware", "Response", 25)
    assert (tablet.unit_cost_pence, tablet.accessories_pence, tablet.life_years) == (
        39900, 4500, 3,
    )  # fmt: skip
    assert tablet.failure_rate == Decimal("0.2502")  # measured by the register
    assert toughbook.failure_rate == Decimal("0.0300")  # no history: the assumption
    assert (toughbook.unit_cost_pence, toughbook.life_years) == (289900, 5)
    assert (tablet.licence_pence_per_year, tablet.support_pence_per_year) == (6000, 5050)
    assert tablet.connectivity_pence_per_year == 12000
    assert tablet.minutes_saved_per_shift == Decimal("20")
    assert AuditEvent.objects.filter(action="evaluation.option.from_catalogue").count() == 1


def test_the_device_count_defaults_to_the_officers_equipped_for_the_role(
    evaluator, officer, team_mate
):
    model = ipad()
    profile = KitProfile.objects.create(role="Response")
    profile.device_models.set([model])
    for person in (officer, team_mate):
        fleet.officer_kit_profile_set(officer=person, profile=profile, actor=None)
    prog = programme(evaluator)
    (made,) = catalogue.options_from_catalogue(
        actor=evaluator, programme=prog, role="response", model_ids=[model.pk]
    )
    assert made.devices == 2
    # the kit profile's models are offered first for the role
    assert [c.entry.id for c in catalogue.catalogue_candidates(role="Response")] == [model.pk]


def test_options_made_from_the_catalogue_are_edited_like_any_other(evaluator):
    model = ipad()
    prog = programme(evaluator)
    (made,) = catalogue.options_from_catalogue(
        actor=evaluator, programme=prog, role="CID", model_ids=[model.pk], devices=5
    )
    services.option_save(
        actor=evaluator, programme=prog, role="CID", name=made.name, kind="hardware",
        device_model=made.device_model, devices=8, unit_cost="350", life_years=4,
    )  # fmt: skip
    made.refresh_from_db()
    assert (made.devices, made.unit_cost_pence, made.life_years) == (8, 35000, 4)


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("role", {"role": ""}),
        ("models", {"model_ids": []}),
        ("models", {"model_ids": ["not-a-uuid"]}),
        ("models", {"model_ids": [uuid4()]}),
        ("devices", {"devices": 0}),
        ("devices", {"devices": "many"}),
        ("devices", {"devices": None}),  # nobody is equipped for CID
        ("licence_per_year", {"licence_per_year": "-5"}),
        ("support_per_year", {"support_per_year": "lots"}),
        ("assumed_failure_rate", {"assumed_failure_rate": "1.5"}),
        ("shifts_per_year", {"shifts_per_year": 400}),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(evaluator, field, changes):
    model = ipad()
    prog = programme(evaluator)
    given = {"role": "CID", "model_ids": [model.pk], "devices": 5, **changes}
    with pytest.raises(InvalidInput) as refused:
        catalogue.options_from_catalogue(actor=evaluator, programme=prog, **given)
    assert refused.value.field == field
    assert Option.objects.count() == 0


def test_a_model_already_an_option_for_the_role_is_refused_and_nothing_is_added(evaluator):
    first, second = ipad(), rugged()
    prog = programme(evaluator)
    catalogue.options_from_catalogue(
        actor=evaluator, programme=prog, role="CID", model_ids=[first.pk], devices=5
    )
    with pytest.raises(Conflict) as refused:
        catalogue.options_from_catalogue(
            actor=evaluator, programme=prog, role="CID", model_ids=[second.pk, first.pk],
            devices=5,
        )  # fmt: skip
    assert refused.value.field == "models" and "Apple iPad Air 2" in refused.value.message
    assert list(Option.objects.values_list("name", flat=True)) == ["Apple iPad Air 2"]


def test_the_back_office_makes_options_from_the_catalogue(evaluator):
    model = ipad()
    prog = programme(evaluator)
    client = Client()
    client.force_login(evaluator)
    page = client.get(f"/office/evaluation/{prog.slug}/").content.decode()
    assert f'value="{model.pk}"' in page and "Apple iPad Air 2" in page
    url = f"/office/evaluation/{prog.slug}/from-catalogue/"
    form = {"role": "Neighbourhood", "models": [str(model.pk)], "devices": "12",
            "licence_per_year": "60", "shifts_per_year": "200"}  # fmt: skip
    refused = client.post(url, {**form, "assumed_failure_rate": "2"})
    assert refused.status_code == 422
    assert "assumed_failure_rate" in refused.content.decode()
    assert Option.objects.count() == 0
    assert client.post(url, form).status_code == 302
    option = Option.objects.get()
    assert (option.role, option.devices, option.licence_pence_per_year) == (
        "Neighbourhood", 12, 6000,
    )  # fmt: skip
    # The option form opens on it with its inputs as an evaluator types them, to change them
    editing = client.get(f"/office/evaluation/{prog.slug}/?option={option.pk}").content.decode()
    assert "Change the option Apple iPad Air 2 (Neighbourhood)" in editing
    for field, value in (
        ("o-unit", "399.00"),
        ("o-acc", "45.00"),
        ("o-lic", "60.00"),
        ("o-devices", "12"),
        ("o-life", "3"),
        ("o-shifts", "200"),
    ):
        assert f'id="{field}" name="' in editing
        assert re.search(rf'id="{field}" name="[a-z_]+" value="{re.escape(value)}"', editing)


def test_only_evaluators_make_options_from_the_catalogue_in_the_back_office(fleet_manager, db):
    model = ipad()
    prog = programme(None)
    client = Client()
    client.force_login(fleet_manager)
    response = client.post(
        f"/office/evaluation/{prog.slug}/from-catalogue/",
        {"role": "CID", "models": [str(model.pk)], "devices": "3"},
    )
    assert response.status_code == 403
    assert Option.objects.count() == 0


def test_the_api_makes_options_from_the_catalogue_and_refuses_bad_input(evaluator, api_factory):
    model = ipad()
    prog = programme(evaluator)
    api = api_factory(evaluator)
    url = f"/api/v1/evaluation/programmes/{prog.slug}/options/from-catalogue"
    bad = api.post(url, {"role": "CID", "device_models": [str(model.pk)], "devices": 3,
                         "assumed_failure_rate": "x"})  # fmt: skip
    assert bad.status_code == 422 and bad.json()["field"] == "assumed_failure_rate"
    assert Option.objects.count() == 0
    response = api.post(url, {"role": "CID", "device_models": [str(model.pk)], "devices": 3})
    assert response.status_code == 201
    (body,) = response.json()
    assert (body["name"], body["devices"], body["unit_cost_pence"], body["life_years"]) == (
        "Apple iPad Air 2", 3, 39900, 3,
    )  # fmt: skip
