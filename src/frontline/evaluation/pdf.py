"""The evaluation report as a PDF, laid out by WeasyPrint from evaluation/report.html with the
charts inline as SVG. Nothing is fetched from disk or network."""

import logging

from django.template.loader import render_to_string

from frontline.evaluation.document import report_context
from frontline.evaluation.report import programme_report


def evaluation_pdf(*, programme) -> bytes:
    import weasyprint  # heavy: loaded on first use only
    from weasyprint.urls import URLFetcher

    html = render_to_string("evaluation/report.html", report_context(programme_report(programme)))
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    # WeasyPrint's HTML pass warns about every SVG presentation property it leaves to its SVG
    # renderer (which does apply them); keep its log to real errors while rendering.
    log = logging.getLogger("weasyprint")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    finally:
        log.setLevel(level)
