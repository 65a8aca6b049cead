"""The one deadline of a subject request in SQL (privacy.selectors.request_list_with_deadline),
as the due-soon list and the admin's deadline filter read it."""

import datetime

import pytest
from django.utils import timezone

from privacy import selectors
from privacy.models import SubjectRequest

pytestmark = pytest.mark.django_db
Status = SubjectRequest.Status


def _request(email, **dates):
    return SubjectRequest.objects.create(
        type="access", email=email, status=Status.VERIFIED, **dates
    )


def test_the_deadline_is_the_extension_if_any_else_the_due_date():
    today = timezone.localdate()
    plain = _request("plain@example.org", due_date=today)
    extended = _request(
        "ext@example.org", due_date=today, extended_due_date=today + datetime.timedelta(days=40)
    )
    unverified = _request("new@example.org")
    deadlines = dict(selectors.request_list_with_deadline().values_list("pk", "deadline"))
    assert deadlines == {
        plain.pk: today,
        extended.pk: today + datetime.timedelta(days=40),
        unverified.pk: None,
    }
    assert all(deadlines[r.pk] == r.effective_due_date for r in (plain, extended, unverified))


def test_an_extended_request_is_not_due_soon():
    today = timezone.localdate()
    _request("plain@example.org", due_date=today)
    _request("ext@example.org", due_date=today, extended_due_date=today + datetime.timedelta(40))
    due = selectors.request_due_soon_list(today=today)
    assert [r.email for r in due] == ["plain@example.org"]


def test_it_narrows_the_queryset_it_is_given():
    today = timezone.localdate()
    _request("a@example.org", due_date=today)
    kept = _request("b@example.org", due_date=today)
    qs = selectors.request_list_with_deadline(queryset=SubjectRequest.objects.filter(pk=kept.pk))
    assert list(qs.values_list("pk", flat=True)) == [kept.pk]


@pytest.mark.parametrize(
    ("make", "read"),
    [
        ("verify_token_make", selectors.request_for_verify_token),
        ("cancel_token_make", selectors.request_for_cancel_token),
    ],
)
def test_a_request_link_names_the_request_and_the_address_it_went_to(make, read):
    from privacy import tokens

    ann = _request("Ann@Example.org")
    bob = _request("bob@example.org")
    make = getattr(tokens, make)
    assert read(token=make(request_id=ann.pk, email="ann@example.org")) == ann
    # The same id with another address, or the address with another id: no request.
    assert read(token=make(request_id=ann.pk, email="bob@example.org")) is None
    assert read(token=make(request_id=bob.pk, email="ann@example.org")) is None
    assert read(token=make(request_id=ann.pk + bob.pk + 1, email="ann@example.org")) is None
    other = "cancel_token_make" if make is tokens.verify_token_make else "verify_token_make"
    assert read(token=getattr(tokens, other)(request_id=ann.pk, email="ann@example.org")) is None
