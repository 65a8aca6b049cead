"""Demo meetings for `make run`: a few weeks of a living extranet, seeded once per extranet."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tenants.utils import tenant_context

from accounts.models import User
from meetings.models import ActionItem, Meeting
from meetings.services import action_create, meeting_create
from surveys.models import SurveyInvitation
from surveys.services import survey_answer

COLLEAGUES = {
    "acme": [
        ("chloe", "Chloé", "Bernard"),
        ("david", "David", "Leroy"),
        ("emma", "Emma", "Petit"),
    ],
    "globex": [
        ("daan", "Daan", "Jansen"),
        ("eva", "Eva", "Bakker"),
        ("floor", "Floor", "Visser"),
    ],
}

# (title, weekday, start, minutes long, agenda)
WEEKLY = ("Weekly team meeting", 0, time(9, 30), 60, ["Last week", "Blockers", "Next steps"])
ONE_OFFS = [
    (-3, "Project kick-off", 2, time(14), 90, ["Goals", "Roles", "Milestones"]),
    (-2, "Customer feedback review", 3, time(11), 60, ["Survey results", "Top complaints"]),
    (-1, "Quarterly review", 3, time(10), 120, ["Figures", "Risks", "Budget"]),
    (0, "Hiring plan", 4, time(15), 45, ["Open roles", "Interview panel"]),
    (1, "Client follow-up", 1, time(11), 60, ["Status", "Contract renewal"]),
]
ACTIONS = [
    "Send the summary to the team",
    "Update the project plan",
    "Book a room for the workshop",
    "Prepare the budget figures",
    "Call the supplier about delays",
    "Draft the job description",
    "Review the customer contract",
    "Share the slides",
]
COMMENTS = [
    "Clear agenda, we finished on time.",
    "Too long; the last topic could have been an email.",
    "Good decisions, but who does what was not always clear.",
    "",
    "",
]


def _colleagues(slug: str) -> list[User]:
    people = list(User.objects.filter(is_active=True).order_by("pk"))
    for username, first, last in COLLEAGUES.get(slug, []):
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@{slug}.example",
            },
        )
        if created:
            user.set_unusable_password()  # colleagues in the demo story; nobody logs in as them
            user.save(update_fields=["password"])
            people.append(user)
    return people


def _at(monday: datetime, week: int, weekday: int, start: time, minutes: int):
    day = (monday + timedelta(weeks=week, days=weekday)).date()
    starts = timezone.make_aware(datetime.combine(day, start))
    return starts, starts + timedelta(minutes=minutes)


def _plan(monday: datetime) -> list[tuple]:
    weekly = [(w, *WEEKLY) for w in range(-4, 2)]
    plan = [
        (w, title, *_at(monday, w, wd, st, m), agenda) for w, title, wd, st, m, agenda in ONE_OFFS
    ]
    plan += [
        (w, title, *_at(monday, w, wd, st, m), agenda) for w, title, wd, st, m, agenda in weekly
    ]
    return sorted(plan, key=lambda p: p[2])


def _meeting(rng, people, title, starts, ends, agenda) -> Meeting:
    organiser = rng.choice(people)
    attendees = rng.sample(people, k=min(len(people), rng.randint(3, 5)))
    return meeting_create(
        actor=organiser,
        title=title,
        starts_at=starts,
        ends_at=ends,
        participants=attendees,
        location=rng.choice(["Room Atlas", "Room Delta", ""]),
        video_url="" if rng.random() < 0.5 else "https://meet.example.com/team",
        minutes="Decisions were noted and actions assigned." if ends < timezone.now() else "",
        agenda=agenda,
    )


def _actions(rng, meeting: Meeting, today) -> None:
    attendees = list(meeting.participants.all())
    # Demo users who can log in own the first action, so their dashboards have something to do.
    loggable = [p for p in attendees if p.has_usable_password()] or attendees
    for number, description in enumerate(rng.sample(ACTIONS, k=2)):
        due = timezone.localtime(meeting.starts_at).date() + timedelta(days=rng.randint(3, 14))
        done = due < today and rng.random() < 0.5
        action_create(
            actor=meeting.organiser,
            description=description,
            owner=rng.choice(loggable if number == 0 else attendees),
            due_date=due,
            meeting=meeting,
            status=ActionItem.Status.DONE if done else ActionItem.Status.OPEN,
        )


def _survey(rng, meeting: Meeting) -> None:
    for person in meeting.participants.all():
        invitation = SurveyInvitation.objects.create(
            meeting=meeting, user=person, emailed_at=meeting.ends_at
        )
        if person.has_usable_password() and rng.random() < 0.5:
            continue  # left for the demo users to answer from their dashboard
        base = rng.randint(2, 4)
        survey_answer(
            invitation=invitation,
            preparation=min(5, base + rng.randint(0, 1)),
            time_keeping=rng.randint(2, 5),
            decisions=min(5, base + rng.randint(0, 1)),
            action_clarity=rng.randint(base, 5),
            comment=rng.choice(COMMENTS),
        )


def meetings_demo_seed(*, extranet) -> int:
    """Seed an extranet that has no meetings yet; return how many meetings were created."""
    with tenant_context(extranet):
        if Meeting.objects.exists():
            return 0
        rng = random.Random(extranet.slug)
        people = _colleagues(extranet.slug)
        now = timezone.localtime()
        monday = (now - timedelta(days=now.weekday())).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        plan = _plan(monday.replace(tzinfo=None))
        for _week, title, starts, ends, agenda in plan:
            meeting = _meeting(rng, people, title, starts, ends, agenda)
            if meeting.ends_at < now:
                _actions(rng, meeting, now.date())
                _survey(rng, meeting)
        return len(plan)
