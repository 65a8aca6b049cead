"""The public DPO form counts filings per IP with the core limiter (privacy.services)."""

import pytest
from django.test import override_settings

from privacy import services
from privacy.models import SubjectRequest
from tests.core.test_ratelimit import WINDOW_ENDS_BEFORE_INCR

pytestmark = pytest.mark.django_db


def test_the_limit_is_per_ip():
    for _ in range(services.DPO_FORM_LIMIT):
        assert services.dpo_rate_limited(ip="203.0.113.9") is False
    assert services.dpo_rate_limited(ip="203.0.113.9") is True
    assert services.dpo_rate_limited(ip="198.51.100.7") is False


@override_settings(CACHES=WINDOW_ENDS_BEFORE_INCR)
def test_a_window_ending_between_add_and_incr_files_the_request(public_client):
    # The copy this replaced called `incr` on the vanished key: a 500, and the filing lost.
    for i in range(2):
        response = public_client.post("/dpo/", {"type": "access", "email": f"r{i}@example.org"})
        assert response.status_code == 302
    assert SubjectRequest.objects.count() == 2
