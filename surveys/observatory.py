"""The staff observatory: meeting quality across extranets, anonymous by construction.

Each extranet's schema is asked for sums and counts per month (never rows); a (extranet, month)
cell with fewer than MIN_ANSWERS answers is dropped before anything is combined, so no shown
figure, nor any difference of two shown figures, rests on one person's answer. Nothing is
written to the public schema.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django_tenants.utils import tenant_context

from meetings.models import Meeting
from surveys.selectors import Scores, survey_monthly_scores
from tenants.selectors import extranet_list


@dataclass(frozen=True)
class ObservatoryReport:
    total: Scores
    by_extranet: list[tuple[str, Scores]]
    by_month: list[tuple[date, Scores]]
    hidden_cells: int  # (extranet, month) cells left out for having too few answers


def _extranet_cells(extranet) -> list[tuple[date, Scores]]:
    with tenant_context(extranet):
        return survey_monthly_scores(meetings=Meeting.objects.all())


def observatory_report() -> ObservatoryReport:
    by_extranet: list[tuple[str, Scores]] = []
    by_month: dict[date, Scores] = defaultdict(Scores)
    hidden = 0
    for extranet in extranet_list():
        extranet_total = Scores()
        for month, scores in _extranet_cells(extranet):
            if not scores.enough:
                hidden += 1
                continue
            extranet_total += scores
            by_month[month] += scores
        if extranet_total.count:
            by_extranet.append((extranet.name, extranet_total))
    total = sum((s for _name, s in by_extranet), Scores())
    return ObservatoryReport(
        total=total,
        by_extranet=by_extranet,
        by_month=sorted(by_month.items(), reverse=True),
        hidden_cells=hidden,
    )
