"""The evaluation's charts as accessible inline SVG (matplotlib, drawn on the server): each
carries a <title> and a <desc> with every number, so the figures are there without sight."""

import io
import re
from html import escape

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from frontline.common.svg import svg_without_inline_styles

SVG_OPEN = re.compile(r"<svg\b[^>]*>")
SVG_ID = re.compile(r'(\bid="|url\(#|href="#)')
BLUE, GREY, GREEN = "#1d70b8", "#b1b4b6", "#00703c"


def bars_svg(*, slug: str, title: str, rows: list[tuple[str, float]], unit: str) -> str:
    """Horizontal bars, labelled with their values."""
    height = 1.0 + 0.38 * max(len(rows), 1)
    with _style(slug):
        figure = Figure(figsize=(8, height), layout="constrained")
        axes = figure.subplots()
        values = [value for _, value in rows]
        bars = axes.barh(range(len(rows)), values, color=BLUE)
        axes.set_yticks(range(len(rows)), labels=[label for label, _ in rows])
        axes.invert_yaxis()
        axes.bar_label(bars, labels=[f"{v:,.1f}" for v in values], padding=3)
        axes.set_xlabel(unit)
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_xlim(0, max(values, default=0) * 1.2 + 1)
        svg = _svg(figure)
    desc = "; ".join(f"{label}: {value:,.1f} {unit}" for label, value in rows) or "No data."
    return _accessible(svg, slug, title, desc)


def daily_svg(*, slug: str, title: str, days: dict, unit: str) -> str:
    """A count per day as columns."""
    items = sorted(days.items())
    with _style(slug):
        figure = Figure(figsize=(8, 2.8), layout="constrained")
        axes = figure.subplots()
        axes.bar([day.isoformat() for day, _ in items], [n for _, n in items], color=BLUE)
        axes.set_ylabel(unit)
        axes.tick_params(axis="x", labelrotation=90, labelsize=7)
        axes.spines[["top", "right"]].set_visible(False)
        svg = _svg(figure)
    desc = "; ".join(f"{day.isoformat()}: {n}" for day, n in items) or "No activity."
    return _accessible(svg, slug, title, desc)


def value_for_money_svg(*, slug: str, title: str, points: list[tuple[str, float, float, bool]]):
    """Weighted score against equivalent annual cost; dominated options hollow and grey.

    `points`: (option, cost in pounds a year, score 0-100, dominated).
    """
    with _style(slug):
        figure = Figure(figsize=(8, 4.2), layout="constrained")
        axes = figure.subplots()
        for name, cost, score, dominated in points:
            axes.scatter(
                [cost],
                [score],
                s=90,
                facecolors="none" if dominated else GREEN,
                edgecolors=GREY if dominated else GREEN,
                linewidths=2,
            )
            label = f"{name} (dominated)" if dominated else name
            axes.annotate(label, (cost, score), textcoords="offset points", xytext=(6, 6))
        axes.set_xlabel("Equivalent annual cost (£ a year, with optimism bias)")
        axes.set_ylabel("Weighted value score (0-100)")
        axes.set_ylim(0, 105)
        axes.set_xlim(0, max((c for _, c, _, _ in points), default=1) * 1.35)
        axes.spines[["top", "right"]].set_visible(False)
        svg = _svg(figure)
    desc = "; ".join(
        f"{name}: £{cost:,.0f} a year, score {score:.1f}{' (dominated)' if dom else ''}"
        for name, cost, score, dom in points
    )
    return _accessible(svg, slug, title, desc or "No scored options.")


def _style(slug):
    return matplotlib.rc_context({"svg.hashsalt": slug, "svg.fonttype": "none"})


def _svg(figure) -> str:
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    svg = svg_without_inline_styles(out.getvalue())
    return svg[svg.index("<svg") :]


def _accessible(svg: str, slug: str, title: str, desc: str) -> str:
    # matplotlib numbers its ids from 1 in every figure; prefix them so several charts on one
    # page (or in one PDF) never share an id.
    svg = SVG_ID.sub(lambda m: f"{m.group(1)}{slug}-", svg)
    head = SVG_OPEN.search(svg).group(0)
    labelled = head.replace(
        "<svg", f'<svg role="img" aria-labelledby="{slug}-title {slug}-desc"', 1
    ) + (
        f'<title id="{slug}-title">{escape(title)}</title>'
        f'<desc id="{slug}-desc">{escape(desc)}</desc>'
    )
    return svg.replace(head, labelled, 1)
