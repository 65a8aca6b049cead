from django.db.models import QuerySet, Sum

from stats.models import DailyCountryVisits


def visits_by_country(*, since=None) -> QuerySet:
    qs = DailyCountryVisits.objects.all()
    if since is not None:
        qs = qs.filter(day__gte=since)
    return qs.values("country").annotate(total=Sum("count")).order_by("-total")
