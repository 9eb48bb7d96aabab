"""Back-office pages for witness statements (MG11): list, detail and PDF.

Reading someone else's statement, or printing it, states a reason and is logged (s62); the
restricted rear page is shown to others only when they tick for it, and that is logged too.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from frontline.audit.services import consultation_record
from frontline.common.errors import DomainError
from frontline.statements import access, selectors, services
from frontline.statements.pdf import statement_pdf as render_pdf


@login_required
def statements(request):
    rows = selectors.statements_readable_by(viewer=request.user)
    return render(request, "office/statements/list.html", {"statements": rows})


@login_required
@require_http_methods(["GET", "POST"])
def statement(request, statement_id):
    subject = _readable(request, statement_id)
    own = not access.statement_read_is_consultation(request.user, subject)
    requested = request.POST.get("restricted") == "on"
    context = {"statement": subject, "own": own}
    if not own:
        if request.method != "POST":
            return render(request, "office/statements/reason.html", context)
        error = _consult(request, subject, purpose="view", requested=requested)
        if error:
            context["error"] = error
            return render(request, "office/statements/reason.html", context, status=422)
    context.update(
        restricted=access.statement_restricted_visible(request.user, subject, requested=requested),
        signature_received=services.signature_is_held(subject.signature_sha256),
    )
    return render(request, "office/statements/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def statement_pdf(request, statement_id):
    subject = _readable(request, statement_id)
    own = not access.statement_read_is_consultation(request.user, subject)
    requested = request.POST.get("restricted") == "on"
    if not own and request.method != "POST":
        return render(
            request, "office/statements/reason.html", {"statement": subject, "for_pdf": True}
        )
    try:
        services.signature_ready(statement=subject)
    except DomainError as exc:
        return _message(request, "PDF not available", exc.message, status=409)
    if not own:
        error = _consult(request, subject, purpose="pdf", requested=requested)
        if error:
            return _message(request, "PDF not produced", error, status=422)
    restricted = access.statement_restricted_visible(request.user, subject, requested=requested)
    response = HttpResponse(
        render_pdf(statement=subject, restricted=restricted), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="MG11-{subject.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _readable(request, statement_id):
    subject = selectors.statement_get(statement_id=statement_id)
    if subject is None or not access.statement_can_read(request.user, subject):
        raise Http404("no such statement")
    return subject


def _consult(request, subject, *, purpose: str, requested: bool) -> str | None:
    restricted = access.statement_restricted_visible(request.user, subject, requested=requested)
    try:
        consultation_record(
            actor=request.user,
            object_type=services.OBJECT_TYPE,
            object_id=subject.pk,
            justification=request.POST.get("reason", ""),
            detail={"purpose": purpose, "restricted": restricted},
        )
    except DomainError as exc:
        return exc.message
    return None


def _message(request, title, message, *, status):
    return render(
        request, "office/message.html", {"title": title, "message": message}, status=status
    )
