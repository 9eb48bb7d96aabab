"""Server-drawn charts carry no inline styles, so the strict policy leaves them drawn as meant."""

import pytest

from frontline.common.svg import svg_without_inline_styles
from frontline.stopsearch.charts import bar_chart_svg


def test_style_attributes_become_presentation_attributes():
    svg = (
        '<svg viewBox="0 0 1 1"><style type="text/css">*{stroke-linejoin: round}</style>'
        '<path style="fill: #1d70b8; stroke-width: 0.8"/><text style="font-family: \'DejaVu '
        "Sans', sans-serif; text-anchor: end\">a</text></svg>"
    )

    out = svg_without_inline_styles(svg)

    assert out == (
        '<svg stroke-linejoin="round" viewBox="0 0 1 1">'
        '<path fill="#1d70b8" stroke-width="0.8"/>'
        '<text font-family="&#x27;DejaVu Sans&#x27;, sans-serif" text-anchor="end">a</text>'
        "</svg>"
    )


@pytest.mark.parametrize(
    "svg",
    [
        '<svg><path style="display: none"/></svg>',
        "<svg><style>path{fill: red}</style></svg>",
    ],
)
def test_a_style_that_cannot_be_moved_is_refused_rather_than_lost(svg):
    with pytest.raises(ValueError):
        svg_without_inline_styles(svg)


def test_the_stop_search_chart_has_no_inline_style():
    svg = bar_chart_svg(slug="outcome", title="Outcomes", rows=[("Arrest", 2), ("Other", 5)])

    assert "style=" not in svg and "<style" not in svg
    assert 'fill="#1d70b8"' in svg
