"""Bar charts of the fleet dashboard as accessible inline SVG, drawn on the server."""

import io
import re
from functools import lru_cache
from html import escape

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from frontline.common.svg import svg_without_inline_styles

SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def bar_chart_svg(
    *, slug: str, title: str, rows: list[tuple[str, int]], unit: str = "Devices"
) -> str:
    """A horizontal bar chart with a <title> and a <desc> carrying every number. Drawing takes
    matplotlib hundreds of milliseconds; the same figures give the same SVG, so it is kept."""
    return _bar_chart_svg(slug, title, tuple(rows), unit)


@lru_cache(maxsize=256)
def _bar_chart_svg(slug: str, title: str, rows: tuple[tuple[str, int], ...], unit: str) -> str:
    labels = [label for label, _ in rows]
    counts = [count for _, count in rows]
    height = 1.0 + 0.38 * max(len(rows), 1)
    with matplotlib.rc_context({"svg.hashsalt": slug, "svg.fonttype": "none"}):
        figure = Figure(figsize=(8, height), layout="constrained")
        axes = figure.subplots()
        bars = axes.barh(range(len(rows)), counts, color="#1d70b8")
        axes.set_yticks(range(len(rows)), labels=[_short(label) for label in labels])
        axes.invert_yaxis()
        axes.bar_label(bars, padding=3)
        axes.set_xlabel(unit)
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_xlim(0, max(counts, default=0) * 1.15 + 1)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    svg = svg_without_inline_styles(out.getvalue())
    svg = svg[svg.index("<svg") :]
    desc = "; ".join(f"{label}: {count}" for label, count in rows) or "None."
    head = SVG_OPEN.search(svg).group(0)
    accessible = head.replace(
        "<svg", f'<svg role="img" aria-labelledby="{slug}-title {slug}-desc"', 1
    ) + (
        f'<title id="{slug}-title">{escape(title)}</title>'
        f'<desc id="{slug}-desc">{escape(desc)}</desc>'
    )
    return svg.replace(head, accessible, 1)


def _short(label: str) -> str:
    return label if len(label) <= 28 else label[:27] + "…"
