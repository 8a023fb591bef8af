"""Server-rendered bar charts as plain data for the SVG template (reports/_chart.html).

Every chart carries a title, a description that states what it shows in words, and the rows of numbers that the
page prints in a table beside it; hidden counts have no bar and say so in the label."""

from __future__ import annotations

from dataclasses import dataclass, field

WIDTH = 640
LABEL_WIDTH = 230
BAR_HEIGHT = 22
GAP = 10
#: GOV.UK colours, with enough contrast against white for WCAG 1.4.11
COLOURS = {
    "bar": "#1d70b8",
    "flag": "#d4351c",
    "positive": "#00703c",
    "neutral": "#505a5f",
    "mixed": "#6f72af",
    "negative": "#d4351c",
}


@dataclass
class Segment:
    value: float
    colour: str
    x: float = 0.0
    width: float = 0.0


@dataclass
class Bar:
    label: str
    #: the text shown at the end of the bar (a protected count, a percentage or an index)
    text: str
    segments: list[Segment] = field(default_factory=list)
    y: float = 0.0


@dataclass
class Chart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    #: a vertical reference line (e.g. 1.0 for the representation index), in data units
    reference: float | None = None
    reference_x: float | None = None
    width: int = WIDTH
    height: int = 0
    label_width: int = LABEL_WIDTH
    #: one plain-language sentence printed under the chart: how to read it
    explanation: str = ""


def layout(chart: Chart) -> Chart:
    """Place bars and segments in SVG coordinates (bars scaled to the largest value or the reference)."""
    totals = [sum(s.value for s in bar.segments) for bar in chart.bars]
    largest = max([*totals, chart.reference or 0, 1e-9])
    plot = chart.width - chart.label_width - 90
    for i, bar in enumerate(chart.bars):
        bar.y = GAP + i * (BAR_HEIGHT + GAP)
        x = float(chart.label_width)
        for segment in bar.segments:
            segment.x, segment.width = x, plot * segment.value / largest
            x += segment.width
    if chart.reference is not None:
        chart.reference_x = chart.label_width + plot * chart.reference / largest
    chart.height = int(GAP + len(chart.bars) * (BAR_HEIGHT + GAP))
    return chart
