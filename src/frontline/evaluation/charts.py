"""The evaluation's charts as accessible inline SVG (matplotlib, drawn on the server): each
carries a <title> and a <desc> with every number, so the figures are there without sight."""

from matplotlib.figure import Figure

from frontline.common.charts import BLUE, GREEN, GREY, bar_chart_svg
from frontline.common.charts import chart_style as _style
from frontline.common.charts import figure_svg as _svg
from frontline.common.charts import svg_accessible as _accessible


def bars_svg(*, slug: str, title: str, rows: list[tuple[str, float]], unit: str) -> str:
    """Horizontal bars, labelled with their values to one decimal place."""
    return bar_chart_svg(
        slug=slug, title=title, rows=rows, unit=unit, value_format="{:,.1f}", label_short=str
    )


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
