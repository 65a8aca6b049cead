"""Meetings and actions are the company's records; people appear in them by reference only.

Erasure anonymises the user row (accounts/privacy.py), so organiser, owner and participant
links then point at "Former user" and the company keeps its meeting history.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    KEEP,
    PERSONAL,
    PersonalModel,
    Retained,
    Row,
    Scope,
    Source,
    by_user,
    legitimate_interest,
    not_personal,
    register,
)

_COMPANY_RECORD = Retained(
    basis=_("Legitimate interest of the customer company in its own meeting records")
)
_COMPANY_INTEREST = legitimate_interest(
    _("your company's interest in running its meetings and following up its action plans")
)


def _meetings_of(subject) -> Q | None:
    if subject.user_id is None:
        return None
    from meetings.models import Meeting

    participated = Meeting.participants.through.objects.filter(user_id=subject.user_id)
    return Q(organiser_id=subject.user_id) | Q(pk__in=participated.values("meeting_id"))


register(
    PersonalModel(
        model="meetings.Meeting",
        category="meetings",
        description=_("Meetings you organised or took part in."),
        purpose=_("Running your company's meetings."),
        legal_basis=_COMPANY_INTEREST,
        scope=Scope.TENANT,
        subject=by_user("organiser"),
        subject_q=_meetings_of,  # the organiser, or a participant
        recipients=("hosting", "email", "customer"),
        sources=(Source.YOU, Source.COLLEAGUES),
        row=Row.RETAIN,
        retained=_COMPANY_RECORD,
        fields={
            "id": KEEP,
            "title": PERSONAL,
            "starts_at": KEEP,
            "ends_at": KEEP,
            "location": PERSONAL,
            "video_url": PERSONAL,
            "organiser": KEEP,
            "minutes": PERSONAL,
            "created_at": KEEP,
            "updated_at": KEEP,
        },
    )
)

register(
    PersonalModel(
        model="meetings.ActionItem",
        category="actions",
        description=_("Actions you own or created."),
        purpose=_("Following up your company's action plans."),
        legal_basis=_COMPANY_INTEREST,
        scope=Scope.TENANT,
        subject=(by_user("owner"), by_user("created_by")),
        recipients=("hosting", "email", "customer"),
        sources=(Source.YOU, Source.COLLEAGUES),
        row=Row.RETAIN,
        retained=_COMPANY_RECORD,
        fields={
            "id": KEEP,
            "description": PERSONAL,
            "owner": KEEP,
            "due_date": KEEP,
            "status": KEEP,
            "meeting": KEEP,
            "created_by": KEEP,
            "created_at": KEEP,
            "updated_at": KEEP,
        },
    )
)

not_personal(
    "meetings.AgendaItem",
    "Topics of a meeting; they name no person (the meeting entry covers who took part).",
)
