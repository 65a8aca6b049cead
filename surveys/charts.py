"""A small line chart of survey scores, drawn on the server as inline SVG (no chart library,
no JavaScript). Only numbers and escaped text go into the markup."""

from datetime import date

from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, PAD_X, PAD_TOP, PAD_BOTTOM = 320, 140, 28, 12, 24
LOW, HIGH = 1, 5  # the answers' scale


def _x(index: int, count: int) -> float:
    if count == 1:
        return WIDTH / 2
    return PAD_X + index * (WIDTH - 2 * PAD_X) / (count - 1)


def _y(score: float) -> float:
    inner = HEIGHT - PAD_TOP - PAD_BOTTOM
    return PAD_TOP + (HIGH - score) * inner / (HIGH - LOW)


def score_chart_svg(*, points: list[tuple[date, float]], title: str) -> SafeString:
    """`points` are (month, score from 1 to 5), oldest first."""
    count = len(points)
    coords = [(round(_x(i, count), 1), round(_y(score), 1)) for i, (_m, score) in enumerate(points)]
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-grid"/>'
        '<text x="4" y="{}" class="chart-axis">{}</text>',
        ((PAD_X, WIDTH - PAD_X, _y(v), _y(v), _y(v) + 4, v) for v in (1, 3, 5)),
    )
    line = " ".join(f"{x},{y}" for x, y in coords)
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3.5" class="chart-dot"/>'
        '<text x="{}" y="{}" class="chart-axis" text-anchor="middle">{}</text>',
        (
            (x, y, x, HEIGHT - 6, date_format(month, "M"))
            for (x, y), (month, _score) in zip(coords, points, strict=True)
        ),
    )
    described = ", ".join(f"{date_format(m, 'F Y')}: {score:.1f}" for m, score in points)
    return format_html(
        '<svg class="score-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="score-chart-title'
        ' score-chart-desc"><title id="score-chart-title">{}</title><desc id="score-chart-desc">{}'
        '</desc>{}<polyline points="{}" class="chart-line"/>{}</svg>',
        WIDTH,
        HEIGHT,
        title,
        described,
        grid,
        line,
        dots,
    )
