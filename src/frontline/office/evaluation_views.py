"""Evaluation pages: the programmes, one programme's dashboard (the report with its charts)
and the forms an evaluator runs the appraisal with, and the report as a PDF.

Evaluators and admins only. Each form posts to one action, which calls one service; a refusal
shows the service's message naming the field, and nothing is saved.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontline.accounts.models import Station
from frontline.common.errors import DomainError, InvalidInput
from frontline.evaluation import access, catalogue, selectors, services
from frontline.evaluation.document import report_context
from frontline.evaluation.models import CATEGORIES, NATURES, OPTION_KINDS, SCORING
from frontline.evaluation.pdf import evaluation_pdf
from frontline.evaluation.report import METRICS, programme_report

UPLOAD_MAX = services.IMPORT_BYTES_MAX


def _forbidden(request):
    return HttpResponseForbidden(render(request, "office/forbidden.html").content)


@login_required
def programmes(request):
    if not access.evaluation_can_read(request.user):
        return _forbidden(request)
    return render(
        request,
        "office/evaluation/list.html",
        {
            "programmes": selectors.programmes_list(),
            "can_change": access.evaluation_can_change(request.user),
        },
    )


@login_required
@require_POST
def programme_create(request):
    if not access.evaluation_can_change(request.user):
        return _forbidden(request)
    fields = ["slug", "name", "kind", "starts_on", "ends_on", "area", "devices_issued"]
    try:
        programme = services.programme_create(
            actor=request.user, **{name: request.POST.get(name, "")[:300] for name in fields}
        )
    except DomainError as exc:
        return _refused(request, exc)
    return redirect("office:evaluation-programme", slug=programme.slug)


@login_required
def programme(request, slug):
    subject = _programme(request, slug)
    if subject is None:
        return _forbidden(request)
    context = report_context(programme_report(subject))
    context.update(
        _form_choices(subject),
        can_change=access.evaluation_can_change(request.user),
        officer_hour=f"{subject.officer_hour_pence / 100:.2f}",
        editing=_option_editing(subject, request.GET.get("option", "")[:40]),
    )
    return render(request, "office/evaluation/programme.html", context)


@login_required
def report_pdf(request, slug):
    subject = _programme(request, slug)
    if subject is None:
        return _forbidden(request)
    response = HttpResponse(evaluation_pdf(programme=subject), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="evaluation-{subject.slug}.pdf"'
    return response


@login_required
@require_POST
def programme_action(request, slug, action):
    subject = _programme(request, slug)
    if subject is None or not access.evaluation_can_change(request.user):
        return _forbidden(request)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404("no such action")
    try:
        outcome = handler(request, subject)
    except DomainError as exc:
        return _refused(request, exc)
    if outcome is not None:
        return outcome
    return redirect("office:evaluation-programme", slug=subject.slug)


def _parameters(request, subject):
    names = ["discount_rate", "optimism_bias", "appraisal_years", "officer_hour"]
    given = {name: request.POST.get(name, "")[:40] for name in names}
    given["officer_hour_pence"] = given.pop("officer_hour")
    services.programme_parameters_set(actor=request.user, programme=subject, **given)


def _cost(request, subject):
    services.cost_entry_add(
        actor=request.user,
        programme=subject,
        **{
            name: request.POST.get(name, "")[:500]
            for name in ["category", "nature", "amount", "spent_on", "supplier", "note"]
        },
    )


def _ledger(request, subject):
    upload = request.FILES.get("file")
    if upload is None:
        raise InvalidInput("required", "choose a CSV file", field="file")
    if upload.size > UPLOAD_MAX:
        raise InvalidInput("too_large", "the file is too large", field="file")
    result = services.ledger_import(actor=request.user, programme=subject, data=upload.read())
    if result.ok:
        return None
    return render(
        request,
        "office/evaluation/import_report.html",
        {"programme": subject, "result": result},
        status=422,
    )


def _benefit(request, subject):
    names = ["description", "measure", "unit", "baseline", "target", "claimed", "owner", "metric"]
    services.benefit_add(
        actor=request.user,
        programme=subject,
        cash_releasing=request.POST.get("cash_releasing") == "on",
        **{name: request.POST.get(name, "")[:300] for name in names},
    )


OPTION_FIELDS = [
    "kind", "device_model", "devices", "unit_cost", "accessories", "life_years", "failure_rate",
    "licence_per_year", "support_per_year", "connectivity_per_year", "other_running_per_year",
    "minutes_saved_per_shift", "shifts_per_year",
]  # fmt: skip


OPTION_DEFAULTS = {"kind": "hardware", "device_model": " "}


def _option(request, subject):
    services.option_save(
        actor=request.user,
        programme=subject,
        role=request.POST.get("role", "")[:40],
        name=request.POST.get("name", "")[:120],
        **{
            name: request.POST.get(name, "")[:120] or OPTION_DEFAULTS.get(name, "0")
            for name in OPTION_FIELDS
        },
    )


CATALOGUE_FIELDS = [
    "devices", "licence_per_year", "support_per_year", "connectivity_per_year",
    "other_running_per_year", "assumed_failure_rate", "minutes_saved_per_shift", "shifts_per_year",
]  # fmt: skip


def _from_catalogue(request, subject):
    catalogue.options_from_catalogue(
        actor=request.user,
        programme=subject,
        role=request.POST.get("role", "")[:40],
        model_ids=[value[:40] for value in request.POST.getlist("models")[:50]],
        **{
            name: request.POST.get(name, "")[:40] or CATALOGUE_DEFAULTS.get(name, "0")
            for name in CATALOGUE_FIELDS
        },
    )


CATALOGUE_DEFAULTS = {"devices": None}


def _criterion(request, subject):
    names = ["role", "name", "swing", "scoring", "unit", "worst", "best"]
    services.criterion_save(
        actor=request.user,
        programme=subject,
        **{name: request.POST.get(name, "")[:120] for name in names},
    )


def _weights(request, subject):
    role = request.POST.get("role", "")[:40]
    swings = {
        key.removeprefix("swing-"): value[:20]
        for key, value in request.POST.items()
        if key.startswith("swing-") and value.strip()
    }
    services.weights_set(actor=request.user, programme=subject, role=role, swings=swings)


def _score(request, subject):
    option = subject.options.filter(pk=_uuid(request.POST.get("option"))).first()
    criterion = subject.criteria.filter(pk=_uuid(request.POST.get("criterion"))).first()
    if option is None or criterion is None:
        raise InvalidInput("unknown", "choose an option and a criterion", field="option")
    services.score_set(
        actor=request.user,
        option=option,
        criterion=criterion,
        value=request.POST.get("value", "")[:40],
    )


def _phase(request, subject):
    code = request.POST.get("station", "")[:8]
    station = Station.objects.filter(code=code).first() if code else None
    names = ["name", "role", "devices_planned", "starts_on", "ends_on", "budget", "team"]
    services.phase_add(
        actor=request.user,
        programme=subject,
        station=station,
        **{name: request.POST.get(name, "")[:120] for name in names},
    )


ACTIONS = {
    "parameters": _parameters,
    "cost": _cost,
    "ledger": _ledger,
    "benefit": _benefit,
    "option": _option,
    "from-catalogue": _from_catalogue,
    "criterion": _criterion,
    "weights": _weights,
    "score": _score,
    "phase": _phase,
}


def _programme(request, slug):
    if not access.evaluation_can_read(request.user):
        return None
    subject = selectors.programme_get(slug=slug[:60])
    if subject is None:
        raise Http404("no such programme")
    return subject


def _refused(request, exc):
    field = f" ({exc.field})" if exc.field else ""
    return render(
        request,
        "office/message.html",
        {"title": "Nothing was saved", "message": f"{exc.message}{field}."},
        status=exc.status if exc.status >= 400 else 422,
    )


def _uuid(value):
    from uuid import UUID

    try:
        return UUID(str(value))
    except ValueError:
        return None


def _option_editing(subject, option_id) -> dict | None:
    """The option form's values for changing an existing option (e.g. one made from the
    catalogue): its inputs as the evaluator would type them."""
    option = subject.options.filter(pk=_uuid(option_id)).first() if option_id else None
    if option is None:
        return None

    def pounds(pence):
        return f"{pence / 100:.2f}"

    return {
        "option": option,
        "unit_cost": pounds(option.unit_cost_pence),
        "accessories": pounds(option.accessories_pence),
        "licence": pounds(option.licence_pence_per_year),
        "support": pounds(option.support_pence_per_year),
        "connectivity": pounds(option.connectivity_pence_per_year),
        "other": pounds(option.other_running_pence_per_year),
    }


def _form_choices(subject) -> dict:
    criteria = list(subject.criteria.all())
    roles = sorted({c.role for c in criteria} | {o.role for o in subject.options.all()})
    return {
        "categories": CATEGORIES,
        "natures": NATURES,
        "option_kinds": OPTION_KINDS,
        "scorings": SCORING,
        "metrics": sorted(METRICS),
        "all_options": list(subject.options.all()),
        "all_criteria": criteria,
        "role_names": roles,
        "weights_by_role": [(role, [c for c in criteria if c.role == role]) for role in roles],
        "stations": Station.objects.all(),
        "catalogue": catalogue.catalogue_candidates(),
    }
