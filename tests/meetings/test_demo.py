from django.utils import timezone

from meetings.demo import meetings_demo_seed
from meetings.models import ActionItem, Meeting
from surveys.models import SurveyResponse
from tests.support.tenants import in_schema


def _counts(extranet):
    with in_schema(extranet):
        return (Meeting.objects.count(), ActionItem.objects.count(), SurveyResponse.objects.count())


def test_demo_seeds_a_living_extranet_once(acme, globex):
    for extranet in (acme, globex):
        assert meetings_demo_seed(extranet=extranet) > 0
    for extranet in (acme, globex):
        meetings, actions, answers = _counts(extranet)
        assert meetings >= 8 and actions >= 8 and answers >= 10
        with in_schema(extranet):
            now = timezone.now()
            assert Meeting.objects.filter(starts_at__gt=now).exists()
            assert Meeting.objects.filter(starts_at__lt=now).exists()
            overdue = ActionItem.objects.filter(status="open", due_date__lt=timezone.localdate())
            assert overdue.exists()
    before = [_counts(acme), _counts(globex)]
    assert meetings_demo_seed(extranet=acme) == 0
    assert meetings_demo_seed(extranet=globex) == 0
    assert [_counts(acme), _counts(globex)] == before


def test_full_demo_seed_twice_adds_nothing(acme, globex):
    from tenants.demo import demo_seed

    demo_seed()
    first = [_counts(acme), _counts(globex)]
    demo_seed()
    assert [_counts(acme), _counts(globex)] == first
