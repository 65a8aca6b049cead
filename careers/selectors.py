from django.db.models import QuerySet

from careers.models import JobOpening


def opening_published_list() -> QuerySet[JobOpening]:
    return JobOpening.objects.filter(is_published=True)
