"""Bar charts of the monthly statistics, drawn by the shared chart helper."""

from frontline.common.charts import bar_chart_svg as _bar_chart_svg


def bar_chart_svg(*, slug: str, title: str, rows: list[tuple[str, int]]) -> str:
    """Searches per category as horizontal bars, with every number in the `<desc>`."""
    return _bar_chart_svg(
        slug=slug,
        title=title,
        rows=rows,
        unit="Searches",
        empty="No searches.",
        label_short=_short,
    )


def _short(label: str) -> str:
    # The long census labels keep their specific part: "Asian/Asian British - Indian" -> "Indian".
    return label.rsplit(" - ", 1)[-1] if " - " in label else label
