"""The MG11 as a PDF, laid out by WeasyPrint from statements/mg11.html.

The declaration states how many pages the statement has, and that number must be the real one:
the statement is rendered, its pages counted, and rendered again with the count until the two
agree (the count's own digits can move a line). The restricted rear page is a separate
document appended after the statement pages; it is not one of the pages the witness signs, so
the declaration and "Page n of N" count the statement pages only.
"""

import base64

from django.template.loader import render_to_string
from django.utils import timezone

from frontline.statements.services import signature_ready
from frontline.sync.blobs import blob_path

MAX_RENDERS = 4


def statement_pdf(*, statement, restricted: bool) -> bytes:
    """The statement pages, then the rear page when `restricted` (the caller decides who may)."""
    import weasyprint  # heavy: loaded on first use only

    signature = _signature_uri(statement)
    base = {
        "statement": statement,
        "signature": signature,
        "signed_at": timezone.localtime(statement.signed_at),
        "taken_at": timezone.localtime(statement.taken_at),
        "further_signed": (
            timezone.localtime(statement.further_to.signed_at) if statement.further_to_id else None
        ),
    }
    fetcher = _fetcher()
    page_count = 1
    for _ in range(MAX_RENDERS):
        html = render_to_string("statements/mg11.html", {**base, "page_count": page_count})
        document = weasyprint.HTML(string=html, url_fetcher=fetcher).render()
        if len(document.pages) == page_count:
            break
        page_count = len(document.pages)
    else:  # pragma: no cover - the count settles after one or two renders in practice
        raise RuntimeError("the MG11 page count did not settle")
    pages = list(document.pages)
    if restricted:
        rear_html = render_to_string(
            "statements/mg11_rear.html",
            {
                **base,
                "page_count": page_count,
                "consent_vps": _consent(statement.consent_victim_personal_statement),
                "consent_medical": _consent(statement.consent_medical_records),
            },
        )
        pages += weasyprint.HTML(string=rear_html, url_fetcher=fetcher).render().pages
    return document.copy(pages).write_pdf()


def _signature_uri(statement) -> str:
    signature_ready(statement=statement)
    data = blob_path(statement.signature_sha256).read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _consent(value: bool | None) -> str:
    return {True: "Consents", False: "Does not consent", None: "Not asked"}[value]


def _fetcher():
    """The template embeds everything it needs: only data: URLs, nothing from disk or network."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
