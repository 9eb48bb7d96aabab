"""Information management pages: retention review, subject access, court bundles, destinations
and dead letters. For auditors and admins (destinations: admins). Thin: parse, authorise, call
one interop service, render."""

from datetime import date, datetime
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from frontline.common.clock import now
from frontline.common.errors import DomainError
from frontline.interop import access, bundles, outbox, retention, subject_access
from frontline.interop import destinations as destinations_module
from frontline.interop.models import EVENTS


def _forbidden(request):
    return HttpResponseForbidden(render(request, "office/forbidden.html").content)


def _information_manager(view):
    def wrapped(request, *args, **kwargs):
        if not access.information_management_allowed(request.user):
            return _forbidden(request)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_required(wrapped)


@_information_manager
def index(request):
    return render(
        request,
        "office/interop/index.html",
        {"periods": retention.review_periods(), "admin": _is_admin(request)},
    )


@_information_manager
@require_http_methods(["GET", "POST"])
def retention_review(request):
    """The due list with filters; each row carries its decision form."""
    today = now().astimezone(retention.LONDON).date()
    filters = {
        "on": request.GET.get("on", "").strip()[:10],
        "record_type": request.GET.get("record_type", "").strip()[:60],
        "station": request.GET.get("station", "").strip()[:8],
    }
    context = {"filters": filters, "types": retention.review_periods(), "error": None, "done": None}
    status = 200
    if request.method == "POST":
        try:
            decision = retention.retention_decide(
                actor=request.user,
                record_type=request.POST.get("record_type", "")[:60],
                record_id=_uuid(request.POST.get("record_id"), "record_id"),
                decision=request.POST.get("decision", ""),
                reason=request.POST.get("reason", ""),
                next_review_on=_date(request.POST.get("next_review_on"), "next_review_on"),
            )
            context["done"] = decision
        except DomainError as exc:
            context["error"], status = exc, 422
    try:
        on = _date(filters["on"], "on") or today
        due = retention.retention_due(
            on=on, record_type=filters["record_type"] or None, station=filters["station"] or None
        )
    except DomainError as exc:
        on, due = today, []
        context["error"], status = exc, 422
    context.update(on=on, due=due, today=today)
    return render(request, "office/interop/retention.html", context, status=status)


@_information_manager
@require_http_methods(["GET", "POST"])
def subject_access_page(request):
    context = {"form": request.POST, "error": None, "result": None}
    if request.method == "POST":
        try:
            result = subject_access.subject_access_search(
                actor=request.user,
                name=request.POST.get("name", "")[:400],
                birth_date=_date(request.POST.get("birth_date"), "birth_date"),
                reason=request.POST.get("reason", ""),
            )
            return redirect("office:interop-subject-access-result", search_id=result.search.pk)
        except DomainError as exc:
            context["error"] = exc
            return render(request, "office/interop/subject_access.html", context, status=422)
    return render(request, "office/interop/subject_access.html", context)


@_information_manager
@require_http_methods(["GET", "POST"])
def subject_access_result(request, search_id):
    """The search's findings; POST exports them (JSON or PDF), logged as a disclosure."""
    if request.method == "POST":
        try:
            data, media_type = subject_access.subject_access_export(
                actor=request.user,
                search_id=search_id,
                format=request.POST.get("format", ""),
                reason=request.POST.get("reason", ""),
            )
        except DomainError as exc:
            result = subject_access.subject_access_get(search_id=search_id)
            context = {"result": result, "error": exc}
            return render(request, "office/interop/subject_access_result.html", context, status=422)
        extension = "pdf" if media_type == "application/pdf" else "json"
        return _download(data, media_type, f"subject-access-{search_id}.{extension}")
    try:
        result = subject_access.subject_access_get(search_id=search_id)
    except DomainError as exc:
        return render(
            request,
            "office/message.html",
            {"title": "Not found", "message": exc.message},
            status=404,
        )
    return render(request, "office/interop/subject_access_result.html", {"result": result})


@_information_manager
@require_http_methods(["GET", "POST"])
def bundle_page(request):
    """A court bundle: one record with its linked records and evidence, or a notebook extract."""
    context = {"form": request.POST, "types": bundles.record_types_bundled(), "error": None}
    if request.method != "POST":
        return render(request, "office/interop/bundle.html", context)
    try:
        if request.POST.get("kind") == "notebook":
            bundle = bundles.bundle_notebook_extract(
                actor=request.user,
                collar_number=request.POST.get("collar_number", "")[:16],
                start=_moment(request.POST.get("from"), "from"),
                end=_moment(request.POST.get("to"), "to"),
                reason=request.POST.get("reason", ""),
                recipient=request.POST.get("recipient", ""),
            )
        else:
            bundle = bundles.bundle_record(
                actor=request.user,
                record_type=request.POST.get("record_type", "")[:60],
                record_id=_uuid(request.POST.get("record_id"), "record_id"),
                reason=request.POST.get("reason", ""),
                recipient=request.POST.get("recipient", ""),
            )
    except DomainError as exc:
        context["error"] = exc
        return render(request, "office/interop/bundle.html", context, status=422)
    return _download(bundle.pdf, "application/pdf", f"bundle-{bundle.id}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def destinations(request):
    if not access.destinations_manage_allowed(request.user):
        return _forbidden(request)
    context = {
        "destinations": destinations_module.destinations_list(),
        "formats": destinations_module.FORMATS,
        "events": EVENTS,
        "types": _sync_types(),
        "form": request.POST,
        "error": None,
    }
    if request.method == "POST":
        try:
            destinations_module.destination_create(
                actor=request.user,
                name=request.POST.get("name", ""),
                kind=request.POST.get("kind", ""),
                url=request.POST.get("url", ""),
                secret=request.POST.get("secret", ""),
                client_cert=request.POST.get("client_cert", ""),
                client_key=request.POST.get("client_key", ""),
                ca_bundle=request.POST.get("ca_bundle", ""),
                directory=request.POST.get("directory", ""),
                record_types=request.POST.getlist("record_types")[:20],
                events=request.POST.getlist("events")[:3],
                format=request.POST.get("format", ""),
                restricted=request.POST.get("restricted") == "on",
            )
        except DomainError as exc:
            context["error"] = exc
            return render(request, "office/interop/destinations.html", context, status=422)
        return redirect("office:interop-destinations")
    return render(request, "office/interop/destinations.html", context)


@_information_manager
def dead_letters(request):
    return render(
        request, "office/interop/dead_letters.html", {"deliveries": outbox.dead_letters()}
    )


@_information_manager
@require_POST
def delivery_replay(request, delivery_id):
    try:
        outbox.delivery_replay(actor=request.user, delivery_id=delivery_id)
    except DomainError as exc:
        return render(
            request,
            "office/message.html",
            {"title": "Not replayed", "message": exc.message},
            status=422,
        )
    return redirect("office:interop-dead-letters")


def _is_admin(request) -> bool:
    return access.destinations_manage_allowed(request.user)


def _sync_types() -> list[str]:
    from frontline.sync.registry import record_type_names

    return record_type_names()


def _download(data: bytes, media_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _uuid(value, field: str) -> UUID:
    try:
        return UUID(str(value or "").strip()[:40])
    except ValueError:
        raise DomainError("invalid", "give the record's reference (a UUID)", field=field) from None


def _date(value, field: str) -> date | None:
    value = (value or "").strip()[:10]
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DomainError("invalid", "give the date as YYYY-MM-DD", field=field) from None


def _moment(value, field: str) -> datetime:
    """A London date-time from a datetime-local input (YYYY-MM-DDTHH:MM)."""
    value = (value or "").strip()[:16]
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise DomainError("invalid", "give the date and time", field=field) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=retention.LONDON)
    return moment
