"""Consultation log of checks and misuse signals, for auditors."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.shortcuts import render

from frontline.accounts import selectors as accounts_selectors
from frontline.checks import access, selectors
from frontline.checks.reasons import REASONS
from frontline.common.errors import DomainError
from frontline.office.views import allowed

LONDON = ZoneInfo("Europe/London")


@allowed(access.check_log_can_read)
def check_log(request):
    filters = {
        name: request.GET.get(name, "").strip()[:20]
        for name in ("officer", "reason", "kind", "origin", "since", "until")
    }
    context = {"filters": filters, "reasons": REASONS, "kinds": selectors.KINDS, "error": None}
    try:
        arguments = _arguments(filters)
        checks, more = selectors.check_log_list(**arguments, limit=200)
    except DomainError as exc:
        checks, more, context["error"] = [], False, exc.message
    context.update(checks=checks, more=more)
    status = 422 if context["error"] else 200
    return render(request, "office/checks/log.html", context, status=status)


@allowed(access.check_log_can_read)
def misuse(request):
    signals = selectors.misuse_signals()
    return render(request, "office/checks/misuse.html", {"signals": signals})


def _arguments(filters: dict) -> dict:
    arguments = {}
    if filters["officer"]:
        officer = accounts_selectors.officer_by_collar(collar_number=filters["officer"])
        if officer is None:
            raise DomainError(
                "unknown_officer", "no officer with that collar number", field="officer"
            )
        arguments["officer_id"] = officer.pk
    for name in ("reason", "kind", "origin"):
        if filters[name]:
            arguments[name] = filters[name]
    for name in ("since", "until"):
        if filters[name]:
            try:
                day = datetime.strptime(filters[name], "%Y-%m-%d").date()
            except ValueError:
                raise DomainError(
                    "invalid_date", f"{name} must be a date, YYYY-MM-DD", field=name
                ) from None
            if name == "until":  # the whole of that day
                day += timedelta(days=1)
            arguments[name] = datetime.combine(day, time(), tzinfo=LONDON)
    return arguments
