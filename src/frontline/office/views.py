"""Back-office pages. Thin: parse, authorise through access, call one service or selector."""

import math
from functools import wraps

import segno
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from frontline.accounts import access as accounts_access
from frontline.accounts import selectors as accounts_selectors
from frontline.accounts import services as accounts_services
from frontline.accounts.throttles import SignInThrottle
from frontline.audit import access as audit_access
from frontline.audit import selectors as audit_selectors
from frontline.audit.services import consultation_record
from frontline.common.errors import DomainError
from frontline.common.ids import uuid7
from frontline.devices import access as devices_access
from frontline.evaluation import access as evaluation_access
from frontline.incidents import access as incidents_access
from frontline.notebook import access as notebook_access
from frontline.notebook import selectors as notebook_selectors
from frontline.notebook import services as notebook_services
from frontline.stopsearch import access as stopsearch_access


def allowed(check):
    """Sign-in required, then `check(officer)` must be true, else 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                return HttpResponseForbidden(render(request, "office/forbidden.html").content)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@require_http_methods(["GET", "POST"])
def sign_in(request):
    error, status = None, 200
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    limit = SignInThrottle()  # holds per-request state: one per request
    if request.method == "POST" and not limit.allow_request(request):
        error = "Too many sign-in attempts from here. Wait a minute and try again."
        context = {"error": error, "next": next_url}
        response = render(request, "office/sign_in.html", context, status=429)
        response["Retry-After"] = str(math.ceil(limit.wait() or 60))
        return response
    if request.method == "POST":
        try:
            officer = accounts_services.officer_authenticate(
                collar_number=request.POST.get("collar_number", "")[:16],
                password=request.POST.get("password", "")[:256],
            )
        except DomainError as exc:
            error, status = exc.message, exc.status
        else:
            accounts_services.back_office_sign_in_record(officer=officer)
            login(request, officer, backend="django.contrib.auth.backends.ModelBackend")
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                next_url = ""
            return redirect(next_url or "office:home")
    return render(request, "office/sign_in.html", {"error": error, "next": next_url}, status=status)


@require_POST
def sign_out(request):
    logout(request)
    return redirect("office:sign-in")


@login_required
def home(request):
    officer = request.user
    return render(
        request,
        "office/home.html",
        {
            "can_devices": accounts_access.devices_can_manage(officer),
            "can_officers": accounts_access.officers_can_manage(officer),
            "can_audit": audit_access.audit_can_read(officer),
            "can_stop_search_stats": stopsearch_access.stop_search_statistics_can_read(officer),
            "can_review_incidents": incidents_access.review_queue_can_read(officer),
            "can_fleet": devices_access.fleet_can_read(officer),
            "can_evaluate": evaluation_access.evaluation_can_read(officer),
        },
    )


@login_required
def notebooks(request):
    readable = notebook_selectors.notebooks_readable_by(viewer=request.user)
    return render(request, "office/notebooks.html", {"officers": readable})


@login_required
@require_http_methods(["GET", "POST"])
def notebook(request, officer_id):
    officer = accounts_selectors.officer_get(officer_id=officer_id)
    if officer is None or not notebook_access.notebook_can_read(request.user, officer):
        raise Http404("no such notebook")
    context = {
        "subject": officer,
        "can_inspect": notebook_access.notebook_can_inspect(request.user, officer),
    }
    if notebook_access.notebook_read_is_consultation(request.user, officer):
        # Each view of someone else's notebook states its reason and is logged (s62).
        if request.method != "POST":
            return render(request, "office/notebook_reason.html", context)
        try:
            consultation_record(
                actor=request.user,
                object_type="notebook.notebook",
                object_id=officer.pk,
                justification=request.POST.get("reason", ""),
            )
        except DomainError as exc:
            context["error"] = exc.message
            return render(request, "office/notebook_reason.html", context, status=422)
    entries, more = notebook_selectors.notebook_entries_list(officer=officer, limit=200)
    context.update(entries=entries, more=more)
    return render(request, "office/notebook.html", context)


@login_required
@require_POST
def notebook_inspect(request, officer_id):
    officer = accounts_selectors.officer_get(officer_id=officer_id)
    if officer is None or not notebook_access.notebook_can_inspect(request.user, officer):
        return HttpResponseForbidden(render(request, "office/forbidden.html").content)
    try:
        notebook_services.notebook_inspection_record(
            supervisor=request.user,
            officer=officer,
            entry_id=uuid7(),
            text=request.POST.get("text", ""),
        )
    except DomainError as exc:
        return render(
            request,
            "office/message.html",
            {"title": "Inspection not recorded", "message": exc.message},
            status=422,
        )
    return render(
        request,
        "office/message.html",
        {
            "title": "Inspection recorded",
            "message": f"Your inspection is now an entry in {officer.display_name}'s notebook.",
        },
    )


@allowed(accounts_access.devices_can_manage)
def devices(request):
    return render(request, "office/devices.html", {"devices": accounts_selectors.devices_list()})


@allowed(accounts_access.devices_can_manage)
@require_POST
def enrolment_code(request):
    issued = accounts_services.enrolment_code_issue(
        actor=request.user, label=request.POST.get("label", "")[:120]
    )
    qr = segno.make(issued.code, error="m").svg_inline(scale=6, title="Enrolment code")
    return render(request, "office/enrolment_code.html", {"issued": issued, "qr": qr})


@allowed(accounts_access.devices_can_manage)
@require_POST
def device_revoke(request, device_id):
    device = accounts_selectors.device_get(device_id=device_id)
    if device is None:
        raise Http404("no such device")
    reason = request.POST.get("reason", "").strip()
    if len(reason) < 5:
        return render(
            request,
            "office/message.html",
            {"title": "Device not revoked", "message": "Give a reason of at least 5 characters."},
            status=422,
        )
    accounts_services.device_revoke(device=device, actor=request.user, reason=reason)
    return redirect("office:devices")


@allowed(accounts_access.officers_can_manage)
def officers(request):
    return render(request, "office/officers.html", {"officers": accounts_selectors.officers_list()})


@allowed(accounts_access.officers_can_manage)
@require_POST
def officer_revoke(request, officer_id):
    officer = accounts_selectors.officer_get(officer_id=officer_id)
    if officer is None:
        raise Http404("no such officer")
    reason = request.POST.get("reason", "").strip()
    if len(reason) < 5:
        return render(
            request,
            "office/message.html",
            {"title": "Officer not revoked", "message": "Give a reason of at least 5 characters."},
            status=422,
        )
    accounts_services.officer_revoke(officer=officer, actor=request.user, reason=reason)
    return redirect("office:officers")


@allowed(audit_access.audit_can_read)
def audit(request):
    action = request.GET.get("action", "")[:60] or None
    before = request.GET.get("before_seq", "")
    events, more = audit_selectors.audit_events_list(
        action=action, before_seq=int(before) if before.isdigit() else None, limit=100
    )
    return render(
        request,
        "office/audit.html",
        {
            "events": events,
            "more": more,
            "action": action or "",
            "last_seq": events[-1].seq if events else None,
        },
    )
