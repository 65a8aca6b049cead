"""The one read-only admin: evidence is read, never added, changed or deleted, in the back
office, even by a superuser."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from core.admin import ReadOnlyAdmin, ReadOnlyAdminMixin
from retention.admin import RetentionRunAdmin
from retention.models import RetentionRun

pytestmark = pytest.mark.django_db

READ_ONLY = {
    "consent.consentrecord",
    "prospects.contactmessage",
    "prospects.optinproof",
    "prospects.newslettersubscription",
    "prospects.partnerexport",
    "privacy.requestevent",
    "privacy.dataexport",
    "privacy.suppressedemail",
    "retention.retentionrun",
    "retention.archivedextranet",
    "retention.dropwarning",
    "stats.dailycountryvisits",
}


def _label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


@pytest.fixture
def superuser_request(staff_user):
    request = RequestFactory().get("/admin/")
    request.user = staff_user
    return request


def test_the_evidence_admins_are_the_read_only_one():
    found = {_label(m) for m, a in admin.site._registry.items() if isinstance(a, ReadOnlyAdmin)}
    assert found == READ_ONLY


def test_a_superuser_may_only_view(superuser_request):
    for model, model_admin in admin.site._registry.items():
        if _label(model) not in READ_ONLY:
            continue
        assert model_admin.has_view_permission(superuser_request)
        assert not model_admin.has_add_permission(superuser_request)
        assert not model_admin.has_change_permission(superuser_request)
        assert not model_admin.has_delete_permission(superuser_request)


def test_the_inlines_are_read_only_too(superuser_request):
    run_admin = admin.site._registry[RetentionRun]
    assert isinstance(run_admin, RetentionRunAdmin)
    inlines = run_admin.get_inline_instances(superuser_request)
    assert inlines and all(isinstance(inline, ReadOnlyAdminMixin) for inline in inlines)
    for inline in inlines:
        assert not inline.has_add_permission(superuser_request, None)
        assert not inline.has_change_permission(superuser_request)
        assert not inline.has_delete_permission(superuser_request)


def test_the_add_page_is_refused(staff_client):
    assert staff_client.get("/admin/stats/dailycountryvisits/").status_code == 200
    assert staff_client.get("/admin/stats/dailycountryvisits/add/").status_code == 403
    assert staff_client.post("/admin/privacy/suppressedemail/add/", {}).status_code == 403
