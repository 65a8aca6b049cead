from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import SingleLineCharField
from meetings.models import ACTION_TEXT_MAX, MINUTES_MAX, TITLE_MAX, ActionItem, Meeting
from meetings.selectors import user_choices

AGENDA_MAX_ITEMS = 30
MAX_MEETING_HOURS = 12
YEARS_AHEAD = 5


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _check_year(day: date) -> None:
    today = timezone.localdate()
    if not (today.year - YEARS_AHEAD <= day.year <= today.year + YEARS_AHEAD):
        raise forms.ValidationError(
            _("Choose a date between %(first)d and %(last)d."),
            code="date_out_of_range",
            params={"first": today.year - YEARS_AHEAD, "last": today.year + YEARS_AHEAD},
        )


class MeetingForm(forms.Form):
    title = SingleLineCharField(label=_("Title"), max_length=TITLE_MAX)
    starts_at = forms.DateTimeField(label=_("Start"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("End"), widget=DateTimeLocalInput())
    location = SingleLineCharField(label=_("Place"), max_length=200, required=False)
    video_url = forms.URLField(
        label=_("Video link"), max_length=500, required=False, assume_scheme="https"
    )
    participants = PeopleChoiceField(
        label=_("Participants"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You are always a participant of the meetings you organise."),
        required=False,
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("One topic per line."),
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=MINUTES_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )

    def __init__(self, *args, meeting: Meeting | None = None, **kwargs):
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = _meeting_initial(meeting)
        super().__init__(*args, **kwargs)
        current = meeting.participants.values("pk") if meeting is not None else []
        # Erased people stay listed on meetings they attended, so keep them when editing.
        self.fields["participants"].queryset = (
            user_choices() | User.objects.filter(pk__in=current)
        ).distinct()

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        _check_year(timezone.localtime(value).date())
        return value

    def clean_agenda(self):
        lines = [line.strip() for line in self.cleaned_data["agenda"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > AGENDA_MAX_ITEMS:
            raise forms.ValidationError(
                _("An agenda can have at most %(max)d topics."),
                code="agenda_too_long",
                params={"max": AGENDA_MAX_ITEMS},
            )
        for number, line in enumerate(lines, 1):
            if len(line) > TITLE_MAX:
                raise forms.ValidationError(
                    _("Topic %(number)d is longer than %(max)d characters."),
                    code="agenda_topic_too_long",
                    params={"number": number, "max": TITLE_MAX},
                )
        return lines

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at:
            if ends_at <= starts_at:
                self.add_error("ends_at", _("The end must be after the start."))
            elif ends_at - starts_at > timedelta(hours=MAX_MEETING_HOURS):
                self.add_error(
                    "ends_at",
                    _("A meeting can last at most %(hours)d hours.") % {"hours": MAX_MEETING_HOURS},
                )
        return data


def _meeting_initial(meeting: Meeting) -> dict:
    return {
        "title": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
        "location": meeting.location,
        "video_url": meeting.video_url,
        "participants": list(meeting.participants.all()),
        "agenda": "\n".join(a.title for a in meeting.agenda_items.all()),
        "minutes": meeting.minutes,
    }


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("Description"),
        max_length=ACTION_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionItem.Status.choices, initial=ActionItem.Status.OPEN
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("No meeting"),
    )

    def __init__(self, *args, meetings, action: ActionItem | None = None, **kwargs):
        if action is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "description": action.description,
                "owner": action.owner,
                "due_date": action.due_date,
                "status": action.status,
                "meeting": action.meeting,
            }
        super().__init__(*args, **kwargs)
        keep = [action.owner_id] if action is not None and action.owner_id else []
        self.fields["owner"].queryset = (
            user_choices() | User.objects.filter(pk__in=keep)
        ).distinct()
        self.fields["meeting"].queryset = meetings

    def clean_due_date(self):
        value = self.cleaned_data["due_date"]
        _check_year(value)
        return value

    def clean(self):
        data = super().clean()
        meeting, owner, due = data.get("meeting"), data.get("owner"), data.get("due_date")
        if meeting and owner and not meeting.participants.filter(pk=owner.pk).exists():
            self.add_error("owner", _("The owner must be a participant of the meeting."))
        if meeting and due and due < timezone.localtime(meeting.starts_at).date():
            self.add_error("due_date", _("The due date cannot be before the meeting."))
        return data


class ActionPlanFilterForm(forms.Form):
    owner = PersonChoiceField(
        label=_("Owner"), queryset=User.objects.none(), required=False, empty_label=_("Everyone")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *ActionItem.Status.choices],
        required=False,
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
