"""API request bodies holding half of a UTF-16 surrogate pair: refused with the field named.

JSON may escape one (`"\\ud83d"`, as from a text cut in the middle of an emoji) and Python
keeps it, but no UTF-8 text, hash, PDF or database column can hold it: left alone it ended
in a server error. ninja turns any exception of its body parser into a bare 400, so the check
runs here, before the view, and answers as every refusal does (422, `field` naming where).
A sync push's payloads are left to the push, which refuses such a mutation in its own result
(sync.services): one broken entry must not hold back the rest of a device's outbox.
"""

import json
import re

from django.http import JsonResponse

from frontline.common.text import unpaired_surrogate_at
from frontline.sync.api import SYNC_PUSH

PARSED = "frontline_json_body"  # the request attribute FrontlineParser reads back


class BrokenTextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.content_type != "application/json" or not request.path.startswith("/api/"):
            return None
        try:
            body = request.body
            if not _MAYBE_SURROGATE.search(body):
                return None
            data = json.loads(body)
        except Exception:  # too large, or not JSON: the view answers as it always has
            return None
        setattr(request, PARSED, data)
        if request.resolver_match and request.resolver_match.url_name == SYNC_PUSH:
            data = _outside_payloads(data)
        where = unpaired_surrogate_at(data)
        if where is None:
            return None
        return JsonResponse(
            {
                "error": "unpaired_surrogate",
                "message": f"{where} holds a broken character (half of a UTF-16 surrogate pair)",
                "field": where,
            },
            status=422,
        )


# A half pair can reach Python only as a JSON escape of D800-DFFF (UTF-8 cannot carry one):
# a body without such an escape, as the officer app sends, needs no walk.
_MAYBE_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


def _outside_payloads(body):
    """A push body with its mutations' payloads left out: the push checks those per item."""
    if not isinstance(body, dict) or not isinstance(body.get("mutations"), list):
        return body
    mutations = [
        {key: value for key, value in m.items() if key != "payload"} if isinstance(m, dict) else m
        for m in body["mutations"]
    ]
    return {**body, "mutations": mutations}
