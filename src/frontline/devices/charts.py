"""Bar charts of the fleet dashboard, drawn by the shared chart helper."""

from frontline.common.charts import bar_chart_svg as _bar_chart_svg


def bar_chart_svg(
    *, slug: str, title: str, rows: list[tuple[str, int]], unit: str = "Devices"
) -> str:
    """Devices per category as horizontal bars, with every number in the `<desc>`."""
    return _bar_chart_svg(slug=slug, title=title, rows=rows, unit=unit, empty="None.")
