"""Stop and search pages: the list, one record (with a reason if not yours), the monthly
statistics with charts, and the public receipt page the searched person opens from a link."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from frontline.audit.services import consultation_record
from frontline.common.clock import now
from frontline.common.errors import DomainError
from frontline.stopsearch import access, charts, selectors, stats, vocab
from frontline.stopsearch.period import month_of
from frontline.stopsearch.receipt import receipt_data
from frontline.stopsearch.urn import RECEIPT_TOKEN_PATTERN


@login_required
def stop_searches(request):
    filters = {name: request.GET.get(name, "").strip()[:40] for name in selectors.FILTERS}
    context = {"filters": filters, "vocab": _choices(), "error": None}
    try:
        records, more = selectors.stop_searches_list(
            scope=access.stop_search_scope(request.user), filters=filters, limit=200
        )
    except DomainError as exc:
        records, more, context["error"] = [], False, exc.message
    context.update(records=records, more=more)
    return render(
        request, "office/stopsearch/list.html", context, status=422 if context["error"] else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def stop_search(request, record_id):
    record = selectors.stop_search_get(record_id=record_id)
    if record is None or not access.stop_search_can_read(request.user, record):
        raise Http404("no such record")
    context = {"record": record}
    if access.stop_search_read_is_consultation(request.user, record):
        # Each view of someone else's record states its reason and is logged (s62).
        if request.method != "POST":
            return render(request, "office/stopsearch/reason.html", context)
        try:
            consultation_record(
                actor=request.user,
                object_type="stopsearch.record",
                object_id=record.pk,
                justification=request.POST.get("reason", ""),
            )
        except DomainError as exc:
            context["error"] = exc.message
            return render(request, "office/stopsearch/reason.html", context, status=422)
    context.update(
        ethnicity=vocab.SELF_DEFINED_ETHNICITY.get(record.self_defined_ethnicity, ""),
        receipt=receipt_data(record),
    )
    return render(request, "office/stopsearch/detail.html", context)


@login_required
def statistics(request):
    if not access.stop_search_statistics_can_read(request.user):
        return HttpResponseForbidden(render(request, "office/forbidden.html").content)
    month = request.GET.get("month", "").strip()[:7] or month_of(now())
    team_only = access.stop_search_statistics_team_only(request.user)
    try:
        figures = stats.stop_search_statistics(
            month=month, team_id=request.user.team_id if team_only else None
        )
    except DomainError as exc:
        return render(
            request,
            "office/message.html",
            {"title": "No statistics", "message": exc.message},
            status=422,
        )
    sections = [
        ("ethnicity", "Self-defined ethnicity", figures.by_ethnicity),
        ("object", "Object of search", figures.by_object),
        ("outcome", "Outcome", figures.by_outcome),
    ]
    context = {
        "figures": figures,
        "team_only": team_only,
        "sections": [
            {
                "slug": slug,
                "title": f"Searches by {title.lower()}",
                "column": title,
                "rows": rows,
                "svg": charts.bar_chart_svg(
                    slug=slug, title=f"Searches by {title.lower()}, {month}", rows=rows
                ),
            }
            for slug, title, rows in sections
        ],
    }
    return render(request, "office/stopsearch/statistics.html", context)


@require_GET
@cache_control(private=True, max_age=300)
def receipt(request, token):
    """Public: no sign-in. Only the receipt's fields; the token is unguessable, not the URN."""
    record = None
    if RECEIPT_TOKEN_PATTERN.match(token):
        record = selectors.stop_search_by_receipt_token(token=token)
    if record is None:
        raise Http404("no such receipt")
    response = render(request, "office/stopsearch/receipt.html", {"receipt": receipt_data(record)})
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _choices() -> dict:
    return {
        "types": vocab.SEARCH_TYPES,
        "outcomes": list(vocab.OUTCOMES),
        "ethnicities": list(vocab.SELF_DEFINED_ETHNICITY.items()),
    }
