"""Back-office evidence pages. Thin: parse, authorise through access, call services/selectors.

Every view of an item or its bytes is a `viewed` custody event; for anyone but the capturing
officer it needs a reason, given once on the item page and kept in the session for that item's
preview and hash check (each of which is logged again, with that reason).
"""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frontline.common.errors import DomainError
from frontline.evidence import access as evidence_access
from frontline.evidence import selectors as evidence_selectors
from frontline.evidence import services as evidence_services
from frontline.evidence.content import content_response
from frontline.sync.registry import record_type_names

GRANT = "evidence-reason:{}"


@login_required
@require_GET
def evidence_index(request):
    """Look up the evidence for a record; lists your own latest items."""
    record_type = request.GET.get("record_type", "")
    record_id = request.GET.get("record_id", "").strip()
    error = None
    if record_type or record_id:
        try:
            record_uuid = UUID(record_id)
        except ValueError:
            error = "Enter the record's id (a UUID)."
        else:
            if record_type in _attachable_types():
                return redirect("office:evidence-record", record_type, record_uuid)
            error = "Choose a record type."
    context = {
        "types": _attachable_types(),
        "items": evidence_selectors.evidence_recent_own(officer=request.user),
        "error": error,
        "record_type": record_type,
        "record_id": record_id,
    }
    return render(request, "office/evidence/index.html", context, status=422 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_record(request, record_type, record_id):
    """The evidence attached to one record that you may see."""
    if record_type not in _attachable_types():
        raise Http404("no such record type")
    items = evidence_selectors.evidence_for_record(
        viewer=request.user, record_type=record_type, record_id=record_id, limit=200
    )
    context = {"record_type": record_type, "record_id": record_id, "items": items}
    others = [
        i for i in items if evidence_access.evidence_read_is_consultation(request.user, i.officer)
    ]
    if others:
        if request.method != "POST":
            return render(request, "office/evidence/reason.html", context)
        try:
            evidence_services.evidence_record_consult(
                viewer=request.user,
                record_type=record_type,
                record_id=record_id,
                reason=request.POST.get("reason", ""),
                items=len(others),
            )
        except DomainError as exc:
            context["error"] = exc.message
            return render(request, "office/evidence/reason.html", context, status=422)
    return render(request, "office/evidence/record.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_item(request, item_id):
    """One item: metadata, preview for images, custody timeline. Each load is logged."""
    item = _readable(request, item_id)
    consultation = evidence_access.evidence_read_is_consultation(request.user, item.officer)
    context = {"item": item, "reason_needed": consultation}
    reason = ""
    if consultation:
        if request.method != "POST":
            return render(request, "office/evidence/reason.html", context)
        reason = request.POST.get("reason", "")
    try:
        item.head = evidence_services.evidence_view_record(
            viewer=request.user, item=item, reason=reason, detail={"via": "office"}
        )
    except DomainError as exc:
        context["error"] = exc.message
        return render(request, "office/evidence/reason.html", context, status=exc.status)
    if consultation:
        request.session[GRANT.format(item.pk)] = reason.strip()
    context.update(
        custody=evidence_selectors.evidence_custody_list(item_id=item.pk),
        can_export=evidence_access.evidence_can_export(request.user, item.officer),
    )
    return render(request, "office/evidence/item.html", context)


@login_required
@require_GET
def evidence_content(request, item_id):
    """The bytes, inline for an image preview. Logged as a view, with the item page's reason."""
    item = _readable(request, item_id)
    try:
        evidence_services.evidence_view_record(
            viewer=request.user,
            item=item,
            reason=_granted_reason(request, item),
            detail={"content": True, "via": "office"},
        )
        return content_response(item, inline=item.is_image)
    except DomainError as exc:
        return render(
            request,
            "office/message.html",
            {"title": "File not available", "message": exc.message},
            status=exc.status,
        )


@login_required
@require_POST
def evidence_verify(request, item_id):
    """Re-hash the stored bytes and show whether they match the hash taken on capture."""
    item = _readable(request, item_id)
    try:
        match, digest = evidence_services.evidence_content_verify(
            viewer=request.user, item=item, reason=_granted_reason(request, item)
        )
    except DomainError as exc:
        return render(
            request,
            "office/message.html",
            {"title": "Hash not checked", "message": exc.message},
            status=exc.status,
        )
    return render(
        request, "office/evidence/verify.html", {"item": item, "match": match, "digest": digest}
    )


def _readable(request, item_id):
    item = evidence_selectors.evidence_item_get(item_id=item_id)
    if item is None or not evidence_access.evidence_can_read(request.user, item.officer):
        raise Http404("no such evidence")
    return item


def _granted_reason(request, item) -> str:
    return request.session.get(GRANT.format(item.pk), "")


def _attachable_types() -> list[str]:
    return [name for name in record_type_names() if name != evidence_services.SYNC_TYPE]
