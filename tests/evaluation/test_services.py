"""Writing the ledger, options, criteria and scores: bad input is refused with the field
named, and nothing is saved; imports are all rows or none."""

from datetime import date

import pytest

from frontline.audit.models import AuditEvent
from frontline.common.errors import DomainError
from frontline.evaluation import services
from frontline.evaluation.models import CostEntry, Criterion, Option, Programme, Score
from tests.evaluation.helpers import option, programme


def _refused(field, call, *counted):
    before = [model.objects.count() for model in (*counted, AuditEvent)]
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.field == field, caught.value.message
    assert [model.objects.count() for model in (*counted, AuditEvent)] == before
    return caught.value


def test_a_cost_is_stored_in_pence_and_audited(evaluator):
    prog = programme(evaluator)
    entry = services.cost_entry_add(
        actor=evaluator,
        programme=prog,
        category="Hardware",
        nature="capital",
        amount="£1,234.56",
        spent_on="2026-02-01",
        supplier="Tablet Co",
    )
    assert (entry.category, entry.amount_pence, entry.spent_on) == (
        "hardware",
        123456,
        date(2026, 2, 1),
    )
    assert AuditEvent.objects.filter(action="evaluation.cost.add").count() == 1


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("amount", {"amount": "-5"}),
        ("amount", {"amount": "twelve pounds"}),
        ("amount", {"amount": "0"}),
        ("amount", {"amount": "12.345"}),
        ("category", {"category": "biscuits"}),
        ("nature", {"nature": "sometimes"}),
        ("date", {"spent_on": "31/02/2026"}),
    ],
)
def test_bad_costs_are_refused_naming_the_field(evaluator, field, values):
    prog = programme(evaluator)
    given = {"category": "hardware", "nature": "capital", "amount": "10", "spent_on": "2026-02-01"}
    given.update(values)
    _refused(
        field,
        lambda: services.cost_entry_add(actor=evaluator, programme=prog, **given),
        CostEntry,
    )


@pytest.mark.parametrize(
    ("field", "params"),
    [
        ("discount_rate", {"discount_rate": "0.5"}),
        ("discount_rate", {"discount_rate": "-0.01"}),
        ("discount_rate", {"discount_rate": "lots"}),
        ("optimism_bias", {"optimism_bias": "2.5"}),
        ("appraisal_years", {"appraisal_years": 0}),
        ("ends_on", {"ends_on": "2025-12-31"}),
    ],
)
def test_bad_programme_parameters_are_refused(evaluator, field, params):
    _refused(field, lambda: programme(evaluator, **params), Programme)


def test_a_lifespan_of_zero_is_refused(evaluator):
    prog = programme(evaluator)
    _refused("life_years", lambda: option(evaluator, prog, life_years=0), Option)


@pytest.mark.parametrize(
    ("field", "inputs"),
    [
        ("unit_cost", {"unit_cost": "-400"}),
        ("failure_rate", {"failure_rate": "1.5"}),
        ("devices", {"devices": "many"}),
    ],
)
def test_bad_option_inputs_are_refused(evaluator, field, inputs):
    prog = programme(evaluator)
    _refused(field, lambda: option(evaluator, prog, **inputs), Option)


def test_scores_outside_zero_to_one_hundred_are_refused(evaluator):
    prog = programme(evaluator)
    tablet = option(evaluator, prog)
    fit = services.criterion_save(
        actor=evaluator, programme=prog, role="response", name="Role fit", swing="100"
    )
    _refused(
        "score",
        lambda: services.score_set(actor=evaluator, option=tablet, criterion=fit, value="101"),
        Score,
    )
    battery = services.criterion_save(
        actor=evaluator,
        programme=prog,
        role="response",
        name="Battery per shift",
        swing="60",
        scoring="linear",
        worst="4",
        best="12",
    )
    _refused(
        "value",
        lambda: services.score_set(actor=evaluator, option=tablet, criterion=battery, value="14"),
        Score,
    )
    services.score_set(actor=evaluator, option=tablet, criterion=battery, value="10")
    assert Score.objects.get(criterion=battery).value == 10


def test_weights_that_do_not_normalise_are_refused_and_none_change(evaluator):
    prog = programme(evaluator)
    a = services.criterion_save(
        actor=evaluator, programme=prog, role="cid", name="Role fit", swing="100"
    )
    b = services.criterion_save(
        actor=evaluator, programme=prog, role="cid", name="Battery", swing="50"
    )
    _refused(
        "weights",
        lambda: services.weights_set(
            actor=evaluator, programme=prog, role="cid", swings={a.pk: "0", b.pk: "0"}
        ),
    )
    assert sorted(Criterion.objects.values_list("swing", flat=True)) == [50, 100]
    services.weights_set(
        actor=evaluator, programme=prog, role="cid", swings={a.pk: "40", b.pk: "80"}
    )
    assert sorted(Criterion.objects.values_list("swing", flat=True)) == [40, 80]


LEDGER = (
    "category,nature,amount,date,supplier,note\n"
    'hardware,capital,"1,200.00",2026-01-10,Tablet Co,tablets\n'
    "Software development,capital,4100,2026-01-20,Dev Ltd,\n"
    "licences,running,100.5,2026-02-01,,\n"
)


def test_ledger_import_adds_every_row(evaluator):
    prog = programme(evaluator)
    result = services.ledger_import(actor=evaluator, programme=prog, data=LEDGER.encode())
    assert result.ok and result.added == 3
    assert sorted(CostEntry.objects.values_list("amount_pence", flat=True)) == [
        10050,
        120000,
        410000,
    ]
    assert AuditEvent.objects.filter(action="evaluation.ledger.import").count() == 1


def test_ledger_import_with_a_bad_row_reports_it_and_imports_nothing(evaluator):
    prog = programme(evaluator)
    bad = LEDGER + "support,running,-20,2026-02-01,,\nbiscuits,running,5,2026-02-01,,\n"
    result = services.ledger_import(actor=evaluator, programme=prog, data=bad.encode())
    assert not result.ok
    assert result.rejected == [
        (5, "amount", "an amount cannot be negative"),
        (6, "category", result.rejected[1][2]),
    ]
    assert "hardware" in result.rejected[1][2]
    assert CostEntry.objects.count() == 0
    assert AuditEvent.objects.filter(action="evaluation.ledger.import").count() == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (b"category,amount\nhardware,5\n", "header"),
        (b"\xff\xfe\x00bad", "file"),
        (b"category,nature,amount,date\n", "file"),
    ],
)
def test_ledger_import_refuses_files_it_cannot_read(evaluator, data, field):
    prog = programme(evaluator)
    result = services.ledger_import(actor=evaluator, programme=prog, data=data)
    assert [r[1] for r in result.rejected] == [field]
    assert CostEntry.objects.count() == 0
