"""Charts drawn on the server with matplotlib as accessible inline SVG.

Every chart carries a `<title>` and a `<desc>` that holds every number, so the figures are
there without sight; its ids are prefixed with the chart's slug so several charts on one page
(or in one PDF) never share an id; and it has no inline styles (`common.svg`), so a strict
Content-Security-Policy leaves it drawn as meant. The same slug, title and figures always give
the same SVG (matplotlib's ids are salted with the slug and the date is left out).
"""

import io
import re
from collections.abc import Callable
from functools import lru_cache
from html import escape

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from frontline.common.svg import svg_without_inline_styles

BLUE, GREY, GREEN = "#1d70b8", "#b1b4b6", "#00703c"
SVG_OPEN = re.compile(r"<svg\b[^>]*>")
SVG_ID = re.compile(r'(\bid="|url\(#|href="#)')


def chart_style(slug: str):
    """The matplotlib settings every chart is drawn under (a context manager)."""
    return matplotlib.rc_context({"svg.hashsalt": slug, "svg.fonttype": "none"})


def figure_svg(figure: Figure) -> str:
    """The figure as an `<svg>` element without inline styles (no XML prolog)."""
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    svg = svg_without_inline_styles(out.getvalue())
    return svg[svg.index("<svg") :]


def svg_accessible(svg: str, slug: str, title: str, desc: str) -> str:
    """Label the chart for assistive technology and prefix its ids with the slug."""
    svg = SVG_ID.sub(lambda match: f"{match.group(1)}{slug}-", svg)
    head = SVG_OPEN.search(svg).group(0)
    labelled = head.replace(
        "<svg", f'<svg role="img" aria-labelledby="{slug}-title {slug}-desc"', 1
    ) + (
        f'<title id="{slug}-title">{escape(title)}</title>'
        f'<desc id="{slug}-desc">{escape(desc)}</desc>'
    )
    return svg.replace(head, labelled, 1)


def bar_chart_svg(
    *,
    slug: str,
    title: str,
    rows: list[tuple[str, float]],
    unit: str,
    empty: str = "No data.",
    value_format: str = "{:,}",
    label_short: Callable[[str], str] | None = None,
) -> str:
    """Horizontal bars, largest headroom 15%, each labelled with its value; the `<desc>` lists
    every label and value. Drawing takes matplotlib hundreds of milliseconds, so the same
    chart is kept once drawn."""
    return _bar_chart_svg(
        slug, title, tuple(rows), unit, empty, value_format, label_short or _label_short
    )


@lru_cache(maxsize=256)
def _bar_chart_svg(slug, title, rows, unit, empty, value_format, label_short) -> str:
    values = [value for _, value in rows]
    height = 1.0 + 0.38 * max(len(rows), 1)
    with chart_style(slug):
        figure = Figure(figsize=(8, height), layout="constrained")
        axes = figure.subplots()
        bars = axes.barh(range(len(rows)), values, color=BLUE)
        axes.set_yticks(range(len(rows)), labels=[label_short(label) for label, _ in rows])
        axes.invert_yaxis()
        axes.bar_label(bars, labels=[value_format.format(v) for v in values], padding=3)
        axes.set_xlabel(unit)
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_xlim(0, max(values, default=0) * 1.15 + 1)
        svg = figure_svg(figure)
    desc = "; ".join(f"{label}: {value_format.format(value)}" for label, value in rows)
    return svg_accessible(svg, slug, title, desc or empty)


def charts_forget() -> None:
    """Forget every chart drawn so far (a benchmark times drawing afresh)."""
    _bar_chart_svg.cache_clear()


def _label_short(label: str) -> str:
    return label if len(label) <= 28 else label[:27] + "…"
