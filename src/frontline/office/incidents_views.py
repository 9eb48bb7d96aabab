"""Back-office pages for incident reports: the supervisor's review queue, a report, and the
return and approve decisions. Thin: authorise through incidents.access, call one service."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from frontline.audit.services import consultation_record
from frontline.common.errors import DomainError
from frontline.incidents import access, selectors, services, vocab, workflow
from frontline.office.views import allowed


@allowed(access.review_queue_can_read)
def review_queue(request):
    queue = selectors.incident_review_queue(supervisor=request.user)
    for item in queue:
        item.category_label = vocab.CATEGORIES.get(item.category, item.category)
    return render(request, "office/incidents/queue.html", {"queue": queue})


@require_http_methods(["GET", "POST"])
@login_required
def report(request, report_id):
    found = _readable(request, report_id)
    context = {"report": found}
    if access.report_read_is_consultation(request.user, found):
        # Opening a report in your own review queue is the review: logged as "supervisor
        # review". Any other view of someone else's report states its reason (s62).
        if access.report_is_in_review_queue_of(request.user, found):
            reason = access.SUPERVISOR_REVIEW
        elif request.method == "POST":
            reason = request.POST.get("reason", "")
        else:
            return render(request, "office/incidents/reason.html", context)
        try:
            consultation_record(
                actor=request.user,
                object_type=services.OBJECT_TYPE,
                object_id=found.pk,
                justification=reason,
            )
        except DomainError as exc:
            context["error"] = exc.message
            return render(request, "office/incidents/reason.html", context, status=422)
    context.update(
        detail=selectors.incident_report_detail(report=found, viewer=request.user),
        can_decide=access.report_is_in_review_queue_of(request.user, found),
        category_label=vocab.CATEGORIES.get(found.category, found.category),
    )
    return render(request, "office/incidents/report.html", context)


@require_POST
@allowed(access.review_queue_can_read)
def report_return(request, report_id):
    return _decide(request, report_id, workflow.incident_report_return)


@require_POST
@allowed(access.review_queue_can_read)
def report_approve(request, report_id):
    return _decide(request, report_id, workflow.incident_report_approve)


def _decide(request, report_id, decide):
    _readable(request, report_id)
    try:
        decide(
            supervisor=request.user,
            report_id=report_id,
            comments=request.POST.get("comments", "")[:5000],
        )
    except DomainError as exc:
        status = exc.status
        if status == 403:
            return HttpResponseForbidden(render(request, "office/forbidden.html").content)
        return render(
            request,
            "office/message.html",
            {"title": "Decision not recorded", "message": exc.message},
            status=status,
        )
    return redirect("office:incidents-queue")


def _readable(request, report_id):
    found = selectors.incident_report_get(report_id=report_id)
    if found is None or not access.report_can_read(request.user, found):
        raise Http404("no such report")
    return found
