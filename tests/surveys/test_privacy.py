"""Survey answers are personal data of the respondent: registered, selectable, erasable."""

from accounts.models import User
from meetings.models import Meeting
from privacy.registry import Row, Subject, by_user, registry, registry_problems
from surveys.models import SurveyInvitation, SurveyResponse
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory
from tests.support.tenants import in_schema
from tests.surveys.factories import ResponseFactory


def test_models_are_classified():
    assert registry_problems([SurveyResponse, SurveyInvitation, Meeting]) == []
    entry = registry.personal["surveys.surveyresponse"]
    assert entry.row is Row.DELETE and entry.scope == "tenant"
    assert entry.links == (by_user("respondent"),)


def _subject_rows(model_label, user):
    entry = registry.personal[model_label]
    q = entry.subject_filter(Subject(email=user.email, user_id=user.pk))
    return entry.model_class.objects.filter(q)


def test_subject_filter_selects_only_the_respondents_answers(acme):
    with in_schema(acme):
        me, other = UserFactory(), UserFactory()
        meeting = MeetingFactory(participants=[me, other])
        mine = ResponseFactory(meeting=meeting, respondent=me, comment="mine")
        ResponseFactory(meeting=meeting, respondent=other, comment="theirs")
        assert list(_subject_rows("surveys.surveyresponse", me)) == [mine]


def test_meeting_subject_filter_covers_participation_without_duplicates(acme):
    with in_schema(acme):
        me = UserFactory()
        organised = MeetingFactory(organiser=me)
        attended = MeetingFactory(participants=[me])
        MeetingFactory()
        rows = list(_subject_rows("meetings.meeting", me))
        assert sorted(m.pk for m in rows) == sorted([organised.pk, attended.pk])


def test_deleting_the_subjects_rows_keeps_the_meeting_and_others_answers(acme):
    """What the erasure engine does with Row.DELETE entries, then anonymising the user."""
    with in_schema(acme):
        me, other = UserFactory(), UserFactory()
        meeting = MeetingFactory(organiser=me, participants=[other])
        ResponseFactory(meeting=meeting, respondent=me)
        ResponseFactory(meeting=meeting, respondent=other)
        _subject_rows("surveys.surveyresponse", me).delete()
        User.objects.filter(pk=me.pk).update(username=f"{User.ERASED_PREFIX}{me.pk}")
        assert not SurveyResponse.objects.filter(respondent=me).exists()
        assert SurveyResponse.objects.filter(respondent=other).count() == 1
        assert str(Meeting.objects.get(pk=meeting.pk).organiser) == "Former user"
