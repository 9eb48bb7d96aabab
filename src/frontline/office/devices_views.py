"""Fleet pages: the register, one device with its history and lifecycle actions, enrolment
codes as QR, an officer's kit, the catalogue, kit profiles, compliance, wipe reports, the
dashboard with charts, and CSV import and export. Only fleet managers and admins change
anything; auditors and evaluators read."""

from datetime import date

import segno
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from frontline.accounts import selectors as accounts_selectors
from frontline.common.clock import london_today, now
from frontline.common.errors import DomainError, InvalidInput
from frontline.devices import (
    access,
    charts,
    compliance,
    lifecycle,
    register_csv,
    selectors,
    services,
    stats,
)
from frontline.office.views import allowed

UPLOAD_LIMIT = register_csv.MAX_BYTES


@allowed(access.fleet_can_read)
def register(request):
    filters = {name: request.GET.get(name, "").strip()[:64] for name in selectors.FILTERS}
    context = {
        "filters": filters,
        "states": lifecycle.STATE_LABELS.items(),
        "can_change": access.fleet_can_change(request.user),
        "error": None,
    }
    try:
        devices, more = selectors.fleet_devices_list(
            filters=filters, after=request.GET.get("after", "")[:32] or None, limit=200
        )
    except DomainError as exc:
        devices, more, context["error"] = [], False, exc.message
    context.update(devices=devices, more=more)
    return render(
        request, "office/devices/register.html", context, status=422 if context["error"] else 200
    )


@allowed(access.fleet_can_change)
@require_http_methods(["GET", "POST"])
def register_new(request):
    context = {
        "models": selectors.device_models_list(),
        "stations": accounts_selectors.stations_list(),
        "values": request.POST,
    }
    if request.method == "POST":
        try:
            device = services.fleet_device_register(actor=request.user, **_register_form(request))
        except DomainError as exc:
            context["error"] = exc
            return render(request, "office/devices/new.html", context, status=422)
        return redirect("office:fleet-device", device_id=device.pk)
    return render(request, "office/devices/new.html", context)


@allowed(access.fleet_can_read)
def device_detail(request, device_id):
    device = selectors.fleet_device_get(device_id=device_id)
    if device is None:
        raise Http404("no such device")
    return render(request, "office/devices/detail.html", _detail_context(request, device))


@allowed(access.fleet_can_change)
@require_POST
def device_event(request, device_id):
    device = selectors.fleet_device_get(device_id=device_id)
    if device is None:
        raise Http404("no such device")
    form = request.POST
    try:
        officer = replacement = None
        if form.get("officer", "").strip():
            officer = accounts_selectors.officer_by_collar(collar_number=form["officer"][:16])
            if officer is None:
                raise InvalidInput(
                    "unknown_officer", "no officer with that collar number", field="officer"
                )
        if form.get("replacement", "").strip():
            replacement = selectors.fleet_device_by_tag(asset_tag=form["replacement"][:32])
            if replacement is None:
                raise InvalidInput(
                    "unknown_device", "no device with that asset tag", field="replacement"
                )
        services.fleet_device_event(
            device=device,
            event=form.get("event", "")[:20],
            actor=request.user,
            reason=form.get("reason", "")[:500],
            officer=officer,
            replacement=replacement,
            data_sanitised=form.get("data_sanitised") == "yes",
            out_of_profile_reason=form.get("out_of_profile_reason", "")[:500],
        )
    except DomainError as exc:
        context = _detail_context(request, device)
        context.update(error=exc, values=form)
        return render(request, "office/devices/detail.html", context, status=exc.status)
    return redirect("office:fleet-device", device_id=device.pk)


@allowed(access.fleet_can_change)
@require_POST
def enrolment_code(request, device_id):
    device = selectors.fleet_device_get(device_id=device_id)
    if device is None:
        raise Http404("no such device")
    try:
        issued = services.fleet_enrolment_code_issue(device=device, actor=request.user)
    except DomainError as exc:
        return render(
            request,
            "office/message.html",
            {"title": "No enrolment code", "message": exc.message},
            status=exc.status,
        )
    qr = segno.make(issued.code, error="m").svg_inline(scale=6, title="Enrolment code")
    return render(request, "office/devices/code.html", {"issued": issued, "qr": qr})


@allowed(lambda viewer: True)
def officer_kit(request, officer_id):
    officer = accounts_selectors.officer_get(officer_id=officer_id)
    if officer is None or not access.officer_history_can_read(request.user, officer):
        raise Http404("no such officer")
    return render(
        request,
        "office/devices/officer.html",
        {
            "subject": officer,
            "devices": selectors.officer_devices(officer=officer),
            "events": selectors.officer_history(officer=officer),
        },
    )


@allowed(access.fleet_can_read)
def non_compliant(request):
    rule = request.GET.get("rule", "").strip()[:20] or None
    after = request.GET.get("after", "").strip()[:32] or None
    try:
        rows, total, more = selectors.non_compliant_list(rule=rule, after=after, limit=200)
    except DomainError:
        rule = None
        rows, total, more = selectors.non_compliant_list(after=after, limit=200)
    return render(
        request,
        "office/devices/compliance.html",
        {
            "rows": rows,
            "total": total,
            "next_after": rows[-1]["asset_tag"] if more and rows else None,
            "rule": rule,
            "rules": compliance.RULES.items(),
            "policy": selectors.compliance_policy(),
        },
    )


@allowed(access.fleet_can_read)
def wipe_reports(request):
    return render(
        request,
        "office/devices/wipes.html",
        {"confirmations": selectors.wipe_confirmations_recent(limit=100)},
    )


@allowed(access.fleet_can_read)
def dashboard(request):
    try:
        start, end = stats.period_parse(
            request.GET.get("from", "")[:10] or None,
            request.GET.get("to", "")[:10] or None,
            today=london_today(),
        )
    except DomainError as exc:
        return render(
            request,
            "office/message.html",
            {"title": "No dashboard", "message": exc.message},
            status=422,
        )
    figures = stats.fleet_dashboard(start=start, end=end)
    sections = [
        ("status", "Devices by status", figures.by_status),
        ("model", "Devices by model", figures.by_model),
        ("station", "Devices by station", figures.by_station),
        ("contact", "Devices in service by last contact", figures.last_contact),
    ]
    return render(
        request,
        "office/devices/dashboard.html",
        {
            "figures": figures,
            "sections": [
                {
                    "slug": slug,
                    "title": title,
                    "rows": rows,
                    "svg": charts.bar_chart_svg(slug=f"fleet-{slug}", title=title, rows=rows),
                }
                for slug, title, rows in sections
            ],
        },
    )


@allowed(access.fleet_can_read)
def catalogue(request):
    return render(
        request,
        "office/devices/catalogue.html",
        {
            "models": selectors.device_models_list(),
            "profiles": selectors.kit_profiles_list(),
            "can_change": access.fleet_can_change(request.user),
        },
    )


@allowed(access.fleet_can_change)
@require_POST
def catalogue_add(request):
    form = request.POST
    try:
        services.device_model_create(
            actor=request.user,
            make=form.get("make", "")[:60],
            name=form.get("name", "")[:80],
            platform=form.get("platform", "")[:10],
            form_factor=form.get("form_factor", "")[:20],
            unit_cost_pence=_whole(form.get("unit_cost_pence", ""), "unit_cost_pence"),
            accessories_cost_pence=_whole(
                form.get("accessories_cost_pence", "") or "0", "accessories_cost_pence"
            ),
            expected_life_months=_whole(
                form.get("expected_life_months", ""), "expected_life_months"
            ),
            security_updates_end=_day(form.get("security_updates_end", ""), "security_updates_end"),
        )
    except DomainError as exc:
        return render(
            request,
            "office/message.html",
            {"title": "Model not added", "message": f"{exc.field}: {exc.message}"},
            status=exc.status,
        )
    return redirect("office:fleet-catalogue")


@allowed(access.fleet_can_change)
@require_http_methods(["GET", "POST"])
def register_import(request):
    if request.method != "POST":
        return render(request, "office/devices/import.html", {"columns": register_csv.COLUMNS})
    upload = request.FILES.get("file")
    if upload is None or upload.size > UPLOAD_LIMIT:
        context = {"columns": register_csv.COLUMNS, "error": "Choose a CSV file of at most 20 MB."}
        return render(request, "office/devices/import.html", context, status=422)
    report = register_csv.devices_import(
        data=upload.read(), actor=request.user, source=upload.name[:100]
    )
    return render(
        request,
        "office/devices/import.html",
        {"columns": register_csv.COLUMNS, "report": report},
        status=200 if report.ok else 422,
    )


@allowed(access.fleet_can_read)
def register_export(request):
    response = HttpResponse(register_csv.devices_export(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="device-register-{now():%Y-%m-%d}.csv"'
    return response


def _detail_context(request, device) -> dict:
    allowed_events = lifecycle.events_allowed(device.status)
    return {
        "device": device,
        "history": selectors.fleet_device_history(device=device),
        "wipes": selectors.wipe_confirmations_of(device=device),
        "compliance": selectors.fleet_device_compliance(device=device),
        "events": [(name, lifecycle.TRANSITIONS[name].label) for name in allowed_events],
        "can_change": access.fleet_can_change(request.user),
        "in_service": device.status in lifecycle.IN_SERVICE,
        "values": {},
    }


def _register_form(request) -> dict:
    form = request.POST
    model = None
    if form.get("model"):
        try:
            model = selectors.device_model_get(model_id=form["model"])
        except (ValueError, DomainError):
            model = None
    if model is None:
        raise InvalidInput("unknown_model", "choose a model from the catalogue", field="model")
    station = None
    if form.get("station"):
        station = accounts_selectors.station_by_code(code=form["station"][:8])
        if station is None:
            raise InvalidInput("unknown_station", "choose a station", field="station")
    cost = form.get("purchase_cost_pence", "").strip()
    return {
        "asset_tag": form.get("asset_tag", "")[:32],
        "serial_number": form.get("serial_number", "")[:64],
        "imei": form.get("imei", "")[:15] or None,
        "model": model,
        "os_version": form.get("os_version", "")[:40],
        "purchase_date": _day(form.get("purchase_date", ""), "purchase_date"),
        "purchase_cost_pence": _whole(cost, "purchase_cost_pence") if cost else None,
        "supplier": form.get("supplier", "")[:120],
        "warranty_end": _day(form.get("warranty_end", ""), "warranty_end"),
        "station": station,
        "reason": form.get("reason", "")[:500] or "Received from supplier",
    }


def _whole(value: str, field: str) -> int:
    value = (value or "").strip()
    if not value.isdigit() or len(value) > 9:
        raise InvalidInput("not_a_number", "a whole number", field=field)
    return int(value)


def _day(value: str, field: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InvalidInput("invalid_date", "use YYYY-MM-DD", field=field) from None
