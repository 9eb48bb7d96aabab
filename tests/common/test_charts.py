"""The shared chart helper: labelled for assistive technology, ids unique per chart, stable."""

import re

from frontline.common.charts import bar_chart_svg

ROWS = [("Hammersmith", 12), ("Fulham", 3)]


def test_a_bar_chart_names_every_figure_in_its_description():
    svg = bar_chart_svg(slug="c1", title="Devices by station", rows=ROWS, unit="Devices")
    assert svg.startswith("<svg")
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Devices by station</title>' in svg
    assert '<desc id="c1-desc">Hammersmith: 12; Fulham: 3</desc>' in svg


def test_two_charts_on_one_page_share_no_id():
    first = bar_chart_svg(slug="one", title="A", rows=ROWS, unit="n")
    second = bar_chart_svg(slug="two", title="B", rows=ROWS, unit="n")
    ids_first = set(re.findall(r'\bid="([^"]+)"', first))
    ids_second = set(re.findall(r'\bid="([^"]+)"', second))
    assert ids_first and ids_second
    assert not ids_first & ids_second
    assert all(identifier.startswith("one-") for identifier in ids_first)


def test_an_empty_chart_says_so_and_the_same_figures_draw_the_same_svg():
    empty = bar_chart_svg(slug="e", title="T", rows=[], unit="n", empty="No searches.")
    assert '<desc id="e-desc">No searches.</desc>' in empty
    again = bar_chart_svg(slug="c1", title="Devices by station", rows=list(ROWS), unit="Devices")
    assert again == bar_chart_svg(slug="c1", title="Devices by station", rows=ROWS, unit="Devices")
    assert "style=" not in again
